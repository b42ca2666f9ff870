"""Apache Spark engine: the extraction plan as DataFrame operations, local or on a cluster.

For graphs that outgrow one machine: the same plan runs on a Spark cluster
(``master="spark://host:7077"``; the files must be at the same path on every worker, e.g. a
shared filesystem) or in local mode (``local[*]``, the default), which the tests use.
Needs ``pyspark`` and Java (``make install-spark``).

The files are read with Spark's own readers (CSV with a tab separator, text lines parsed
with ``try_parse_json`` for JSON Lines; ``.gz`` is read by both). Each file is read twice,
as DuckDB's engine does: a first pass caches only the classified ids (a node's id, name and
whether the filters allow it; an edge's ends), from which the skip counts and every hop's
join against the frontier are computed; a second pass fetches the full rows of the
neighbourhood, which is collected to the driver. The reading rules are those of :mod:`graph.extract.duck` (see
:mod:`graph.extract.fields`), so both engines give the same node and edge sets.
"""

from __future__ import annotations

import json
import os
import re

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from graph.errors import ExtractError, Problem
from graph.extract.duck import SKIP_REASONS
from graph.extract.files import EXTRA, GraphFile, GraphFiles
from graph.extract.plan import SEARCHED, Filters, Skipped
from graph.formats.biolink import PROVENANCE

