"""The flat, per-territory record: one row of plain data for each deployment.

Every flat export (``Dataset.to_records``, CSV, DataFrames) builds it here, so
they all have the same columns, in the same order, with the same values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from entdeploy._model import Deployment

__all__ = ["COLUMNS", "TerritoryRecord", "record_of", "records"]


class TerritoryRecord(TypedDict):
    """A row of :meth:`Dataset.to_records`: one territory's deployment as plain data.

    The territory's INSEE ``code``, official ``name``, ISO 3166-2 ``iso_code`` and
    ``kind`` (a :class:`TerritoryKind`'s value); its région's ``region_code`` and
    ``region_name`` and its ``academic_region`` (``None`` for a collectivity); its
    académie's Ministry ``academy_code`` and ``academy_name``; its ``status`` (a
    :class:`Status`'s value) and the source's French ``status_label``; the count of
    public ``colleges_with_ent`` (``None`` where unknown); and the row's
    ``source_label``, ``source_academy``, ``source_status`` and ``source_count``,
    verbatim.
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
COLUMNS: tuple[str, ...] = tuple(TerritoryRecord.__annotations__)


def record_of(deployment: Deployment) -> TerritoryRecord:
    """Return the flat :class:`TerritoryRecord` of *deployment*."""
    department = deployment.department
    region, academy = department.region, department.academy
    return {
        "code": department.code,
        "name": department.name,
        "iso_code": department.iso_code,
        "kind": department.kind.value,
        "region_code": None if region is None else region.code,
        "region_name": None if region is None else region.name,
        "academy_code": academy.code,
        "academy_name": academy.name,
        "academic_region": academy.academic_region,
        "status": deployment.status.value,
        "status_label": deployment.status.label,
        "colleges_with_ent": deployment.colleges_with_ent,
        "source_label": deployment.source_label,
        "source_academy": deployment.source_academy,
        "source_status": deployment.source_status,
        "source_count": deployment.source_count,
    }


def records(deployments: Iterable[Deployment]) -> tuple[TerritoryRecord, ...]:
    """Return the :class:`TerritoryRecord` of each deployment, in order."""
    return tuple(record_of(deployment) for deployment in deployments)
