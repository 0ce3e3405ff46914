"""Reading, validating and structuring the packaged files.

Laid out as :mod:`entdeploy._schema` declares, they are read from disk (through
importlib resources from a zip) once per process (an error is never cached);
every problem is raised in one :class:`DataError`. The model is built by hand:
cattrs is slow to import (``tests/test_converter.py`` proves the two agree).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeVar, Union

from entdeploy._dataset import Dataset
from entdeploy._model import (
    MAX_COUNT,
    Academy,
    AcademyKind,
    Authority,
    AuthorityKind,
    Department,
    Deployment,
    Edition,
    PublicCollegeCount,
    PublicColleges,
    Region,
    Source,
    Status,
    TerritoryKind,
    parse_count,
)
from entdeploy._problems import Problems, duplicates, raise_together
from entdeploy._read._source import csv_rows, decode
from entdeploy._schema import (
    ALIASES,
    EDITION_FILE,
    EDITION_KEYS,
    OPTIONAL_TEXT_KEYS,
    PUBLIC_COLLEGES,
    PUBLIC_COLLEGES_KEYS,
    PUBLIC_COLLEGES_METADATA,
    PUBLIC_COLLEGES_TEXT_KEYS,
    TABLES,
    Table,
)
from entdeploy.exceptions import InvalidArgumentError, UnknownEditionError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources.abc import Traversable

__all__ = ["editions", "load", "load_aliases", "load_public_colleges"]

#: A folder of data files: a plain directory's path, read with :func:`open`
#: (pathlib is slow to import), or a resource folder (in a zip, say).
Folder = Union[str, "Traversable"]

Row = dict[str, str]
Rows = list[tuple[int, Row]]
Checksums = dict[str, str]
Owners = dict[str, tuple[Authority, ...]]
K = TypeVar("K", AcademyKind, AuthorityKind, TerritoryKind)
_SOURCES = ("source_label", "source_academy", "source_status", "source_count")

_lock = threading.Lock()
_datasets: dict[str, Dataset] = {}
_editions: dict[str, Edition] = {}
#: The edition folders by id, listed once (tests may reset it to ``None``).
_dirs: dict[str, Folder] | None = None
#: The denominator of coverage, read once (tests may reset it to ``None``).
_public_colleges: PublicColleges | None = None


def _data_dir() -> Folder:
    """The data folder: plain files read directly (faster), else importlib resources."""
    folder = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
    if os.path.isdir(folder):
        return folder
    if sys.version_info >= (3, 11):
        from importlib.resources import files  # noqa: PLC0415 - see above
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files  # noqa: PLC0415 - see above
    return files("entdeploy") / "data"


def _sha256(data: bytes) -> str:
    """Return the sha256 of *data*, by the builtin module if any: no OpenSSL to load."""
    try:
        module = import_module("_sha2" if sys.version_info >= (3, 12) else "_sha256")
    except ImportError:  # pragma: no cover - a Python built without it
        module = import_module("hashlib")
    return str(module.sha256(data).hexdigest())


def _subfolders(folder: Folder) -> dict[str, Folder]:
    """Return the folders in *folder* by name, but those starting with "." or "_"."""
    entries: list[tuple[str, Folder]]
    if isinstance(folder, str):
        entries = [(e.name, e.path) for e in os.scandir(folder) if e.is_dir()]
    else:
        entries = [(e.name, e) for e in folder.iterdir() if e.is_dir()]
    return {name: e for name, e in entries if not name.startswith((".", "_"))}


def _edition_dirs() -> dict[str, Folder]:
    """Return the edition folders by id, oldest first; call with the lock held."""
    global _dirs  # noqa: PLW0603 - the one process-wide listing, set once
    if _dirs is None:
        found = _subfolders(_data_dir())
        if not found:
            Problems("data").fail(None, None, None, "no edition folder is packaged")
        _dirs = {name: found[name] for name in sorted(found)}
    return _dirs


def editions() -> tuple[Edition, ...]:
    """Return the metadata of every packaged edition, oldest first; rows are not read.

    Raises:
        DataError: An ``edition.json`` is corrupt (a bug: please report it).
    """
    with _lock:
        if not _editions:
            for name, folder in _edition_dirs().items():
                _editions[name] = _read_metadata(folder, name)[0]
        return tuple(_editions.values())


def load(edition: str | None = None) -> Dataset:
    """Return a packaged edition as a :class:`Dataset` (the latest by default).

    Read once per process, safely from several threads; later calls return it.

    Raises:
        InvalidArgumentError: *edition* is neither a ``str`` nor ``None``.
        UnknownEditionError: No packaged edition has the id *edition*.
        DataError: The packaged files are corrupt (a bug: please report it).
    """
    if edition is not None and not isinstance(edition, str):
        raise InvalidArgumentError("edition", edition, "a str such as '2025', or None")
    with _lock:
        dirs = _edition_dirs()
        wanted = edition if edition is not None else max(dirs)
        if wanted not in _datasets:
            if wanted not in dirs:
                raise UnknownEditionError(wanted, tuple(dirs))
            _datasets[wanted] = _read_edition(dirs[wanted], wanted)
        return _datasets[wanted]


def load_aliases() -> tuple[tuple[str, str, str], ...]:
    """Return the packaged aliases as ``(alias, entity, code)`` triples.

    Raises:
        DataError: The file is malformed, or an alias is blank or its code names
            no territory (``"department"``), académie or authority of the latest
            edition.
    """
    problems = Problems(ALIASES.file)
    rows = _read_table(_data_dir(), ALIASES, None, problems)
    problems.raise_if_any()
    reference = load()
    codes: dict[str, set[str | None]] = {
        "department": {d.code for d in reference},
        "academy": {a.code for a in reference.academies},
        "authority": {a.code for d in reference for a in d.department.authorities},
    }
    for line, row in rows:
        alias, entity, code = row["alias"], row["entity"], row["code"]
        if not alias.strip():
            problems.add(line, "alias", alias, "an alias must not be blank")
        if code not in codes.get(entity, set()):
            message = f"no {entity} of edition {reference.edition.id} has this code"
            problems.add(line, "code", code, message)
    problems.raise_if_any()
    return tuple((row["alias"], row["entity"], row["code"]) for _, row in rows)


def load_public_colleges() -> PublicColleges:
    """Return the packaged public collèges per territory, the denominator of coverage.

    A reference of its own vintage (rentrée 2024), not an edition (see
    ``docs/data.md``), read once per process; later calls return the same object.

    Raises:
        DataError: Its files are corrupt (a bug: please report it).
    """
    global _public_colleges  # noqa: PLW0603 - the one process-wide reference, set once
    with _lock:
        if _public_colleges is None:
            _public_colleges = _read_public_colleges(_data_dir())
        return _public_colleges


def _read_public_colleges(folder: Folder) -> PublicColleges:
    """Read, validate and structure the public collèges files in *folder*."""
    problems = Problems(PUBLIC_COLLEGES_METADATA)
    raw = _json_object(folder, PUBLIC_COLLEGES_METADATA, problems)
    if set(raw) != PUBLIC_COLLEGES_KEYS:
        expected = f"exactly the keys {', '.join(sorted(PUBLIC_COLLEGES_KEYS))}"
        problems.fail(None, None, ", ".join(sorted(raw)), expected)
    for key in PUBLIC_COLLEGES_TEXT_KEYS:
        if not isinstance(raw[key], str) or not raw[key]:
            problems.add(None, key, None, "a non-empty string")
    notes, unreliable, checksums = raw["notes"], raw["unreliable"], raw["files"]
    if not _is_json(notes, dict, str):
        problems.add(None, "notes", None, "an object of territory codes to text")
    if not _is_json(unreliable, list, str):
        problems.add(None, "unreliable", None, "a list of territory codes")
    if not _is_json(checksums, dict, keys={PUBLIC_COLLEGES.file}):
        problems.add(None, "files", None, f"a sha256 for {PUBLIC_COLLEGES.file}")
    problems.raise_if_any()
    rows_problems = Problems(PUBLIC_COLLEGES.file)
    rows = _read_table(folder, PUBLIC_COLLEGES, checksums, rows_problems)
    _duplicates(rows, ("code",), rows_problems, drop=True)
    counts = []
    for line, row in rows:
        code, cell = row["code"], row["public_colleges"]
        try:
            count = parse_count(cell, missing="")
        except InvalidArgumentError:
            count = None
        if count is None or count > MAX_COUNT:
            expected = f"a number of collèges, 0 to {MAX_COUNT:,}"
            rows_problems.add(line, "public_colleges", cell, expected)
        else:
            count = None if code in unreliable else count
            counts.append(PublicCollegeCount(code, count, notes.get(code)))
    for code in sorted({*notes, *unreliable} - {row["code"] for _, row in rows}):
        problems.add(None, "notes", code, "not a code in the counts")
    if raw["row_count"] != len(rows):
        message = f"{len(rows)} rows in {PUBLIC_COLLEGES.file}"
        problems.add(None, "row_count", str(raw["row_count"]), message)
    raise_together(problems, rows_problems)
    text = {key: raw[key] for key in PUBLIC_COLLEGES_TEXT_KEYS}
    return PublicColleges(**text, counts=tuple(counts))


def _read_text(
    folder: Folder, name: str, problems: Problems, checksum: str | None
) -> str:
    """Return file *name* as UTF-8 text, ``""`` if unreadable; check its sha256 too."""
    try:
        if isinstance(folder, str):
            with open(os.path.join(folder, name), "rb") as file:
                data = file.read()
        else:
            data = (folder / name).read_bytes()
    except FileNotFoundError:
        problems.add(None, None, None, "the file is missing")
        return ""
    except OSError as error:
        problems.add(None, None, None, f"the file cannot be read: {error}")
        return ""
    digest = None if checksum is None else _sha256(data)
    if digest != checksum:
        message = f"sha256 is {digest}, edition.json says {checksum}"
        problems.add(None, None, None, message)
    return decode(data, problems) or ""


def _read_table(
    folder: Folder, table: Table, checksums: Checksums | None, problems: Problems
) -> Rows:
    """Return the ``(line, row)`` pairs of *table*'s file, each with every column."""
    checksum = None if checksums is None else checksums[table.file]
    text = _read_text(folder, table.file, problems, checksum)
    if not text:
        return []
    (_, header), *body = csv_rows(text, problems) or [(1, [])]
    if tuple(header) != table.header:
        expected = f"expected the header {','.join(table.header)}"
        problems.add(1, None, ",".join(header), expected)
        return []
    rows: Rows = []
    for line, cells in body:
        if len(cells) == len(header):
            rows.append((line, dict(zip(header, cells, strict=True))))
        else:
            message = f"expected {len(header)} cells, found {len(cells)}"
            problems.add(line, None, ",".join(cells), message)
    return rows


