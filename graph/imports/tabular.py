"""Read delimited tables (CSV, KGX TSV) row by row with the line each row starts on.

Both importers need the same care: a header row, quoted cells spanning lines, blank rows
skipped, ragged rows and broken quoting reported with their line instead of raising.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from graph.errors import Problem


def read_table(
    text: str, file: str, *, delimiter: str = ",", kind: str = "CSV"
) -> tuple[list[str] | None, Iterator[tuple[list[str], int]], list[Problem]]:
    """``(header, rows, problems)``: rows yield ``(cells, line)``; problems fill as rows are read.

    ``header`` is None (with a problem) when the file has no header row.

    >>> header, rows, problems = read_table("a,b\\n1,2\\n\\n3\\n", "t.csv")
    >>> header, list(rows), [str(p) for p in problems]
    (['a', 'b'], [(['1', '2'], 2)], ['t.csv:4: 1 cells; the header has 2 columns'])
    """
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return None, iter(()), [Problem(file=file, line=1, message=f"not {kind}: {exc}")]
    if not header or not any(h.strip() for h in header):
        return None, iter(()), [Problem(file=file, line=1, message="empty file: a header row is required")]
    header = [h.strip() for h in header]

    def rows() -> Iterator[tuple[list[str], int]]:
        line = reader.line_num
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(Problem(file=file, line=start, message=f"not {kind}: {exc}"))
                return
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(
                    Problem(
                        file=file,
                        line=start,
                        message=f"{len(row)} cells; the header has {len(header)} columns",
                    )
                )
                continue
            yield row, start

    return header, rows(), problems
