"""Records: the field lists that readers, writers and the validator share."""

from __future__ import annotations

from dataclasses import fields

from graph.model import SOURCE_FIELDS, Source


def test_source_fields_name_every_field_of_the_record_once():
    assert len(SOURCE_FIELDS) == len(set(SOURCE_FIELDS))
    assert set(SOURCE_FIELDS) == {f.name for f in fields(Source)}
