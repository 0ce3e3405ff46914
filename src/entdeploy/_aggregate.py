"""Aggregations over a dataset: counts, shares, summaries, groups and statistics.

Every grouping (``by``) puts each territory in exactly one group, and orders the
groups as :meth:`Dataset.summarize` documents, in every function here; only groups
with territories appear. A territory with two authorities (69, 988) forms one group
keyed by both; ``"territory"`` (:func:`coverage` only) keeps the source's order.
"""

from __future__ import annotations

import statistics
from abc import abstractmethod
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, get_args, overload

import attrs

from ._dataset import Dataset
from ._model import (
    _STATUS_ORDER,
    Academy,
    Authority,
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
GROUPINGS: tuple[Grouping, ...] = get_args(Grouping)
_NAMES = ", ".join(repr(name) for name in GROUPINGS)

K = TypeVar("K")
K_co = TypeVar("K_co", covariant=True)
R_co = TypeVar("R_co", covariant=True)
_Order = Callable[[Any], tuple[object, ...]]

_KINDS = tuple(TerritoryKind)


def share(deployments: Sequence[Deployment], status: Status | str) -> float:
    """Return the fraction of *deployments* in *status*, between 0 and 1."""
    status = status if isinstance(status, Status) else Status.parse(status)
    if not deployments:
        msg = "share() of an empty dataset is undefined: it has no territories"
        raise EmptyDatasetError(msg)
    return sum(1 for d in deployments if d.status is status) / len(deployments)


def read_grouping(by: object, expected: str = "one of") -> Grouping:
    """Return the grouping *by* names (hyphens read as underscores)."""
    name = by.replace("-", "_") if isinstance(by, str) else by
    if name not in GROUPINGS:
        raise InvalidArgumentError("by", by, f"{expected} {_NAMES}")
    return name


def _territory_or_grouping(by: object) -> Grouping | Literal["territory"]:
    """Return ``"territory"`` or the grouping *by* names."""
    if by == "territory":
        return "territory"
    return read_grouping(by, "'territory' or one of")


def authority_order(key: tuple[Authority, ...]) -> tuple[object, ...]:
    """Order authorities (a tuple of them) by code, those without one last, by name."""
    return (not key, [(a.code is None, a.code or "", a.name) for a in key])


#: Per grouping: the key of a territory's group, and the order of the keys.
_GROUPINGS: Mapping[str, tuple[Callable[[Deployment], Any], _Order]] = MappingProxyType(
    {
        "academy": (
            attrgetter("department.academy"),
            lambda key: (key.code, key.name, key.kind.value, key.academic_region or ""),
        ),
        "region": (
            attrgetter("department.region"),
            lambda key: (1,) if key is None else (0, key.code, key.name),
        ),
        "academic_region": (
            attrgetter("department.academy.academic_region"),
            lambda key: (1,) if key is None else (0, normalize(key), key),
        ),
        "kind": (attrgetter("department.kind"), lambda key: (_KINDS.index(key),)),
        "status": (attrgetter("status"), lambda key: (key.rank,)),
        "authority": (attrgetter("department.authorities"), authority_order),
        "territory": (attrgetter("department"), lambda _: ()),  # in source order
    }
)


def _groups(
    deployments: Sequence[Deployment], by: Grouping | Literal["territory"]
) -> list[tuple[Any, list[Deployment]]]:
    """Return ``(key, rows)`` pairs, groups in *by*'s order, rows in source order."""
    key_of, order = _GROUPINGS[by]
    # Model objects hash slowly: hash each distinct key object once, then by identity.
    by_identity: dict[int, list[Deployment]] = {}
    groups: dict[object, list[Deployment]] = {}
    for deployment in deployments:
        key = key_of(deployment)
        members = by_identity.get(id(key))
        if members is None:
            members = by_identity[id(key)] = groups.setdefault(key, [])
        members.append(deployment)
    return sorted(groups.items(), key=lambda item: order(item[0]))


def group_by(dataset: Dataset, by: Grouping) -> Mapping[object, Dataset]:
    """Return a read-only mapping from each group's key to its sub-dataset."""
    edition = dataset.edition
    groups = _groups(dataset.deployments, read_grouping(by))
    return MappingProxyType({key: Dataset(edition, rows) for key, rows in groups})


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

    @abstractmethod
    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per row, in order."""

    @abstractmethod
    def _columns(self) -> tuple[str, ...]:
        """Return the keys of :meth:`to_records`, which has none without rows."""

    def to_pandas(self) -> pd.DataFrame:
        """Return :meth:`to_records` as a pandas DataFrame, typed as the dataset's.

        Raises:
            MissingExtraError: pandas is not installed (``entdeploy[pandas]``).
        """
        from ._write.frames import pandas_frame  # noqa: PLC0415 - a higher module

        feature = f"{type(self).__name__}.to_pandas()"
        return pandas_frame(self.to_records(), self._columns(), feature)

    def to_polars(self) -> pl.DataFrame:
        """Return :meth:`to_records` as a polars DataFrame, typed as the dataset's.

        Raises:
            MissingExtraError: polars is not installed (``entdeploy[polars]``).
        """
        from ._write.frames import polars_frame  # noqa: PLC0415 - a higher module

        feature = f"{type(self).__name__}.to_polars()"
        return polars_frame(self.to_records(), self._columns(), feature)


@attrs.frozen
class SummaryRow(Generic[K_co]):
    """The figures of one group of territories.

    Attributes:
        key: The group's key (an :class:`Academy`, a :class:`Status`…); ``None``
            for the collectivities, which have no région, and for the total.
        territories: How many territories the group has.
        none_or_unknown, in_progress, massive: How many are in each status.
        colleges_with_ent: The sum of the known counts of collèges with an ENT.
        unknown_count: How many territories have no reported count (left out, not 0).
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
        counts = (self.none_or_unknown, self.in_progress, self.massive)
        return MappingProxyType(dict(zip(_STATUS_ORDER, counts, strict=True)))

    @property
    def massive_share(self) -> float:
        """The fraction of the group's territories in massive deployment.

        Raises:
            EmptyDatasetError: The group has no territories (an empty total).
        """
        if not self.territories:
            msg = "massive_share of a group with no territories is undefined"
            raise EmptyDatasetError(msg)
        return self.massive / self.territories

    def counts(self) -> dict[str, int]:
        """Return the row's counts by name: every field but ``key``, in order."""
        return {name: getattr(self, name) for name in _COUNTS}


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
    return SummaryRow(key, len(deployments), none, progress, massive, colleges, unknown)


@attrs.frozen(repr=False)
class Summary(_Rows[SummaryRow[K_co]]):
    """The figures of a dataset grouped one way: one :class:`SummaryRow` per group.

    An immutable sequence of rows in the grouping's order; :attr:`total` is not one.

    Attributes:
        by: The :data:`Grouping`.
        rows: The rows, a tuple.
        total: The figures of the whole dataset (its ``key`` is ``None``).
    """

    by: Grouping
    rows: tuple[SummaryRow[K_co], ...]
    total: SummaryRow[None]

    def __repr__(self) -> str:
        return (
            f"<Summary by={self.by!r}: {len(self.rows)} groups, "
            f"{self.total.territories} territories, "
            f"{self.total.colleges_with_ent} collèges with an ENT>"
        )

    @overload
    def __getitem__(self, index: int) -> SummaryRow[K_co]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[SummaryRow[K_co], ...]: ...
    @overload
    def __getitem__(
        self,
        index: str | Academy | Region | Status | TerritoryKind | Authority | None,
    ) -> SummaryRow[K_co]: ...
    def __getitem__(
        self, index: object
    ) -> SummaryRow[K_co] | tuple[SummaryRow[K_co], ...]:
        """Return the row at position *index* (an ``int``), or of the group it names.

        A group is named as its query names it: the key, a code or a name
        (``summary["orleans tours"]``, ``summary["53"]``); ``None`` is the
        collectivities' group.

        Raises:
            UnknownEntityError: No group of the summary has that name (a ``KeyError``).
            InvalidQueryError: A status or kind no spelling names.
        """
        if isinstance(index, (int, slice)) and not isinstance(index, bool):
            return self.rows[index]
        from ._query import group_key, missing_group  # noqa: PLC0415 - higher

        key = group_key(self.by, index)
        for row in self.rows:
            keys = row.key if self.by == "authority" else (row.key,)
            if key in keys:  # type: ignore[operator]
                return row
        raise missing_group(self.by, index)

    def _repr_html_(self) -> str:
        from ._render.notebook import summary_html  # noqa: PLC0415 - only notebooks need it

        return summary_html(self)

    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per row (not the total), in the summary's order.

        The group's :data:`KEY_COLUMNS` (two authorities joined with ``" + "``),
        then the row's fields and ``massive_share``.
        """
        return tuple(
            _record(self.by, row, massive_share=row.massive_share) for row in self.rows
        )

    def _columns(self) -> tuple[str, ...]:
        return (*KEY_COLUMNS[self.by], *_COUNTS, "massive_share")


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

#: The names of the counts of a :class:`SummaryRow`: every field but ``key``.
_COUNTS = tuple(field.name for field in attrs.fields(SummaryRow)[1:])


def _record(
    by: str | None, row: SummaryRow[object] | CoverageRow[object], **extra: object
) -> dict[str, object]:
    """Return *row* as plain data: its key's columns, its fields, then *extra*."""
    fields = attrs.asdict(row, recurse=False)
    key = fields.pop("key")
    codes = {
        name: ", ".join(value) or None
        for name, value in fields.items()
        if isinstance(value, tuple)
    }
    return {**_key_columns(by, key), **fields, **codes, **extra}


def _key_columns(by: str | None, key: object) -> dict[str, object]:
    """Return the plain columns that name the group *key* of grouping *by*."""
    values: tuple[object, ...] = (key, key)  # a région académique's name, or None
    if isinstance(key, (Academy, Region, Department)):
        values = (key.code, key.name)
    elif isinstance(key, Status):
        values = (key.value, key.label)
    elif isinstance(key, TerritoryKind):
        values = (key.value,)
    elif isinstance(key, tuple):
        codes = " + ".join(a.code for a in key if a.code)
        values = (codes or None, " + ".join(a.name for a in key) or None)
    return dict(zip(KEY_COLUMNS.get(by or "", ()), values, strict=False))


def summarize(deployments: Sequence[Deployment], by: Grouping) -> Summary[object]:
    """Return the :class:`Summary` of *deployments* grouped *by* a grouping."""
    by = read_grouping(by)
    rows = tuple(_row(key, members) for key, members in _groups(deployments, by))
    sums = {name: sum(getattr(row, name) for row in rows) for name in _COUNTS}
    return Summary(by=by, rows=rows, total=SummaryRow(key=None, **sums))


@attrs.frozen
class CollegeStats:
    """Descriptive statistics of the known counts of collèges with an ENT.

    Attributes:
        known: How many territories have a reported count.
        unknown: How many have none (left out of every other figure).
        total, min, max, mean, median: Those of the known counts.
    """

    known: int
    unknown: int
    total: int
    min: int
    max: int
    mean: float
    median: float


def college_stats(deployments: Sequence[Deployment]) -> CollegeStats:
    """Return the :class:`CollegeStats` of the known counts of *deployments*."""
    counts = sorted(
        d.colleges_with_ent for d in deployments if d.colleges_with_ent is not None
    )
    if not counts:
        msg = (
            "college_stats() needs at least one territory with a known count; "
            f"this dataset has {len(deployments)} territories, none with a count"
        )
        raise EmptyDatasetError(msg)
    return CollegeStats(
        known=len(counts),
        unknown=len(deployments) - len(counts),
        total=sum(counts),
        min=counts[0],
        max=counts[-1],
        mean=sum(counts) / len(counts),
        median=float(statistics.median(counts)),
    )


def top(
    deployments: Sequence[Deployment], n: int, by: Grouping | Literal["territory"]
) -> tuple[Deployment, ...] | tuple[SummaryRow[object], ...]:
    """Return the *n* territories, or groups, with the most collèges with an ENT."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise InvalidArgumentError("n", n, "an integer, 0 or more")
    by = _territory_or_grouping(by)
    if by == "territory":
        known = [d for d in deployments if d.colleges_with_ent is not None]
        return tuple(sorted(known, key=lambda d: -(d.colleges_with_ent or 0))[:n])
    summary = summarize(deployments, by)
    rows = [row for row in summary if row.unknown_count < row.territories]
    return tuple(sorted(rows, key=lambda row: -row.colleges_with_ent)[:n])


@attrs.frozen
class CoverageRow(Generic[K_co]):
    """The share of a group's public collèges that have an ENT.

    A territory without a reliable number of public collèges (987) is left out.

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
        over: The codes of the territories counting more than their public collèges.
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
    counted = [(d, reference[d.code]) for d in deployments if d.code in reference]
    unknown = [n for d, n in counted if d.colleges_with_ent is None]
    known = sum(d.colleges_with_ent or 0 for d, _ in counted)
    public = sum(n for _, n in counted)
    low = high = None
    if public:
        low, high = known / public, (known + sum(unknown)) / public
    return CoverageRow(
        key=key,
        territories=len(deployments),
        colleges_with_ent=known if len(unknown) < len(counted) else None,
        public_colleges=public if counted else None,
        unknown_count=len(unknown),
        unknown_public_colleges=sum(unknown),
        share=None if unknown else low,
        share_low=low,
        share_high=high,
        over=tuple(d.code for d, n in counted if (d.colleges_with_ent or 0) > n),
        excluded=tuple(d.code for d in deployments if d.code not in reference),
    )


@attrs.frozen(repr=False)
class Coverage(_Rows[CoverageRow[object]]):
    """The share of public collèges with an ENT: a sequence of :class:`CoverageRow`.

    In the grouping's order; for the whole dataset (``by`` is ``None``), the total.

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

        The group's :data:`KEY_COLUMNS`, the row's fields (``over`` and
        ``excluded`` joined with ``", "``), then the ``edition``'s and
        ``public_colleges_reference``'s ids.
        """
        ids = {
            "edition": self.edition.id,
            "public_colleges_reference": self.reference.id,
        }
        return tuple(_record(self.by, row, **ids) for row in self.rows)

    def _columns(self) -> tuple[str, ...]:
        figures = (field.name for field in attrs.fields(CoverageRow)[1:])
        key = KEY_COLUMNS.get(self.by or "", ())
        return (*key, *figures, "edition", "public_colleges_reference")


def coverage(
    dataset: Dataset, by: Grouping | Literal["territory"] | None = None
) -> Coverage:
    """Return the share of public collèges with an ENT in *dataset*, grouped *by*."""
    grouping = None if by is None else _territory_or_grouping(by)
    reference = load_public_colleges()
    denominators = {
        c.code: c.public_colleges
        for c in reference.counts
        if c.public_colleges is not None
    }
    total = _coverage_row(None, dataset.deployments, denominators)
    if grouping is None:
        return Coverage(None, (total,), total, dataset.edition, reference)
    groups = _groups(dataset.deployments, grouping)
    rows = tuple(_coverage_row(key, members, denominators) for key, members in groups)
    return Coverage(grouping, rows, total, dataset.edition, reference)