def _duplicates(
    rows: Rows, key: tuple[str, ...], problems: Problems, *, drop: bool
) -> None:
    """Record each row whose *key* an earlier row has; with *drop*, remove it too."""
    found = list(duplicates(tuple(row[column] for column in key) for _, row in rows))
    what = " and ".join(column.removesuffix("_code") for column in key)
    for index, first in reversed(found) if drop else found:
        line, row = rows.pop(index) if drop else rows[index]
        message = f"duplicate {what} (first on line {rows[first][0]})"
        problems.add(line, key[-1], row[key[-1]], message)


def _kind(kinds: type[K], line: int, row: Row, problems: Problems) -> K | None:
    """Return the member of *kinds* that the row's ``kind`` names, or record why not."""
    try:
        return kinds(row["kind"])
    except ValueError:
        expected = ", ".join(member.value for member in kinds)
        problems.add(line, "kind", row["kind"], f"expected one of {expected}")
        return None


def _is_json(
    value: object, kind: type, items: type = object, keys: set[str] | None = None
) -> bool:
    """Whether *value* is a *kind* (list or dict) of *items*, a dict of just *keys*."""
    if not isinstance(value, (list, dict)) or not isinstance(value, kind):
        return False
    values = value.values() if isinstance(value, dict) else value
    keyed = keys is None or set(value) == keys
    return keyed and all(isinstance(item, items) for item in values)


