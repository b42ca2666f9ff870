"""Documents: sentences, entity mentions, relation cues, links to the graph and the claim audit.

Everything here returns plain data (frozen records, dicts, strings): never HTML. Callers
(the app, the CLI) decide how to show it, and must treat every string as untrusted.

Public API::

    read_document(data, name)            -> str   (raises DocumentError)
    split_sentences(text, markdown=...)  -> tuple[Sentence, ...]
    find_mentions(G, text)               -> tuple[Mention, ...]
    link_document(G, text, ...)          -> tuple[SentenceLinks, ...]
    audit_document(G, text, name, ...)   -> DocumentAudit   (.to_json(), format_text())
"""

from graph.text.audit import DocumentAudit, SentenceAudit, Verdict, audit_document, format_text, grade_edge
from graph.text.document import DocumentError, read_document
from graph.text.link import SentenceLinks, link_document, link_sentence
from graph.text.mentions import Mention, find_mentions, matcher_for
from graph.text.sentences import Sentence, split_sentences

__all__ = [
    "DocumentAudit",
    "DocumentError",
    "Mention",
    "Sentence",
    "SentenceAudit",
    "SentenceLinks",
    "Verdict",
    "audit_document",
    "find_mentions",
    "format_text",
    "grade_edge",
    "link_document",
    "link_sentence",
    "matcher_for",
    "read_document",
    "split_sentences",
]
