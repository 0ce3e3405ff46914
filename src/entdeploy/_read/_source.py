"""Bytes to text and text to CSV rows, for every reader, each problem with its line."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entdeploy._problems import Problems

__all__ = ["RIGHT_FILE", "csv_rows", "decode"]

#: What a source too large to be the publication's table is asked.
RIGHT_FILE = (
    "the publication's table is about 5 kB and 106 lines: is this the right file?"
)


def decode(
    data: bytes,
    problems: Problems,
    *,
    encoding: str = "utf-8",
    name: str = "UTF-8",
    hint: str = "",
) -> str | None:
    """Return *data* decoded as *encoding*, or record where it is not and return None.

    The problem gives the first byte that does not decode, with its line and
    offset, and calls the encoding *name* (followed by *hint*).
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        line = data.count(b"\n", 0, error.start) + 1
        at = f"byte {bad.hex(' ')} at offset {error.start} ({error.reason})"
        problems.add(line, None, repr(bad)[2:-1], f"not {name}{hint}: {at}")
        return None


def csv_rows(
    text: str, problems: Problems, *, delimiter: str = ",", max_rows: int | None = None
) -> list[tuple[int, list[str]]]:
    """Return the non-blank rows of the CSV *text*, each with the line it starts on.

    An unclosed quote is recorded at its line; the rows before it are returned.

    Raises:
        DataError: *text* has more than *max_rows* rows; no further row is read.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    # Equal cells (a status, an académie) share one str: the rows keep them.
    shared: dict[str, str] = {}
    start = 1
    try:
        for cells in reader:
            if max_rows is not None and len(rows) > max_rows:
                message = f"the file has more than {max_rows:,} rows; {RIGHT_FILE}"
                problems.fail(None, None, None, message)
            if any(cell.strip() for cell in cells):
                rows.append((start, [shared.setdefault(cell, cell) for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as error:
        message = (
            f"the row cannot be read ({error}): a quote opened here is never "
            "closed; is the file truncated?"
        )
        problems.add(start, None, None, message)
    return rows
