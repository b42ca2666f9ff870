"""Graphs other tools write, without evidence: GraphML, GEXF, Cytoscape JSON, plain node-link JSON.

GraphML (yEd, Cytoscape, Gephi, networkx), GEXF (Gephi), Cytoscape's JSON export (``.cyjs``)
and node-link JSON as networkx and D3 write it (``source``/``target`` links; D3's older
files give no node ids and link nodes by position) hold a network but no evidence. Each
node and edge is turned into a KGX record (``id``, ``name``, ``category``; ``subject``,
``predicate``, ``object``) and imported as KGX is (:func:`graph.formats.kgx.kgx_raw`):

- a node's label is its ``label`` or ``name`` (``shared_name`` in Cytoscape), its kind is
  its ``kind`` when that is a project node kind (this project's own flattened exports
  write one), else its Biolink ``category``, else ``other`` (warned); its other
  attributes are listed after its description;
- a node id that is not a CURIE gets the prefix ``local:`` (warned: ``id_not_curie``);
- an edge's predicate is its ``predicate`` when that is a project predicate or a Biolink
  one; anything else (Cytoscape's ``interaction``, a ``label``) is read as ``related_to``
  (warned) and named in the evidence text;
- every edge is cited as the imported file itself (one ``database`` item, ``secondary``),
  its other attributes listed in the item's text, unless it names publications (this
  project's exports do), which are then cited;
- an undirected graph's edges run from the end the file lists first (warned: ``undirected``).

Every problem names the file and the node or edge (``node 'n3'``, ``edges[4]``); XML that
does not parse is reported at its line. Counts are checked against the limits.

>>> imported = read_node_link_data(
...     {"nodes": [{"id": "a"}, {"id": "b", "label": "B"}], "links": [{"source": "a", "target": "b"}]},
...     "g.json")
>>> [(n.id, n.label) for n in imported.dataset.nodes]
[('local:a', 'a'), ('local:b', 'B')]
>>> edge = imported.dataset.edges[0]
>>> edge.predicate.value, edge.evidence[0].type.value
('related_to', 'database')
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from graph.errors import Problem
from graph.formats.biolink import biolink_edge
from graph.formats.files import data_suffix, fail, load_json, where
from graph.formats.kgx import Records, kgx_raw, read_json_data
from graph.formats.limits import DEFAULT_LIMITS, Limits
from graph.formats.located import Origin
from graph.formats.report import Imported
from graph.validate import CURIE_RE, MAX_TEXT
from graph.vocab import NodeKind, Predicate

NAME_GRAPHML, NAME_GEXF, NAME_CYTOSCAPE, NAME_NODE_LINK = (
    "GraphML",
    "GEXF",
    "Cytoscape JSON",
    "node-link JSON (networkx, D3)",
)
_KINDS = {k.value for k in NodeKind}
_PREDICATES = {p.value: p for p in Predicate}
_LIST_JOIN = re.compile(r";\s*|\|")  # this project's flattened exports join lists with "; "
# Attributes read into the record (not listed again in the evidence text).
_NODE_READ = {
    "id",
    "label",
    "name",
    "shared_name",
    "kind",
    "category",
    "synonyms",
    "xrefs",
    "description",
    "id_note",
}
_EDGE_READ = {"id", "source", "target", "key", "predicate", "publications", "edge_id"}
_SKIP = {"SUID", "selected", "shared_interaction"}  # Cytoscape's bookkeeping


def _local_ids(ids: list[Any]) -> dict[Any, str]:
    """Each id as a CURIE: kept when it is one, else ``local:`` + the id (spaces and ``|`` as ``_``)."""
    out: dict[Any, str] = {}
    taken: set[str] = set()
    for raw in ids:
        text = str(raw).strip()
        if CURIE_RE.match(text):
            curie = text
        else:
            curie = "local:" + (re.sub(r"[\s|]+", "_", text) or "_")
            base, n = curie, 2
            while curie in taken:
                curie, n = f"{base}_{n}", n + 1
        taken.add(curie)
        out[raw] = curie
    return out


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _attributes(attrs: Mapping[str, Any], read: set[str]) -> str:
    """The attributes not read into the record, as ``name=value`` for the evidence text."""
    parts = []
    for key, value in attrs.items():
        if key in read or key in _SKIP or isinstance(value, (dict, list)):
            continue
        text = _text(value)
        if text is not None:
            parts.append(f"{key}={text}")
    return ", ".join(parts)


def _node_record(curie: str, raw_id: Any, attrs: Mapping[str, Any]) -> dict:
    record: dict[str, Any] = {"id": curie}
    label = _text(attrs.get("label")) or _text(attrs.get("name")) or _text(attrs.get("shared_name"))
    record["name"] = label or str(raw_id).strip() or curie
    kind = _text(attrs.get("kind"))
    if kind in _KINDS:
        record["kme_kind"] = kind
    category = _text(attrs.get("category"))
    if category and CURIE_RE.match(category):
        record["category"] = [category]
    for key, target in (("synonyms", "synonym"), ("xrefs", "xref")):
        text = _text(attrs.get(key))
        if text:
            record[target] = [v.strip() for v in _LIST_JOIN.split(text) if v.strip()]
    id_note = _text(attrs.get("id_note"))  # this project's flattened exports write one
    if id_note:
        record["kme_id_note"] = id_note
    # What else the file says of the node (Gephi's modularity class, D3's group, Cytoscape's
    # colour) is shown with its description, in the panel.
    description = _text(attrs.get("description"))
    listed = _attributes(attrs, _NODE_READ)
    if listed:
        listed = f"Attributes given by the imported file: {listed}."
        description = f"{description} ({listed})" if description else listed
    if description:
        record["description"] = (
            description if len(description) <= MAX_TEXT else description[: MAX_TEXT - 1] + "…"
        )
    return record


def _edge_record(subject: str, obj: str, attrs: Mapping[str, Any]) -> dict:
    record: dict[str, Any] = {"subject": subject, "object": obj}
    given = _text(attrs.get("predicate"))
    read = _EDGE_READ
    if given in _PREDICATES:
        record.update(biolink_edge(_PREDICATES[given]))
    elif given and given.startswith("biolink:"):
        record["predicate"] = given
    else:
        read = _EDGE_READ - {"predicate"}  # a predicate no vocabulary knows: named in the text
    publications = _text(attrs.get("publications"))
    if publications:
        record["publications"] = [v.strip() for v in _LIST_JOIN.split(publications) if v.strip()]
    listed = _attributes(attrs, read)
    if listed:
        record["kme_attributes"] = listed
    return record


def import_records(
    nodes: list[tuple[Any, Mapping[str, Any], str]],
    edges: list[tuple[Any, Any, Mapping[str, Any], str]],
    *,
    file: str,
    fmt: str,
    name: str,
    directed: bool,
    limits: Limits,
    strict: bool,
    meta: Mapping[str, Any] | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
) -> Imported:
    """Import nodes ``(id, attributes, entry)`` and edges ``(source id, target id, attributes,
    entry)`` of a graph without evidence, as KGX records (see the module docstring).

    ``positions``: where the file placed each node (its own ids; y downwards), kept as the
    import's layout when it places every node imported."""
    if len(nodes) > limits.max_nodes or len(edges) > limits.max_edges:
        fail(
            [
                Problem(
                    file=file,
                    message=f"{len(nodes):,} nodes and {len(edges):,} edges; the limits are "
                    f"{limits.max_nodes:,} and {limits.max_edges:,}",
                )
            ]
        )
    ids = _local_ids([n for n, _, _ in nodes])
    warnings: list[Problem] = []
    node_records, edge_records = Records(), Records()
    for raw_id, attrs, entry in nodes:
        curie = ids[raw_id]
        origin = Origin(file, None, entry)
        if curie != str(raw_id).strip():
            warnings.append(
                Problem(
                    file=file,
                    entry=entry,
                    field="id",
                    message=f"{str(raw_id)!r} is not a CURIE: read as {curie}",
                    code="id_not_curie",
                )
            )
        node_records.append((_node_record(curie, raw_id, attrs), origin))
    for source, target, attrs, entry in edges:
        origin = Origin(file, None, entry)
        # An end with no node entry keeps its id as given: the KGX import leaves the edge out, warned.
        subject = ids.get(source, str(source))
        obj = ids.get(target, str(target))
        if not directed:
            warnings.append(
                Problem(
                    file=file,
                    entry=entry,
                    message=f"undirected: read from {subject} to {obj}",
                    code="undirected",
                )
            )
        record = _edge_record(subject, obj, attrs)
        record["kme_ends"] = (str(source).strip(), str(target).strip())  # the text names them so
        edge_records.append((record, origin))
    metadata = {k: v for k, v in (meta or {}).items() if k in ("name", "version", "description") and _text(v)}
    raw = kgx_raw(node_records, edge_records, metadata, None, limits, default_name=f"Imported {fmt} ({name})")
    raw.problems[:0] = warnings
    raw.part_files.setdefault("nodes", file)
    raw.part_files.setdefault("edges", file)
    dataset = raw.validate(strict)
    return Imported(dataset, fmt, raw.report(dataset), _layout(positions, ids, dataset))


