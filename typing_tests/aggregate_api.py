"""Type-only tests of aggregations, DataFrames and records: run ``mypy typing_tests``.

Nothing here is executed; mypy checks that each call has the type users are
promised (``assert_type``) and that misuse is rejected (``type: ignore`` with
the error code mypy must report; ``warn_unused_ignores`` fails if it does not).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import polars as pl
from typing_extensions import assert_type

from entdeploy import (
    Academy,
    Authority,
    CollegeStats,
    Dataset,
    Deployment,
    Grouping,
    Region,
    Status,
    Summary,
    SummaryRow,
    TerritoryKind,
    TerritoryRecord,
)


def counts(ds: Dataset) -> None:
    """Counts, shares and statistics."""
    assert_type(ds.count_by_status(), Mapping[Status, int])
    assert_type(ds.total_colleges(), int)
    assert_type(ds.unknown_count, int)
    assert_type(ds.share(Status.MASSIVE), float)
    assert_type(ds.college_stats(), CollegeStats)
    assert_type(ds.college_stats().median, float)
    ds.share(1)  # type: ignore[arg-type]


def summaries(ds: Dataset, by: Grouping) -> None:
    """The key type of a summary follows the grouping."""
    assert_type(ds.summarize("academy"), Summary[Academy])
    assert_type(ds.summarize(by="region"), Summary[Region | None])
    assert_type(ds.summarize("academic_region"), Summary[str | None])
    assert_type(ds.summarize("kind"), Summary[TerritoryKind])
    assert_type(ds.summarize("status"), Summary[Status])
    assert_type(ds.summarize(by), Summary[object])
    assert_type(ds.summarize("academy")[0], SummaryRow[Academy])
    assert_type(ds.summarize("academy")[0].key, Academy)
    assert_type(ds.summarize("academy")[1:], tuple[SummaryRow[Academy], ...])
    assert_type(ds.summarize("academy").total, SummaryRow[None])
    assert_type(ds.summarize("status")[0].by_status, Mapping[Status, int])
    assert_type(ds.summarize("status")[0].massive_share, float)
    ds.summarize("académie")  # type: ignore[call-overload]


def groups(ds: Dataset) -> None:
    """The key type of a grouping follows the grouping."""
    assert_type(ds.group_by("academy"), Mapping[Academy, Dataset])
    assert_type(ds.group_by("region"), Mapping[Region | None, Dataset])
    assert_type(ds.group_by("academic_region"), Mapping[str | None, Dataset])
    assert_type(ds.group_by("kind"), Mapping[TerritoryKind, Dataset])
    assert_type(ds.group_by("status"), Mapping[Status, Dataset])


def tops(ds: Dataset) -> None:
    """Top territories are deployments; top groups are summary rows."""
    assert_type(ds.top(5), tuple[Deployment, ...])
    assert_type(ds.top(5, by="territory"), tuple[Deployment, ...])
    assert_type(ds.top(3, by="academy"), tuple[SummaryRow[Academy], ...])
    assert_type(ds.top(3, by="status"), tuple[SummaryRow[Status], ...])
    ds.top("5")  # type: ignore[call-overload]


def exports(ds: Dataset) -> None:
    """Records and DataFrames."""
    assert_type(ds.to_records(), tuple[TerritoryRecord, ...])
    # TypedDict rows: a count is int | None, so this is checked by mypy --strict.
    total: int = sum(r["colleges_with_ent"] or 0 for r in ds.to_records())
    assert_type(total, int)
    assert_type(ds.to_records()[0]["name"], str)
    ds.to_records()[0]["nom"]  # type: ignore[typeddict-item]
    assert_type(ds.to_csv(), str)
    assert_type(ds.share("massive"), float)
    assert_type(ds.summarize("authority"), Summary[tuple[Authority, ...]])
    assert_type(ds.to_pandas(), pd.DataFrame)
    assert_type(ds.to_polars(), pl.DataFrame)
    summary = ds.summarize("kind")
    assert_type(summary.to_records(), tuple[dict[str, object], ...])
    assert_type(summary.to_pandas(), pd.DataFrame)
    assert_type(summary.to_polars(), pl.DataFrame)


def summary_lookup(ds: Dataset) -> None:
    """A summary returns the row of a group by its key, code or name."""
    by_academy = ds.summarize("academy")
    assert_type(by_academy["orleans tours"], SummaryRow[Academy])
    assert_type(by_academy[0], SummaryRow[Academy])
    assert_type(by_academy[1:3], tuple[SummaryRow[Academy], ...])
    assert_type(ds.to_json(indent=None), str)
