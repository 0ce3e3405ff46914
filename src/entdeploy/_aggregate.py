"""Aggregations over a dataset: counts, shares, summaries, groups and statistics.

Every grouping (``by``) puts each territory in exactly one group and orders the
groups the same way, in :func:`summarize`, :func:`group_by` and :func:`top`:

- ``"academy"``: by the Ministry's académie code;
- ``"region"``: by INSEE région code, then the collectivities (key ``None``);
- ``"academic_region"``: by name, accents and case ignored, then the
  collectivities (key ``None``);
- ``"kind"``: metropolitan départements, overseas départements, overseas
  collectivities;
- ``"status"``: least deployed first;
- ``"authority"``: by the codes of the territory's authorities, those without
  a code after, by name. A territory with two authorities (69, 988) forms one
  group keyed by both, so no territory is counted twice; territories sharing
  one authority (2A and 2B, 67 and 68) form one group.

Only groups with at least one territory appear. :func:`coverage` also groups
by ``"territory"``, one row per territory in the dataset's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Generic, Literal, TypeVar, overload

import attrs

from ._dataset import Dataset
from ._model import (
    Academy,
    Department,
    Deployment,
    Edition,
    PublicColleges,
    Region,
    Status,
    TerritoryKind,
)
from ._normalize import normalize
from ._read.packaged import load_public_colleges
from .exceptions import EmptyDatasetError, InvalidArgumentError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = [
    "FIGURE_COLUMNS",
    "GROUPINGS",
    "KEY_COLUMNS",
    "CollegeStats",
    "Coverage",
    "CoverageRow",
    "Grouping",
    "Summary",
    "SummaryRow",
    "college_stats",
    "coverage",
    "group_by",
    "share",
    "summarize",
    "top",
]

#: How territories can be grouped.
Grouping = Literal[
    "academy", "region", "academic_region", "kind", "status", "authority"
]

#: The groupings, in the order the documentation lists them.
GROUPINGS: tuple[Grouping, ...] = (
    "academy",
    "region",
    "academic_region",
    "kind",
    "status",
    "authority",
)

K = TypeVar("K")
K_co = TypeVar("K_co", covariant=True)

_KINDS = tuple(TerritoryKind)


# -- Shares ------------------------------------------------------------------


def read_status(value: Status | str) -> Status:
    """Return the :class:`Status` *value* is, or the one :meth:`Status.parse` reads.

    The one reading of a status argument, for ``filter(status=...)``,
    ``share`` and every other argument that takes a status.

    Raises:
        InvalidArgumentError: *value* is neither, or names no status.
    """
    return value if isinstance(value, Status) else Status.parse(value)


def read_grouping(by: object) -> Grouping:
    """Return the grouping *by* names (``"academic-region"`` is ``"academic_region"``).

    Raises:
        InvalidArgumentError: *by* is not one of :data:`GROUPINGS`.
    """
    name = by.replace("-", "_") if isinstance(by, str) else by
    if name not in GROUPINGS:
        expected = "one of " + ", ".join(repr(name) for name in GROUPINGS)
        raise InvalidArgumentError("by", by, expected)
    return name


def share(deployments: Sequence[Deployment], status: Status | str) -> float:
    """Return the fraction of *deployments* in *status*, between 0 and 1.

    Raises:
        InvalidArgumentError: *status* is not a :class:`Status`.
        EmptyDatasetError: There are no deployments.
    """
    status = read_status(status)
    if not deployments:
        msg = "share() of an empty dataset is undefined: it has no territories"
        raise EmptyDatasetError(msg)
    return sum(1 for d in deployments if d.status is status) / len(deployments)


# -- Groupings -----------------------------------------------------------------


def _academy_order(key: object) -> tuple[object, ...]:
    assert isinstance(key, Academy)  # noqa: S101 - the key function guarantees it
    return (key.code, key.name, key.kind.value, key.academic_region or "")


def _region_order(key: object) -> tuple[object, ...]:
    if key is None:
        return (1,)
    assert isinstance(key, Region)  # noqa: S101 - the key function guarantees it
    return (0, key.code, key.name)


def _academic_region_order(key: object) -> tuple[object, ...]:
    if key is None:
        return (1,)
    assert isinstance(key, str)  # noqa: S101 - the key function guarantees it
    return (0, normalize(key), key)


def _kind_order(key: object) -> tuple[object, ...]:
    assert isinstance(key, TerritoryKind)  # noqa: S101 - the key function guarantees it
    return (_KINDS.index(key),)


def _status_order(key: object) -> tuple[object, ...]:
    assert isinstance(key, Status)  # noqa: S101 - the key function guarantees it
    return (key.rank,)


def authority_order(key: object) -> tuple[object, ...]:
    """Order authorities (a tuple of them) by code, those without one last, by name."""
    assert isinstance(key, tuple)  # noqa: S101 - the key function guarantees it
    return (not key, [(a.code is None, a.code or "", a.name) for a in key])


def _academy_key(deployment: Deployment) -> object:
    return deployment.department.academy


def _region_key(deployment: Deployment) -> object:
    return deployment.department.region


def _academic_region_key(deployment: Deployment) -> object:
    return deployment.department.academy.academic_region


def _kind_key(deployment: Deployment) -> object:
    return deployment.department.kind


def _status_key(deployment: Deployment) -> object:
    return deployment.status


def _authority_key(deployment: Deployment) -> object:
    return deployment.department.authorities


_KeyFunction = Callable[[Deployment], object]
_OrderFunction = Callable[[object], tuple[object, ...]]

_GROUPINGS: Mapping[str, tuple[_KeyFunction, _OrderFunction]] = MappingProxyType(
    {
        "academy": (_academy_key, _academy_order),
        "region": (_region_key, _region_order),
        "academic_region": (_academic_region_key, _academic_region_order),
        "kind": (_kind_key, _kind_order),
        "status": (_status_key, _status_order),
        "authority": (_authority_key, authority_order),
    }
)


def _grouping(by: object) -> tuple[_KeyFunction, _OrderFunction]:
    """Return the key and order functions of *by*.

    Raises:
        InvalidArgumentError: *by* is not one of :data:`GROUPINGS`.
    """
    return _GROUPINGS[read_grouping(by)]


def _groups(
    deployments: Sequence[Deployment], by: object
) -> list[tuple[object, list[Deployment]]]:
    """Return ``(key, rows)`` pairs, groups in *by*'s order, rows in source order."""
    key_of, order = _grouping(by)
    # Model objects hash slowly; hash each distinct key object once (the loader
    # shares one Academy per académie) and find its group by identity after.
    by_identity: dict[int, list[Deployment]] = {}
    groups: dict[object, list[Deployment]] = {}
    for deployment in deployments:
        key = key_of(deployment)
        members = by_identity.get(id(key))
        if members is None:
            members = groups.get(key)
            if members is None:
                members = groups[key] = []
            by_identity[id(key)] = members
        members.append(deployment)
    return sorted(groups.items(), key=lambda item: order(item[0]))


