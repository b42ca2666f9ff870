"""Limits on untrusted input: sizes, counts, JSON nesting, text encodings and zip contents.

Every check returns :class:`~graph.errors.Problem` records (never raises), so an import
reports all of them at once. The checks run *before* the expensive step they protect:
sizes before decoding, nesting depth before ``json.loads``, a zip's declared sizes and
paths before any member is inflated (and members are read with a hard cap, in case the
declared sizes lie).

>>> decode_text(b"caf\\xe9\\nx", "nodes.csv")[1][0].message
'not UTF-8 text (byte 3 is 0xe9: the file looks like Latin-1 or Windows-1252; save it as UTF-8)'
>>> json_depth('{"a": [[1, "]]]"]]}')
3
"""

from __future__ import annotations

import codecs
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from itertools import accumulate

import msgspec

from graph.errors import Problem
from graph.validate import MAX_EDGES, MAX_NODES


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Ceilings for one import; the defaults suit the app and the CLI on a 2-core machine."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 128 * 1024 * 1024
    max_files: int = 50
    max_nodes: int = MAX_NODES
    max_edges: int = MAX_EDGES
    max_json_depth: int = 32
    max_zip_members: int = 50
    max_zip_total_bytes: int = 256 * 1024 * 1024
    # Text and JSON compress about 5-20:1; 100:1 and more is a crafted file.
    max_zip_ratio: int = 100


DEFAULT_LIMITS = Limits()

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """Deepest nesting of arrays and objects in JSON text, without parsing it.

    Strings are removed first (brackets inside them do not count); the depth is the
    maximum running sum of openings minus closings. Linear time, no recursion.
    """
    stripped = _STRING.sub('""', text)
    steps = (1 if c in "[{" else -1 for c in _BRACKETS.findall(stripped))
    return max(accumulate(steps, initial=0))


# The shape of the JSON the dataset formats hold (a node-link or KGX JSON file, one KGX
# JSON Lines row): objects of text, numbers, lists of those, and rows nested at most three
# deep (an edge's evidence items and their values). msgspec parses text of this shape in one
# C pass, and a text that decodes into it nests at most SHAPED_DEPTH levels deep. Any other
# text (deeper, another shape, or JSON msgspec refuses, such as NaN) goes the general way.
_SCALAR = None | bool | int | float | str
_ROW = dict[str, _SCALAR | list[_SCALAR | dict[str, _SCALAR | list[dict[str, _SCALAR]]]]]
_FILE = dict[str, _SCALAR | list[_ROW] | dict[str, _SCALAR | list[_ROW] | dict[str, _SCALAR]]]
SHAPED_DEPTH = 8
_DECODERS = {"row": msgspec.json.Decoder(_ROW), "file": msgspec.json.Decoder(_FILE)}


def decode_shaped(text: str, shape: str, limits: Limits = DEFAULT_LIMITS) -> dict | None:
    """``json.loads(text)`` when ``text`` is a JSON object of the usual ``shape`` (``row`` or
    ``file``), else None (the caller then checks and parses it the general way).

    >>> decode_shaped('{"id": "X:1", "xref": ["A:1"]}', "row")
    {'id': 'X:1', 'xref': ['A:1']}
    >>> decode_shaped('{"id": [[["deep"]]]}', "row") is None
    True
    """
    if limits.max_json_depth < SHAPED_DEPTH:
        return None
    try:
        return _DECODERS[shape].decode(text)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None


def check_json_depth(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS, line: int | None = None
) -> list[Problem]:
    depth = json_depth(text)
    if depth > limits.max_json_depth:
        return [
            Problem(
                file=file,
                line=line,
                message=f"JSON nested {depth} levels deep; the limit is {limits.max_json_depth}",
            )
        ]
    return []


