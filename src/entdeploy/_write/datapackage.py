"""A dataset as a Frictionless data package: the packaged layout, described.

The CSV files and their Table Schemas both come from :mod:`entdeploy._schema`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from pathlib import Path

from entdeploy._checks import check_path
from entdeploy._dataset import Dataset
from entdeploy._escape import csv_text
from entdeploy._model import UNKNOWN_COUNT, Edition
from entdeploy._problems import Problems
from entdeploy._schema import TABLES, Table
from entdeploy._write.files import write_files
from entdeploy._write.records import records

__all__ = ["DATAPACKAGE_TABLES", "datapackage_descriptor", "write_datapackage"]

#: The tables of the packaged layout a data package export writes, in order.
DATAPACKAGE_TABLES = ("regions", "academies", "territories", "deployments")
_TABLES = {table.name: table for table in TABLES}


def _resource(table: Table) -> dict[str, object]:
    """Return the data resource of *table*, with its Table Schema."""
    fields: list[dict[str, object]] = []
    for column in table.columns:
        constraints: dict[str, object] = {}
        if column.required:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if column.type == "integer":
            constraints["minimum"] = 0
        field: dict[str, object] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, object] = {"fields": fields}
    if table.missing is not None:
        schema["missingValues"] = [table.missing]
    schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": other, "fields": ["code"]}}
            for column, other in table.foreign_keys
        ]
    return {
        "name": table.name,
        "title": table.title,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def datapackage_descriptor(
    edition: Edition, tables: Iterable[str] = DATAPACKAGE_TABLES
) -> dict[str, object]:
    """Return the Frictionless data package descriptor of an edition's *tables*.

    Raises:
        ValueError: A table is not one of the packaged layout's.
    """
    from entdeploy._convert import make_converter  # noqa: PLC0415 - slow to import

    resources = []
    for name in tables:
        if name not in _TABLES:
            msg = f"no table {name!r}; expected one of {', '.join(_TABLES)}"
            raise ValueError(msg)
        resources.append(_resource(_TABLES[name]))
    slug = re.sub(r"[^a-z0-9._-]+", "-", edition.id.lower()).strip("-")
    descriptor: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": f"entdeploy-{slug or 'edition'}",
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


def package_rows(dataset: Dataset) -> dict[str, list[Sequence[object]]]:
    """Return the rows of each table of :data:`DATAPACKAGE_TABLES` for *dataset*.

    Régions, académies and territories are those the rows use, sorted by code.
    """
    rows = records(dataset)
    departments = {d.code: d.department for d in dataset}
    regions = {d.region.code: d.region for d in departments.values() if d.region}
    academies = {d.academy.code: d.academy for d in departments.values()}
    return {
        "regions": [(code, regions[code].name) for code in sorted(regions)],
        "academies": [
            (a.code, a.name, a.kind.value, a.academic_region or "")
            for a in (academies[code] for code in sorted(academies))
        ],
        "territories": _cells("territories", sorted(rows, key=itemgetter("code"))),
        "deployments": _cells("deployments", rows),
    }


def _cells(table: str, rows: Iterable[Mapping[str, object]]) -> list[Sequence[object]]:
    """Return the rows of *table*: those of its columns in each record of *rows*."""
    return [[row[column] for column in _TABLES[table].header] for row in rows]


def write_datapackage(dataset: Dataset, directory: str | os.PathLike[str]) -> Path:
    """Write *dataset* as a data package in *directory*; return the descriptor's path.

    Raises:
        InvalidArgumentError: *directory* is not a path a folder can have.
        DataError: A row's verbatim cells are not the publication's, or a text
            cannot be written; nothing is written.
        OSError: The files cannot be written; *directory* is left as it was.
    """
    folder = check_path("directory", directory, "a path to a directory")
    _check_publication_cells(dataset)
    source = f"edition {dataset.edition.id}"
    files = {
        f"{table}.csv": csv_text(_TABLES[table].header, rows, source=source, name=table)
        for table, rows in package_rows(dataset).items()
    }
    meta = datapackage_descriptor(dataset.edition)
    files["datapackage.json"] = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    created = [path for path in (folder, *folder.parents) if not path.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_files({folder / name: text for name, text in files.items()})
    except BaseException:
        for path in created:  # innermost first: leave no empty folder behind
            with contextlib.suppress(OSError):
                path.rmdir()
        raise
    return folder / "datapackage.json"


def _check_publication_cells(dataset: Dataset) -> None:
    """Refuse verbatim cells (``massive``, ``" 51"``) the deployments schema refuses."""
    status_column = _TABLES["deployments"].columns[-2]
    keep = "to_csv and to_json keep this cell; a data package cannot"
    problems = Problems(f"edition {dataset.edition.id}")
    for number, deployment in enumerate(dataset):
        if deployment.source_status not in status_column.enum:
            listed = ", ".join(repr(label) for label in status_column.enum)
            problems.add(
                None,
                f"deployments[{number}].source_status",
                deployment.source_status,
                f"territory {deployment.code}: the data package's schema allows "
                f"only the publication's labels {listed}; {keep}",
            )
        if deployment.source_count != deployment.source_count.strip():
            problems.add(
                None,
                f"deployments[{number}].source_count",
                deployment.source_count,
                f"territory {deployment.code}: the data package's schema allows "
                f"only digits or {UNKNOWN_COUNT!r}; {keep}",
            )
    problems.raise_if_any()
