"""Reading, validating and structuring the packaged editions.

The packaged data lives in ``entdeploy/data/<edition id>/``, laid out as
:mod:`entdeploy._schema` declares, and is read through importlib resources
only, so it works from a wheel, a zip or a source tree. The data folder is
listed once per process; each edition is read and validated until it first
loads, and later calls return the same object, all behind one lock. Packaged
data that fails validation fails again on each call: the error is never cached.

Every way the packaged files can be wrong is a :class:`DataError` listing
every problem, each naming the file, the line and the field. The loader builds
the model by hand rather than through cattrs, which is slow to import;
``tests/test_converter.py`` proves that the converter builds equal objects.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from typing import TYPE_CHECKING, Any, TypeVar

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
    from collections.abc import Mapping

if sys.version_info >= (3, 11):
    from importlib.resources import files

    if TYPE_CHECKING:
        from importlib.resources.abc import Traversable
else:  # pragma: no cover - exercised on Python 3.10 only
    from importlib_resources import files

    if TYPE_CHECKING:
        from importlib_resources.abc import Traversable

__all__ = ["editions", "load", "load_aliases", "load_public_colleges"]

Row = dict[str, str]
K = TypeVar("K", AcademyKind, AuthorityKind, TerritoryKind)

_lock = threading.Lock()
_datasets: dict[str, Dataset] = {}
_editions: dict[str, Edition] = {}
#: The edition folders by id, listed once (tests may reset it to ``None``).
_dirs: dict[str, Traversable] | None = None
#: The denominator of coverage, read once (tests may reset it to ``None``).
_public_colleges: PublicColleges | None = None


def _data_dir() -> Traversable:
    return files("entdeploy") / "data"


def _edition_dirs() -> dict[str, Traversable]:
    """Return the edition folders by id, oldest first; call with the lock held.

    Every folder of ``data/`` whose name does not start with ``.`` or ``_`` is
    an edition (one without an ``edition.json`` fails to load).

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
            Problems("data").fail(None, None, None, "no edition folder is packaged")
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
            for name, folder in _edition_dirs().items():
                _editions[name] = _read_metadata(folder, name)[0]
        return tuple(_editions.values())


