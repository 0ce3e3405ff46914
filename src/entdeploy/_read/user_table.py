"""Reading a user's edition: a table in the publication's layout, or an export.

Rows are matched with the query API; every problem is raised in one :class:`DataError`.
"""

from __future__ import annotations

import os
import select
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

import attrs

from entdeploy._checks import check_encoding, check_path, check_text
from entdeploy._dataset import Dataset
from entdeploy._escape import csv_uncell
from entdeploy._model import (
    PUBLICATION_HEADER,
    UNKNOWN_COUNT,
    Department,
    Deployment,
    Edition,
    Status,
    count_contradiction,
    parse_count,
)
from entdeploy._normalize import normalize
from entdeploy._problems import Problems, duplicates
from entdeploy._read._source import RIGHT_FILE, csv_rows, decode
from entdeploy._read.packaged import load
from entdeploy._write.records import COLUMNS as RECORD_COLUMNS
from entdeploy._write.records import record_of
from entdeploy.exceptions import (
    InvalidArgumentError,
    InvalidQueryError,
    UnknownEntityError,
)

__all__ = ["MAX_BYTES", "MAX_ROWS", "check_reference", "load_file"]

#: The largest file read, in bytes (characters for a text stream).
MAX_BYTES = 1_000_000
#: The most rows read; the publication has 105.
MAX_ROWS = 1_000
#: How long a named pipe may stay silent before it is refused, in seconds.
PIPE_WAIT = 10
_DELIMITERS = {"\t": "tab", ";": "';'", ",": "','"}
_STREAM = "<stream>"
_EXPECTED = (
    f"the publication's columns ({', '.join(PUBLICATION_HEADER)}) separated "
    "by tabs, commas or semicolons, or the columns of Dataset.to_csv "
    f"({','.join(RECORD_COLUMNS[:3])},...)"
)
T = TypeVar("T")
Row = Mapping[str, str]


def load_file(
    source: str | os.PathLike[str] | TextIO | BinaryIO,
    *,
    edition: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
) -> Dataset:
    """Return the edition in *source*, a table a user has, as a :class:`Dataset`.

    *source* is a path or a stream holding the publication's table (its four
    French headers, every territory once) or a :meth:`Dataset.to_csv` file,
    separated by tabs, commas or semicolons, in UTF-8 or Windows-1252 unless
    *encoding* says. Names match as in :meth:`Dataset.lookup`; cells are kept
    verbatim in ``source_*``. *edition* and *title* default to the file's name.

    Raises:
        DataError: Every problem of the table, with its line; over 1 MB or 1,000
            rows; a pipe silent for 10 s.
        OSError: The file cannot be read.
        InvalidArgumentError: *source* is not a path or a blocking stream, or
            another argument is not as described.
    """
    check_text("edition", edition, non_empty=True)
    check_text("title", title, non_empty=True)
    name, text = _read_text(source, encoding)
    if edition is None:
        edition = "stream" if name == _STREAM else Path(name).stem
        argument = "edition (from the file's name; pass edition=)"
        check_text(argument, edition, non_empty=True)
    if title is None:
        title = f"Edition {edition!r}, read from {name}"
        check_text("title (from the file's name; pass title=)", title, non_empty=True)
    return Dataset(Edition(id=edition, title=title), _parse(name, text))


def _read_text(
    source: str | os.PathLike[str] | TextIO | BinaryIO, encoding: str | None
) -> tuple[str, str]:
    """Return the source's name and its decoded text, BOM removed."""
    if encoding is not None:
        check_encoding("encoding", encoding)
    if isinstance(source, str) and ("\n" in source or "\t" in source):
        shown = source if len(source) <= 40 else source[:40] + "…"
        expected = "a path or a stream; to read text in memory, pass io.StringIO(text)"
        raise InvalidArgumentError("source", shown, expected)
    if isinstance(source, (str, os.PathLike)):
        path = check_path("source", source, "a path to a file, or an open stream")
        name = str(path)
        if stat.S_ISFIFO(path.stat().st_mode):
            data = _read_pipe(path, name)
        else:
            with path.open("rb") as file:
                data = _read_all(file.read, name, "the file is larger than")
    else:
        read: Callable[[int], object] | None = getattr(source, "read", None)
        if not callable(read):
            expected = "a path (str or os.PathLike) or an open stream"
            raise InvalidArgumentError("source", source, expected)
        stream_name = getattr(source, "name", None)
        name = stream_name if isinstance(stream_name, str) and stream_name else _STREAM
        data = _read_all(read, name, "the stream holds more than")
    if isinstance(data, str) and encoding is not None:
        expected = "None for a text stream, which is already decoded"
        raise InvalidArgumentError("encoding", encoding, expected)
    text = _decode(data, name, encoding) if isinstance(data, bytes) else data
    return name, text.removeprefix("\ufeff")


