"""Loading a user's edition: a table in the publication's layout, or an export.

Rows are matched to the territories and académies of the packaged reference
edition with the query API (:meth:`Dataset.lookup`, :meth:`Dataset.academy`),
so every spelling a lookup accepts is accepted here. Validation is
all-or-nothing: every problem is collected, then raised in one
:class:`DataError`; no partial dataset is ever returned.
"""

from __future__ import annotations

import abc
import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

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
    count_contradiction,
    parse_count,
)
from entdeploy._normalize import normalize
from entdeploy._write.records import COLUMNS as RECORD_COLUMNS
from entdeploy.exceptions import (
    DataError,
    InvalidArgumentError,
    InvalidQueryError,
    Problem,
    UnknownAcademyError,
    UnknownDepartmentError,
)

from .packaged import load

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import BinaryIO, TextIO


__all__ = ["MAX_BYTES", "MAX_ROWS", "PUBLICATION_HEADER", "load_file"]

#: The largest file read, in bytes (characters for a text stream).
MAX_BYTES = 1_000_000
#: The most rows read; the publication has 105.
MAX_ROWS = 1_000
_DELIMITERS = {"\t": "tab", ";": "';'", ",": "','"}


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
    title naming the file).

    Cells are kept as they are, control characters included (a CSV file can
    hold them); the SVG and HTML renderers refuse, with a :class:`DataError`,
    to show text that XML cannot hold, but the other exports write it.

    Raises:
        DataError: The table is invalid; its ``problems`` list every problem
            found, each with its line, column and value, and suggestions for
            an unknown name. Also raised for a file or stream over 1 MB (at
            most 1 MB and one byte is read, so a device or pipe that never
            ends is refused too) or of more than 1,000 rows (rows are not
            read past the 1,001st).
        OSError: The file cannot be read: :class:`FileNotFoundError`,
            :class:`PermissionError`, :class:`IsADirectoryError` and the like,
            for a path that is valid but names no readable file.
        InvalidArgumentError: *source* is neither a path nor a stream (or is
            text, not a path), or is a path no file can have (empty, or
            holding a NUL character or a lone surrogate); *edition* or
            *title* is not a non-empty ``str``, or holds a character SVG and
            HTML cannot hold (a control character other than tab, line feed
            and carriage return, a lone surrogate, U+FFFE or U+FFFF);
            *encoding* is not the name of a text encoding, or is given for a
            text stream.
    """
    check_text("edition", edition, non_empty=True)
    check_text("title", title, non_empty=True)
    name, text = _read_text(source, encoding)
    if edition is None:
        edition = "stream" if name == "<stream>" else Path(name).stem
    metadata = Edition(
        id=edition,
        title=title if title is not None else f"Edition {edition!r}, read from {name}",
    )
    deployments = _parse(name, text)
    return Dataset(metadata, deployments)


# -- Reading -------------------------------------------------------------------


def _too_large(name: str, what: str) -> DataError:
    return DataError(
        [
            Problem(
                name,
                None,
                None,
                None,
                f"{what}; the publication's table is about 5 kB and 106 lines: "
                "is this the right file?",
            )
        ]
    )


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
        # Read at most one byte more than the limit: a size from stat() is 0
        # for a device or a pipe (/dev/zero, a FIFO), which may never end.
        with path.open("rb") as file:
            content = file.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            raise _too_large(name, f"the file is larger than {MAX_BYTES:,} bytes")
        return name, _decode(content, name, encoding)
    read: Callable[[int], object] | None = getattr(source, "read", None)
    if not callable(read):
        expected = "a path (str or os.PathLike) or an open stream"
        raise InvalidArgumentError("source", source, expected)
    stream_name = getattr(source, "name", None)
    name = stream_name if isinstance(stream_name, str) else "<stream>"
    data = read(MAX_BYTES + 1)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise _too_large(name, f"the stream holds more than {MAX_BYTES:,} bytes")
        return name, _decode(data, name, encoding)
    if not isinstance(data, str):
        raise InvalidArgumentError("source", source, "a stream that reads str or bytes")
    if encoding is not None:
        expected = "None for a text stream, which is already decoded"
        raise InvalidArgumentError("encoding", encoding, expected)
    if len(data) > MAX_BYTES:
        raise _too_large(name, f"the stream holds more than {MAX_BYTES:,} characters")
    return name, data.removeprefix("\ufeff")


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    """Decode *data*: *encoding* if given, else UTF-8, else Windows-1252."""
    codec = encoding or "utf-8-sig"
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        if encoding is None:
            return _decode(data, name, "cp1252")
        last = error
    except UnicodeError as error:  # a codec that cannot say where ("undefined")
        message = f"the file cannot be decoded as {encoding} ({error})"
        raise DataError([Problem(name, None, None, None, message)]) from None
    line = data[: last.start].count(b"\n") + 1
    expected = "UTF-8 or Windows-1252" if encoding == "cp1252" else encoding
    problem = Problem(
        name,
        line,
        None,
        repr(data[last.start : last.end])[2:-1],
        f"the file is not {expected}; pass encoding= (such as 'latin-1')",
    )
    raise DataError([problem])


# -- Parsing -------------------------------------------------------------------


def _parse(name: str, text: str) -> tuple[Deployment, ...]:
    """Parse and validate *text*; raise a :class:`DataError` listing every problem."""
    problems: list[Problem] = []
    if not text.strip():
        raise DataError([Problem(name, None, None, None, "the file is empty")])
    first_line = text.split("\n", 1)[0]
    found = [d for d in _DELIMITERS if d in first_line]
    if len(found) != 1:
        listed = " and ".join(_DELIMITERS[d] for d in found)
        message = (
            f"the header mixes delimiters ({listed})"
            if found
            else "no tab, comma or semicolon separates the header's columns"
        )
        problems.append(
            Problem(
                name,
                1,
                None,
                first_line,
                f"{message}; expected {_expected_headers(RECORD_COLUMNS)}",
            )
        )
        raise DataError(problems)
    delimiter = found[0]
    rows = _read_rows(name, text, delimiter, problems)
    if not rows:
        problems.append(Problem(name, None, None, None, "the file is empty"))
        raise DataError(problems)
    (_, header), *body = rows
    reference = load()
    if tuple(normalize(cell) for cell in header) == tuple(
        normalize(column) for column in PUBLICATION_HEADER
    ):
        parse_row: _RowParser = _PublicationRow(name, reference)
        columns: Sequence[str] = PUBLICATION_HEADER
    elif tuple(header) == RECORD_COLUMNS:
        parse_row = _RecordRow(name, reference)
        columns = RECORD_COLUMNS
    else:
        problems.append(
            Problem(
                name,
                1,
                None,
                delimiter.join(header),
                f"unknown header; expected {_expected_headers(RECORD_COLUMNS)}",
            )
        )
        raise DataError(problems)

    deployments: list[Deployment] = []
    seen: dict[str, int] = {}
    for line, cells in body:
        if len(cells) != len(columns):
            problems.append(_shape_problem(name, line, cells, columns, delimiter))
            continue
        row = dict(zip(columns, cells, strict=True))
        department, deployment = parse_row(line, row, problems)
        if department is None:
            continue
        if department.code in seen:
            problems.append(
                Problem(
                    name,
                    line,
                    columns[0],
                    cells[0],
                    f"{department.name} ({department.code}) is already on line "
                    f"{seen[department.code]}: each territory appears once",
                )
            )
            continue
        seen[department.code] = line
        if deployment is not None:
            deployments.append(deployment)
    if isinstance(parse_row, _PublicationRow):
        missing = [d for d in reference if d.code not in seen]
        if missing:
            names = ", ".join(f"{d.name} ({d.code})" for d in missing)
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    None,
                    f"no row names {len(missing)} of the {len(reference)} "
                    f"territories: {names}; is the file truncated?",
                )
            )
    if problems:
        raise DataError(problems)
    return tuple(deployments)


def _read_rows(
    name: str, text: str, delimiter: str, problems: list[Problem]
) -> list[tuple[int, list[str]]]:
    """Return the non-blank rows of *text* with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if len(rows) > MAX_ROWS:
                raise _too_large(name, f"the file has more than {MAX_ROWS:,} rows")
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(
            Problem(
                name,
                start,
                None,
                None,
                f"the row cannot be read ({error}): a quote opened here is never "
                "closed; is the file truncated?",
            )
        )
    return rows


