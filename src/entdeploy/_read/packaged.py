"""Reading, validating and structuring the packaged editions.

The packaged data lives in ``entdeploy/data/<edition id>/`` and is read through
importlib resources only, so it works from a wheel, a zip or a source tree.
The data folder is listed once per process (the packaged data cannot change
while it runs), and each edition is read and validated until it first loads:
later calls return the same object. All of this happens behind one lock.
Packaged data that fails validation is read again, and fails again, on each
call: the error is never cached.

Every way the packaged files can be wrong -- a missing file, bytes that are not
UTF-8, JSON that does not parse, a value of the wrong type -- is a
:class:`DataError` listing every problem found, each naming the file, the line
and the field.

The loader builds the model by hand rather than through cattrs: importing cattrs
roughly doubles the time to a first answer. ``tests/test_converter.py`` proves
that the project's converter structures the same files into equal objects.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import threading
from types import MappingProxyType
from typing import TYPE_CHECKING

from entdeploy._dataset import Dataset
from entdeploy._model import (
    UNKNOWN_COUNT,
    Academy,
    AcademyKind,
    Department,
    Deployment,
    Edition,
    Region,
    Source,
    Status,
    TerritoryKind,
    count_contradiction,
    parse_count,
)
from entdeploy.exceptions import (
    DataError,
    InvalidArgumentError,
    Problem,
    UnknownEditionError,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

if sys.version_info >= (3, 11):
    from importlib.resources import files

    if TYPE_CHECKING:
        from importlib.resources.abc import Traversable
else:  # pragma: no cover - exercised on Python 3.10 only
    from importlib_resources import files

    if TYPE_CHECKING:
        from importlib_resources.abc import Traversable

__all__ = ["editions", "load", "load_aliases"]

#: The header of each packaged CSV file, in order.
COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "regions.csv": ("code", "name"),
        "academies.csv": ("code", "name", "kind", "academic_region"),
        "territories.csv": (
            "code",
            "name",
            "iso_code",
            "kind",
            "region_code",
            "academy_code",
        ),
        "deployments.csv": (
            "code",
            "source_label",
            "source_academy",
            "source_status",
            "source_count",
        ),
        "label_corrections.csv": (
            "entity",
            "code",
            "source_label",
            "official_name",
            "reason",
        ),
    }
)
ALIAS_COLUMNS = ("alias", "entity", "code", "note")
EDITION_KEYS = frozenset(
    {
        "id",
        "title",
        "school_year",
        "publisher",
        "sources",
        "description",
        "statuses_description",
        "licence",
        "licence_note",
        "row_count",
        "files",
    }
)
#: The keys of ``edition.json`` whose value is a ``str`` or ``null``.
OPTIONAL_TEXT_KEYS = (
    "school_year",
    "publisher",
    "description",
    "statuses_description",
    "licence",
    "licence_note",
)
_lock = threading.Lock()
_datasets: dict[str, Dataset] = {}
_editions: dict[str, Edition] = {}
#: The edition folders by id, listed once (tests may reset it to ``None``).
_dirs: dict[str, Traversable] | None = None


def _data_dir() -> Traversable:
    return files("entdeploy") / "data"


def _edition_dirs() -> dict[str, Traversable]:
    """Return the edition folders by id, oldest first; call with the lock held.

    The listing is made once per process: the packaged data cannot change
    while it runs. Every folder of ``data/`` whose name does not start with
    ``.`` or ``_`` is an edition (one without an ``edition.json`` fails to
    load rather than being skipped).

    Raises:
        DataError: No edition is packaged.
    """
    global _dirs  # noqa: PLW0603 - the one process-wide listing, set once
    if _dirs is None:
        found = {
            entry.name: entry
            for entry in _data_dir().iterdir()
            if entry.is_dir() and not entry.name.startswith((".", "_"))
        }
        if not found:
            problem = Problem("data", None, None, None, "no edition folder is packaged")
            raise DataError([problem])
        _dirs = {name: found[name] for name in sorted(found)}
    return _dirs


def editions() -> tuple[Edition, ...]:
    """Return the metadata of every packaged edition, oldest first.

    Only each edition's ``edition.json`` is read; the rows are not loaded.

    Raises:
        DataError: An ``edition.json`` is corrupt (a bug: please report it).
    """
    with _lock:
        if not _editions:
            read = {
                name: _read_metadata(folder, name)[0]
                for name, folder in _edition_dirs().items()
            }
            _editions.update(read)
        return tuple(_editions.values())


def load(edition: str | None = None) -> Dataset:
    """Return a packaged edition as a :class:`Dataset` (the latest by default).

    The edition is read and validated once per process; later calls return the
    same object. Safe to call from several threads at once.

    Raises:
        InvalidArgumentError: *edition* is neither a ``str`` nor ``None`` (also
            a :class:`TypeError`).
        UnknownEditionError: No packaged edition has the id *edition*.
        DataError: The packaged files are corrupt (a bug: please report it).
    """
    if edition is not None and not isinstance(edition, str):
        raise InvalidArgumentError("edition", edition, "a str such as '2025', or None")
    with _lock:
        dirs = _edition_dirs()
        wanted = edition if edition is not None else max(dirs)
        cached = _datasets.get(wanted)
        if cached is not None:
            return cached
        if wanted not in dirs:
            raise UnknownEditionError(wanted, tuple(dirs))
        dataset = _read_edition(dirs[wanted], wanted)
        _datasets[wanted] = dataset
        return dataset


def load_aliases() -> tuple[tuple[str, str, str], ...]:
    """Return the packaged aliases as ``(alias, entity, code)`` triples.

    ``entity`` is ``"department"`` or ``"academy"``; ``code`` is the INSEE or
    Ministry code the alias stands for.

    Raises:
        DataError: The aliases file is malformed.
    """
    name = "aliases.csv"
    problems: list[Problem] = []
    text = _read_text(_data_dir() / name, name, None, problems)
    rows = [] if text is None else _parse_csv(text, name, ALIAS_COLUMNS, problems)
    aliases: list[tuple[str, str, str]] = []
    for line, row in rows:
        if row["entity"] not in ("department", "academy"):
            problems.append(
                Problem(
                    name,
                    line,
                    "entity",
                    row["entity"],
                    "expected 'department' or 'academy'",
                )
            )
        if not row["alias"].strip() or not row["code"]:
            problems.append(
                Problem(name, line, None, None, "alias and code must not be empty")
            )
        aliases.append((row["alias"], row["entity"], row["code"]))
    if problems:
        raise DataError(problems)
    return tuple(aliases)


# -- Reading -------------------------------------------------------------------


def _read_metadata(
    folder: Traversable, name: str
) -> tuple[Edition, int | None, dict[str, str]]:
    """Read ``<name>/edition.json``: the edition, its row count and its checksums.

    Raises:
        DataError: The file is missing, is not a JSON object, or any key is
            unknown, missing or of the wrong type; every problem is listed.
    """
    where = f"{name}/edition.json"
    problems: list[Problem] = []
    text = _read_text(folder / "edition.json", where, None, problems)
    if text is None:
        raise DataError(problems)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            where,
            error.lineno,
            None,
            None,
            f"not valid JSON: {error.msg} (column {error.colno})",
        )
        raise DataError([problem]) from None
    if not isinstance(raw, dict):
        raise DataError([Problem(where, None, None, None, "expected a JSON object")])
    for key in sorted(set(raw) - EDITION_KEYS):
        problems.append(Problem(where, None, key, None, "unknown key"))
    for key in ("id", "title"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            problems.append(Problem(where, None, key, None, "a non-empty string"))
    if isinstance(raw.get("id"), str) and raw["id"] and raw["id"] != name:
        problems.append(
            Problem(
                where,
                None,
                "id",
                raw["id"],
                f"expected {name!r}, the name of the edition's folder",
            )
        )
    for key in OPTIONAL_TEXT_KEYS:
        if not isinstance(raw.get(key), (str, type(None))):
            problems.append(
                Problem(where, None, key, repr(raw[key]), "a string or null")
            )
    row_count: int | None = raw.get("row_count")
    if not isinstance(row_count, int) or isinstance(row_count, bool) or row_count < 0:
        problems.append(
            Problem(where, None, "row_count", None, "a non-negative integer")
        )
    checksums: dict[str, str] = raw.get("files", {})
    if (
        not isinstance(checksums, dict)
        or set(checksums) != set(COLUMNS)
        or not all(isinstance(digest, str) for digest in checksums.values())
    ):
        expected = ", ".join(sorted(COLUMNS))
        problems.append(
            Problem(where, None, "files", None, f"a sha256 for each of: {expected}")
        )
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(
        isinstance(s, dict)
        and set(s) == {"name", "description"}
        and all(isinstance(value, str) for value in s.values())
        for s in sources
    ):
        problems.append(
            Problem(
                where,
                None,
                "sources",
                None,
                "a list of {name, description}, each a string",
            )
        )
    if problems:
        raise DataError(problems)
    edition = Edition(
        id=raw["id"],
        title=raw["title"],
        school_year=raw.get("school_year"),
        publisher=raw.get("publisher"),
        sources=tuple(Source(s["name"], s["description"]) for s in sources),
        description=raw.get("description"),
        statuses_description=raw.get("statuses_description"),
        licence=raw.get("licence"),
        licence_note=raw.get("licence_note"),
    )
    return edition, row_count, checksums


def _read_checked(
    folder: Traversable,
    name: str,
    where: str,
    checksums: Mapping[str, str],
    problems: list[Problem],
) -> str | None:
    """Read the data file *name* of *folder*, checking its sha256; see _read_text."""
    return _read_text(folder / name, where, checksums[name], problems)


def _read_text(
    entry: Traversable,
    where: str,
    checksum: str | None,
    problems: list[Problem],
) -> str | None:
    """Read *entry* as UTF-8 text, or record why it cannot be and return ``None``.

    With a *checksum*, a sha256 that differs is recorded as a problem too (the
    text is still returned, so its own problems are reported as well).
    """
    try:
        data = entry.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(where, None, None, None, "the file is missing"))
        return None
    except OSError as error:
        problems.append(
            Problem(where, None, None, None, f"the file cannot be read: {error}")
        )
        return None
    if checksum is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != checksum:
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    None,
                    f"sha256 is {digest}, edition.json says {checksum}",
                )
            )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        problems.append(
            Problem(
                where,
                data.count(b"\n", 0, error.start) + 1,
                None,
                None,
                f"not UTF-8: byte {bad.hex(' ')} at offset {error.start} "
                f"({error.reason})",
            )
        )
        return None


def _parse_csv(
    text: str, where: str, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """Parse CSV *text* with exactly the header *columns*: ``(line, row)`` pairs."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != columns:
        problems.append(
            Problem(
                where,
                1,
                None,
                ",".join(header or ()),
                f"expected the header {','.join(columns)}",
            )
        )
        return []
    rows: list[tuple[int, dict[str, str]]] = []
    for cells in reader:
        line = reader.line_num
        if len(cells) != len(columns):
            problems.append(
                Problem(
                    where,
                    line,
                    None,
                    ",".join(cells),
                    f"expected {len(columns)} cells, found {len(cells)}",
                )
            )
            continue
        rows.append((line, dict(zip(columns, cells, strict=True))))
    return rows