def group_by(dataset: Dataset, by: Grouping) -> Mapping[object, Dataset]:
    """Return a read-only mapping from each group's key to its sub-dataset.

    Raises:
        InvalidArgumentError: *by* is not one of :data:`GROUPINGS`.
    """
    return MappingProxyType(
        {
            key: Dataset(dataset.edition, members)
            for key, members in _groups(dataset.deployments, by)
        }
    )


# -- Summaries -----------------------------------------------------------------


R_co = TypeVar("R_co", covariant=True)


class _Rows(Sequence[R_co]):
    """An immutable sequence of the ``rows`` of a summary or a coverage."""

    __slots__ = ()
    rows: tuple[R_co, ...]

    @overload
    def __getitem__(self, index: int) -> R_co: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[R_co, ...]: ...
    def __getitem__(self, index: int | slice) -> R_co | tuple[R_co, ...]:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[R_co]:
        return iter(self.rows)


@attrs.frozen
class SummaryRow(Generic[K_co]):
    """The figures of one group of territories.

    Attributes:
        key: The group's key: an :class:`Academy`, a :class:`Region`, the name
            of a région académique, a :class:`TerritoryKind`, a
            :class:`Status` or a tuple of :class:`Authority`; ``None`` for the
            collectivities, which have no région, and for the
            :attr:`Summary.total` row.
        territories: How many territories the group has.
        none_or_unknown: How many have no known ENT project.
        in_progress: How many are deploying an ENT.
        massive: How many are in massive deployment.
        colleges_with_ent: The sum of the known counts of collèges with an ENT.
        unknown_count: How many territories have no reported count (left out
            of :attr:`colleges_with_ent`, not counted as 0).
    """

    key: K_co
    territories: int
    none_or_unknown: int
    in_progress: int
    massive: int
    colleges_with_ent: int
    unknown_count: int

    @property
    def by_status(self) -> Mapping[Status, int]:
        """How many territories are in each status, read-only, in status order."""
        return MappingProxyType(
            {
                Status.NONE_OR_UNKNOWN: self.none_or_unknown,
                Status.IN_PROGRESS: self.in_progress,
                Status.MASSIVE: self.massive,
            }
        )

    @property
    def massive_share(self) -> float:
        """The fraction of the group's territories in the best state (massive).

        Raises:
            EmptyDatasetError: The group has no territories (only the total of
                the summary of an empty dataset has none).
        """
        if not self.territories:
            msg = "massive_share of a group with no territories is undefined"
            raise EmptyDatasetError(msg)
        return self.massive / self.territories