def _read_all(read: Callable[[int], object], name: str, too_large: str) -> str | bytes:
    """Read to the end, but never more than one unit past MAX_BYTES."""
    first = read(MAX_BYTES + 1)
    if not isinstance(first, (str, bytes)):
        raise InvalidArgumentError("source", read, "a stream that reads str or bytes")
    unit = "bytes" if isinstance(first, bytes) else "characters"
    pieces: list[str | bytes] = [first]
    size = len(first)
    while pieces[-1] and size <= MAX_BYTES:
        piece = read(MAX_BYTES + 1 - size)
        if not isinstance(piece, type(first)):
            gave = "None" if piece is None else f"a {type(piece).__name__}"
            expected = (
                f"a blocking stream that reads {type(first).__name__} to its end; "
                f"after {size:,} {unit} it gave {gave} (a non-blocking stream "
                "gives None when nothing has arrived yet)"
            )
            raise InvalidArgumentError("source", read, expected)
        pieces.append(piece)
        size += len(piece)
    if size > MAX_BYTES:
        message = f"{too_large} {MAX_BYTES:,} {unit}; {RIGHT_FILE}"
        Problems(name).fail(None, None, None, message)
    return first[:0].join(pieces)  # type: ignore[arg-type]


def _read_pipe(path: Path, name: str) -> str | bytes:
    """Read the named pipe *path*, waiting at most :data:`PIPE_WAIT` for each piece."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb", buffering=0) as pipe:

        def read(size: int) -> bytes:
            while True:
                if not select.select([pipe], [], [], PIPE_WAIT)[0]:
                    message = (
                        f"nothing arrived through the pipe for {PIPE_WAIT} seconds; "
                        "is a program writing to it?"
                    )
                    Problems(name).fail(None, None, None, message)
                piece = pipe.read(size)
                if piece is not None:  # None: nothing has arrived after all
                    return piece

        return _read_all(read, name, "the pipe sent more than")


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    """Decode *data* as *encoding*, else UTF-8 (UTF-16 by its BOM, or Windows-1252)."""
    problems = Problems(name)
    if encoding is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    if encoding is None and not _has_utf8_sequences(data):
        text = decode(data, problems, encoding="cp1252")
    else:
        encoding = "utf-8-sig" if encoding is None else encoding
        label = encoding.removesuffix("-sig")
        hint = "; pass encoding= (such as 'latin-1')"
        try:
            text = decode(data, problems, encoding=encoding, name=label, hint=hint)
        except UnicodeError as error:  # a codec that cannot say where ("undefined")
            message = f"cannot be decoded as {encoding} ({error})"
            problems.fail(None, None, None, message)
    problems.raise_if_any()
    return text or ""


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether *data* is ASCII or holds at least one well-formed UTF-8 sequence."""
    text = data.decode("utf-8", errors="replace")
    return data.isascii() or any(ord(c) > 0x7F and c != "\ufffd" for c in text)


@attrs.frozen
class _Layout:
    """A layout of a user's table: its columns and how each value of a row is read."""

    columns: tuple[str, ...]
    match: Callable[[int, Row, Dataset, Problems], Department | None]
    status: str
    status_expected: str
    count: str
    count_expected: str
    sources: tuple[str, ...]
    missing: str = UNKNOWN_COUNT
    uncell: frozenset[str] = frozenset()
    by_hand: bool = False  # typed by hand: a padded count; every territory has a row


