"""Read delimited tables (CSV, KGX TSV) row by row with the line each row starts on.

Both importers need the same care: a header row, quoted cells spanning lines, blank rows
skipped, broken quoting reported with its line instead of raising. Ragged rows are read,
with a warning (code ``short_row`` / ``extra_cells``): a short row is padded with empty
cells (writers that trim trailing tabs make these), extra cells are left out.
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
    (['a', 'b'], [(['1', '2'], 2), (['3', ''], 4)], ['t.csv:4: 1 cells; the header has 2 columns: padded'])
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
            if len(row) < len(header):
                problems.append(
                    Problem(
                        file=file,
                        line=start,
                        message=f"{len(row)} cells; the header has {len(header)} columns: padded",
                        code="short_row",
                    )
                )
                row = row + [""] * (len(header) - len(row))
            elif len(row) > len(header):
                extra = [c for c in row[len(header) :] if c.strip()]
                if extra:
                    problems.append(
                        Problem(
                            file=file,
                            line=start,
                            message=f"{len(row)} cells; the header has {len(header)} columns: "
                            f"{len(extra)} non-empty extra cell(s) left out",
                            code="extra_cells",
                        )
                    )
                row = row[: len(header)]
            yield row, start

    return header, rows(), problems
