"""The flat, per-territory record: one row of plain data for each deployment.

Exports that want one flat row per territory (``Dataset.to_records``, CSV,
DataFrames) build it here, so every one of them has the same columns, in the
same order, with the same values.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypedDict, cast

import attrs

from entdeploy._model import Deployment, Status, TerritoryKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    import cattrs

__all__ = [
    "COLUMNS",
    "Record",
    "TerritoryRecord",
    "record_of",
    "records",
    "records_converter",
]


@attrs.frozen
class Record:
    """One territory's deployment as a flat row.

    Attributes:
        code: The INSEE code of the territory.
        name: Its official name.
        iso_code: Its ISO 3166-2 code.
        kind: Its :class:`TerritoryKind`.
        region_code: The INSEE code of its région, ``None`` for a collectivity.
        region_name: The name of its région, ``None`` for a collectivity.
        academy_code: The Ministry's code of its académie.
        academy_name: The name of its académie.
        academic_region: Its région académique, ``None`` for a collectivity.
        status: Its :class:`Status`.
        status_label: The source's French label of the status.
        colleges_with_ent: The count of public collèges with an ENT, ``None``
            where unknown.
        source_label: The row's territory label, verbatim.
        source_academy: The row's académie label, verbatim.
        source_status: The row's status label, verbatim.
        source_count: The row's count cell, verbatim.
    """

    code: str
    name: str
    iso_code: str
    kind: TerritoryKind
    region_code: str | None
    region_name: str | None
    academy_code: str
    academy_name: str
    academic_region: str | None
    status: Status
    status_label: str
    colleges_with_ent: int | None
    source_label: str
    source_academy: str
    source_status: str
    source_count: str


class TerritoryRecord(TypedDict):
    """One territory as plain data: a row of :meth:`Dataset.to_records`.

    The keys are :class:`Record`'s fields, in order; enums are their values
    (``"massive"``, ``"metropolitan-department"``), an unknown count ``None``.
    """

    code: str
    name: str
    iso_code: str
    kind: str
    region_code: str | None
    region_name: str | None
    academy_code: str
    academy_name: str
    academic_region: str | None
    status: str
    status_label: str
    colleges_with_ent: int | None
    source_label: str
    source_academy: str
    source_status: str
    source_count: str


#: The record's column names, in order.
COLUMNS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Record))


def record_of(deployment: Deployment) -> Record:
    """Return the flat :class:`Record` of *deployment*."""
    department = deployment.department
    region = department.region
    academy = department.academy
    return Record(
        code=department.code,
        name=department.name,
        iso_code=department.iso_code,
        kind=department.kind,
        region_code=None if region is None else region.code,
        region_name=None if region is None else region.name,
        academy_code=academy.code,
        academy_name=academy.name,
        academic_region=academy.academic_region,
        status=deployment.status,
        status_label=deployment.status.label,
        colleges_with_ent=deployment.colleges_with_ent,
        source_label=deployment.source_label,
        source_academy=deployment.source_academy,
        source_status=deployment.source_status,
        source_count=deployment.source_count,
    )


@functools.cache
def records_converter() -> cattrs.Converter:
    """Return the project's converter, built once for record exports.

    Callers must not configure it: it is shared.
    """
    from entdeploy._convert import make_converter  # noqa: PLC0415 - cattrs is slow to import

    return make_converter()


def records(deployments: Iterable[Deployment]) -> tuple[TerritoryRecord, ...]:
    """Return one plain dict per deployment, keys in :data:`COLUMNS` order.

    Enums become their values (``"massive"``, ``"metropolitan-department"``);
    an unknown count stays ``None``.
    """
    converter = records_converter()
    return tuple(
        cast("TerritoryRecord", converter.unstructure(record_of(deployment), Record))
        for deployment in deployments
    )
