"""Reading a user's edition: a table in the publication's layout, or an export.

Rows are matched to the territories and académies of the packaged reference
edition with the query API (:meth:`Dataset.lookup`, :meth:`Dataset.academy`),
so every spelling a lookup accepts is accepted here. Validation is
all-or-nothing: every problem is collected, then raised in one
:class:`DataError`; no partial dataset is ever returned.
"""

from __future__ import annotations

import os
import select
import stat
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from entdeploy._checks import check_encoding, check_path, check_text
from entdeploy._dataset import Dataset
from entdeploy._escape import csv_uncell
from entdeploy._model import (
    PUBLICATION_HEADER,
    UNKNOWN_COUNT,
    Academy,
    Department,
    Deployment,
    Edition,
    Status,
    TerritoryKind,
    count_contradiction,
    parse_count,
)
from entdeploy._normalize import normalize
from entdeploy._problems import Problems, duplicates
from entdeploy._read._source import csv_rows, decode
from entdeploy._read.packaged import load
from entdeploy._write.records import COLUMNS as RECORD_COLUMNS
from entdeploy._write.records import record_of
from entdeploy.exceptions import (
    InvalidArgumentError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import BinaryIO, TextIO


__all__ = ["MAX_BYTES", "MAX_ROWS", "check_reference", "load_file"]

#: The largest file read, in bytes (characters for a text stream).
MAX_BYTES = 1_000_000
#: The most rows read; the publication has 105.
MAX_ROWS = 1_000
#: How long a named pipe may stay silent before it is refused, in seconds.
PIPE_WAIT = 10
_DELIMITERS = {"\t": "tab", ";": "';'", ",": "','"}
_STREAM = "<stream>"


def load_file(
    source: str | os.PathLike[str] | TextIO | BinaryIO,
    *,
    edition: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
) -> Dataset:
    """Return the edition in *source*, a table a user has, as a :class:`Dataset`.

    *source* is a path (``str`` or :class:`os.PathLike`) or an open stream
    (text in memory goes through :class:`io.StringIO`). It holds either the
    publication's own table (the four French column headers, one row per
    territory, every territory once) or a CSV file written by
    :meth:`Dataset.to_csv`. Cells may be separated by tabs, commas or
    semicolons. Files are read as UTF-8 (with or without a BOM), falling back
    to Windows-1252, the encoding of spreadsheet exports; *encoding* forces
    one. Territories and académies are matched by code or by name as
    :meth:`Dataset.lookup` and :meth:`Dataset.academy` match them against the
    packaged edition; the row's cells are kept verbatim in ``source_label``,
    ``source_academy``, ``source_status`` and ``source_count``.

    *edition* is the new edition's id (default: the file's name without its
    extension, ``"stream"`` for a stream) and *title* its title (default: a
    title naming the file). Cells are kept as they are, control characters
    included; the SVG and HTML renderers refuse text that XML cannot hold.

    Raises:
        DataError: The table is invalid; its ``problems`` list every problem
            found, each with its line, column and value, and suggestions for
            an unknown name. Also raised for a file or stream over 1 MB (at
            most 1 MB and one byte is read) or of more than 1,000 rows, and
            for a named pipe that stays silent for 10 seconds.
        OSError: The file cannot be read (:class:`FileNotFoundError`,
            :class:`PermissionError`, :class:`IsADirectoryError`...).
        InvalidArgumentError: *source* is neither a path nor a stream (or is
            text, not a path), a path no file can have, or a stream that stops
            giving data before its end (a non-blocking stream); *edition* or
            *title* is not a non-empty ``str`` SVG and HTML can hold;
            *encoding* is not a text encoding, or is given for a text stream.
    """
    check_text("edition", edition, non_empty=True)
    check_text("title", title, non_empty=True)
    name, text = _read_text(source, encoding)
    if edition is None:
        edition = "stream" if name == _STREAM else Path(name).stem
        # Derived from the file's name, it must pass the checks edition= does.
        check_text(
            "edition (from the file's name; pass edition=)", edition, non_empty=True
        )
    if title is None:
        title = f"Edition {edition!r}, read from {name}"
        check_text("title (from the file's name; pass title=)", title, non_empty=True)
    return Dataset(Edition(id=edition, title=title), _parse(name, text))


# -- Reading -------------------------------------------------------------------


def _read_text(
    source: str | os.PathLike[str] | TextIO | BinaryIO, encoding: str | None
) -> tuple[str, str]:
    """Return ``(name, text)``: the source's name and its decoded text, BOM removed."""
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
            return name, _decode(_read_fifo(path, name), name, encoding)
        with path.open("rb") as file:
            content = _read_all(file.read, name, "the file is larger than")
        assert isinstance(content, bytes)  # noqa: S101 - a file opened "rb"
        return name, _decode(content, name, encoding)
    read: Callable[[int], object] | None = getattr(source, "read", None)
    if not callable(read):
        expected = "a path (str or os.PathLike) or an open stream"
        raise InvalidArgumentError("source", source, expected)
    stream_name = getattr(source, "name", None)
    name = stream_name if isinstance(stream_name, str) and stream_name else _STREAM
    data = _read_all(read, name, "the stream holds more than")
    if isinstance(data, bytes):
        return name, _decode(data, name, encoding)
    if encoding is not None:
        expected = "None for a text stream, which is already decoded"
        raise InvalidArgumentError("encoding", encoding, expected)
    return name, data.removeprefix("\ufeff")


def _read_all(read: Callable[[int], object], name: str, too_large: str) -> str | bytes:
    """Read to the end, piece by piece, but never more than one unit past the cap.

    Raises:
        DataError: More than :data:`MAX_BYTES` bytes (or characters) arrive.
        InvalidArgumentError: The stream reads neither str nor bytes, or stops
            giving them before its end (a non-blocking stream's ``None``):
            part of a file is never read as the whole.
    """
    first = read(MAX_BYTES + 1)
    if not isinstance(first, (str, bytes)):
        raise InvalidArgumentError("source", read, "a stream that reads str or bytes")
    pieces: list[str | bytes] = [first]
    size = len(first)
    # A pipe or an unbuffered stream may deliver the file in several pieces.
    while pieces[-1] and size <= MAX_BYTES:
        piece = read(MAX_BYTES + 1 - size)
        if not isinstance(piece, type(first)):
            unit = "bytes" if isinstance(first, bytes) else "characters"
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
        unit = "bytes" if isinstance(first, bytes) else "characters"
        _too_large(name, f"{too_large} {MAX_BYTES:,} {unit}")
    empty = first[:0]
    return empty.join(pieces)  # type: ignore[arg-type]


def _read_fifo(path: Path, name: str) -> bytes:
    """Read a named pipe to its end, waiting at most :data:`PIPE_WAIT` for each piece.

    Raises:
        DataError: Nothing arrives for :data:`PIPE_WAIT` seconds (no program
            writes to the pipe), or more than :data:`MAX_BYTES` bytes arrive.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    pieces: list[bytes] = []
    size = 0
    try:
        while size <= MAX_BYTES:
            ready, _, _ = select.select([descriptor], [], [], PIPE_WAIT)
            if not ready:
                Problems(name).fail(
                    None,
                    None,
                    None,
                    f"nothing arrived through the pipe for {PIPE_WAIT} seconds; "
                    "is a program writing to it?",
                )
            try:
                piece = os.read(descriptor, MAX_BYTES + 1 - size)
            except BlockingIOError:
                continue
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        _too_large(name, f"the pipe sent more than {MAX_BYTES:,} bytes")
    return b"".join(pieces)


def _too_large(name: str, what: str) -> NoReturn:
    Problems(name).fail(
        None,
        None,
        None,
        f"{what}; the publication's table is about 5 kB and 106 lines: "
        "is this the right file?",
    )


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    """Decode *data*: *encoding* if given, else UTF-8 (or UTF-16 by its BOM).

    Bytes that are not UTF-8 are read as Windows-1252 only when none of the
    file's non-ASCII bytes are UTF-8: a UTF-8 file with a stray byte is
    reported at that byte's line, not misread whole.
    """
    problems = Problems(name)
    if encoding is None:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        elif not _has_utf8_sequences(data):
            return decode(data, problems, encoding="cp1252") or _raise(problems)
        else:
            encoding = "utf-8-sig"
    try:
        text = decode(
            data,
            problems,
            encoding=encoding,
            name=encoding.removesuffix("-sig"),
            hint="; pass encoding= (such as 'latin-1')",
        )
    except UnicodeError as error:  # a codec that cannot say where ("undefined")
        problems.fail(None, None, None, f"cannot be decoded as {encoding} ({error})")
    return (text or _raise(problems)).removeprefix("\ufeff")


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether *data* is ASCII, or holds at least one well-formed UTF-8 sequence."""
    if data.isascii():
        return True
    text = data.decode("utf-8", errors="replace")
    return any(ord(char) > 0x7F and char != "\ufffd" for char in text)


def _raise(problems: Problems) -> str:
    problems.raise_if_any()
    return ""


# -- Parsing -------------------------------------------------------------------


def _parse(name: str, text: str) -> tuple[Deployment, ...]:
    """Parse and validate *text*; raise a :class:`DataError` listing every problem."""
    problems = Problems(name)
    if not text.strip():
        problems.fail(None, None, None, "the file is empty")
    first_line = text.split("\n", 1)[0]
    if first_line.strip().lower().startswith("sep="):
        problems.fail(
            1,
            None,
            first_line,
            "a spreadsheet's 'sep=' line; delete it, or save the sheet again "
            "as CSV without it",
        )
    found = [d for d in _DELIMITERS if d in first_line]
    if len(found) != 1:
        listed = " and ".join(_DELIMITERS[d] for d in found)
        message = (
            f"the header mixes delimiters ({listed})"
            if found
            else "no tab, comma or semicolon separates the header's columns"
        )
        problems.fail(1, None, first_line, f"{message}; expected {_expected()}")
    delimiter = found[0]
    rows = csv_rows(text, problems, delimiter=delimiter, max_rows=MAX_ROWS)
    if not rows:
        problems.fail(None, None, None, "the file is empty")
    (_, header), *body = rows
    header = _without_trailing_empty_cells(header)
    reference = load()
    columns: Sequence[str]
    if tuple(map(normalize, header)) == tuple(map(normalize, PUBLICATION_HEADER)):
        parse_row, columns = _publication_row, PUBLICATION_HEADER
    elif tuple(header) == RECORD_COLUMNS:
        parse_row, columns = _record_row, RECORD_COLUMNS
    else:
        problems.fail(
            1,
            None,
            delimiter.join(header),
            f"unknown header; expected {_expected()}",
        )
    parsed: list[tuple[int, str, Department, Deployment | None]] = []
    for line, raw in body:
        cells = _without_trailing_empty_cells(raw, len(columns))
        if len(cells) != len(columns):
            problems.add(*_shape_problem(line, cells, columns, delimiter))
            continue
        row = dict(zip(columns, cells, strict=True))
        department, deployment = parse_row(line, row, reference, problems)
        if department is not None:
            parsed.append((line, cells[0], department, deployment))
    for index, first in duplicates(department.code for _, _, department, _ in parsed):
        line, cell, department, _ = parsed[index]
        problems.add(
            line,
            columns[0],
            cell,
            f"{department.name} ({department.code}) is already on line "
            f"{parsed[first][0]}: each territory appears once",
        )
    if parse_row is _publication_row:
        seen = {department.code for _, _, department, _ in parsed}
        missing = [d for d in reference if d.code not in seen]
        if missing:
            names = ", ".join(f"{d.name} ({d.code})" for d in missing)
            problems.add(
                None,
                None,
                None,
                f"no row names {len(missing)} of the {len(reference)} "
                f"territories: {names}; is the file truncated?",
            )
    problems.raise_if_any()
    return tuple(deployment for *_, deployment in parsed if deployment is not None)


def _without_trailing_empty_cells(
    cells: list[str], wanted: int | None = None
) -> list[str]:
    """Drop the empty cells a spreadsheet adds at the end of every line."""
    while cells and not cells[-1] and (wanted is None or len(cells) > wanted):
        cells = cells[:-1]
    return cells


def _expected() -> str:
    return (
        f"the publication's columns ({', '.join(PUBLICATION_HEADER)}) separated "
        "by tabs, commas or semicolons, or the columns of Dataset.to_csv "
        f"({','.join(RECORD_COLUMNS[:3])},...)"
    )


def _shape_problem(
    line: int, cells: list[str], columns: Sequence[str], delimiter: str
) -> tuple[int, None, str, str]:
    joined = delimiter.join(cells)
    others = [d for d in _DELIMITERS if d != delimiter and d in joined]
    if len(cells) < len(columns) and others:
        message = (
            f"this row is separated by {_DELIMITERS[others[0]]} but the header by "
            f"{_DELIMITERS[delimiter]}: mixed delimiters"
        )
    else:
        message = (
            f"expected {len(columns)} cells ({', '.join(columns)}), found {len(cells)}"
        )
        if len(cells) < len(columns):
            message += "; is the row cut short?"
    return line, None, joined, message


def _deployment(
    line: int,
    problems: Problems,
    columns: Mapping[str, str],
    build: Callable[[], Deployment],
) -> Deployment | None:
    """Return the :class:`Deployment` *build* makes, or record why it refuses.

    The problem names the column (*columns* maps a field to its column).
    """
    try:
        return build()
    except InvalidArgumentError as error:
        value = error.value if isinstance(error.value, str) else repr(error.value)
        column = columns.get(error.argument, error.argument)
        problems.add(line, column, value, str(error))
        return None


def _count(
    line: int,
    column: str,
    cell: str,
    status: Status | None,
    problems: Problems,
    *,
    missing: str,
    expected: str,
) -> int | None:
    """Read a count cell with :func:`parse_count`, or record why it is not one."""
    try:
        count = parse_count(cell, missing=missing)
    except InvalidArgumentError:
        problems.add(line, column, cell, expected)
        return None
    contradiction = None if status is None else count_contradiction(status, count)
    if contradiction is not None:
        problems.add(line, column, cell, contradiction)
    return count


# -- The publication's layout ----------------------------------------------------


def _publication_row(
    line: int, row: Mapping[str, str], reference: Dataset, problems: Problems
) -> tuple[Department | None, Deployment | None]:
    """Read one row of the publication's table: labels matched with the query API."""
    territory_column, academy_column, status_column, count_column = PUBLICATION_HEADER
    before = len(problems)
    department = _department(line, territory_column, row, reference, problems)
    academy = _academy(line, academy_column, row, reference, problems)
    if department is not None and academy is not None and academy != department.academy:
        problems.add(
            line,
            academy_column,
            row[academy_column],
            f"{department.name} belongs to the académie of "
            f"{department.academy.name} ({department.academy.code}), "
            f"not {academy.name} ({academy.code})",
        )
    try:
        status: Status | None = Status.parse(row[status_column])
    except InvalidArgumentError:
        status = None
        expected = ", ".join(repr(s.label) for s in sorted(Status))
        problems.add(
            line,
            status_column,
            row[status_column],
            f"not a state of deployment; expected one of {expected} "
            "(or a key: none-or-unknown, in-progress, massive)",
        )
    count = _count(
        line,
        count_column,
        row[count_column].strip(),
        status,
        problems,
        missing=UNKNOWN_COUNT,
        expected=f"expected a number of collèges or {UNKNOWN_COUNT!r} "
        "where none is reported",
    )
    if len(problems) > before or department is None or status is None:
        return department, None
    return department, _deployment(
        line,
        problems,
        {"source_status": status_column, "source_count": count_column},
        lambda: Deployment(
            department,
            status,
            count,
            row[territory_column],
            row[academy_column],
            row[status_column],
            row[count_column],
        ),
    )


def _department(
    line: int,
    column: str,
    row: Mapping[str, str],
    reference: Dataset,
    problems: Problems,
) -> Department | None:
    label = row[column]
    try:
        return reference.lookup(label).department
    except UnknownDepartmentError as error:
        suggestions = [f"{d.name} ({d.code})" for d in error.suggestions]
        message = "no territory has this name or code"
        problems.add(line, column, label, message, suggestions)
    except InvalidQueryError:
        problems.add(line, column, label, "the cell is empty")
    return None


def _academy(
    line: int,
    column: str,
    row: Mapping[str, str],
    reference: Dataset,
    problems: Problems,
) -> Academy | None:
    label = row[column]
    try:
        return reference.academy(label)
    except UnknownAcademyError as error:
        suggestions = [f"{a.name} ({a.code})" for a in error.suggestions]
        message = "no académie has this name or code"
        problems.add(line, column, label, message, suggestions)
    except InvalidQueryError:
        problems.add(line, column, label, "the cell is empty")
    return None


# -- The layout of Dataset.to_csv ----------------------------------------------


def _record_row(
    line: int, row: Mapping[str, str], reference: Dataset, problems: Problems
) -> tuple[Department | None, Deployment | None]:
    """Read one row written by :meth:`Dataset.to_csv`, checked against the reference."""
    before = len(problems)
    cells = {
        column: value if column == "colleges_with_ent" else csv_uncell(value)
        for column, value in row.items()
    }
    department = next(
        (d.department for d in reference if d.code == cells["code"]), None
    )
    if department is None:
        matches = reference.search(cells["code"]) if cells["code"].strip() else ()
        problems.add(
            line,
            "code",
            cells["code"],
            "no territory has this INSEE code",
            [f"{m.deployment.name} ({m.deployment.code})" for m in matches],
        )
    else:
        check_reference(line, cells, reference.lookup(department.code), problems)
    try:
        status: Status | None = Status.parse(cells["status"])
    except InvalidArgumentError:
        status = None
        expected = ", ".join(s.value for s in sorted(Status))
        problems.add(line, "status", cells["status"], f"expected one of {expected}")
    if status is not None and cells["status_label"] != status.label:
        problems.add(
            line,
            "status_label",
            cells["status_label"],
            f"expected {status.label!r}, the label of {status.value!r}",
        )
    count = _count(
        line,
        "colleges_with_ent",
        cells["colleges_with_ent"],
        status,
        problems,
        missing="",
        expected="expected a number of collèges, or an empty cell where unknown",
    )
    if len(problems) > before or department is None or status is None:
        return department, None
    return department, _deployment(
        line,
        problems,
        {},
        lambda: Deployment(
            department,
            status,
            count,
            cells["source_label"],
            cells["source_academy"],
            cells["source_status"],
            cells["source_count"],
        ),
    )


#: The record columns that a territory's code determines.
REFERENCE_COLUMNS = (
    "name",
    "iso_code",
    "kind",
    "region_code",
    "region_name",
    "academy_code",
    "academy_name",
    "academic_region",
)


def check_reference(
    line: int | None,
    cells: Mapping[str, object],
    reference: Deployment,
    problems: Problems,
    field: str = "{}",
) -> None:
    """Record each of *cells* (record columns) that is not the reference's value.

    The one check that a territory's names and codes are the reference's, for
    :meth:`Dataset.to_csv` files and JSON alike; *field* words the column
    (``"deployments[3].{}"``). Missing values are ``""`` or ``None``.
    """
    expected = record_of(reference)
    for column in REFERENCE_COLUMNS:
        wanted = _plain(getattr(expected, column))
        if _plain(cells[column]) != wanted:
            problems.add(
                line,
                field.format(column),
                str(cells[column]),
                f"expected {wanted!r}, the reference for territory {reference.code}",
            )


def _plain(value: object) -> str:
    """Return a record value as its CSV cell: an enum's value, ``""`` for None."""
    if isinstance(value, TerritoryKind):
        return value.value
    return "" if value is None else str(value)