def _json_object(folder: Folder, name: str, problems: Problems) -> dict[str, Any]:
    """Return the JSON object in file *name*, or raise every problem reading it."""
    text = _read_text(folder, name, problems, None)
    problems.raise_if_any()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        problems.fail(error.lineno, None, None, message)
    if not isinstance(raw, dict):
        problems.fail(None, None, None, "expected a JSON object")
    return raw


def _read_metadata(folder: Folder, name: str) -> tuple[Edition, int, Checksums]:
    """Read ``<name>/edition.json``: the edition, its row count and its checksums."""
    problems = Problems(f"{name}/{EDITION_FILE}")
    raw = _json_object(folder, EDITION_FILE, problems)
    for key in sorted(set(raw) - EDITION_KEYS):
        problems.add(None, key, None, "unknown key")
    for key in ("id", "title"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            problems.add(None, key, None, "a non-empty string")
    if isinstance(raw.get("id"), str) and raw["id"] not in ("", name):
        expected = f"expected {name!r}, the name of the edition's folder"
        problems.add(None, "id", raw["id"], expected)
    for key in OPTIONAL_TEXT_KEYS:
        if not isinstance(raw.get(key), (str, type(None))):
            problems.add(None, key, repr(raw[key]), "a string or null")
    row_count: int = raw.get("row_count", -1)
    if not isinstance(row_count, int) or isinstance(row_count, bool) or row_count < 0:
        problems.add(None, "row_count", None, "a non-negative integer")
    checksums: Checksums = raw.get("files", {})
    files = {table.file for table in TABLES}
    if not _is_json(checksums, dict, str, files):
        expected = f"a sha256 for each of: {', '.join(sorted(files))}"
        problems.add(None, "files", None, expected)
    sources = raw.get("sources", [])
    source = {"name", "description"}
    if not _is_json(sources, list) or not all(
        _is_json(s, dict, str, source) for s in sources
    ):
        expected = "a list of {name, description}, each a string"
        problems.add(None, "sources", None, expected)
    problems.raise_if_any()
    edition = Edition(
        id=raw["id"],
        title=raw["title"],
        sources=tuple(Source(s["name"], s["description"]) for s in sources),
        **{key: raw.get(key) for key in OPTIONAL_TEXT_KEYS},
    )
    return edition, row_count, checksums


def _read_edition(folder: Folder, name: str) -> Dataset:
    """Read, validate and structure one edition folder, or raise every problem."""
    edition, row_count, checksums = _read_metadata(folder, name)
    # Every problem reading the files first, then every problem in their rows.
    reading = {table.name: Problems(f"{name}/{table.file}") for table in TABLES}
    rows = {
        table.name: _read_table(folder, table, checksums, reading[table.name])
        for table in TABLES
    }
    problems = {table.name: Problems(f"{name}/{table.file}") for table in TABLES}
    for table in ("regions", "academies", "territories"):
        _duplicates(rows[table], ("code",), problems[table], drop=True)
    regions = {
        row["code"]: Region(row["code"], row["name"]) for _, row in rows["regions"]
    }
    academies = {
        row["code"]: Academy(
            row["code"], row["name"], kind, row["academic_region"] or None
        )
        for line, row in rows["academies"]
        if (kind := _kind(AcademyKind, line, row, problems["academies"]))
    }
    territories = {row["code"] for _, row in rows["territories"]}
    authorities = _authorities(
        rows["authorities"], territories, problems["authorities"]
    )
    departments = _departments(
        rows["territories"], regions, academies, authorities, problems["territories"]
    )
    deployments = _deployments(rows, departments, academies, problems)
    if row_count != (count := len(rows["deployments"])):
        message = f"{count} rows, edition.json says row_count={row_count}"
        problems["deployments"].add(None, None, None, message)
    raise_together(*reading.values(), *problems.values())
    return Dataset(edition, deployments)


def _authorities(rows: Rows, territories: set[str], problems: Problems) -> Owners:
    """Return the authorities by territory; one code names one authority, one object."""
    _duplicates(rows, ("territory_code", "name"), problems, drop=False)
    by_code: dict[str, Authority] = {}
    found: Owners = {}
    for line, row in rows:
        territory, name = row["territory_code"], row["name"]
        if territory not in territories:
            message = "not a code in territories.csv"
            problems.add(line, "territory_code", territory, message)
        found.setdefault(territory, ())  # named, even if refused below
        kind = _kind(AuthorityKind, line, row, problems)
        if not name.strip():
            problems.add(line, "name", name, "a name must not be blank")
        if kind is None or not name.strip():
            continue
        authority = Authority(row["code"] or None, name, kind)
        if authority.code is not None:
            authority = by_code.setdefault(authority.code, authority)
            if (authority.name, authority.kind) != (name, kind):
                message = f"code {authority.code} is {authority.name!r} on another line"
                problems.add(line, "name", name, message)
        found[territory] = (*found[territory], authority)
    return found


def _departments(
    rows: Rows,
    regions: Mapping[str, Region],
    academies: Mapping[str, Academy],
    authorities: Owners,
    problems: Problems,
) -> dict[str, Department]:
    """Return the territories of ``territories.csv`` by code, with their authorities."""
    found: dict[str, Department] = {}
    for line, row in rows:
        code, name, iso = row["code"], row["name"], row["iso_code"]
        kind = _kind(TerritoryKind, line, row, problems)
        region = regions.get(row["region_code"])
        academy = academies.get(row["academy_code"])
        if row["region_code"] and region is None:
            message = "not a code in regions.csv"
            problems.add(line, "region_code", row["region_code"], message)
        if academy is None:
            message = "not a code in academies.csv"
            problems.add(line, "academy_code", row["academy_code"], message)
        elif not name or not iso.startswith("FR-"):
            message = "a name and an ISO 3166-2 code starting with 'FR-'"
            problems.add(line, "iso_code", iso, message)
        elif kind is not None:
            if code not in authorities:
                problems.add(line, "code", code, "no authority in authorities.csv")
            owners = authorities.get(code, ())
            found[code] = Department(code, name, iso, kind, region, academy, owners)
    return found


def _deployments(
    rows: Mapping[str, Rows],
    departments: Mapping[str, Department],
    academies: Mapping[str, Academy],
    problems: Mapping[str, Problems],
) -> tuple[Deployment, ...]:
    """Return the deployments, each label the reference's or one a correction lists."""
    corrections: dict[tuple[str, str, str], str] = {}
    fixes = problems["label_corrections"]
    for line, row in rows["label_corrections"]:
        entity, code, official = row["entity"], row["code"], row["official_name"]
        target = (departments if entity == "department" else academies).get(code)
        if target is None:
            fixes.add(line, "code", code, f"no {entity} has this code")
        elif target.name != official:
            message = f"the reference name of {entity} {code} is {target.name!r}"
            fixes.add(line, "official_name", official, message)
        corrections[(entity, code, row["source_label"])] = official
    unused = set(corrections)
    found = problems["deployments"]
    deployments = []
    for line, row in rows["deployments"]:
        before = len(found)
        department = departments.get(row["code"])
        if department is None:
            found.add(line, "code", row["code"], "not a code in territories.csv")
        else:
            academy = department.academy
            for entity, code, field, official in (
                ("department", department.code, "source_label", department.name),
                ("academy", academy.code, "source_academy", academy.name),
            ):
                key = (entity, code, row[field])
                unused.discard(key)
                if key not in corrections and row[field] != official:
                    message = (
                        f"expected {official!r} (the reference for {entity} {code}) "
                        "or a label listed in label_corrections.csv"
                    )
                    found.add(line, field, row[field], message)
        try:
            status = Status.from_label(row["source_status"])
            count = parse_count(row["source_count"])
        except InvalidArgumentError as error:
            field = "source_status" if error.argument == "label" else "source_count"
            message = str(error)
            if field == "source_count":
                message = "expected a non-negative integer or '-'"
            found.add(line, field, row[field], message)
            continue
        if len(found) > before or department is None:
            continue
        try:
            deployments.append(
                Deployment(department, status, count, *(row[s] for s in _SOURCES))
            )
        except InvalidArgumentError as error:  # a count that its status contradicts
            found.add(line, "source_count", row["source_count"], str(error))
    _duplicates(rows["deployments"], ("code",), found, drop=False)
    for entity, code, label in sorted(unused):
        message = f"correction for {entity} {code} is used by no row"
        fixes.add(None, "source_label", label, message)
    return tuple(deployments)
