"""DuckDB engine: the extraction plan as SQL over the KGX files, read in place and out of core.

DuckDB (embedded, no server) reads TSV with ``read_csv`` and JSON Lines with
``read_json_objects``, gzipped or not, in parallel, straight from the file. Each file is
read twice, and only the first read touches every row with more than the reader itself:

1. :meth:`DuckDBEngine.load`: one pass over each file keeps what the hops need in memory,
   the node ids (with the name and whether the category filter allows them) and the two
   ends of every edge that passes the edge filters; nothing else of the row is kept. TSV
   ids are kept as the cells read, and only cells that trimming could change (see
   :func:`_padded`) are trimmed afterwards, their raw spelling kept in the ``spell`` table.
2. :meth:`DuckDBEngine.expand`: each hop is a join of the in-memory edge ends against the
   last frontier; no file is read.
3. :meth:`DuckDBEngine.collect`: one filtered pass over each file keeps the full rows whose
   raw ids (or their spellings) are reached nodes, an exact test against a small table;
   the reading rule then runs on those rows alone.

``memory_limit`` and a temporary directory let DuckDB spill if the edge ends of a very
large graph outgrow memory (two ids per edge: about 0.6 GB for 10 million edges).

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
from graph.extract.plan import SEARCHED, Filters, Skipped
from graph.formats.biolink import PROVENANCE

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


def _padded(cell: str) -> str:
    """True for a cell ``trim`` could change, false for one that is its own trimmed value.

    DuckDB's ``trim`` removes Unicode space separators: the ASCII space or non-ASCII
    characters. A cell that neither starts nor ends with a space and is all ASCII
    (``strlen``, bytes, equals ``length``, characters) is left as it is, which these cheap
    byte tests tell without trimming every cell of a big file.
    """
    return f"(starts_with({cell}, ' ') OR ends_with({cell}, ' ') OR strlen({cell}) <> length({cell}))"


def _cheap_trim(cell: str) -> str:
    """``NULLIF(trim(cell), '')``, trimming only the cells :func:`_padded` picks out."""
    return f"CASE WHEN {_padded(cell)} THEN NULLIF(trim({cell}), '') ELSE {cell} END"


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

    def _first(self, f: GraphFile, key: str, *, cheap: bool = False) -> str:
        """A single-valued field: trimmed text, a JSON list's first element; '' is NULL.

        ``cheap`` (TSV): the same value, trimming only the cells that need it (:func:`_cheap_trim`).
        """
        if f.fmt == "tsv":
            if key not in f.columns:
                return "NULL::VARCHAR"
            return _cheap_trim(_q(key)) if cheap else f"NULLIF(trim({_q(key)}), '')"
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

    def _relation(
        self,
        f: GraphFile,
        *,
        keep_rows: bool,
        rejects: str | None = None,
        source: str | None = None,
        raw_ids: bool = False,
    ) -> str:
        """The file as ``(row columns..., fields..., st)``; ``st`` 0 usable, else a skip reason.

        ``raw_ids`` (TSV, the first pass over a big file): the id fields (node ``id``, edge
        ``subject`` and ``object``) are the cells as read, not trimmed; ``st`` still applies
        the trimmed rule (a cell of spaces is missing), and :meth:`_respell` trims the few
        cells that need it afterwards.
        """
        raw = raw_ids and f.fmt == "tsv"
        row = ("j" if f.fmt == "jsonl" else ", ".join(_q(c) for c in f.columns)) if keep_rows else ""
        ids = ("id",) if f.role == "nodes" else ("subject", "object")

        def single(key: str) -> str:
            if raw and key in ids:
                return _q(key) if key in f.columns else "NULL::VARCHAR"
            return self._first(f, key, cheap=raw)

        if f.role == "nodes":
            fields = {"__id": single("id"), "__name": single("name")}
            required = ("__id",)
            if self.filters.categories:
                fields["__allowed"] = (
                    f"len(list_intersect({self._values(f, 'category')}, [{_terms(self.filters.categories)}])) > 0"
                )
            else:
                fields["__allowed"] = "true"
        else:
            fields = {f"__{k}": single(k) for k in ("subject", "predicate", "object")}
            required = ("__subject", "__predicate", "__object")
            tests = []
            if self.filters.knowledge_sources:
                keys = [k for k in PROVENANCE if f.fmt == "jsonl" or k in f.columns]
                lists = " || ".join(self._values(f, k) for k in keys) or "[]::VARCHAR[]"
                tests.append(f"len(list_intersect({lists}, [{_terms(self.filters.knowledge_sources)}])) > 0")
            fields["__ok"] = " AND ".join(tests) or "true"
        broken = "j IS NULL OR json_type(j) <> 'OBJECT'" if f.fmt == "jsonl" else f"{_q(EXTRA)} IS NOT NULL"
        code = 1 if f.fmt == "jsonl" else 2
        missing = " OR ".join(
            f"({k} IS NULL OR ({_padded(k)} AND trim({k}) = ''))" if raw and k[2:] in ids else f"{k} IS NULL"
            for k in required
        )
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
            f"FROM (SELECT {inner_cols}{extra}{jcol} FROM {source or self._source(f, rejects)}))"
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
        """The one full pass over each file: node ids and edge ends into memory, skips counted."""
        self.filters = filters
        n, e = self.files.nodes, self.files.edges
        self._run(
            "CREATE TEMP TABLE n AS SELECT __id AS id, __name AS name, __allowed AS allowed, st FROM "
            f"{self._relation(n, keep_rows=False, raw_ids=True, rejects='rej_n' if n.fmt == 'tsv' else None)}"
        )
        self._count_skips("node", "SELECT st, count(*) FROM n WHERE st > 0 GROUP BY st", "rej_n")
        self._run("DELETE FROM n WHERE st > 0")
        rel = self._relation(e, keep_rows=False, raw_ids=True, rejects="rej_e" if e.fmt == "tsv" else None)
        self._run(
            f"CREATE TEMP TABLE e AS SELECT __subject AS s, __object AS o, st FROM {rel} WHERE st > 0 OR __pass"
        )
        self._count_skips("edge", "SELECT st, count(*) FROM e WHERE st > 0 GROUP BY st", "rej_e")
        self._run("DELETE FROM e WHERE st > 0")
        self._respell()

    def _respell(self) -> None:
        """Trim the ids :func:`_padded` picks out; ``spell`` keeps each one's raw spelling.

        The second pass (:meth:`collect`) matches raw cells against the reached ids and
        these spellings, so a padded id in the file is found without trimming every cell.
        """
        self._run(
            "CREATE TEMP TABLE spell AS SELECT DISTINCT raw, trim(raw) AS id FROM "
            "(SELECT id AS raw FROM n UNION ALL SELECT s FROM e UNION ALL SELECT o FROM e) "
            f"WHERE {_padded('raw')}"
        )
        if self._run("SELECT count(*) FROM spell WHERE raw <> id").fetchone()[0]:
            self._run(f"UPDATE n SET id = trim(id) WHERE {_padded('id')}")
            self._run(f"UPDATE e SET s = trim(s) WHERE {_padded('s')}")
            self._run(f"UPDATE e SET o = trim(o) WHERE {_padded('o')}")

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
        """The allowed neighbours of the last frontier, from the in-memory edge ends (no file read)."""
        frontier = f"(SELECT id FROM v WHERE depth = {depth - 1})"
        before = self._run("SELECT count(*) FROM v").fetchone()[0]
        self._run(
            f"""
            INSERT INTO v
            SELECT DISTINCT nb, {depth} FROM (
                SELECT o AS nb FROM e WHERE s IN {frontier}
                UNION ALL
                SELECT s AS nb FROM e WHERE o IN {frontier}
            ) AS x
            WHERE nb IN (SELECT id FROM n WHERE allowed) AND nb NOT IN (SELECT id FROM v)
            """
        )
        return self._run("SELECT count(*) FROM v").fetchone()[0] - before

    def collect(self, hops: int) -> tuple[dict[str, int], list[dict], list[dict]]:
        """The second and last pass over each file: the full rows of the reached nodes and their edges.

        The edges kept are those that pass the filters, join two reached nodes, and have
        at least one end nearer than ``hops`` (the edges within K hops).
        """
        depth = dict(self._run("SELECT id, depth FROM v").fetchall())
        self._run(
            "CREATE TEMP TABLE reach AS SELECT id AS raw FROM v "
            "UNION SELECT raw FROM spell WHERE id IN (SELECT id FROM v)"
        )
        n, e = self.files.nodes, self.files.edges
        reached = "(SELECT id FROM v)"
        nodes = self._rows(self._near(n, ("id",)), n, f"st = 0 AND __id IN {reached}")
        inner = f"(SELECT id FROM v WHERE depth < {hops})"
        edges = self._rows(
            self._near(e, ("subject", "object")),
            e,
            f"st = 0 AND __pass AND __subject IN {reached} AND __object IN {reached} "
            f"AND (__subject IN {inner} OR __object IN {inner})",
        )
        return depth, nodes, edges

    def _near(self, f: GraphFile, columns: tuple[str, ...]) -> str:
        """``f``'s full rows whose raw ``columns`` are all reached ids or their spellings, as a relation.

        The test is an exact join of the raw cells against the small ``reach`` table; the
        rows it lets through are stored, so the reading rule (trimming, the status) runs
        on them alone and not, moved there by the optimiser, on every row of the file.
        JSON Lines have no raw cells: the rule runs on every line.
        """
        if f.fmt != "tsv":
            return self._relation(f, keep_rows=True)
        table = f"near_{f.role}"
        test = " AND ".join(f"{_q(c)} IN (SELECT raw FROM reach)" for c in columns)
        # The reader's row count is unknown to the planner, which may then build the join's
        # hash table from the whole file instead of from ``reach``: keep the file the probe side.
        self._run("SET disabled_optimizers = 'build_side_probe_side'")
        try:
            self._run(f"CREATE TEMP TABLE {table} AS SELECT * FROM {self._source(f)} WHERE {test}")
        finally:
            self._run("RESET disabled_optimizers")
        return self._relation(f, keep_rows=True, source=table)

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
