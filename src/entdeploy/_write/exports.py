"""Getting a dataset out and back in: JSON, CSV and a Frictionless data package.

JSON is the converter's plain shape of a :class:`Dataset`, written
deterministically. CSV is one flat record per territory, with the columns of
:mod:`entdeploy._write.records`. A data package is the packaged layout (one CSV file
per table) described by a ``datapackage.json`` with a Table Schema per file.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TextIO

from entdeploy._checks import check_path
from entdeploy._dataset import Dataset
from entdeploy._escape import csv_text
from entdeploy._model import (
    UNKNOWN_COUNT,
    AcademyKind,
    Department,
    Deployment,
    Edition,
    Status,
    TerritoryKind,
)
from entdeploy.exceptions import DataError, InvalidArgumentError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "DATAPACKAGE_TABLES",
    "datapackage_descriptor",
    "from_json",
    "to_csv",
    "to_json",
    "write_datapackage",
]

JSON_SOURCE = "JSON"

# -- JSON ------------------------------------------------------------------------


def to_json(dataset: Dataset) -> str:
    """Return *dataset* as JSON text: the converter's plain shape, deterministic.

    Keys keep the model's field order, non-ASCII characters are written as they
    are, and the text ends with a newline: the same dataset always gives the
    same text.
    """
    from entdeploy._convert import make_converter  # noqa: PLC0415 - cattrs is slow to import

    plain = make_converter().unstructure(dataset, Dataset)
    return json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str | bytes) -> Dataset:
    """Return the :class:`Dataset` that *text* (from :func:`to_json`) describes.

    Raises:
        InvalidArgumentError: *text* is neither ``str`` nor ``bytes``.
        DataError: *text* is not JSON (or nests too deeply to read), does not
            have the shape of a dataset, has a duplicated territory, or a row
            a :class:`Deployment` refuses (a count that is negative or
            disagrees with its status, a ``source_status`` or ``source_count``
            cell that disagrees with the typed values); every problem is
            listed, each with the path of its field.
    """
    from entdeploy._convert import make_converter, structure  # noqa: PLC0415 - see to_json

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = Problem(JSON_SOURCE, None, None, None, f"not UTF-8: {error}")
            raise DataError([problem]) from None
    if not isinstance(text, str):
        raise InvalidArgumentError("text", text, "JSON text, a str or bytes")
    try:
        plain = json.loads(text)
    except RecursionError:
        message = "the JSON nests too deeply to read; a dataset nests 4 levels"
        raise DataError([Problem(JSON_SOURCE, None, None, None, message)]) from None
    except json.JSONDecodeError as error:
        problem = Problem(
            JSON_SOURCE,
            error.lineno,
            None,
            None,
            f"not valid JSON: {error.msg} (column {error.colno})",
        )
        raise DataError([problem]) from None
    return structure(make_converter(), plain, Dataset, JSON_SOURCE)


# -- CSV -------------------------------------------------------------------------


def to_csv(dataset: Dataset, target: str | os.PathLike[str] | TextIO) -> None:
    """Write *dataset* to *target* as CSV: a header, then one row per territory.

    Raises:
        InvalidArgumentError: *target* is neither a path nor a text stream
            (a binary stream such as :class:`io.BytesIO` is refused before
            anything is written), or is a path no file can have (empty, or
            holding a NUL character or a lone surrogate).
        DataError: A text of the dataset holds a NUL character, which CSV
            cannot carry; every field at fault is listed. Nothing is written.
        OSError: The file cannot be written (:class:`FileNotFoundError` for a
            missing folder, :class:`PermissionError`, ...).
    """
    from .records import COLUMNS, records  # noqa: PLC0415 - imports cattrs, slow

    text = csv_text(
        COLUMNS,
        [
            [record[column] for column in COLUMNS]
            for record in records(dataset.deployments)
        ],
        source="to_csv",
        name="deployments",
    )
    if isinstance(target, (str, os.PathLike)):
        path = check_path("target", target, "a path to a file, or a text stream")
        path.write_text(text, encoding="utf-8", newline="")
        return
    write = getattr(target, "write", None)
    if not callable(write):
        raise InvalidArgumentError("target", target, "a path or a text stream")
    try:
        write("")  # a binary stream refuses text: find out before writing
    except TypeError:
        expected = "a text stream (io.StringIO, open(path, 'w')), not a binary one"
        raise InvalidArgumentError("target", target, expected) from None
    target.write(text)


# -- Data package ----------------------------------------------------------------

_STRING = "string"


def _field(
    name: str,
    description: str,
    field_type: str = _STRING,
    **constraints: object,
) -> dict[str, object]:
    field: dict[str, object] = {
        "name": name,
        "type": field_type,
        "description": description,
    }
    if constraints:
        field["constraints"] = dict(constraints)
    return field


def _enum(values: Iterable[str]) -> list[str]:
    return list(values)


def _schemas() -> dict[str, dict[str, object]]:
    """The Table Schema of each table of the packaged layout, in file order."""
    return {
        "regions": {
            "fields": [
                _field("code", "The INSEE code of the région.", required=True),
                _field("name", "The official name of the région.", required=True),
            ],
            "primaryKey": ["code"],
        },
        "academies": {
            "fields": [
                _field("code", "The Ministry's code of the académie.", required=True),
                _field("name", "The official name of the académie.", required=True),
                _field(
                    "kind",
                    "An académie, or the vice-rectorat or service of a collectivity.",
                    required=True,
                    enum=_enum(kind.value for kind in AcademyKind),
                ),
                _field(
                    "academic_region",
                    "Its région académique; empty for the collectivities.",
                ),
            ],
            "primaryKey": ["code"],
        },
        "territories": {
            "fields": [
                _field("code", "The INSEE code of the territory.", required=True),
                _field("name", "The official name (INSEE COG).", required=True),
                _field("iso_code", "The ISO 3166-2 code.", required=True),
                _field(
                    "kind",
                    "What kind of territory it is.",
                    required=True,
                    enum=_enum(kind.value for kind in TerritoryKind),
                ),
                _field(
                    "region_code",
                    "The INSEE code of its région; empty for the collectivities.",
                ),
                _field(
                    "academy_code",
                    "The Ministry's code of its académie.",
                    required=True,
                ),
            ],
            "primaryKey": ["code"],
            "foreignKeys": [
                {
                    "fields": ["region_code"],
                    "reference": {"resource": "regions", "fields": ["code"]},
                },
                {
                    "fields": ["academy_code"],
                    "reference": {"resource": "academies", "fields": ["code"]},
                },
            ],
        },
        "deployments": {
            "fields": [
                _field("code", "The INSEE code of the territory.", required=True),
                _field(
                    "source_label",
                    "The row's territory label, verbatim.",
                    required=True,
                ),
                _field(
                    "source_academy",
                    "The row's académie label, verbatim.",
                    required=True,
                ),
                _field(
                    "source_status",
                    "The state of deployment, the source's French label verbatim; "
                    "the labels are listed from least to most deployed.",
                    required=True,
                    enum=_enum(status.label for status in sorted(Status)),
                ),
                _field(
                    "source_count",
                    "The number of public collèges with an ENT; '-' where the "
                    "source reports none.",
                    "integer",
                    minimum=0,
                ),
            ],
            "missingValues": ["-"],
            "primaryKey": ["code"],
            "foreignKeys": [
                {
                    "fields": ["code"],
                    "reference": {"resource": "territories", "fields": ["code"]},
                },
            ],
        },
        "label_corrections": {
            "fields": [
                _field(
                    "entity",
                    "What the label names.",
                    required=True,
                    enum=["department", "academy"],
                ),
                _field(
                    "code",
                    "The INSEE code of the territory or the Ministry's code "
                    "of the académie.",
                    required=True,
                ),
                _field("source_label", "The source's label, verbatim.", required=True),
                _field("official_name", "The official name.", required=True),
                _field("reason", "Why the two differ.", required=True),
            ],
            "primaryKey": ["entity", "code", "source_label"],
        },
    }


#: The tables of the packaged layout a data package export writes, in order.
DATAPACKAGE_TABLES = ("regions", "academies", "territories", "deployments")

_TABLE_TITLES = MappingProxyType(
    {
        "regions": "Régions",
        "academies": "Académies, vice-rectorats and services",
        "territories": "Départements and overseas collectivities",
        "deployments": "The publication's rows: state of the ENT per territory",
        "label_corrections": "Where the source's labels differ from official names",
    }
)


def _package_name(edition_id: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", edition_id.lower()).strip("-")
    return f"entdeploy-{slug or 'edition'}"


def datapackage_descriptor(
    edition: Edition, tables: Iterable[str] = DATAPACKAGE_TABLES
) -> dict[str, object]:
    """Return the Frictionless data package descriptor of an edition's *tables*.

    Each table is a CSV resource (UTF-8, comma-separated, with a header) with a
    Table Schema: field types, required fields, primary keys, foreign keys
    (deployments → territories → académies and régions) and enums, the status
    labels in their order.

    Raises:
        ValueError: A table is not one of the packaged layout's.
    """
    from entdeploy._convert import make_converter  # noqa: PLC0415 - cattrs is slow to import

    schemas = _schemas()
    resources = []
    for table in tables:
        if table not in schemas:
            msg = f"no table {table!r}; expected one of {', '.join(schemas)}"
            raise ValueError(msg)
        resources.append(
            {
                "name": table,
                "title": _TABLE_TITLES[table],
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schemas[table],
            }
        )
    descriptor: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": _package_name(edition.id),
        "title": edition.title,
    }
    if edition.description is not None:
        descriptor["description"] = edition.description
    if edition.sources:
        descriptor["sources"] = [
            {"title": source.name, "description": source.description}
            for source in edition.sources
        ]
    descriptor["entdeploy:edition"] = make_converter().unstructure(edition, Edition)
    descriptor["resources"] = resources
    return descriptor


def table_rows(dataset: Dataset) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Return the rows of each table of :data:`DATAPACKAGE_TABLES` for *dataset*.

    Régions, académies and territories are those the rows use, sorted by code;
    deployments keep the dataset's order. Empty cells stand for ``None``.
    """
    departments = {d.code: d.department for d in dataset.deployments}
    regions = {
        dept.region.code: dept.region
        for dept in departments.values()
        if dept.region is not None
    }
    academies = {dept.academy.code: dept.academy for dept in departments.values()}
    return MappingProxyType(
        {
            "regions": tuple((code, regions[code].name) for code in sorted(regions)),
            "academies": tuple(
                (
                    code,
                    academies[code].name,
                    academies[code].kind.value,
                    academies[code].academic_region or "",
                )
                for code in sorted(academies)
            ),
            "territories": tuple(
                _territory_row(departments[code]) for code in sorted(departments)
            ),
            "deployments": tuple(_deployment_row(d) for d in dataset.deployments),
        }
    )