def _expected_headers(record_columns: Sequence[str]) -> str:
    return (
        f"the publication's columns ({', '.join(PUBLICATION_HEADER)}) separated "
        "by tabs, commas or semicolons, or the columns of Dataset.to_csv "
        f"({','.join(record_columns[:3])},...)"
    )


def _shape_problem(
    name: str,
    line: int,
    cells: list[str],
    columns: Sequence[str],
    delimiter: str,
) -> Problem:
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
    return Problem(name, line, None, joined, message)


class _RowParser(abc.ABC):
    """Turns one row into a :class:`Deployment`, or records its problems."""

    def __init__(self, name: str, reference: Dataset) -> None:
        self.name = name
        self.reference = reference

    @abc.abstractmethod
    def __call__(
        self, line: int, row: Mapping[str, str], problems: list[Problem]
    ) -> tuple[Department | None, Deployment | None]:
        """Return the row's territory (if it is known) and its deployment.

        The deployment is ``None`` when the row has a problem, recorded in
        *problems*.
        """

    def problem(
        self,
        line: int,
        field: str,
        value: str,
        message: str,
        suggestions: Sequence[str] = (),
    ) -> Problem:
        return Problem(self.name, line, field, value, message, tuple(suggestions))

    def deployment(
        self,
        line: int,
        problems: list[Problem],
        columns: Mapping[str, str],
        build: Callable[[], Deployment],
    ) -> Deployment | None:
        """Return the :class:`Deployment` *build* makes, or record why it refuses.

        A deployment refuses cells that contradict each other (a verbatim
        status cell that is not the typed status); the problem names the
        column (*columns* maps a field to its column, default the field's name).
        """
        try:
            return build()
        except InvalidArgumentError as error:
            value = error.value if isinstance(error.value, str) else repr(error.value)
            column = columns.get(error.argument, error.argument)
            problems.append(self.problem(line, column, value, str(error)))
            return None