def _unique(
    rows: list[tuple[int, dict[str, str]]], where: str, problems: list[Problem]
) -> dict[str, tuple[int, dict[str, str]]]:
    """Index *rows* by their ``code``, recording duplicates as problems."""
    index: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in rows:
        code = row["code"]
        if not code:
            problems.append(Problem(where, line, "code", code, "must not be empty"))
        elif code in index:
            problems.append(
                Problem(
                    where,
                    line,
                    "code",
                    code,
                    f"duplicate code (first on line {index[code][0]})",
                )
            )
        else:
            index[code] = (line, row)
    return index


def _enum_value(
    enum_type: type[TerritoryKind | AcademyKind],
    value: str,
    where: str,
    line: int,
    problems: list[Problem],
) -> TerritoryKind | AcademyKind | None:
    try:
        return enum_type(value)
    except ValueError:
        expected = ", ".join(member.value for member in enum_type)
        problems.append(
            Problem(where, line, "kind", value, f"expected one of {expected}")
        )
        return None


def _read_edition(folder: Traversable, name: str) -> Dataset:
    """Read, validate and structure one edition folder."""
    edition, row_count, checksums = _read_metadata(folder, name)
    problems: list[Problem] = []
    tables: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for file, columns in COLUMNS.items():
        text = _read_checked(folder, file, f"{name}/{file}", checksums, problems)
        tables[file] = (
            []
            if text is None
            else _parse_csv(text, f"{name}/{file}", columns, problems)
        )

    def where(file: str) -> str:
        return f"{name}/{file}"

    regions = {
        code: Region(code, row["name"])
        for code, (_, row) in _unique(
            tables["regions.csv"], where("regions.csv"), problems
        ).items()
    }

    academies: dict[str, Academy] = {}
    for code, (line, row) in _unique(
        tables["academies.csv"], where("academies.csv"), problems
    ).items():
        kind = _enum_value(
            AcademyKind, row["kind"], where("academies.csv"), line, problems
        )
        if isinstance(kind, AcademyKind):
            academies[code] = Academy(
                code, row["name"], kind, row["academic_region"] or None
            )

    departments: dict[str, Department] = {}
    file = "territories.csv"
    for code, (line, row) in _unique(tables[file], where(file), problems).items():
        kind = _enum_value(TerritoryKind, row["kind"], where(file), line, problems)
        region = regions.get(row["region_code"])
        academy = academies.get(row["academy_code"])
        if row["region_code"] and region is None:
            problems.append(
                Problem(
                    where(file),
                    line,
                    "region_code",
                    row["region_code"],
                    "not a code in regions.csv",
                )
            )
        if academy is None:
            problems.append(
                Problem(
                    where(file),
                    line,
                    "academy_code",
                    row["academy_code"],
                    "not a code in academies.csv",
                )
            )
        if not row["name"] or not row["iso_code"].startswith("FR-"):
            problems.append(
                Problem(
                    where(file),
                    line,
                    "iso_code",
                    row["iso_code"],
                    "a name and an ISO 3166-2 code starting with 'FR-'",
                )
            )
        if isinstance(kind, TerritoryKind) and academy is not None:
            departments[code] = Department(
                code, row["name"], row["iso_code"], kind, region, academy
            )

    corrections = _read_corrections(
        tables["label_corrections.csv"],
        where("label_corrections.csv"),
        departments,
        academies,
        problems,
    )
    used: set[tuple[str, str, str]] = set()
    deployments: list[Deployment] = []
    file = "deployments.csv"
    seen: dict[str, int] = {}
    for line, row in tables[file]:
        deployment = _read_deployment(
            line, row, where(file), departments, corrections, used, problems
        )
        code = row["code"]
        if code in seen:
            problems.append(
                Problem(
                    where(file),
                    line,
                    "code",
                    code,
                    f"duplicate code (first on line {seen[code]})",
                )
            )
            continue
        seen[code] = line
        if deployment is not None:
            deployments.append(deployment)

    for key in sorted(set(corrections) - used):
        problems.append(
            Problem(
                where("label_corrections.csv"),
                None,
                "source_label",
                key[2],
                f"correction for {key[0]} {key[1]} is used by no row",
            )
        )
    if row_count != len(tables[file]):
        problems.append(
            Problem(
                where(file),
                None,
                None,
                None,
                f"{len(tables[file])} rows, edition.json says row_count={row_count}",
            )
        )
    if problems:
        raise DataError(problems)
    return Dataset(edition, tuple(deployments))