def check_size(size: int, file: str, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    if size > limits.max_file_bytes:
        return [Problem(file=file, message=f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,}")]
    return []


UTF8_BOM = b"\xef\xbb\xbf"


def without_bom(raw: bytes) -> bytes:
    """The bytes after a UTF-8 byte-order mark (the file itself when it has none, not a copy)."""
    return raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw


def text_head(raw: bytes, chars: int) -> str:
    """The first ``chars`` characters of a UTF-8 file (no byte-order mark), as
    :func:`decode_text` would give them, without decoding the rest (what a sniffer looks at).

    >>> text_head("é".encode() * 5, 3)
    'ééé'
    """
    return raw[: 4 * chars + 4].decode("utf-8", "ignore")[:chars]


def is_text(raw: bytes) -> bool:
    """Whether :func:`decode_text` takes these bytes (UTF-8, no NUL, no UTF-16 mark), found
    without making the text: ASCII is UTF-8; other bytes are decoded a slice at a time.

    >>> is_text("μ-opioid".encode()), is_text(b"caf\\xe9"), is_text(b"a\\x00b")
    (True, False, False)
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return False
    if raw.isascii():
        return True
    decoder, view = codecs.getincrementaldecoder("utf-8")(), memoryview(raw)
    try:
        for start in range(0, len(raw), _SLICE):
            decoder.decode(view[start : start + _SLICE])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_SLICE = 1 << 24


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped); a located problem otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(file=file, line=1, message="UTF-16 text (byte-order mark found); save the file as UTF-8")
        ]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(file=file, line=line, message="contains NUL bytes: a binary file, not text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start]
        hint = ": the file looks like Latin-1 or Windows-1252; save it as UTF-8" if bad >= 0x80 else ""
        return None, [
            Problem(file=file, line=line, message=f"not UTF-8 text (byte {exc.start} is 0x{bad:02x}{hint})")
        ]
    return text, []


def _unsafe_name(name: str) -> str | None:
    if "\\" in name:
        return "backslash in the path"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path"
    if ".." in name.split("/"):
        return "path leaves the archive (..)"
    return None


def read_zip(
    data: bytes, display: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, bytes], list[Problem]]:
    """The files of a zip as ``{relative name: bytes}``, after every safety check.

    Rejected, with a problem each: a truncated or corrupt archive, too many members, a
    path that is absolute or climbs out with ``..``, symlinks, encrypted members, nested
    zips, a total declared size over the limit, a compression ratio that only a zip bomb
    has, and members that inflate past their declared size. Directory entries, macOS
    ``__MACOSX/`` forks and hidden files are skipped; one common top folder is dropped.
    """
    problems: list[Problem] = []
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        return {}, [Problem(file=display, message=f"not a readable zip (truncated or corrupt?): {exc}")]
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > limits.max_zip_members:
            return {}, [
                Problem(
                    file=display,
                    message=f"the zip holds {len(infos)} files; the limit is {limits.max_zip_members}",
                )
            ]
        total = 0
        chosen = []
        for info in infos:
            name = info.filename
            where = f"{display}/{name}"
            reason = _unsafe_name(name)
            if reason:
                problems.append(Problem(file=display, entry=name, message=f"unsafe member path: {reason}"))
                continue
            parts = name.split("/")
            if parts[0] == "__MACOSX" or parts[-1].startswith("."):
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                problems.append(Problem(file=where, message="symbolic links are not allowed in a zip"))
                continue
            if info.flag_bits & 0x1:
                problems.append(Problem(file=where, message="encrypted zip members are not supported"))
                continue
            if name.lower().endswith((".zip", ".jar", ".gz", ".tgz", ".tar", ".7z")):
                problems.append(
                    Problem(file=where, message="archives inside the zip are not opened; unpack them")
                )
                continue
            if info.file_size > limits.max_file_bytes:
                problems.append(
                    Problem(
                        file=where,
                        message=f"unpacks to {info.file_size:,} bytes; the limit per file is {limits.max_file_bytes:,}",
                    )
                )
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
                problems.append(
                    Problem(
                        file=where,
                        message=f"compression ratio {ratio:,.0f}:1 looks like a zip bomb; the limit is {limits.max_zip_ratio}:1",
                    )
                )
                continue
            total += info.file_size
            chosen.append(info)
        if total > limits.max_zip_total_bytes:
            problems.append(
                Problem(
                    file=display,
                    message=f"the zip unpacks to {total:,} bytes; the limit is {limits.max_zip_total_bytes:,}",
                )
            )
        if problems:
            return {}, problems
        files: dict[str, bytes] = {}
        for info in chosen:
            where = f"{display}/{info.filename}"
            try:
                with zf.open(info) as member:
                    # Read one byte past the declared size: a header may lie about it.
                    content = member.read(info.file_size + 1)
            # A corrupt deflate stream raises zlib.error, which is none of zipfile's own errors.
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                OSError,
                ValueError,
                NotImplementedError,
            ) as exc:
                problems.append(
                    Problem(file=where, message=f"cannot unpack (truncated or corrupt zip?): {exc}")
                )
                continue
            if len(content) > info.file_size:
                problems.append(Problem(file=where, message="unpacks to more bytes than its header declares"))
                continue
            if content.startswith(b"PK\x03\x04"):
                problems.append(
                    Problem(file=where, message="archives inside the zip are not opened; unpack them")
                )
                continue
            files[info.filename] = content
    return _drop_common_folder(files), problems


def read_gzip(
    data: bytes, display: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[Problem]]:
    """The content of a gzip file (``nodes.tsv.gz``), inflated with the per-file limit as a hard cap.

    A truncated stream, a corrupt one and one that inflates past the limit are each a
    located problem, never an exception.

    >>> import gzip
    >>> read_gzip(gzip.compress(b"id\\n")[:-6], "n.tsv.gz")[1][0].message
    'truncated gzip: the stream ends before its end marker'
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limits.max_file_bytes + 1)
    except zlib.error as exc:
        return None, [Problem(file=display, message=f"not a readable gzip (corrupt?): {exc}")]
    if len(out) > limits.max_file_bytes:
        return None, [
            Problem(
                file=display,
                message=f"unpacks to more than {limits.max_file_bytes:,} bytes, the limit per file",
            )
        ]
    if not inflater.eof:
        return None, [Problem(file=display, message="truncated gzip: the stream ends before its end marker")]
    if inflater.unused_data.strip(b"\0"):
        return None, [
            Problem(file=display, message="several gzip members or trailing data; gzip one file alone")
        ]
    return out, []


def _drop_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """``mydata/nodes.yaml`` -> ``nodes.yaml`` when every file sits in that one folder."""
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        top = next(iter(tops)) + "/"
        return {name[len(top) :]: content for name, content in files.items()}
    return files