class _PublicationRow(_RowParser):
    """A row of the publication's table: labels matched with the query API."""

    def __call__(
        self, line: int, row: Mapping[str, str], problems: list[Problem]
    ) -> tuple[Department | None, Deployment | None]:
        territory_column, academy_column, status_column, count_column = (
            PUBLICATION_HEADER
        )
        before = len(problems)
        department = self._department(line, territory_column, row, problems)
        academy = self._academy(line, academy_column, row, problems)
        if (
            department is not None
            and academy is not None
            and academy != department.academy
        ):
            problems.append(
                self.problem(
                    line,
                    academy_column,
                    row[academy_column],
                    f"{department.name} belongs to the académie of "
                    f"{department.academy.name} ({department.academy.code}), "
                    f"not {academy.name} ({academy.code})",
                )
            )
        try:
            status: Status | None = Status.parse(row[status_column])
        except InvalidArgumentError:
            status = None
            expected = ", ".join(repr(s.label) for s in sorted(Status))
            problems.append(
                self.problem(
                    line,
                    status_column,
                    row[status_column],
                    f"not a state of deployment; expected one of {expected} "
                    "(or a key: none-or-unknown, in-progress, massive)",
                )
            )
        count = self._count(line, count_column, row[count_column], status, problems)
        if len(problems) > before or department is None or status is None:
            return department, None
        return department, self.deployment(
            line,
            problems,
            {"source_status": status_column, "source_count": count_column},
            lambda: Deployment(
                department=department,
                status=status,
                colleges_with_ent=count,
                source_label=row[territory_column],
                source_academy=row[academy_column],
                source_status=row[status_column],
                source_count=row[count_column],
            ),
        )

    def _department(
        self, line: int, column: str, row: Mapping[str, str], problems: list[Problem]
    ) -> Department | None:
        label = row[column]
        try:
            return self.reference.lookup(label).department
        except UnknownDepartmentError as error:
            problems.append(
                self.problem(
                    line,
                    column,
                    label,
                    "no territory has this name or code",
                    [f"{d.name} ({d.code})" for d in error.suggestions],
                )
            )
        except InvalidQueryError:
            problems.append(self.problem(line, column, label, "the cell is empty"))
        return None

    def _academy(
        self, line: int, column: str, row: Mapping[str, str], problems: list[Problem]
    ) -> Academy | None:
        label = row[column]
        try:
            return self.reference.academy(label)
        except UnknownAcademyError as error:
            problems.append(
                self.problem(
                    line,
                    column,
                    label,
                    "no académie has this name or code",
                    [f"{a.name} ({a.code})" for a in error.suggestions],
                )
            )
        except InvalidQueryError:
            problems.append(self.problem(line, column, label, "the cell is empty"))
        return None

    def _count(
        self,
        line: int,
        column: str,
        cell: str,
        status: Status | None,
        problems: list[Problem],
    ) -> int | None:
        try:
            count = parse_count(cell.strip())
        except InvalidArgumentError:
            problems.append(
                self.problem(
                    line,
                    column,
                    cell,
                    f"expected a number of collèges or {UNKNOWN_COUNT!r} "
                    "where none is reported",
                )
            )
            return None
        if status is not None:
            found = count_contradiction(status, count)
            if found is not None:
                problems.append(self.problem(line, column, cell, found))
        return count


