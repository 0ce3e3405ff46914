"""The :class:`Dataset`: one edition's deployments, and the API to query them."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from ._model import Academy, Department, Deployment, Edition, Status
from .exceptions import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping


def _to_deployments(value: Iterable[Deployment]) -> tuple[Deployment, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Dataset:
    """One edition of the publication: its metadata and its deployments.

    A dataset is immutable and iterates over its :class:`Deployment` rows in the
    source's order. Filtering returns a new, smaller dataset of the same edition.

    Attributes:
        edition: The :class:`Edition` metadata.
        deployments: The rows, a tuple in the source's order.

    Raises:
        DataError: Two rows are about the same territory.
    """

    edition: Edition
    deployments: tuple[Deployment, ...] = attrs.field(converter=_to_deployments)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for deployment in self.deployments:
            if not isinstance(deployment, Deployment):
                msg = f"a Dataset holds Deployment objects, got {deployment!r}"
                raise TypeError(msg)
            code = deployment.department.code
            if code in seen:
                problem = Problem(
                    source=f"edition {self.edition.id}",
                    line=None,
                    field="code",
                    value=code,
                    message="two rows are about the same territory",
                )
                raise DataError([problem])
            seen.add(code)

    def __len__(self) -> int:
        return len(self.deployments)

    def __iter__(self) -> Iterator[Deployment]:
        return iter(self.deployments)

    def __repr__(self) -> str:
        return (
            f"<Dataset edition={self.edition.id!r}: "
            f"{len(self.deployments)} territories>"
        )

    @property
    def departments(self) -> tuple[Department, ...]:
        """The territories of the rows, in the source's order."""
        return tuple(deployment.department for deployment in self.deployments)

    @property
    def academies(self) -> tuple[Academy, ...]:
        """The académies of the rows, each once, sorted by Ministry code."""
        unique = {d.department.academy.code: d.department.academy for d in self}
        return tuple(unique[code] for code in sorted(unique))

    # -- Queries (lookup, get, search, academy, filter) ----------------------

    # -- Aggregations -------------------------------------------------------

    def count_by_status(self) -> Mapping[Status, int]:
        """Return how many territories are in each status, every status present.

        The read-only mapping iterates in status order, least deployed first;
        a status no territory has counts 0.
        """
        counts = dict.fromkeys(sorted(Status), 0)
        for deployment in self.deployments:
            counts[deployment.status] += 1
        return MappingProxyType(counts)

    def total_colleges(self) -> int:
        """Return the sum of the known counts of public collèges with an ENT.

        Territories whose count is not reported are left out, not counted as 0;
        :attr:`unknown_count` says how many they are.
        """
        return sum(
            d.colleges_with_ent
            for d in self.deployments
            if d.colleges_with_ent is not None
        )

    @property
    def unknown_count(self) -> int:
        """The number of territories whose count of collèges is not reported."""
        return sum(1 for d in self.deployments if d.colleges_with_ent is None)

    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per territory, in the source's order.

        Each dict has the same keys, in the same order: ``code``, ``name``,
        ``iso_code``, ``kind``, ``region_code``, ``region_name``,
        ``academy_code``, ``academy_name``, ``academic_region``, ``status``
        (the key, ``"massive"``), ``status_label``, ``colleges_with_ent``
        (``None`` where unknown) and the row's verbatim ``source_label``,
        ``source_academy``, ``source_status`` and ``source_count``. Values are
        strings, integers or ``None``, ready for :mod:`csv`, JSON or a database.
        """
        from ._records import records  # noqa: PLC0415 - imports cattrs, slow

        return records(self.deployments)

    # -- Interchange (JSON, CSV, records) -------------------------------------

    # -- Renderers (table, map, report) --------------------------------------
