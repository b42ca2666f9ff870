"""Read an uploaded document (bytes from a user) into text, or refuse it with a clear message.

Only ``.txt`` and ``.md`` files, UTF-8 (a BOM is dropped), not empty, within a size cap.
The text is returned unchanged otherwise: offsets computed on it point into the upload.

>>> read_document(b"Kratom contains mitragynine.", "a.txt")
'Kratom contains mitragynine.'
>>> read_document(b"ok\\n\\xff", "a.md")
Traceback (most recent call last):
...
graph.text.document.DocumentError: a.md: line 2: not UTF-8 text (byte 0xff at offset 3)
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from graph.errors import GraphError

MAX_DOCUMENT_BYTES = 1_000_000
ALLOWED_SUFFIXES = (".txt", ".md")


class DocumentError(GraphError):
    """A document could not be read: wrong extension, too large, empty or not UTF-8."""


def _display_name(name: str) -> str:
    # Keep only the final path component and printable characters: the name is untrusted.
    base = PurePath(str(name).replace("\\", "/")).name or "document"
    return "".join(ch if ch.isprintable() else "?" for ch in base)[:120]


def read_document(data: bytes, name: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Decode an uploaded ``.txt`` or ``.md`` document; raise :class:`DocumentError` otherwise."""
    shown = _display_name(name)
    suffix = PurePath(shown).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise DocumentError(
            f"{shown}: only {' and '.join(ALLOWED_SUFFIXES)} documents can be audited (got {suffix or 'no extension'!r})"
        )
    if len(data) > max_bytes:
        raise DocumentError(f"{shown}: document is {len(data):,} bytes; the limit is {max_bytes:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        offset = exc.start + bom
        line = data[:offset].count(b"\n") + 1
        raise DocumentError(
            f"{shown}: line {line}: not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})"
        ) from None
    if not text.strip():
        raise DocumentError(f"{shown}: document is empty")
    if "\x00" in text:
        raise DocumentError(
            f"{shown}: line {text[: text.index(chr(0))].count(chr(10)) + 1}: NUL byte in text"
        )
    return text


def text_hash(text: str) -> str:
    """SHA-256 of the text with line endings normalised: how a document is recognised."""
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()