def _layout(given: Mapping[Any, tuple[float, float]] | None, ids: Mapping[Any, str], dataset) -> dict:
    """The file's positions by node id, if it placed every node of ``dataset`` (else none:
    a partial layout would leave the rest nowhere)."""
    if not given:
        return {}
    out = {ids[raw]: xy for raw, xy in given.items() if raw in ids}
    if any(node.id not in out for node in dataset.nodes) or len(set(out.values())) < 2:
        return {}
    return {node.id: out[node.id] for node in dataset.nodes}


def _xy(x: Any, y: Any, flip: bool = False) -> tuple[float, float] | None:
    """A position from two numbers (or numeric text), finite; ``flip``: the file's y grows upwards."""
    try:
        fx, fy = float(x), float(y)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(fx) and math.isfinite(fy)):
        return None
    return fx, -fy if flip else fy


def _node_position(attrs: Mapping[str, Any], flip: bool) -> tuple[float, float] | None:
    """Where a file placed a node: GEXF's ``viz:position`` (networkx reads it into ``viz``),
    yEd's geometry (``x``, ``y`` in networkx's GraphML reading), a node-link node's ``x``, ``y``."""
    viz = attrs.get("viz")
    if isinstance(viz, Mapping) and isinstance(viz.get("position"), Mapping):
        return _xy(viz["position"].get("x"), viz["position"].get("y"), flip)
    if "x" in attrs and "y" in attrs:
        return _xy(attrs["x"], attrs["y"])
    return None


