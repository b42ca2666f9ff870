"""Records: the field lists that readers, writers and the validator share."""

from __future__ import annotations

from graph.model import SOURCE_FIELDS, Source, record_fields


def test_source_fields_name_every_field_of_the_record_once():
    assert len(SOURCE_FIELDS) == len(set(SOURCE_FIELDS))
    assert set(SOURCE_FIELDS) == set(record_fields(Source))
