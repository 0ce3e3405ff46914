"""Comparing two editions: what changed for each territory, and in total."""

from __future__ import annotations

import attrs

from ._dataset import Dataset
from ._model import Deployment, Edition, Status
from .exceptions import InvalidArgumentError

__all__ = ["DiffSummary", "EditionDiff", "TerritoryChange", "compare", "plain"]


def _count_text(count: int | None) -> str:
    return "-" if count is None else str(count)


@attrs.frozen(repr=False)
class TerritoryChange:
    """How one territory's row differs between two editions.

    Attributes:
        before: The territory's :class:`Deployment` in the old edition.
        after: Its :class:`Deployment` in the new edition.
    """

    before: Deployment
    after: Deployment

    @property
    def code(self) -> str:
        """The INSEE code of the territory."""
        return self.after.code

    @property
    def name(self) -> str:
        """The official name of the territory (in the new edition)."""
        return self.after.name

    @property
    def status_before(self) -> Status:
        """The status in the old edition."""
        return self.before.status

    @property
    def status_after(self) -> Status:
        """The status in the new edition."""
        return self.after.status

    @property
    def count_before(self) -> int | None:
        """The count of collèges with an ENT in the old edition, ``None`` if unknown."""
        return self.before.colleges_with_ent

    @property
    def count_after(self) -> int | None:
        """The count of collèges with an ENT in the new edition, ``None`` if unknown."""
        return self.after.colleges_with_ent

    @property
    def count_delta(self) -> int | None:
        """The change in the count, ``None`` unless both counts are known."""
        if self.count_before is None or self.count_after is None:
            return None
        return self.count_after - self.count_before

    @property
    def improved(self) -> bool:
        """Whether the status moved towards massive deployment."""
        return self.status_after > self.status_before

    @property
    def regressed(self) -> bool:
        """Whether the status moved away from massive deployment."""
        return self.status_after < self.status_before

    def describe(self) -> str:
        """Return one line saying what changed.

        For example ``"01 Ain: Déploiement massif, 51 → 53 (+2)"``.
        """
        status = self.status_after.label
        if self.status_before is not self.status_after:
            status = f"{self.status_before.label} → {status}"
        count = _count_text(self.count_after)
        if self.count_before != self.count_after:
            count = f"{_count_text(self.count_before)} → {count}"
            if self.count_delta is not None:
                count += f" ({self.count_delta:+d})"
        return f"{self.code} {self.name}: {status}, {count}"

    def __repr__(self) -> str:
        return f"<TerritoryChange {self.describe()}>"


@attrs.frozen
class DiffSummary:
    """The totals of a comparison.

    Attributes:
        improved: Territories in both editions whose status rose.
        regressed: Territories in both editions whose status fell.
        unchanged: Territories in both editions whose status is the same (their
            count of collèges may still have changed).
        total_colleges_before: The old edition's total of collèges with an ENT
            (known counts only, as :meth:`Dataset.total_colleges`).
        total_colleges_after: The new edition's total.
    """

    improved: int
    regressed: int
    unchanged: int
    total_colleges_before: int
    total_colleges_after: int

    @property
    def total_colleges_delta(self) -> int:
        """The change in the total of collèges with an ENT."""
        return self.total_colleges_after - self.total_colleges_before