def load(edition: str | None = None) -> Dataset:
    """Return a packaged edition as a :class:`Dataset` (the latest by default).

    The edition is read and validated once per process; later calls return the
    same object. Safe to call from several threads at once.

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
        cached = _datasets.get(wanted)
        if cached is not None:
            return cached
        if wanted not in dirs:
            raise UnknownEditionError(wanted, tuple(dirs))
        dataset = _datasets[wanted] = _read_edition(dirs[wanted], wanted)
        return dataset


def load_aliases() -> tuple[tuple[str, str, str], ...]:
    """Return the packaged aliases as ``(alias, entity, code)`` triples.

    ``entity`` is ``"department"`` or ``"academy"``; ``code`` is the INSEE or
    Ministry code the alias stands for, which must name a territory or an
    académie of the latest packaged edition.

    Raises:
        DataError: The aliases file is malformed, or an alias is blank or
            names no territory or académie.
    """
    problems = Problems(ALIASES.file)
    rows = _read_table(_data_dir(), ALIASES, None, problems)
    problems.raise_if_any()
    reference = load()
    codes = {
        "department": {d.code for d in reference},
        "academy": {a.code for a in reference.academies},
    }
    for line, row in rows:
        if not row["alias"].strip():
            problems.add(line, "alias", row["alias"], "an alias must not be blank")
        if row["code"] not in codes[row["entity"]]:
            message = (
                f"no {row['entity']} of edition {reference.edition.id} has this code"
            )
            problems.add(line, "code", row["code"], message)
    problems.raise_if_any()
    return tuple((row["alias"], row["entity"], row["code"]) for _, row in rows)


def load_public_colleges() -> PublicColleges:
    """Return the packaged public collèges per territory, the denominator of coverage.

    A reference of its own vintage (rentrée 2024), not an edition: see
    ``docs/data.md``. Read and validated once per process, behind the loader's
    lock; later calls return the same object.

    Raises:
        DataError: Its files are corrupt (a bug: please report it).
    """
    global _public_colleges  # noqa: PLW0603 - the one process-wide reference, set once
    with _lock:
        if _public_colleges is None:
            _public_colleges = _read_public_colleges(_data_dir())
        return _public_colleges


def _read_public_colleges(folder: Traversable) -> PublicColleges:
    """Read, validate and structure the public collèges files in *folder*.

    Raises:
        DataError: Every problem found in its metadata, then in its rows.
    """
    problems = Problems(PUBLIC_COLLEGES_METADATA)
    raw = _json_object(folder / PUBLIC_COLLEGES_METADATA, problems)
    if set(raw) != PUBLIC_COLLEGES_KEYS:
        expected = f"exactly the keys {', '.join(sorted(PUBLIC_COLLEGES_KEYS))}"
        problems.fail(None, None, ", ".join(sorted(raw)), expected)
    for key in PUBLIC_COLLEGES_TEXT_KEYS:
        if not isinstance(raw[key], str) or not raw[key]:
            problems.add(None, key, None, "a non-empty string")
    notes, unreliable = raw["notes"], raw["unreliable"]
    if not isinstance(notes, dict) or not all(
        isinstance(text, str) for text in notes.values()
    ):
        problems.add(None, "notes", None, "an object of territory codes to text")
    if not isinstance(unreliable, list) or not all(
        isinstance(code, str) for code in unreliable
    ):
        problems.add(None, "unreliable", None, "a list of territory codes")
    files = raw["files"]
    if not isinstance(files, dict) or set(files) != {PUBLIC_COLLEGES.file}:
        problems.add(None, "files", None, f"a sha256 for {PUBLIC_COLLEGES.file}")
    problems.raise_if_any()
    rows_problems = Problems(PUBLIC_COLLEGES.file)
    rows = _read_table(folder, PUBLIC_COLLEGES, files, rows_problems)
    _drop_duplicates(rows, rows_problems)
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
    return PublicColleges(
        **{key: raw[key] for key in PUBLIC_COLLEGES_TEXT_KEYS}, counts=tuple(counts)
    )


# -- Files -----------------------------------------------------------------------


def _read_text(entry: Traversable, problems: Problems, checksum: str | None) -> str:
    """Return *entry* as UTF-8 text, or record why it cannot be and return ``""``.

    With a *checksum*, a sha256 that differs is recorded too (the text is still
    returned, so that its own problems are reported as well).
    """
    try:
        data = entry.read_bytes()
    except FileNotFoundError:
        problems.add(None, None, None, "the file is missing")
        return ""
    except OSError as error:
        problems.add(None, None, None, f"the file cannot be read: {error}")
        return ""
    if checksum is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != checksum:
            message = f"sha256 is {digest}, edition.json says {checksum}"
            problems.add(None, None, None, message)
    return decode(data, problems) or ""


def _read_table(
    folder: Traversable,
    table: Table,
    checksums: Mapping[str, str] | None,
    problems: Problems,
) -> list[tuple[int, Row]]:
    """Return the rows of *table*'s file in *folder*, as ``(line, row)`` pairs.

    The header must be the table's; a row of another length is recorded and
    left out.
    """
    checksum = None if checksums is None else checksums[table.file]
    text = _read_text(folder / table.file, problems, checksum)
    if not text:
        return []
    (_, header), *body = csv_rows(text, problems) or [(1, [])]
    if tuple(header) != table.header:
        expected = f"expected the header {','.join(table.header)}"
        problems.add(1, None, ",".join(header), expected)
        return []
    rows: list[tuple[int, Row]] = []
    for line, cells in body:
        if len(cells) == len(header):
            rows.append((line, dict(zip(header, cells, strict=True))))
        else:
            message = f"expected {len(header)} cells, found {len(cells)}"
            problems.add(line, None, ",".join(cells), message)
    return rows


def _kind(kinds: type[K], line: int, row: Row, problems: Problems) -> K | None:
    """Return the member of *kinds* that the row's ``kind`` names, or record why not."""
    try:
        return kinds(row["kind"])
    except ValueError:
        expected = ", ".join(member.value for member in kinds)
        problems.add(line, "kind", row["kind"], f"expected one of {expected}")
        return None