def _one(texts: Mapping[str, str], display: str) -> tuple[str, str, str]:
    if len(texts) != 1:
        fail([Problem(file=where(display), message="open one JSON graph file at a time")])
    name, text = next(iter(texts.items()))
    return name, text, f"{display}{name}"


def _from_networkx(H: nx.Graph, at: str, name: str, fmt: str, limits: Limits, strict: bool) -> Imported:
    nodes = [(n, d, f"node {str(n)!r}") for n, d in H.nodes(data=True)]
    if H.is_multigraph():
        triples = ((u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True))
    else:
        triples = ((u, v, None, d) for u, v, d in H.edges(data=True))
    edges = []
    for i, (u, v, k, d) in enumerate(triples):
        label = d.get("id") or d.get("edge_id") or (k if isinstance(k, str) else None)
        edges.append((u, v, d, f"edge {str(label)!r}" if label is not None else f"edges[{i}]"))
    meta = {"name": H.graph.get("name")} if isinstance(H.graph.get("name"), str) else None
    # Gephi's y axis points up, a screen's down.
    positions = {n: xy for n, d, _ in nodes if (xy := _node_position(d, flip=fmt == NAME_GEXF)) is not None}
    return import_records(
        nodes,
        edges,
        file=at,
        fmt=fmt,
        name=name,
        directed=H.is_directed(),
        positions=positions,
        limits=limits,
        strict=strict,
        meta=meta,
    )