DEFAULT_MASTER = os.environ.get("GRAPH_SPARK_MASTER", "local[*]")
# The driver JVM's options: the JIT's quick tier only (C1) and the serial collector. An
# extraction is a few dozen short queries, for which the optimising compiler's threads burn
# more CPU than the code they speed up: on the test fixtures' extractions the JVM used about
# 45 CPU-s instead of 82, at the cost of about 8 CPU-s more on a 1M-edge extraction. Set
# GRAPH_SPARK_JAVA_OPTIONS to replace them (an empty value: the JVM's defaults, which pay
# off on long jobs). In local mode the driver runs the tasks too; a cluster's executors
# keep their own options.
DRIVER_JAVA_OPTIONS = os.environ.get("GRAPH_SPARK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


def session(master: str | None = None) -> SparkSession:
    """The Spark session for ``master`` (reused while it runs); no UI, few shuffle partitions,
    the driver JVM started with :data:`DRIVER_JAVA_OPTIONS`."""
    return (
        SparkSession.builder.master(master or DEFAULT_MASTER)
        .appName("graph-extract")
        .config("spark.driver.extraJavaOptions", DRIVER_JAVA_OPTIONS)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", os.environ.get("GRAPH_SPARK_DRIVER_MEMORY", "2g"))
        .getOrCreate()
    )


def _trim(column):
    """DuckDB's ``trim``: Unicode space separators off both ends (Spark's own ``trim`` takes
    off only the ASCII space, so a cell padded with a no-break space would differ)."""
    return F.regexp_replace(column, r"^\p{Zs}+|\p{Zs}+$", "")


def _path(key: str) -> str:
    """A variant path to a top-level key (``$.subject``; bracketed when the key is not a plain name)."""
    return f"$.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else "$[" + json.dumps(key) + "]"


class SparkEngine:
    """Runs a :class:`~graph.extract.plan.Plan` step by step with Spark DataFrames."""

    name = "spark"

    def __init__(self, files: GraphFiles, *, master: str | None = None):
        self.files = files
        self.spark = session(master)
        self.spark.sparkContext.setLogLevel("ERROR")
        self.filters = Filters()
        self._skips: dict[str, int] = {}

    # -- reading ---------------------------------------------------------------------------

    def _read(self, f: GraphFile) -> DataFrame:
        path = str(f.path)
        if f.fmt == "jsonl":
            lines = self.spark.read.text(path).where(F.trim("value") != "")
            return lines.select(F.col("value").alias("line"), F.try_parse_json("value").alias("j"))
        schema = StructType([StructField(c, StringType(), True) for c in (*f.columns, EXTRA)])
        return self.spark.read.csv(
            path,
            sep="\t",
            header=True,
            schema=schema,
            mode="PERMISSIVE",
            quote='"',
            escape='"',
            multiLine=False,
        )

    def _first(self, f: GraphFile, key: str):
        if f.fmt == "tsv":
            raw = F.col(f"`{key}`") if key in f.columns else F.lit(None).cast("string")
            return F.nullif(_trim(raw), F.lit(""))
        path = _path(key)
        listed = F.try_variant_get("j", path, "array<string>")
        text = F.when(listed.isNotNull(), F.get(listed, 0)).otherwise(F.try_variant_get("j", path, "string"))
        return F.nullif(_trim(text), F.lit(""))

    def _values(self, f: GraphFile, key: str):
        if f.fmt == "tsv":
            if key not in f.columns:
                return F.array().cast("array<string>")
            listed = F.split(F.coalesce(F.col(f"`{key}`"), F.lit("")), r"\|")
        else:
            path = _path(key)
            as_list = F.try_variant_get("j", path, "array<string>")
            as_text = F.try_variant_get("j", path, "string")
            listed = F.when(as_list.isNotNull(), as_list).otherwise(
                F.split(F.coalesce(as_text, F.lit("")), r"\|")
            )
        return F.filter(F.transform(listed, _trim), lambda x: x.isNotNull() & (x != ""))

    def _status(self, f: GraphFile, required: list[str]):
        if f.fmt == "jsonl":
            broken = F.col("j").isNull() | ~F.startswith(F.trim("line"), F.lit("{"))
        else:
            broken = F.col(f"`{EXTRA}`").isNotNull()
        missing = None
        for k in required:
            test = F.col(k).isNull()
            missing = test if missing is None else missing | test
        return F.when(broken, F.lit(1 if f.fmt == "jsonl" else 2)).when(missing, F.lit(3)).otherwise(F.lit(0))

    def _nodes(self) -> DataFrame:
        f = self.files.nodes
        df = self._read(f)
        allowed = F.lit(True)
        if self.filters.categories:
            allowed = (
                F.size(
                    F.array_intersect(
                        self._values(f, "category"),
                        F.array(*[F.lit(t) for t in sorted(self.filters.categories)]),
                    )
                )
                > 0
            )
        df = df.withColumn("__id", self._first(f, "id")).withColumn("__name", self._first(f, "name"))
        df = df.withColumn("__allowed", allowed)
        return df.withColumn("st", self._status(f, ["__id"]))

    def _edges(self) -> DataFrame:
        f = self.files.edges
        df = self._read(f)
        for k in ("subject", "predicate", "object"):
            df = df.withColumn(f"__{k}", self._first(f, k))
        ok = F.lit(True)
        if self.filters.predicates:
            ok = ok & F.col("__predicate").isin(sorted(self.filters.predicates))
        if self.filters.knowledge_sources:
            keys = [k for k in PROVENANCE if f.fmt == "jsonl" or k in f.columns]
            lists = F.concat(*[self._values(f, k) for k in keys]) if keys else F.array().cast("array<string>")
            wanted = F.array(*[F.lit(t) for t in sorted(self.filters.knowledge_sources)])
            ok = ok & (F.size(F.array_intersect(lists, wanted)) > 0)
        return df.withColumn("__pass", ok).withColumn(
            "st", self._status(f, ["__subject", "__predicate", "__object"])
        )

    def _guard(self, action):
        try:
            return action()
        except Exception as exc:  # Py4J and Spark errors have no common base worth naming
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            lowered = str(exc).lower()
            if any(
                w in lowered
                for w in ("gzip", "zlib", "incorrect header check", "unexpected end of", "compress")
            ):
                message = f"not a readable gzip file: {text[:300]}"
            else:
                message = f"Spark could not read the files: {text[:300]}"
            files = f"{self.files.nodes.display}, {self.files.edges.display}"
            raise ExtractError([Problem(file=files, message=message)]) from None

    # -- the plan's steps --------------------------------------------------------------------

    def load(self, filters: Filters) -> None:
        self.filters = filters

        def run():
            # One read of each file here: the classified ids are cached, and the skip counts
            # and the walk's tables come from that cache.
            nodes = self._nodes().select("__id", "__name", "__allowed", "st").cache()
            self._cached = [nodes]
            for code, count in sorted(nodes.where("st > 0").groupBy("st").count().collect()):
                self._skips[f"node {SKIP_REASONS[code]}"] = count
            self.n = nodes.where("st = 0").select(
                F.col("__id").alias("id"), F.col("__name").alias("name"), F.col("__allowed").alias("allowed")
            )
            self.allowed = self.n.where("allowed").select(F.col("id").alias("nb")).distinct().cache()
            edges = self._edges()
            ends = edges.select("__subject", "__object", "__pass", "st").cache()
            self._cached += [self.allowed, ends]
            for code, count in sorted(ends.where("st > 0").groupBy("st").count().collect()):
                self._skips[f"edge {SKIP_REASONS[code]}"] = count
            self.e_rows = edges.where("st = 0 AND __pass")
            self.e = ends.where("st = 0 AND __pass").select(
                F.col("__subject").alias("s"), F.col("__object").alias("o")
            )

        self._guard(run)

    def find_seeds(self, ids: tuple[str, ...], search: str | None) -> tuple[list[str], list[str]]:
        found: list[str] = []
        if ids:
            present = {
                r[0] for r in self.n.where(F.col("id").isin(list(ids))).select("id").distinct().collect()
            }
            found = [i for i in ids if i in present]
        missing = [i for i in ids if i not in set(found)]
        if search and search.strip():
            needle = search.strip().lower()
            test = None
            for k in SEARCHED:
                t = F.contains(F.lower(F.col(k)), F.lit(needle))
                test = t if test is None else test | t
            for (nid,) in self.n.where(test).select("id").distinct().orderBy("id").collect():
                if nid not in found:
                    found.append(nid)
        return found, missing

    def start(self, seeds: list[str]) -> None:
        self.depth = {s: 0 for s in seeds}

    def _v(self, rows: dict[str, int]) -> DataFrame:
        return self.spark.createDataFrame(list(rows.items()), "id string, depth int")

    def expand(self, depth: int) -> int:
        def run():
            frontier = F.broadcast(self._v({k: d for k, d in self.depth.items() if d == depth - 1}))
            out_ = self.e.join(frontier, self.e.s == frontier.id).select(F.col("o").alias("nb"))
            in_ = self.e.join(frontier, self.e.o == frontier.id).select(F.col("s").alias("nb"))
            candidates = out_.union(in_).distinct()
            found = [r[0] for r in candidates.join(self.allowed, "nb", "left_semi").collect()]
            return [nb for nb in found if nb not in self.depth]

        new = self._guard(run)
        for nb in new:
            self.depth[nb] = depth
        return len(new)

    def collect(self, hops: int) -> tuple[dict[str, int], list[dict], list[dict]]:
        def run():
            v = F.broadcast(self._v(self.depth))
            sd = v.select(F.col("id").alias("__subject"), F.col("depth").alias("__sd"))
            od = v.select(F.col("id").alias("__object"), F.col("depth").alias("__od"))
            edges = (
                self.e_rows.join(sd, "__subject")
                .join(od, "__object")
                .where((F.col("__sd") < hops) | (F.col("__od") < hops))
            )
            ids = v.select(F.col("id").alias("__id"))
            nodes = self._nodes().where("st = 0").join(ids, "__id", "left_semi")
            return self._records(self.files.nodes, nodes), self._records(self.files.edges, edges)

        nodes, edges = self._guard(run)
        return dict(self.depth), nodes, edges

    @staticmethod
    def _records(f: GraphFile, df: DataFrame) -> list[dict]:
        if f.fmt == "jsonl":
            return [json.loads(r[0]) for r in df.select("line").collect()]
        cols = [F.col(f"`{c}`") for c in f.columns]
        return [dict(zip(f.columns, r, strict=True)) for r in df.select(*cols).collect()]

    def skipped(self) -> Skipped:
        return Skipped(reasons=tuple(self._skips.items()))

    def close(self) -> None:
        for df in getattr(self, "_cached", ()):
            df.unpersist()
