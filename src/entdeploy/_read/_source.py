"""From bytes to text, and from text to CSV rows, with the line of every problem.

Every reader (the packaged edition, a user's table, JSON) decodes and splits
its input here, so that a byte that is not UTF-8 or a quote never closed is
reported the same way, with the line it is on.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entdeploy._problems import Problems

__all__ = ["csv_rows", "decode"]


def decode(
    data: bytes,
    problems: Problems,
    *,
    encoding: str = "utf-8",
    name: str = "UTF-8",
    hint: str = "",
) -> str | None:
    """Return *data* decoded as *encoding*, or record where it is not and return None.

    The problem gives the line and offset of the first byte that does not
    decode, the byte itself, and what *encoding* (called *name* in the
    message) expected there; *hint* is added after the name.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        problems.add(
            data.count(b"\n", 0, error.start) + 1,
            None,
            repr(bad)[2:-1],
            f"not {name}{hint}: byte {bad.hex(' ')} at offset {error.start} "
            f"({error.reason})",
        )
        return None


def csv_rows(
    text: str,
    problems: Problems,
    *,
    delimiter: str = ",",
    max_rows: int | None = None,
) -> list[tuple[int, list[str]]]:
    """Return the non-blank rows of the CSV *text*, each with the line it starts on.

    A quote opened and never closed is recorded as a problem on the line it
    opens; the rows before it are returned.

    Raises:
        DataError: *text* has more than *max_rows* rows; nothing past the
            row after the limit is read.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if max_rows is not None and len(rows) > max_rows:
                problems.fail(
                    None,
                    None,
                    None,
                    f"the file has more than {max_rows:,} rows; the publication's "
                    "table is about 5 kB and 106 lines: is this the right file?",
                )
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(
            start,
            None,
            None,
            f"the row cannot be read ({error}): a quote opened here is never "
            "closed; is the file truncated?",
        )
    return rows