def _parse(name: str, text: str) -> tuple[Deployment, ...]:
    """Parse and validate *text*; raise a :class:`DataError` listing every problem."""
    problems = Problems(name)
    if not text.strip():
        problems.fail(None, None, None, "the file is empty")
    first_line = text.split("\n", 1)[0]
    if first_line.strip().lower().startswith("sep="):
        message = (
            "a spreadsheet's 'sep=' line; delete it, or save the sheet again "
            "as CSV without it"
        )
        problems.fail(1, None, first_line, message)
    found = [d for d in _DELIMITERS if d in first_line]
    if len(found) != 1:
        listed = " and ".join(_DELIMITERS[d] for d in found)
        message = f"the header mixes delimiters ({listed})"
        if not found:
            message = "no tab, comma or semicolon separates the header's columns"
        problems.fail(1, None, first_line, f"{message}; expected {_EXPECTED}")
    delimiter = found[0]
    rows = csv_rows(text, problems, delimiter=delimiter, max_rows=MAX_ROWS)
    if not rows:
        problems.fail(None, None, None, "the file is empty")
    (_, header), *body = rows
    header = _trim_empty_tail(header)
    if tuple(map(normalize, header)) == tuple(map(normalize, PUBLICATION_HEADER)):
        layout = _PUBLICATION
    elif tuple(header) == RECORD_COLUMNS:
        layout = _RECORD
    else:
        message = f"unknown header; expected {_EXPECTED}"
        problems.fail(1, None, delimiter.join(header), message)
    columns, reference = layout.columns, load()
    parsed: list[tuple[int, str, Department, Deployment | None]] = []
    for line, raw in body:
        cells = _trim_empty_tail(raw, len(columns))
        if len(cells) != len(columns):
            message = _shape_problem(cells, columns, delimiter)
            problems.add(line, None, delimiter.join(cells), message)
            continue
        row = dict(zip(columns, cells, strict=True))
        department, deployment = _row(line, row, layout, reference, problems)
        if department is not None:
            parsed.append((line, cells[0], department, deployment))
    for index, first in duplicates(department.code for _, _, department, _ in parsed):
        line, cell, department, _ = parsed[index]
        message = (
            f"{department.name} ({department.code}) is already on line "
            f"{parsed[first][0]}: each territory appears once"
        )
        problems.add(line, columns[0], cell, message)
    seen = {department.code for _, _, department, _ in parsed}
    missing = [d for d in reference if d.code not in seen]
    if layout.by_hand and missing:
        names = ", ".join(f"{d.name} ({d.code})" for d in missing)
        message = (
            f"no row names {len(missing)} of the {len(reference)} "
            f"territories: {names}; is the file truncated?"
        )
        problems.add(None, None, None, message)
    problems.raise_if_any()
    return tuple(deployment for *_, deployment in parsed if deployment is not None)


def _trim_empty_tail(cells: list[str], wanted: int | None = None) -> list[str]:
    """Drop the empty cells a spreadsheet adds at the end of every line."""
    while cells and not cells[-1] and (wanted is None or len(cells) > wanted):
        cells = cells[:-1]
    return cells


def _shape_problem(cells: list[str], columns: tuple[str, ...], delimiter: str) -> str:
    """Say why a row has not as many cells as the header."""
    others = [d for d in _DELIMITERS if d != delimiter and d in delimiter.join(cells)]
    if len(cells) < len(columns) and others:
        return (
            f"this row is separated by {_DELIMITERS[others[0]]} but the header by "
            f"{_DELIMITERS[delimiter]}: mixed delimiters"
        )
    found = f"expected {len(columns)} cells ({', '.join(columns)}), found {len(cells)}"
    return found + ("; is the row cut short?" if len(cells) < len(columns) else "")


def _row(
    line: int, row: Row, layout: _Layout, reference: Dataset, problems: Problems
) -> tuple[Department | None, Deployment | None]:
    """Read one row: its territory, and its deployment unless a cell is refused."""
    before = len(problems)
    row = {c: csv_uncell(v) if c in layout.uncell else v for c, v in row.items()}
    department = layout.match(line, row, reference, problems)
    try:
        status: Status | None = Status.parse(row[layout.status])
    except InvalidArgumentError:
        status = None
        problems.add(line, layout.status, row[layout.status], layout.status_expected)
    if status is not None and row.get("status_label", status.label) != status.label:
        message = f"expected {status.label!r}, the label of {status.value!r}"
        problems.add(line, "status_label", row["status_label"], message)
    cell = row[layout.count].strip() if layout.by_hand else row[layout.count]
    try:
        count = parse_count(cell, missing=layout.missing)
    except InvalidArgumentError:
        problems.add(line, layout.count, cell, layout.count_expected)
    else:
        contradiction = None if status is None else count_contradiction(status, count)
        if contradiction is not None:
            problems.add(line, layout.count, cell, contradiction)
    if len(problems) > before or department is None or status is None:
        return department, None
    sources = [row[column] for column in layout.sources]
    try:
        return department, Deployment(department, status, count, *sources)
    except InvalidArgumentError as error:  # a record's source cells contradict it
        problems.add(line, error.argument, str(error.value), str(error))
        return department, None


