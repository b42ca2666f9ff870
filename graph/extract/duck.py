"""DuckDB engine: the extraction plan as SQL over the KGX files, read in place and out of core.

DuckDB (embedded, no server) reads TSV with ``read_csv`` and JSON Lines with
``read_json_objects``, gzipped or not, in parallel, straight from the file. The node file
gives a small table (id, name, allowed by the category filter) for the seeds and the
hops. Each hop is one scan of the edge file that keeps the full rows of the edges at the
last frontier (and only those), so a K-hop extraction reads the edge file K times and
holds no more than the neighbourhood in memory; ``memory_limit`` and a temporary
directory let DuckDB spill if a neighbourhood is larger than memory.

Lenient reading (the rule of :mod:`graph.extract.fields`): ``null_padding`` pads short
rows; a row with more fields than the header is skipped (one extra field lands in the
sentinel column :data:`graph.extract.files.EXTRA`, more are rejected by the reader and
counted from its rejects table); rows without an id (nodes) or a subject, predicate or
object (edges), and JSON Lines that are not objects, are skipped; every skip is counted.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

import duckdb

from graph.errors import ExtractError, Problem
from graph.extract.files import EXTRA, GraphFile, GraphFiles
from graph.extract.plan import PROVENANCE, SEARCHED, Filters, Skipped

MEMORY_LIMIT = os.environ.get("GRAPH_EXTRACT_MEMORY", "1500MB")
SKIP_REASONS = {
    1: "rows that are not a JSON object",
    2: "rows with more fields than the header",
    3: "rows without a required field (node: id; edge: subject, predicate, object)",
}
REJECTED = "rows the TSV reader rejected (too many fields or broken quoting)"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _terms(terms: frozenset[str]) -> str:
    return ", ".join(_lit(t) for t in sorted(terms))


class DuckDBEngine:
    """Runs a :class:`~graph.extract.plan.Plan` step by step in one DuckDB connection."""

    name = "duckdb"

    def __init__(self, files: GraphFiles, *, threads: int | None = None, memory_limit: str = MEMORY_LIMIT):
        self.files = files
        self._tmp = tempfile.TemporaryDirectory(prefix="graph-extract-")
        config: dict[str, Any] = {
            "memory_limit": memory_limit,
            "temp_directory": self._tmp.name,
            "preserve_insertion_order": False,
        }
        if threads:
            config["threads"] = threads
        self.con = duckdb.connect(":memory:", config=config)
        self.filters = Filters()
        self._skips: dict[str, int] = {}
        self._hops: list[str] = []

    # -- reading: one normalised relation per file -------------------------------------------

    def _source(self, f: GraphFile, rejects: str | None = None) -> str:
        path = _lit(str(f.path))
        if f.fmt == "jsonl":
            return f"read_json_objects({path}, format='newline_delimited', ignore_errors=true) AS t(j)"
        columns = "{" + ", ".join(f"{_lit(c)}: 'VARCHAR'" for c in (*f.columns, EXTRA)) + "}"
        store = (
            f", store_rejects=true, rejects_table={_lit(rejects)}, rejects_scan={_lit(rejects + '_scan')}"
            if rejects
            else ""
        )
        return (
            f"read_csv({path}, delim='\\t', header=true, columns={columns}, auto_detect=false, "
            f"null_padding=true, ignore_errors=true, quote='\"', escape='\"', nullstr=''{store})"
        )

    def _first(self, f: GraphFile, key: str) -> str:
        """A single-valued field: trimmed text, a JSON list's first element; '' is NULL."""
        if f.fmt == "tsv":
            return f"NULLIF(trim({_q(key)}), '')" if key in f.columns else "NULL::VARCHAR"
        v = f"json_extract(j, {_lit('$.' + json.dumps(key))})"
        return f"NULLIF(trim(CASE json_type({v}) WHEN 'ARRAY' THEN {v}->>'$[0]' ELSE {v}->>'$' END), '')"

    def _values(self, f: GraphFile, key: str) -> str:
        """A multi-valued field: a JSON list's elements, or text split on ``|``; trimmed, no empties."""
        if f.fmt == "tsv":
            if key not in f.columns:
                return "[]::VARCHAR[]"
            listed = f"string_split(coalesce({_q(key)}, ''), '|')"
        else:
            v = f"json_extract(j, {_lit('$.' + json.dumps(key))})"
            listed = (
                f"CASE json_type({v}) WHEN 'ARRAY' THEN {v}->>'$[*]' "
                f"ELSE string_split(coalesce({v}->>'$', ''), '|') END"
            )
        return (
            f"list_filter(list_transform({listed}, lambda x: trim(x)), lambda x: x IS NOT NULL AND x <> '')"
        )

    def _relation(self, f: GraphFile, *, keep_rows: bool, rejects: str | None = None) -> str:
        """The file as ``(row columns..., fields..., st)``; ``st`` 0 usable, else a skip reason."""
        row = ("j" if f.fmt == "jsonl" else ", ".join(_q(c) for c in f.columns)) if keep_rows else ""
        if f.role == "nodes":
            fields = {"__id": self._first(f, "id"), "__name": self._first(f, "name")}
            required = ("__id",)
            if self.filters.categories:
                fields["__allowed"] = (
                    f"len(list_intersect({self._values(f, 'category')}, [{_terms(self.filters.categories)}])) > 0"
                )
            else:
                fields["__allowed"] = "true"
        else:
            fields = {f"__{k}": self._first(f, k) for k in ("subject", "predicate", "object")}
            required = ("__subject", "__predicate", "__object")
            tests = []
            if self.filters.knowledge_sources:
                keys = [k for k in PROVENANCE if f.fmt == "jsonl" or k in f.columns]
                lists = " || ".join(self._values(f, k) for k in keys) or "[]::VARCHAR[]"
                tests.append(f"len(list_intersect({lists}, [{_terms(self.filters.knowledge_sources)}])) > 0")
            fields["__ok"] = " AND ".join(tests) or "true"
        broken = "j IS NULL OR json_type(j) <> 'OBJECT'" if f.fmt == "jsonl" else f"{_q(EXTRA)} IS NOT NULL"
        code = 1 if f.fmt == "jsonl" else 2
        missing = " OR ".join(f"{k} IS NULL" for k in required)
        inner_cols = ", ".join([*(c for c in [row] if c), *(f"{e} AS {k}" for k, e in fields.items())])
        extra = "" if f.fmt == "jsonl" else f", {_q(EXTRA)}"
        outer_cols = ", ".join([*(c for c in [row] if c), *fields])
        jcol = ", j" if f.fmt == "jsonl" and not keep_rows else ""
        predicate_ok = ""
        if f.role == "edges" and self.filters.predicates:
            predicate_ok = f" AND __predicate IN ({_terms(self.filters.predicates)})"
        return (
            f"(SELECT {outer_cols}, CASE WHEN {broken} THEN {code} WHEN {missing} THEN 3 ELSE 0 END AS st"
            f"{', (__ok' + predicate_ok + ') AS __pass' if f.role == 'edges' else ''} "
            f"FROM (SELECT {inner_cols}{extra}{jcol} FROM {self._source(f, rejects)}))"
        )

    def _run(self, sql: str):
        try:
            return self.con.execute(sql)
        except duckdb.Error as exc:
            raise ExtractError([Problem(file=self._culprit(str(exc)), message=self._explain(exc))]) from None

    def _culprit(self, message: str) -> str:
        for f in (self.files.nodes, self.files.edges):
            if str(f.path) in message:
                return f.display
        return f"{self.files.nodes.display}, {self.files.edges.display}"

    @staticmethod
    def _explain(exc: Exception) -> str:
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        lowered = text.lower()
        if any(w in lowered for w in ("gzip", "compress", "inflate", "zlib")):
            return f"not a readable gzip file: {text}"
        if "utf-8" in lowered or "unicode" in lowered:
            return f"not UTF-8 text: {text}"
        return f"cannot read: {text}"

    def _count_skips(self, role: str, sql: str, rejects: str) -> None:
        for code, count in sorted(self._run(sql).fetchall()):
            self._skips[f"{role} {SKIP_REASONS[code]}"] = count
        try:
            extra = self.con.execute(f"SELECT count(*) FROM {rejects}").fetchone()[0]
        except duckdb.Error:
            extra = 0  # JSON Lines: no rejects table
        if extra:
            self._skips[f"{role} {REJECTED}"] = extra

    # -- the plan's steps ----------------------------------------------------------------------

    def load(self, filters: Filters) -> None:
        self.filters = filters
        n = self.files.nodes
        self._run(
            "CREATE TEMP TABLE n AS SELECT __id AS id, __name AS name, __allowed AS allowed, st "
            f"FROM {self._relation(n, keep_rows=False, rejects='rej_n' if n.fmt == 'tsv' else None)}"
        )
        self._count_skips("node", "SELECT st, count(*) FROM n WHERE st > 0 GROUP BY st", "rej_n")
        self._run("DELETE FROM n WHERE st > 0")

    def find_seeds(self, ids: tuple[str, ...], search: str | None) -> tuple[list[str], list[str]]:
        found: list[str] = []
        if ids:
            present = {
                r[0]
                for r in self._run(
                    f"SELECT DISTINCT id FROM n WHERE id IN ({', '.join(_lit(i) for i in ids)})"
                ).fetchall()
            }
            found = [i for i in ids if i in present]
        missing = [i for i in ids if i not in set(found)]
        if search and search.strip():
            needle = search.strip().lower()
            fields = " OR ".join(f"contains(lower({k}), {_lit(needle)})" for k in SEARCHED)
            for (nid,) in self._run(f"SELECT DISTINCT id FROM n WHERE {fields} ORDER BY id").fetchall():
                if nid not in found:
                    found.append(nid)
        return found, missing

    def start(self, seeds: list[str]) -> None:
        self._run("CREATE TEMP TABLE v (id VARCHAR PRIMARY KEY, depth INTEGER)")
        self.con.executemany("INSERT INTO v VALUES (?, 0)", [(s,) for s in seeds])

    def expand(self, depth: int) -> int:
        """One scan of the edge file keeps the full rows of the edges at the last frontier.

        Edges that touch a node reached earlier were kept by an earlier hop; the first hop
        also keeps the skipped rows' status, to count them.
        """
        e = self.files.edges
        first_hop = not self._hops
        table = f"hop{depth}"
        rel = self._relation(e, keep_rows=True, rejects="rej_e" if e.fmt == "tsv" and first_hop else None)
        row = "j" if e.fmt == "jsonl" else ", ".join(_q(c) for c in e.columns)
        frontier = f"(SELECT id FROM v WHERE depth = {depth - 1})"
        earlier = f"(SELECT id FROM v WHERE depth < {depth - 1})"
        keep = f"__pass AND (__subject IN {frontier} OR __object IN {frontier})"
        if depth > 1:
            keep += f" AND NOT (__subject IN {earlier} OR __object IN {earlier})"
        self._run(
            f"CREATE TEMP TABLE {table} AS SELECT {row}, __subject AS s, __object AS o, st FROM {rel} "
            f"WHERE {'st > 0 OR ' if first_hop else ''}(st = 0 AND {keep})"
        )
        self._hops.append(table)
        if first_hop:
            self._count_skips("edge", f"SELECT st, count(*) FROM {table} WHERE st > 0 GROUP BY st", "rej_e")
            self._run(f"DELETE FROM {table} WHERE st > 0")
        before = self._run("SELECT count(*) FROM v").fetchone()[0]
        self._run(
            f"""
            INSERT INTO v
            SELECT DISTINCT nb, {depth} FROM (
                SELECT o AS nb FROM {table} WHERE s IN {frontier}
                UNION ALL
                SELECT s AS nb FROM {table} WHERE o IN {frontier}
            ) AS x
            WHERE nb IN (SELECT id FROM n WHERE allowed) AND nb NOT IN (SELECT id FROM v)
            """
        )
        return self._run("SELECT count(*) FROM v").fetchone()[0] - before

    def collect(self, hops: int) -> tuple[dict[str, int], list[dict], list[dict]]:
        depth = dict(self._run("SELECT id, depth FROM v").fetchall())
        n, e = self.files.nodes, self.files.edges
        nodes = self._rows(self._relation(n, keep_rows=True), n, "st = 0 AND __id IN (SELECT id FROM v)")
        edges: list[dict] = []
        for table in self._hops:
            edges += self._rows(table, e, "s IN (SELECT id FROM v) AND o IN (SELECT id FROM v)")
        return depth, nodes, edges

    def _rows(self, source: str, f: GraphFile, where: str) -> list[dict]:
        if f.fmt == "jsonl":
            return [json.loads(r[0]) for r in self._run(f"SELECT j FROM {source} WHERE {where}").fetchall()]
        cols = ", ".join(_q(c) for c in f.columns)
        return [
            dict(zip(f.columns, r, strict=True))
            for r in self._run(f"SELECT {cols} FROM {source} WHERE {where}").fetchall()
        ]

    def skipped(self) -> Skipped:
        return Skipped(reasons=tuple(self._skips.items()))

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()