_XML_ERRORS = (ParseError, nx.NetworkXError, ValueError, KeyError, TypeError, AttributeError)


def _read_xml(
    texts: Mapping[str, str], display: str, limits: Limits, strict: bool, fmt: str, parse
) -> Imported:
    """One XML graph file parsed by ``parse`` (text -> networkx graph), then imported."""
    name, text, at = _one(texts, display)
    try:
        H = parse(text)
    except _XML_ERRORS as exc:
        if isinstance(exc, ParseError):
            line = exc.position[0] if getattr(exc, "position", None) else None
            fail([Problem(file=at, line=line, message=f"not XML: {exc}")])
        fail([Problem(file=at, message=f"not {fmt} this importer reads: {exc}")])
    return _from_networkx(H, at, name, fmt, limits, strict)


def _parse_graphml(text: str) -> nx.Graph:
    # networkx's reader: typed keys, yEd node labels, parallel edges kept.
    return nx.parse_graphml(text.encode("utf-8"), force_multigraph=True)


def _parse_gexf(text: str) -> nx.Graph:
    # networkx reads the version it is told (the namespace says which). Gephi names GEXF
    # 1.3's namespace http://www.gexf.net/1.3, networkx http://gexf.net/1.3: one namespace.
    found = re.search(r"gexf\.net/(1\.1draft|1\.2draft|1\.3)\b", text[:2048])
    if found and found.group(1) == "1.3":
        text = text.replace("http://www.gexf.net/1.3", "http://gexf.net/1.3")
    return nx.read_gexf(io.BytesIO(text.encode("utf-8")), version=found.group(1) if found else "1.2draft")


