"""Reading uploaded documents: the project's own error, with a clear message."""

from __future__ import annotations

import pytest

from graph.errors import GraphError
from graph.text.document import DocumentError, read_document


@pytest.mark.parametrize(
    "data, name, message",
    [
        pytest.param(b"x" * 101, "a.txt", "limit is 100", id="too-large"),
        pytest.param(b"line one\nline two \xff\n", "a.txt", "line 2: not UTF-8", id="not-utf8-line"),
        pytest.param(b"  \n\t", "a.md", "empty", id="empty"),
        pytest.param(b"text", "a.pdf", "only .txt and .md", id="wrong-extension"),
        pytest.param(b"text", "noext", "no extension", id="no-extension"),
        pytest.param(b"a\x00b", "a.txt", "NUL", id="nul-byte"),
    ],
)
def test_refused(data, name, message):
    with pytest.raises(DocumentError, match=message) as info:
        read_document(data, name, max_bytes=100)
    assert isinstance(info.value, GraphError)


def test_bom_dropped_and_text_unchanged():
    assert read_document("\ufeffKratom’s <b>text</b>\r\n".encode(), "x.MD") == "Kratom’s <b>text</b>\r\n"


def test_name_is_reduced_to_a_printable_base_name():
    with pytest.raises(DocumentError, match=r"^evil\?.exe:"):
        read_document(b"x", "../../etc/evil\x07.exe")