def _publication_match(
    line: int, row: Row, reference: Dataset, problems: Problems
) -> Department | None:
    """Match the row's territory and académie with the query API."""

    def find(column: str, lookup: Callable[[str], T], what: str) -> T | None:
        try:
            return lookup(row[column])
        except UnknownEntityError as error:
            suggestions = [f"{s.name} ({s.code})" for s in error.suggestions]
            message = f"no {what} has this name or code"
            problems.add(line, column, row[column], message, suggestions)
        except InvalidQueryError:
            problems.add(line, column, row[column], "the cell is empty")
        return None

    territory_column, academy_column = PUBLICATION_HEADER[:2]
    found = find(territory_column, reference.lookup, "territory")
    academy = find(academy_column, reference.academy, "académie")
    department = None if found is None else found.department
    if department is not None and academy is not None and academy != department.academy:
        message = (
            f"{department.name} belongs to the académie of "
            f"{department.academy.name} ({department.academy.code}), "
            f"not {academy.name} ({academy.code})"
        )
        problems.add(line, academy_column, row[academy_column], message)
    return department


def _record_match(
    line: int, row: Row, reference: Dataset, problems: Problems
) -> Department | None:
    """Find the row's territory by code; its names and codes must be the reference's."""
    known = next((d for d in reference if d.code == row["code"]), None)
    if known is None:
        matches = reference.search(row["code"]) if row["code"].strip() else ()
        suggestions = [f"{m.deployment.name} ({m.deployment.code})" for m in matches]
        message = "no territory has this INSEE code"
        problems.add(line, "code", row["code"], message, suggestions)
        return None
    check_reference(line, row, known, problems)
    return known.department


_PUBLICATION = _Layout(
    columns=PUBLICATION_HEADER,
    match=_publication_match,
    status=PUBLICATION_HEADER[2],
    status_expected=(
        "not a state of deployment; expected one of "
        f"{', '.join(repr(s.label) for s in sorted(Status))} "
        "(or a key: none-or-unknown, in-progress, massive)"
    ),
    count=PUBLICATION_HEADER[3],
    count_expected=(
        f"expected a number of collèges or {UNKNOWN_COUNT!r} where none is reported"
    ),
    sources=PUBLICATION_HEADER,
    by_hand=True,
)
_RECORD = _Layout(
    columns=RECORD_COLUMNS,
    match=_record_match,
    status="status",
    status_expected=f"expected one of {', '.join(s.value for s in sorted(Status))}",
    count="colleges_with_ent",
    count_expected="expected a number of collèges, or an empty cell where unknown",
    sources=("source_label", "source_academy", "source_status", "source_count"),
    missing="",
    uncell=frozenset(RECORD_COLUMNS) - {"colleges_with_ent"},
)


def check_reference(
    line: int | None,
    cells: Mapping[str, object] | Deployment,
    reference: Deployment,
    problems: Problems,
    field: str = "{}",
) -> None:
    """Record each of *cells* (record columns) that is not the reference's value.

    The columns a territory's code determines, in a CSV row or a deployment read
    from JSON; *field* words the column (``"deployments[3].{}"``).
    """
    if isinstance(cells, Deployment):
        cells = record_of(cells)
    expected: Mapping[str, object] = record_of(reference)
    where = f"the reference for territory {reference.code}"
    for column in RECORD_COLUMNS[1 : RECORD_COLUMNS.index("status")]:
        wanted = expected[column] or ""
        if (cells[column] or "") != wanted:
            message = f"expected {wanted!r}, {where}"
            problems.add(line, field.format(column), str(cells[column]), message)
