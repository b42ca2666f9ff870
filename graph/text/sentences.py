"""Split a document into sentences with pysbd, keeping character offsets into the original text.

Lines are split first (a heading or a list item has no final period but is its own
sentence), then pysbd segments each line. Every :class:`Sentence` holds ``start``/``end``
such that ``text[start:end] == sentence.text``; leading and trailing whitespace is not
part of a sentence. With ``markdown=True`` the block markers at the start of a line
(``#``, ``>``, ``-``, ``*``, ``+``, ``1.``) are left out of the sentence span, nothing else
is rewritten, so offsets still point into the uploaded text.

>>> [s.text for s in split_sentences("Kratom contains MG. It binds MOR.\\n- a list item")]
['Kratom contains MG.', 'It binds MOR.', '- a list item']
>>> s = split_sentences("# Title\\nText here.", markdown=True)[0]
>>> s.text, s.start, s.end
('Title', 2, 7)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

_MARKDOWN_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+][ \t]+|\d{1,3}[.)][ \t]+)+")


@dataclass(frozen=True, kw_only=True)
class Sentence:
    """One sentence: its position in the document and its text (``document[start:end]``)."""

    index: int
    start: int
    end: int
    text: str


def _segmenter() -> pysbd.Segmenter:
    # A new segmenter per document: pysbd keeps per-call state on the instance, and
    # building one costs microseconds; sharing one across app sessions is not worth a lock.
    return pysbd.Segmenter(language="en", clean=False)


def _line_spans(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line
        pos += len(line)


def split_sentences(text: str, *, markdown: bool = False) -> tuple[Sentence, ...]:
    """Sentences of ``text`` with their offsets; blank lines give none."""
    seg = _segmenter()
    out: list[Sentence] = []
    for line_start, line in _line_spans(text):
        body = line.rstrip("\r\n")
        lead = 0
        if markdown:
            m = _MARKDOWN_PREFIX.match(body)
            if m:
                lead = m.end()
        if not body[lead:].strip():
            continue
        cursor = lead
        for piece in seg.segment(body[lead:]):
            piece = piece.strip()
            if not piece:
                continue
            found = body.find(piece, cursor)
            if found < 0:  # pysbd never rewrites with clean=False; stay safe if it ever does
                continue
            start, end = line_start + found, line_start + found + len(piece)
            out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
            cursor = found + len(piece)
    return tuple(out)