def _row(key: K, deployments: Sequence[Deployment]) -> SummaryRow[K]:
    none = progress = massive = colleges = unknown = 0
    for deployment in deployments:
        status = deployment.status
        if status is Status.MASSIVE:
            massive += 1
        elif status is Status.IN_PROGRESS:
            progress += 1
        else:
            none += 1
        count = deployment.colleges_with_ent
        if count is None:
            unknown += 1
        else:
            colleges += count
    return SummaryRow(
        key=key,
        territories=len(deployments),
        none_or_unknown=none,
        in_progress=progress,
        massive=massive,
        colleges_with_ent=colleges,
        unknown_count=unknown,
    )


@attrs.frozen(repr=False)
class Summary(_Rows[SummaryRow[K_co]]):
    """The figures of a dataset grouped one way: one :class:`SummaryRow` per group.

    An immutable sequence of rows in the grouping's documented order (see
    :meth:`Dataset.summarize`), with the overall figures as :attr:`total`,
    which is not one of its items.

    Attributes:
        by: The grouping: ``"academy"``, ``"region"``, ``"academic_region"``,
            ``"kind"``, ``"status"`` or ``"authority"``.
        rows: The rows, a tuple.
        total: The figures of the whole dataset (its ``key`` is ``None``).
    """

    by: Grouping
    rows: tuple[SummaryRow[K_co], ...]
    total: SummaryRow[None]

    def __repr__(self) -> str:
        total = self.total
        return (
            f"<Summary by={self.by!r}: {len(self.rows)} groups, "
            f"{total.territories} territories, "
            f"{total.colleges_with_ent} collèges with an ENT>"
        )

    def _repr_html_(self) -> str:
        from ._render.notebook import summary_html  # noqa: PLC0415 - only notebooks need it

        return summary_html(self)

    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per row (not the total), in the summary's order.

        The first keys name the group with the per-territory record's column
        names (``academy_code`` and ``academy_name``; ``region_code`` and
        ``region_name``; ``academic_region``; ``kind``; ``status`` and
        ``status_label``), ``None`` for the collectivities' group, or
        ``authority_code`` and ``authority_name`` (each joined with ``" + "``
        where a territory has two authorities); then
        ``territories``, ``none_or_unknown``, ``in_progress``, ``massive``,
        ``colleges_with_ent``, ``unknown_count`` and ``massive_share``.
        """
        return tuple(
            {
                **_key_columns(self.by, row.key),
                "territories": row.territories,
                "none_or_unknown": row.none_or_unknown,
                "in_progress": row.in_progress,
                "massive": row.massive,
                "colleges_with_ent": row.colleges_with_ent,
                "unknown_count": row.unknown_count,
                "massive_share": row.massive_share,
            }
            for row in self.rows
        )

    def to_pandas(self) -> pd.DataFrame:
        """Return the rows (not the total) as a pandas DataFrame.

        The columns are those of :meth:`to_records`: ``status`` an ordered
        categorical, ``kind`` a categorical, other names ``string``, the counts
        ``int64`` (``colleges_with_ent`` ``Int64``), ``massive_share`` ``float64``.

        Raises:
            MissingExtraError: pandas is not installed (``entdeploy[pandas]``).
        """
        from ._write.frames import summary_to_pandas  # noqa: PLC0415 - a higher module

        return summary_to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """Return the rows (not the total) as a polars DataFrame.

        The columns are those of :meth:`to_records`: ``status`` and ``kind``
        ``pl.Enum``, other names ``String``, counts ``Int64``, ``massive_share``
        ``Float64``.

        Raises:
            MissingExtraError: polars is not installed (``entdeploy[polars]``).
        """
        from ._write.frames import summary_to_polars  # noqa: PLC0415 - a higher module

        return summary_to_polars(self)


#: The columns that name a group in :meth:`Summary.to_records`, per grouping.
KEY_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "academy": ("academy_code", "academy_name"),
        "region": ("region_code", "region_name"),
        "academic_region": ("academic_region",),
        "kind": ("kind",),
        "status": ("status", "status_label"),
        "authority": ("authority_code", "authority_name"),
        "territory": ("code", "name"),
    }
)

#: The columns of :meth:`Summary.to_records` after the key columns.
FIGURE_COLUMNS: tuple[str, ...] = (
    "territories",
    "none_or_unknown",
    "in_progress",
    "massive",
    "colleges_with_ent",
    "unknown_count",
    "massive_share",
)


def _key_columns(by: str, key: object) -> dict[str, object]:
    """Return the plain columns that name the group *key* of grouping *by*."""
    if isinstance(key, (Academy, Region, Department)):
        code, name = KEY_COLUMNS[by]
        return {code: key.code, name: key.name}
    if isinstance(key, TerritoryKind):
        return {"kind": key.value}
    if isinstance(key, Status):
        return {"status": key.value, "status_label": key.label}
    if isinstance(key, tuple):
        return {
            "authority_code": " + ".join(a.code for a in key if a.code) or None,
            "authority_name": " + ".join(a.name for a in key) or None,
        }
    # A région académique's name, or None (the collectivities' group).
    return dict.fromkeys(KEY_COLUMNS[by], key)


def summarize(deployments: Sequence[Deployment], by: Grouping) -> Summary[object]:
    """Return the :class:`Summary` of *deployments* grouped *by* a grouping.

    Raises:
        InvalidArgumentError: *by* is not one of :data:`GROUPINGS`.
    """
    by = read_grouping(by)
    rows = tuple(_row(key, members) for key, members in _groups(deployments, by))
    total = SummaryRow(
        key=None,
        territories=sum(row.territories for row in rows),
        none_or_unknown=sum(row.none_or_unknown for row in rows),
        in_progress=sum(row.in_progress for row in rows),
        massive=sum(row.massive for row in rows),
        colleges_with_ent=sum(row.colleges_with_ent for row in rows),
        unknown_count=sum(row.unknown_count for row in rows),
    )
    return Summary(by=by, rows=rows, total=total)


# -- Statistics ----------------------------------------------------------------


@attrs.frozen
class CollegeStats:
    """Descriptive statistics of the known counts of collèges with an ENT.

    Attributes:
        known: How many territories have a reported count.
        unknown: How many have none (left out of every other figure).
        total: The sum of the known counts.
        min: The smallest known count.
        max: The largest known count.
        mean: The mean of the known counts.
        median: The median of the known counts.
    """

    known: int
    unknown: int
    total: int
    min: int
    max: int
    mean: float
    median: float


def college_stats(deployments: Sequence[Deployment]) -> CollegeStats:
    """Return the :class:`CollegeStats` of the known counts of *deployments*.

    Raises:
        EmptyDatasetError: No deployment has a known count.
    """
    counts = sorted(
        d.colleges_with_ent for d in deployments if d.colleges_with_ent is not None
    )
    if not counts:
        msg = (
            "college_stats() needs at least one territory with a known count; "
            f"this dataset has {len(deployments)} territories, none with a count"
        )
        raise EmptyDatasetError(msg)
    middle = len(counts) // 2
    median = (
        float(counts[middle])
        if len(counts) % 2
        else (counts[middle - 1] + counts[middle]) / 2
    )
    total = sum(counts)
    return CollegeStats(
        known=len(counts),
        unknown=len(deployments) - len(counts),
        total=total,
        min=counts[0],
        max=counts[-1],
        mean=total / len(counts),
        median=median,
    )


def _territory_or_grouping(by: object) -> Grouping | Literal["territory"]:
    """Return ``"territory"`` or the grouping *by* names.

    Raises:
        InvalidArgumentError: *by* is neither.
    """
    if by == "territory":
        return "territory"
    try:
        return read_grouping(by)
    except InvalidArgumentError:
        expected = "'territory' or one of " + ", ".join(repr(g) for g in GROUPINGS)
        raise InvalidArgumentError("by", by, expected) from None


def _check_n(n: object) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise InvalidArgumentError("n", n, "an integer, 0 or more")
    return n


def top(
    deployments: Sequence[Deployment], n: int, by: Grouping | Literal["territory"]
) -> tuple[Deployment, ...] | tuple[SummaryRow[object], ...]:
    """Return the *n* territories, or groups, with the most collèges with an ENT.

    Territories with no reported count, and groups in which no territory has
    one, are left out. Ties keep the source's order (territories) or the
    grouping's order (groups).

    Raises:
        InvalidArgumentError: *n* is not an integer ≥ 0, or *by* is neither
            ``"territory"`` nor one of :data:`GROUPINGS`.
    """
    n = _check_n(n)
    by = _territory_or_grouping(by)
    if by == "territory":
        known = [d for d in deployments if d.colleges_with_ent is not None]
        known.sort(key=lambda d: -(d.colleges_with_ent or 0))
        return tuple(known[:n])
    rows = [
        row for row in summarize(deployments, by) if row.unknown_count < row.territories
    ]
    rows.sort(key=lambda row: -row.colleges_with_ent)
    return tuple(rows[:n])


# -- Coverage --------------------------------------------------------------------


@attrs.frozen
class CoverageRow(Generic[K_co]):
    """The share of a group's public collèges that have an ENT.

    Counts come from the edition, public collèges from :class:`PublicColleges`
    (another vintage). A territory without a reliable number of public collèges
    (987) is left out of every figure.

    Attributes:
        key: As :attr:`SummaryRow.key`; a :class:`Department` by territory.
        territories: How many territories the group has, left-out ones too.
        colleges_with_ent: The sum of the known counts, ``None`` if none is.
        public_colleges: The sum of the public collèges, ``None`` if unknown.
        unknown_count: How many territories have no count.
        unknown_public_colleges: Their public collèges.
        share: ``colleges_with_ent / public_colleges``, ``None`` unless every
            count and ``public_colleges`` are known; above 1, never capped,
            where a count exceeds its public collèges.
        share_low: The share counting the unknown counts as none.
        share_high: The share counting them as all their public collèges.
        over: The codes of the territories whose count exceeds their public
            collèges.
        excluded: The codes of the territories left out.
    """

    key: K_co
    territories: int
    colleges_with_ent: int | None
    public_colleges: int | None
    unknown_count: int
    unknown_public_colleges: int
    share: float | None
    share_low: float | None
    share_high: float | None
    over: tuple[str, ...]
    excluded: tuple[str, ...]


def _coverage_row(
    key: K, deployments: Sequence[Deployment], reference: Mapping[str, int]
) -> CoverageRow[K]:
    known = public = unknown = margin = 0
    counted = with_count = 0
    over: list[str] = []
    excluded: list[str] = []
    for deployment in deployments:
        colleges = reference.get(deployment.code)
        count = deployment.colleges_with_ent
        if colleges is None:
            excluded.append(deployment.code)
            continue
        counted += 1
        public += colleges
        if count is None:
            unknown += 1
            margin += colleges
        else:
            with_count += 1
            known += count
            if count > colleges:
                over.append(deployment.code)
    low = high = None
    if public:
        low, high = known / public, (known + margin) / public
    return CoverageRow(
        key=key,
        territories=len(deployments),
        colleges_with_ent=known if with_count else None,
        public_colleges=public if counted else None,
        unknown_count=unknown,
        unknown_public_colleges=margin,
        share=None if unknown else low,
        share_low=low,
        share_high=high,
        over=tuple(over),
        excluded=tuple(excluded),
    )


#: The columns of :meth:`Coverage.to_records` after the key columns.
COVERAGE_COLUMNS: tuple[str, ...] = (
    *(field.name for field in attrs.fields(CoverageRow)[1:]),
    "edition",
    "public_colleges_reference",
)


@attrs.frozen(repr=False)
class Coverage(_Rows[CoverageRow[object]]):
    """The share of public collèges with an ENT, grouped one way.

    An immutable sequence of :class:`CoverageRow`, in the grouping's order;
    for the whole dataset (``by`` is ``None``), one row, the total.

    Attributes:
        by: The grouping, ``"territory"``, or ``None``.
        rows: The rows, a tuple.
        total: The figures of the whole dataset (its ``key`` is ``None``).
        edition: The edition the counts of collèges with an ENT come from.
        reference: The :class:`PublicColleges` the public collèges come from.
    """

    by: Grouping | Literal["territory"] | None
    rows: tuple[CoverageRow[object], ...]
    total: CoverageRow[None]
    edition: Edition
    reference: PublicColleges

    def __repr__(self) -> str:
        total = self.total
        return (
            f"<Coverage by={self.by!r}: {len(self.rows)} rows, "
            f"{total.colleges_with_ent} collèges with an ENT ({self.edition.id}) "
            f"of {total.public_colleges} public collèges ({self.reference.id})>"
        )

    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per row, in order.

        The first keys name the group as :meth:`Summary.to_records` does
        (``code`` and ``name`` by territory; none for the whole dataset), then
        the row's figures, ``over`` and ``excluded`` as codes joined with
        ``", "`` (``None`` when empty), ``edition`` (the counts' edition id)
        and ``public_colleges_reference`` (the reference's id).
        """
        return tuple(
            {
                **({} if self.by is None else _key_columns(self.by, row.key)),
                **{
                    name: ", ".join(value) or None
                    if isinstance(value, tuple)
                    else value
                    for name, value in attrs.asdict(row, recurse=False).items()
                    if name != "key"
                },
                "edition": self.edition.id,
                "public_colleges_reference": self.reference.id,
            }
            for row in self.rows
        )

    def to_pandas(self) -> pd.DataFrame:
        """Return :meth:`to_records` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``entdeploy[pandas]``).
        """
        from ._write.frames import coverage_to_pandas  # noqa: PLC0415 - a higher module

        return coverage_to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """Return :meth:`to_records` as a polars DataFrame.

        Raises:
            MissingExtraError: polars is not installed (``entdeploy[polars]``).
        """
        from ._write.frames import coverage_to_polars  # noqa: PLC0415 - a higher module

        return coverage_to_polars(self)


def coverage(
    dataset: Dataset, by: Grouping | Literal["territory"] | None = None
) -> Coverage:
    """Return the share of public collèges with an ENT in *dataset*, grouped *by*.

    With ``by=None`` the one row is the whole dataset's. The numbers of public
    collèges are those of :func:`load_public_colleges`.

    Raises:
        InvalidArgumentError: *by* is neither ``None``, ``"territory"`` nor one
            of :data:`GROUPINGS`.
    """
    grouping = None if by is None else _territory_or_grouping(by)
    reference = load_public_colleges()
    denominators = {
        c.code: c.public_colleges
        for c in reference.counts
        if c.public_colleges is not None
    }
    deployments = dataset.deployments
    total = _coverage_row(None, deployments, denominators)
    if grouping is None:
        return Coverage(None, (total,), total, dataset.edition, reference)
    groups: list[tuple[object, Sequence[Deployment]]] = (
        [(d.department, (d,)) for d in deployments]
        if grouping == "territory"
        else list(_groups(deployments, grouping))
    )
    rows = tuple(_coverage_row(key, members, denominators) for key, members in groups)
    return Coverage(grouping, rows, total, dataset.edition, reference)