def _territory_row(department: Department) -> tuple[str, ...]:
    return (
        department.code,
        department.name,
        department.iso_code,
        department.kind.value,
        "" if department.region is None else department.region.code,
        department.academy.code,
    )


def _deployment_row(deployment: Deployment) -> tuple[str, ...]:
    return (
        deployment.code,
        deployment.source_label,
        deployment.source_academy,
        deployment.source_status,
        deployment.source_count,
    )


def write_datapackage(dataset: Dataset, directory: str | os.PathLike[str]) -> Path:
    """Write *dataset* as a data package in *directory*; return the descriptor's path.

    Writes ``regions.csv``, ``academies.csv``, ``territories.csv``,
    ``deployments.csv`` (the packaged layout) and ``datapackage.json``, creating
    *directory* if needed and replacing those files if they exist.

    Raises:
        InvalidArgumentError: *directory* is not a path (a ``str`` or
            :class:`os.PathLike`), or is one no directory can have (empty, or
            holding a NUL character or a lone surrogate).
        DataError: A row's verbatim cells are not the publication's (a status
            cell that is not one of its three French labels, such as the key
            ``massive`` a user's table may use; a count cell that is not ``-``
            or digits, such as ``" 51"``), which the package's schema refuses:
            every such row is listed.
            :meth:`Dataset.to_csv` and :meth:`Dataset.to_json` keep these
            cells. Nothing is written.
        OSError: The files cannot be written (:class:`PermissionError`,
            :class:`FileExistsError` where a file has the directory's name, ...).
    """
    from entdeploy._read.packaged import COLUMNS  # noqa: PLC0415 - the loader is lower; kept local

    folder = check_path("directory", directory, "a path to a directory")
    _check_publication_cells(dataset)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        table: csv_text(
            COLUMNS[f"{table}.csv"],
            rows,
            source=f"edition {dataset.edition.id}",
            name=table,
        )
        for table, rows in table_rows(dataset).items()
    }
    for table, text in texts.items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8", newline="")
    descriptor = datapackage_descriptor(dataset.edition)
    path = folder / "datapackage.json"
    path.write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return path