@attrs.frozen(repr=False)
class EditionDiff:
    """What changed between two editions, territory by territory.

    Attributes:
        old: The old edition's :class:`Edition` metadata.
        new: The new edition's metadata.
        changes: A :class:`TerritoryChange` for each territory in both editions
            whose status or count differs, in the new edition's order.
        only_in_old: The rows of territories only the old edition has.
        only_in_new: The rows of territories only the new edition has.
        summary: The :class:`DiffSummary`.
    """

    old: Edition
    new: Edition
    changes: tuple[TerritoryChange, ...]
    only_in_old: tuple[Deployment, ...]
    only_in_new: tuple[Deployment, ...]
    summary: DiffSummary

    @property
    def improved(self) -> tuple[TerritoryChange, ...]:
        """The changes whose status rose."""
        return tuple(change for change in self.changes if change.improved)

    @property
    def regressed(self) -> tuple[TerritoryChange, ...]:
        """The changes whose status fell."""
        return tuple(change for change in self.changes if change.regressed)

    @property
    def is_empty(self) -> bool:
        """Whether the editions agree on every territory's status and count."""
        return not (self.changes or self.only_in_old or self.only_in_new)

    def _lines(self) -> list[str]:
        old, new, summary = self.old.id, self.new.id, self.summary
        changed = "territory" if len(self.changes) == 1 else "territories"
        heading = (
            f"{old!r} → {new!r}: {len(self.changes)} {changed} changed, "
            f"{len(self.only_in_old)} only in {old!r}, "
            f"{len(self.only_in_new)} only in {new!r}"
        )
        totals = (
            f"improved {summary.improved}, regressed {summary.regressed}, "
            f"status unchanged {summary.unchanged}; collèges with an ENT "
            f"{summary.total_colleges_before} → {summary.total_colleges_after} "
            f"({summary.total_colleges_delta:+d})"
        )
        return [
            heading,
            totals,
            *(change.describe() for change in self.changes),
            *(f"only in {old!r}: {row.code} {row.name}" for row in self.only_in_old),
            *(f"only in {new!r}: {row.code} {row.name}" for row in self.only_in_new),
        ]

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def __repr__(self) -> str:
        first, *rest = self._lines()
        return "\n".join([f"<EditionDiff {first}", *(f"  {r}" for r in rest)]) + ">"

    def _repr_html_(self) -> str:
        from ._render.notebook import diff_html  # noqa: PLC0415 - only notebooks need it

        return diff_html(self)


def compare(old: Dataset, new: Dataset) -> EditionDiff:
    """Return what changed from the *old* dataset to the *new* one.

    Territories are matched by INSEE code. A territory in both is a change when
    its status or its count differs (its labels alone do not count).

    Raises:
        InvalidArgumentError: *old* or *new* is not a :class:`Dataset`.
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Dataset):
            raise InvalidArgumentError(name, value, "a Dataset")
    rows = {row.code: row for row in old}
    both = [TerritoryChange(rows[row.code], row) for row in new if row.code in rows]
    improved = sum(change.improved for change in both)
    regressed = sum(change.regressed for change in both)
    codes = {row.code for row in new}
    return EditionDiff(
        old=old.edition,
        new=new.edition,
        changes=tuple(
            change
            for change in both
            if change.status_before is not change.status_after
            or change.count_before != change.count_after
        ),
        only_in_old=tuple(row for row in old if row.code not in codes),
        only_in_new=tuple(row for row in new if row.code not in rows),
        summary=DiffSummary(
            improved=improved,
            regressed=regressed,
            unchanged=len(both) - improved - regressed,
            total_colleges_before=old.total_colleges(),
            total_colleges_after=new.total_colleges(),
        ),
    )


def plain(diff: EditionDiff) -> dict[str, object]:
    """Return *diff* as plain data for JSON: codes, names, status keys and counts."""
    summary = diff.summary
    return {
        "old": diff.old.id,
        "new": diff.new.id,
        "summary": {
            **attrs.asdict(summary),
            "total_colleges_delta": summary.total_colleges_delta,
        },
        "changes": [
            {
                "code": change.code,
                "name": change.name,
                "status_before": change.status_before.value,
                "status_after": change.status_after.value,
                "count_before": change.count_before,
                "count_after": change.count_after,
                "count_delta": change.count_delta,
            }
            for change in diff.changes
        ],
        "only_in_old": [{"code": r.code, "name": r.name} for r in diff.only_in_old],
        "only_in_new": [{"code": r.code, "name": r.name} for r in diff.only_in_new],
    }