class _RecordRow(_RowParser):
    """A row written by :meth:`Dataset.to_csv`: codes checked against the reference."""

    def __init__(self, name: str, reference: Dataset) -> None:
        super().__init__(name, reference)
        self.by_code = {d.code: d.department for d in reference}

    def __call__(
        self, line: int, row: Mapping[str, str], problems: list[Problem]
    ) -> tuple[Department | None, Deployment | None]:
        before = len(problems)
        cells = {
            column: value if column == "colleges_with_ent" else csv_uncell(value)
            for column, value in row.items()
        }
        department = self.by_code.get(cells["code"])
        if department is None:
            matches = (
                self.reference.search(cells["code"]) if cells["code"].strip() else ()
            )
            problems.append(
                self.problem(
                    line,
                    "code",
                    cells["code"],
                    "no territory has this INSEE code",
                    [f"{m.deployment.name} ({m.deployment.code})" for m in matches],
                )
            )
        else:
            self._check_reference(line, cells, department, problems)
        status = self._status(line, cells, problems)
        count = self._count(line, cells["colleges_with_ent"], status, problems)
        if len(problems) > before or department is None or status is None:
            return department, None
        return department, self.deployment(
            line,
            problems,
            {},
            lambda: Deployment(
                department=department,
                status=status,
                colleges_with_ent=count,
                source_label=cells["source_label"],
                source_academy=cells["source_academy"],
                source_status=cells["source_status"],
                source_count=cells["source_count"],
            ),
        )

    def _check_reference(
        self,
        line: int,
        cells: Mapping[str, str],
        department: Department,
        problems: list[Problem],
    ) -> None:
        region = department.region
        academy = department.academy
        expected = {
            "name": department.name,
            "iso_code": department.iso_code,
            "kind": department.kind.value,
            "region_code": "" if region is None else region.code,
            "region_name": "" if region is None else region.name,
            "academy_code": academy.code,
            "academy_name": academy.name,
            "academic_region": academy.academic_region or "",
        }
        for column, value in expected.items():
            if cells[column] != value:
                problems.append(
                    self.problem(
                        line,
                        column,
                        cells[column],
                        f"expected {value!r}, the reference for territory "
                        f"{department.code}",
                    )
                )

    def _status(
        self, line: int, cells: Mapping[str, str], problems: list[Problem]
    ) -> Status | None:
        try:
            status = Status(cells["status"])
        except ValueError:
            expected = ", ".join(s.value for s in sorted(Status))
            problems.append(
                self.problem(
                    line, "status", cells["status"], f"expected one of {expected}"
                )
            )
            return None
        if cells["status_label"] != status.label:
            problems.append(
                self.problem(
                    line,
                    "status_label",
                    cells["status_label"],
                    f"expected {status.label!r}, the label of {status.value!r}",
                )
            )
        return status

    def _count(
        self,
        line: int,
        cell: str,
        status: Status | None,
        problems: list[Problem],
    ) -> int | None:
        try:
            count = parse_count(cell, missing="")
        except InvalidArgumentError:
            problems.append(
                self.problem(
                    line,
                    "colleges_with_ent",
                    cell,
                    "expected a number of collèges, or an empty cell where unknown",
                )
            )
            return None
        if status is not None:
            found = count_contradiction(status, count)
            if found is not None:
                problems.append(self.problem(line, "colleges_with_ent", cell, found))
        return count