def _check_publication_cells(dataset: Dataset) -> None:
    """Refuse rows whose verbatim cells the deployments schema does not allow.

    The schema's ``source_status`` is one of the three French labels and its
    ``source_count`` is ``-`` or an integer: a user's edition may spell them
    otherwise (``massive``, ``" 51"``), which a Deployment accepts.
    """
    labels = {status.label for status in Status}
    keep = "to_csv and to_json keep this cell; a data package cannot"
    problems: list[Problem] = []
    for number, deployment in enumerate(dataset.deployments):
        if deployment.source_status not in labels:
            listed = ", ".join(repr(status.label) for status in sorted(Status))
            problems.append(
                Problem(
                    f"edition {dataset.edition.id}",
                    None,
                    f"deployments[{number}].source_status",
                    deployment.source_status,
                    f"territory {deployment.code}: the data package's schema "
                    f"allows only the publication's labels {listed}; {keep}",
                )
            )
        count = deployment.source_count
        if count != UNKNOWN_COUNT and not (count.isascii() and count.isdigit()):
            problems.append(
                Problem(
                    f"edition {dataset.edition.id}",
                    None,
                    f"deployments[{number}].source_count",
                    count,
                    f"territory {deployment.code}: the data package's schema "
                    f"allows only digits or {UNKNOWN_COUNT!r}; {keep}",
                )
            )
    if problems:
        raise DataError(problems)