def sniff_graphml(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".graphml"


def read_graphml(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One GraphML file (yEd, Cytoscape, Gephi, networkx)."""
    return _read_xml(texts, display, limits, strict, NAME_GRAPHML, _parse_graphml)


def sniff_gexf(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".gexf"


def read_gexf(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One GEXF file (GEXF 1.1 to 1.3: attributes, Gephi's viz data)."""
    return _read_xml(texts, display, limits, strict, NAME_GEXF, _parse_gexf)


def sniff_cytoscape(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".cyjs"


def read_cytoscape(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One Cytoscape JSON file (``elements`` as ``{nodes, edges}`` or as one list with ``group``)."""
    name, text, at = _one(texts, display)
    return read_cytoscape_data(load_json(text, at, limits), at, name=name, limits=limits, strict=strict)


def read_cytoscape_data(
    data: Any, at: str, *, name: str | None = None, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    elements = data.get("elements") if isinstance(data, dict) else None
    if isinstance(elements, dict):
        groups = [("nodes", elements.get("nodes") or []), ("edges", elements.get("edges") or [])]
    elif isinstance(elements, list):
        groups = [
            ("nodes", [e for e in elements if isinstance(e, dict) and e.get("group") == "nodes"]),
            ("edges", [e for e in elements if isinstance(e, dict) and e.get("group") == "edges"]),
        ]
    else:
        fail(
            [Problem(file=at, field="elements", message="Cytoscape JSON holds `elements` (nodes and edges)")]
        )
    problems, nodes, edges = [], [], []
    positions: dict[Any, tuple[float, float]] = {}  # Cytoscape's layout: each node's `position`
    for group, items in groups:
        if not isinstance(items, list):
            problems.append(Problem(file=at, field=f"elements.{group}", message="must be a list"))
            continue
        for i, item in enumerate(items):
            entry = f"elements.{group}[{i}]"
            d = item.get("data") if isinstance(item, dict) else None
            if not isinstance(d, dict):
                problems.append(Problem(file=at, entry=entry, message="must be an object with `data`"))
                continue
            if group == "nodes":
                if _text(d.get("id")) is None:
                    problems.append(
                        Problem(file=at, entry=entry, field="data.id", message="a node needs an id")
                    )
                    continue
                nodes.append((d["id"], d, entry))
                where_ = item.get("position")
                if isinstance(where_, dict) and (xy := _xy(where_.get("x"), where_.get("y"))) is not None:
                    positions[d["id"]] = xy
            else:
                if _text(d.get("source")) is None or _text(d.get("target")) is None:
                    problems.append(
                        Problem(
                            file=at, entry=entry, field="data", message="an edge needs a source and a target"
                        )
                    )
                    continue
                edges.append((d["source"], d["target"], d, entry))
    fail(problems)
    graph = data.get("data") if isinstance(data.get("data"), dict) else {}
    directed = data.get("directed", graph.get("directed", True)) is not False
    meta = {"name": graph.get("name")} if isinstance(graph.get("name"), str) else None
    label = name or at.rsplit("/", 1)[-1]
    return import_records(
        nodes,
        edges,
        file=at,
        fmt=NAME_CYTOSCAPE,
        name=label,
        directed=directed,
        positions=positions,
        limits=limits,
        strict=strict,
        meta=meta,
    )


def is_node_link(data: Any) -> bool:
    """JSON of a network as networkx or D3 write it: ``nodes`` and ``links`` (or ``edges``)
    whose items give ``source`` and ``target``, not KGX's ``subject`` and ``object``."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return False
    links = data.get("links", data.get("edges"))
    if not isinstance(links, list) or not links:
        return "links" in data
    first = links[0]
    return isinstance(first, dict) and "source" in first and "target" in first and "subject" not in first


def is_cytoscape(data: Any) -> bool:
    return isinstance(data, dict) and "elements" in data and "nodes" not in data


def read_node_link_data(
    data: Mapping[str, Any], at: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """Node-link JSON from networkx (``id``; links by id) or D3 (links by id or by position)."""
    problems, nodes, edges = [], [], []
    items = data["nodes"]
    for i, item in enumerate(items):
        entry = f"nodes[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem(file=at, entry=entry, message="must be an object"))
            continue
        # D3's older files give no ids: a node is its position, and is named by its `name`.
        nid = item.get("id", i)
        if isinstance(nid, (dict, list)) or _text(nid) is None:
            problems.append(Problem(file=at, entry=entry, field="id", message="must be a text or a number"))
            continue
        nodes.append((nid, item, entry))
    by_position = all("id" not in n for n in items if isinstance(n, dict))
    known = {n for n, _, _ in nodes}
    links = data.get("links", data.get("edges")) or []
    for i, link in enumerate(links):
        entry = f"links[{i}]" if "links" in data else f"edges[{i}]"
        if not isinstance(link, dict) or "source" not in link or "target" not in link:
            problems.append(Problem(file=at, entry=entry, message="a link needs a source and a target"))
            continue
        ends = []
        for end in (link["source"], link["target"]):
            if isinstance(end, dict):  # a link a D3 simulation has resolved to its node objects
                end = end.get("id", end.get("index"))
            if by_position and isinstance(end, int) and not isinstance(end, bool) and end not in known:
                end = str(end)  # a position with no node: left out by the import, warned
            ends.append(end)
        edges.append((ends[0], ends[1], link, entry))
    fail(problems)
    graph = data.get("graph") if isinstance(data.get("graph"), dict) else {}
    name = at.rsplit("/", 1)[-1]
    return import_records(
        nodes,
        edges,
        file=at,
        fmt=NAME_NODE_LINK,
        name=name,
        directed=data.get("directed", True) is not False,
        # A D3 simulation's or a drawing tool's saved layout: each node's `x`, `y`.
        positions={n: xy for n, d, _ in nodes if (xy := _node_position(d, flip=False)) is not None},
        limits=limits,
        strict=strict,
        meta=graph,
    )


def read_json(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One JSON graph that is not this project's node-link JSON: node-link JSON from networkx
    or D3 and Cytoscape JSON here, anything else as KGX JSON (:func:`graph.formats.kgx.read_json_data`)."""
    name, text, at = _one(texts, display)
    data = load_json(text, at, limits)
    if is_node_link(data):
        return read_node_link_data(data, at, limits=limits, strict=strict)
    if is_cytoscape(data):
        return read_cytoscape_data(data, at, name=name, limits=limits, strict=strict)
    return read_json_data(data, at, name, limits=limits, strict=strict)