def _read_corrections(
    rows: list[tuple[int, dict[str, str]]],
    where: str,
    departments: Mapping[str, Department],
    academies: Mapping[str, Academy],
    problems: list[Problem],
) -> dict[tuple[str, str, str], str]:
    """Index the label corrections by ``(entity, code, source label)``."""
    corrections: dict[tuple[str, str, str], str] = {}
    for line, row in rows:
        entity, code = row["entity"], row["code"]
        known: Mapping[str, Department | Academy]
        if entity == "department":
            known = departments
        elif entity == "academy":
            known = academies
        else:
            problems.append(
                Problem(where, line, "entity", entity, "expected department or academy")
            )
            continue
        target = known.get(code)
        if target is None:
            problems.append(
                Problem(where, line, "code", code, f"no {entity} has this code")
            )
        elif target.name != row["official_name"]:
            problems.append(
                Problem(
                    where,
                    line,
                    "official_name",
                    row["official_name"],
                    f"the reference name of {entity} {code} is {target.name!r}",
                )
            )
        corrections[(entity, code, row["source_label"])] = row["official_name"]
    return corrections


def _read_deployment(
    line: int,
    row: dict[str, str],
    where: str,
    departments: Mapping[str, Department],
    corrections: Mapping[tuple[str, str, str], str],
    used: set[tuple[str, str, str]],
    problems: list[Problem],
) -> Deployment | None:
    """Validate and structure one row of ``deployments.csv``."""
    found = len(problems)
    department = departments.get(row["code"])
    if department is None:
        problems.append(
            Problem(where, line, "code", row["code"], "not a code in territories.csv")
        )
    else:
        for entity, code, label, official, field in (
            (
                "department",
                department.code,
                row["source_label"],
                department.name,
                "source_label",
            ),
            (
                "academy",
                department.academy.code,
                row["source_academy"],
                department.academy.name,
                "source_academy",
            ),
        ):
            key = (entity, code, label)
            if key in corrections:
                used.add(key)
            elif label != official:
                problems.append(
                    Problem(
                        where,
                        line,
                        field,
                        label,
                        f"expected {official!r} (the reference for {entity} "
                        f"{code}) or a label listed in label_corrections.csv",
                    )
                )
    try:
        status = Status.from_label(row["source_status"])
    except ValueError as error:
        problems.append(
            Problem(where, line, "source_status", row["source_status"], str(error))
        )
        status = None
    count = _read_count(row["source_count"], status, where, line, problems)
    if len(problems) > found or department is None or status is None:
        return None
    try:
        return Deployment(
            department=department,
            status=status,
            colleges_with_ent=count,
            source_label=row["source_label"],
            source_academy=row["source_academy"],
            source_status=row["source_status"],
            source_count=row["source_count"],
        )
    except InvalidArgumentError as error:  # the checks above should catch it first
        value = error.value if isinstance(error.value, str) else repr(error.value)
        problems.append(Problem(where, line, error.argument, value, str(error)))
        return None


def _read_count(
    cell: str, status: Status | None, where: str, line: int, problems: list[Problem]
) -> int | None:
    """Read a count cell: ``"-"`` or a non-negative integer consistent with *status*."""
    try:
        count = parse_count(cell)
    except InvalidArgumentError:
        problems.append(
            Problem(
                where,
                line,
                "source_count",
                cell,
                f"expected a non-negative integer or {UNKNOWN_COUNT!r}",
            )
        )
        return None
    contradiction = None if status is None else count_contradiction(status, count)
    if contradiction is not None:
        problems.append(Problem(where, line, "source_count", cell, contradiction))
    return count
