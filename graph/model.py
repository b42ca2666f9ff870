"""Frozen records of the dataset: sources, nodes, evidence items, edges, the dataset.

Records are built only by :mod:`graph.validate` (from untrusted mappings) or by code that
already holds valid values; they never change afterwards. An edge's identity is its
(subject, predicate, object) triple; its evidence is a tuple of first-class records.

The records are frozen, keyword-only ``msgspec.Struct`` types: their annotated fields are
also the typed shape :mod:`graph.validate` decodes whole files into (unknown keys
rejected), and they stay out of the cyclic garbage collector (``gc=False``: a record holds
only text, numbers, enum members and tuples of records, so it can never be part of a
reference cycle). A 50k-node dataset holds about half a million of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import msgspec

from graph.identifiers import curie_url, safe_http_url
from graph.vocab import Directness, EvidenceType, NodeKind, Predicate, Relevance, Species, Verification


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    """Base of the dataset's records: frozen, keyword-only, unknown fields rejected, acyclic."""


def record_fields(record_type: type[Record]) -> tuple[str, ...]:
    """The field names of a record type, in declaration order.

    >>> record_fields(Value)
    ('parameter', 'unit', 'value', 'low', 'high', 'qualifier', 'context')
    """
    return record_type.__struct_fields__


class Source(Record):
    """A citable record: paper, government record, web page or a document of the dataset."""

    id: str
    citation: str
    verification: Verification
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    fr: str | None = None
    url: str | None = None
    document: str | None = None
    note: str | None = None
    restates: str | None = None  # id of the source this one restates or reports again (counted once)

    @property
    def curies(self) -> tuple[str, ...]:
        """Publication identifiers as CURIEs (``PMID:1``, ``doi:10...``), best first."""
        out = []
        if self.pmid:
            out.append(f"PMID:{self.pmid}")
        if self.doi:
            out.append(f"doi:{self.doi}")
        if self.pmcid:
            out.append(f"PMCID:{self.pmcid}")
        return tuple(out)

    @property
    def link(self) -> str | None:
        """The https address a reader should open to check this source."""
        if self.curies:
            return curie_url(self.curies[0])
        return safe_http_url(self.url)

    @property
    def label(self) -> str:
        """Short identifier for display: ``PMID:123``, ``doi:...``, ``81 FR 59929`` or the document."""
        if self.curies:
            return self.curies[0]
        if self.fr:
            return self.fr
        if self.document:
            return f"document {self.document}"
        return self.url or self.id


# A source's fields in the order files write them (YAML keys, CSV columns); one list for
# the validator, the readers and the writers. A test keeps it equal to the record's fields.
SOURCE_FIELDS = (
    "id",
    "citation",
    "pmid",
    "pmcid",
    "doi",
    "fr",
    "url",
    "document",
    "verification",
    "note",
    "restates",
)


class Value(Record):
    """A measured value reported by a source: a number or a range, with its unit."""

    parameter: str
    unit: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "="
    context: str | None = None

    def __str__(self) -> str:
        if self.value is not None:
            number = f"{_num(self.value)}"
        else:
            number = f"{_num(self.low)}-{_num(self.high)}"
        q = "" if self.qualifier == "=" else f"{self.qualifier} "
        unit = f" {self.unit}" if self.unit else ""
        ctx = f" ({self.context})" if self.context else ""
        return f"{self.parameter} {q}{number}{unit}{ctx}".replace("  ", " ")


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:g}"


class Evidence(Record):
    """One piece of evidence for one relation: what kind, from where, and what it says."""

    type: EvidenceType
    source: str
    text: str
    quote: bool = False
    species: Species | None = None
    assay: str | None = None
    values: tuple[Value, ...] = ()
    negated: bool = False
    verification: Verification | None = None
    note: str | None = None
    directness: Directness = Directness.DIRECT
    relevance: Relevance = Relevance.FINDING
    restates: str | None = None  # this item repeats that source's finding (counted once with it)

    def verification_in(self, sources: Mapping[str, Source]) -> Verification | None:
        """How this item was seen: its own ``verification``, else its source's (None: a
        source not in ``sources``). The scorer, the build and the HTML export apply the
        same rule through a table of the sources' verifications.

        >>> s = Source(id="S", citation="c", pmid="1", verification=Verification.SECONDARY)
        >>> Evidence(type=EvidenceType.ANIMAL, source="S", text="t").verification_in({"S": s}).value
        'secondary'
        >>> Evidence(type=EvidenceType.ANIMAL, source="X", text="t").verification_in({"S": s}) is None
        True
        """
        if self.verification is not None:
            return self.verification
        source = sources.get(self.source)
        return source.verification if source is not None else None


class Node(Record):
    id: str
    label: str
    kind: NodeKind
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    description: str | None = None
    id_note: str | None = None
    id_source: str | None = None
    subunits: tuple[str, ...] = ()
    # The Biolink category an imported file gave, when the kind alone does not say it.
    category: str | None = None

    @property
    def biolink_category(self) -> str:
        return self.category or self.kind.biolink_category


class Edge(Record):
    subject: str
    predicate: Predicate
    object: str
    evidence: tuple[Evidence, ...]

    @property
    def key(self) -> str:
        """Stable edge id: ``subject|predicate|object``."""
        return f"{self.subject}|{self.predicate.value}|{self.object}"


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """A whole validated dataset. Lookups are by id."""

    name: str
    version: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    documents: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def edge_keys(self) -> tuple[str, ...]:
        """Each edge's ``subject|predicate|object`` key, in the order of ``edges``.

        :func:`graph.validate.validate_raw` fills it with the keys it made to find duplicate
        edges, so that the graph's edge ids are those strings rather than a second copy.
        """
        return tuple(e.key for e in self.edges)

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    @cached_property
    def alias_to_id(self) -> dict[str, str]:
        """Other names of nodes (their xrefs, old local ids among them) mapped to node ids."""
        return node_aliases(self.nodes)

    def resolve_node_id(self, ident: str) -> str | None:
        """The node id ``ident`` names: itself if it is a node id, else the node it is an xref of."""
        if ident in self.node_by_id:
            return ident
        return self.alias_to_id.get(ident)

    @property
    def evidence_count(self) -> int:
        return sum(len(e.evidence) for e in self.edges)


def node_aliases(nodes) -> dict[str, str]:
    """``{xref: node id}`` for xrefs that name exactly one node and are not node ids themselves.

    An old local id kept as an xref (``KRATOM:paynantheine``) thus still names its node.

    >>> a = Node(id="PUBCHEM.COMPOUND:1", label="a", kind=NodeKind.ALKALOID, xrefs=("KRATOM:a", "CAS:1"))
    >>> b = Node(id="PUBCHEM.COMPOUND:2", label="b", kind=NodeKind.ALKALOID, xrefs=("CAS:1",))
    >>> node_aliases([a, b])
    {'KRATOM:a': 'PUBCHEM.COMPOUND:1'}
    """
    ids = {n.id for n in nodes}
    owners: dict[str, set[str]] = {}
    for n in nodes:
        for x in n.xrefs:
            if x not in ids:
                owners.setdefault(x, set()).add(n.id)
    return {x: next(iter(o)) for x, o in owners.items() if len(o) == 1}