def _json_object(entry: Traversable, problems: Problems) -> dict[str, Any]:
    """Return the JSON object in *entry*.

    Raises:
        DataError: The file cannot be read, or does not hold a JSON object.
    """
    text = _read_text(entry, problems, None)
    problems.raise_if_any()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        problems.fail(error.lineno, None, None, message)
    if not isinstance(raw, dict):
        problems.fail(None, None, None, "expected a JSON object")
    return raw


def _read_metadata(
    folder: Traversable, name: str
) -> tuple[Edition, int, dict[str, str]]:
    """Read ``<name>/edition.json``: the edition, its row count and its checksums.

    Raises:
        DataError: The file is missing, is not a JSON object, or any key is
            unknown, missing or of the wrong type; every problem is listed.
    """
    problems = Problems(f"{name}/{EDITION_FILE}")
    raw = _json_object(folder / EDITION_FILE, problems)
    for key in sorted(set(raw) - EDITION_KEYS):
        problems.add(None, key, None, "unknown key")
    for key in ("id", "title"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            problems.add(None, key, None, "a non-empty string")
    if isinstance(raw.get("id"), str) and raw["id"] and raw["id"] != name:
        expected = f"expected {name!r}, the name of the edition's folder"
        problems.add(None, "id", raw["id"], expected)
    for key in OPTIONAL_TEXT_KEYS:
        if not isinstance(raw.get(key), (str, type(None))):
            problems.add(None, key, repr(raw[key]), "a string or null")
    row_count: int = raw.get("row_count", -1)
    if not isinstance(row_count, int) or isinstance(row_count, bool) or row_count < 0:
        problems.add(None, "row_count", None, "a non-negative integer")
    checksums: dict[str, str] = raw.get("files", {})
    files = {table.file for table in TABLES}
    if (
        not isinstance(checksums, dict)
        or set(checksums) != files
        or not all(isinstance(digest, str) for digest in checksums.values())
    ):
        expected = f"a sha256 for each of: {', '.join(sorted(files))}"
        problems.add(None, "files", None, expected)
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(
        isinstance(s, dict)
        and set(s) == {"name", "description"}
        and all(isinstance(value, str) for value in s.values())
        for s in sources
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


# -- The edition -----------------------------------------------------------------


def _read_edition(folder: Traversable, name: str) -> Dataset:
    """Read, validate and structure one edition folder.

    Raises:
        DataError: Every problem found in the folder's files.
    """
    edition, row_count, checksums = _read_metadata(folder, name)
    # Every problem reading the files first, then every problem in their rows.
    reading = {table.name: Problems(f"{name}/{table.file}") for table in TABLES}
    rows = {
        table.name: _read_table(folder, table, checksums, reading[table.name])
        for table in TABLES
    }
    problems = {table.name: Problems(f"{name}/{table.file}") for table in TABLES}
    for table in ("regions", "academies", "territories"):
        _drop_duplicates(rows[table], problems[table])

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
        rows["territories"], regions, academies, authorities, problems
    )
    corrections = _corrections(
        rows["label_corrections"], departments, academies, problems["label_corrections"]
    )
    unused = set(corrections)
    deployments: list[Deployment] = []
    found = problems["deployments"]
    for line, row in rows["deployments"]:
        deployment = _deployment(line, row, departments, corrections, unused, found)
        if deployment is not None:
            deployments.append(deployment)
    codes = [row["code"] for _, row in rows["deployments"]]
    for index, first in duplicates(codes):
        line = rows["deployments"][index][0]
        message = f"duplicate code (first on line {rows['deployments'][first][0]})"
        found.add(line, "code", codes[index], message)
    for entity, code, label in sorted(unused):
        message = f"correction for {entity} {code} is used by no row"
        problems["label_corrections"].add(None, "source_label", label, message)
    if row_count != len(rows["deployments"]):
        message = (
            f"{len(rows['deployments'])} rows, edition.json says row_count={row_count}"
        )
        found.add(None, None, None, message)
    raise_together(*reading.values(), *problems.values())
    return Dataset(edition, tuple(deployments))


def _drop_duplicates(rows: list[tuple[int, Row]], problems: Problems) -> None:
    """Record and remove the rows whose code an earlier row already has."""
    for index, first in reversed(list(duplicates(row["code"] for _, row in rows))):
        line, row = rows.pop(index)
        message = f"duplicate code (first on line {rows[first][0]})"
        problems.add(line, "code", row["code"], message)


def _authorities(
    rows: list[tuple[int, Row]], territories: set[str], problems: Problems
) -> dict[str, tuple[Authority, ...]]:
    """Return the authorities of ``authorities.csv`` by territory code.

    Each row's territory must be one of *territories*; an authority code names
    one authority (one name and kind), and one object.
    """
    keys = [(row["territory_code"], row["name"]) for _, row in rows]
    for index, first in duplicates(keys):
        message = f"duplicate territory and name (first on line {rows[first][0]})"
        problems.add(rows[index][0], "name", keys[index][1], message)
    by_code: dict[str, Authority] = {}
    found: dict[str, tuple[Authority, ...]] = {}
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
    rows: list[tuple[int, Row]],
    regions: Mapping[str, Region],
    academies: Mapping[str, Academy],
    authorities: Mapping[str, tuple[Authority, ...]],
    problems: Mapping[str, Problems],
) -> dict[str, Department]:
    """Return the territories of ``territories.csv`` by code, with their authorities."""
    found = problems["territories"]
    departments: dict[str, Department] = {}
    for line, row in rows:
        kind = _kind(TerritoryKind, line, row, found)
        region = regions.get(row["region_code"])
        academy = academies.get(row["academy_code"])
        if row["region_code"] and region is None:
            message = "not a code in regions.csv"
            found.add(line, "region_code", row["region_code"], message)
        if academy is None:
            message = "not a code in academies.csv"
            found.add(line, "academy_code", row["academy_code"], message)
        elif not row["name"] or not row["iso_code"].startswith("FR-"):
            message = "a name and an ISO 3166-2 code starting with 'FR-'"
            found.add(line, "iso_code", row["iso_code"], message)
        elif kind is not None:
            if row["code"] not in authorities:
                message = "no authority in authorities.csv"
                found.add(line, "code", row["code"], message)
            departments[row["code"]] = Department(
                row["code"],
                row["name"],
                row["iso_code"],
                kind,
                region,
                academy,
                authorities.get(row["code"], ()),
            )
    return departments


def _corrections(
    rows: list[tuple[int, Row]],
    departments: Mapping[str, Department],
    academies: Mapping[str, Academy],
    problems: Problems,
) -> dict[tuple[str, str, str], str]:
    """Index the label corrections by ``(entity, code, source label)``."""
    corrections: dict[tuple[str, str, str], str] = {}
    for line, row in rows:
        entity, code, official = row["entity"], row["code"], row["official_name"]
        known = departments if entity == "department" else academies
        target = known.get(code)
        if target is None:
            problems.add(line, "code", code, f"no {entity} has this code")
        elif target.name != official:
            message = f"the reference name of {entity} {code} is {target.name!r}"
            problems.add(line, "official_name", official, message)
        corrections[(entity, code, row["source_label"])] = official
    return corrections


def _deployment(
    line: int,
    row: Row,
    departments: Mapping[str, Department],
    corrections: Mapping[tuple[str, str, str], str],
    unused: set[tuple[str, str, str]],
    problems: Problems,
) -> Deployment | None:
    """Validate and structure one row of ``deployments.csv``, or record why not."""
    before = len(problems)
    department = departments.get(row["code"])
    if department is None:
        problems.add(line, "code", row["code"], "not a code in territories.csv")
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
                problems.add(line, field, row[field], message)
    try:
        status = Status.from_label(row["source_status"])
        count = parse_count(row["source_count"])
    except InvalidArgumentError as error:
        field = "source_status" if error.argument == "label" else "source_count"
        message = str(error)
        if field == "source_count":
            message = "expected a non-negative integer or '-'"
        problems.add(line, field, row[field], message)
        return None
    if len(problems) > before or department is None:
        return None
    try:
        return Deployment(department, status, count, *_cells(row))
    except InvalidArgumentError as error:
        field = (
            "source_count" if error.argument == "colleges_with_ent" else error.argument
        )
        problems.add(line, field, row.get(field), str(error))
        return None


def _cells(row: Row) -> tuple[str, str, str, str]:
    return (
        row["source_label"],
        row["source_academy"],
        row["source_status"],
        row["source_count"],
    )
