"""Aggregations: counts, shares, summaries, groups, statistics and top lists.

Expected figures are computed here from the packaged CSV files with the csv
module, independently of the model and of entdeploy's own code.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given

from entdeploy import (
    Academy,
    Dataset,
    Region,
    Status,
    SummaryRow,
    TerritoryKind,
)
from entdeploy.exceptions import (
    EmptyDatasetError,
    EntdeployError,
    InvalidArgumentError,
)

from .conftest import PACKAGED_DATA
from .strategies import grouped_datasets

GROUPINGS = ["academy", "region", "academic_region", "kind", "status"]
STATUS_KEYS = {
    "Déploiement massif": "massive",
    "En cours de déploiement": "in-progress",
    "Pas de projet ENT ou inconnu": "none-or-unknown",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with (PACKAGED_DATA / "2025" / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def flat_rows() -> list[dict[str, object]]:
    """One dict per territory, joined by hand from the packaged files."""
    academies = {row["code"]: row for row in read_csv("academies.csv")}
    territories = {row["code"]: row for row in read_csv("territories.csv")}
    rows = []
    for row in read_csv("deployments.csv"):
        territory = territories[row["code"]]
        rows.append(
            {
                "code": row["code"],
                "academy": territory["academy_code"],
                "region": territory["region_code"] or None,
                "academic_region": academies[territory["academy_code"]][
                    "academic_region"
                ]
                or None,
                "kind": territory["kind"],
                "status": STATUS_KEYS[row["source_status"]],
                "count": None
                if row["source_count"] == "-"
                else int(row["source_count"]),
            }
        )
    return rows


def expected_figures(field: str) -> dict[object, tuple[int, int, int, int, int, int]]:
    """(territories, none, in progress, massive, collèges, unknown) per value of *field*."""
    figures: dict[object, list[int]] = defaultdict(lambda: [0] * 6)
    for row in flat_rows():
        entry = figures[row[field]]
        entry[0] += 1
        entry[
            1 + ["none-or-unknown", "in-progress", "massive"].index(row["status"])
        ] += 1
        if row["count"] is None:
            entry[5] += 1
        else:
            entry[4] += row["count"]
    return {key: tuple(value) for key, value in figures.items()}


def plain_key(key: object) -> object:
    """The key as the CSV files spell it."""
    if isinstance(key, (Academy, Region)):
        return key.code
    if isinstance(key, (TerritoryKind, Status)):
        return key.value
    return key


def figures_of(row: SummaryRow) -> tuple[int, int, int, int, int, int]:
    return (
        row.territories,
        row.none_or_unknown,
        row.in_progress,
        row.massive,
        row.colleges_with_ent,
        row.unknown_count,
    )


# -- The national figures ------------------------------------------------------------


def test_count_by_status_gives_every_status_in_order(ds):
    counts = Counter(row["status"] for row in flat_rows())

    actual = ds.count_by_status()

    assert [Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, Status.MASSIVE] == list(actual)
    assert {"none-or-unknown": 5, "in-progress": 7, "massive": 93} == dict(counts)
    assert dict(counts) == {status.value: n for status, n in actual.items()}


def test_count_by_status_counts_zero_for_an_absent_status(ds):
    subset = ds.filter(status="massive")

    assert {
        Status.NONE_OR_UNKNOWN: 0,
        Status.IN_PROGRESS: 0,
        Status.MASSIVE: 93,
    } == dict(subset.count_by_status())


def test_total_colleges_and_unknown_count_leave_unknown_counts_out(ds):
    counts = [row["count"] for row in flat_rows()]

    assert sum(c for c in counts if c is not None) == ds.total_colleges()
    assert 4840 == ds.total_colleges()
    assert 5 == ds.unknown_count


def test_share_is_the_fraction_of_territories_in_a_status(ds):
    assert 93 / 105 == ds.share(Status.MASSIVE)
    assert 7 / 105 == ds.share(Status.IN_PROGRESS)
    assert 5 / 105 == ds.share(Status.NONE_OR_UNKNOWN)
    assert 1.0 == ds.filter(status="in-progress").share(Status.IN_PROGRESS)


def test_share_of_an_empty_dataset_raises(ds):
    empty = Dataset(ds.edition, [])

    with pytest.raises(EmptyDatasetError, match="empty dataset") as caught:
        empty.share(Status.MASSIVE)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("spelling", ["massive", "MASSIVE", "Déploiement massif"])
def test_share_reads_a_status_as_filter_does(ds, spelling):
    # One spelling rule: what filter(status=...) accepts, share accepts.
    assert ds.share(Status.MASSIVE) == ds.share(spelling)
    assert len(ds.filter(status=spelling)) / len(ds) == ds.share(spelling)


def test_share_refuses_an_unknown_status_with_a_clear_message(ds):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.share("done")

    assert str(caught.value).startswith(
        "status='done' is not accepted; expected a status"
    )
    assert isinstance(caught.value, EntdeployError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, TypeError)


# -- summarize ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("by", "field"),
    [
        ("academy", "academy"),
        ("region", "region"),
        ("academic_region", "academic_region"),
        ("kind", "kind"),
        ("status", "status"),
    ],
)
def test_summarize_gives_each_group_its_figures(ds, by, field):
    expected = expected_figures(field)

    summary = ds.summarize(by)

    assert expected == {plain_key(row.key): figures_of(row) for row in summary}
    assert len(expected) == len(summary)


def test_there_are_34_academies_in_the_summary(ds):
    assert 34 == len(ds.summarize("academy"))
    assert 34 == len({row["academy"] for row in flat_rows()})


@pytest.mark.parametrize("by", GROUPINGS)
def test_every_summary_totals_the_national_figures(ds, by):
    summary = ds.summarize(by)

    assert (105, 5, 7, 93, 4840, 5) == figures_of(summary.total)
    assert None is summary.total.key
    assert [105, 5, 7, 93, 4840, 5] == [
        sum(column)
        for column in zip(*(figures_of(row) for row in summary), strict=True)
    ]


def test_summary_by_academy_is_ordered_by_ministry_code(ds):
    codes = [row.key.code for row in ds.summarize("academy")]

    assert sorted({row["academy"] for row in flat_rows()}) == codes


def test_summary_by_region_is_ordered_by_code_then_the_collectivities(ds):
    keys = [row.key for row in ds.summarize("region")]

    expected = sorted({row["region"] for row in flat_rows()} - {None})
    assert [*expected, None] == [None if key is None else key.code for key in keys]
    assert 4 == ds.summarize("region")[-1].territories


def test_summary_by_academic_region_is_alphabetical_ignoring_accents(ds):
    names = [row.key for row in ds.summarize("academic_region")]

    assert "Hauts-de-France" == names[names.index("Île-de-France") - 1]
    assert "La Réunion" == names[names.index("Île-de-France") + 1]
    assert None is names[-1]
    assert 19 == len(names)


def test_summary_by_kind_and_by_status_follow_the_model_order(ds):
    assert [
        TerritoryKind.METROPOLITAN_DEPARTMENT,
        TerritoryKind.OVERSEAS_DEPARTMENT,
        TerritoryKind.OVERSEAS_COLLECTIVITY,
    ] == [row.key for row in ds.summarize("kind")]
    assert [96, 5, 4] == [row.territories for row in ds.summarize("kind")]
    assert [Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, Status.MASSIVE] == [
        row.key for row in ds.summarize("status")
    ]


def test_a_summary_leaves_out_empty_groups(ds):
    summary = ds.filter(status="in-progress").summarize("status")

    assert [Status.IN_PROGRESS] == [row.key for row in summary]


def test_massive_share_is_the_share_in_the_best_state(ds):
    rows = {row.key.name: row for row in ds.summarize("academy")}

    assert 3 / 4 == rows["Versailles"].massive_share
    assert 1.0 == rows["Lille"].massive_share
    assert 93 / 105 == ds.summarize("kind").total.massive_share


def test_by_status_is_a_read_only_mapping_in_status_order(ds):
    row = ds.summarize("kind")[0]

    assert [Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, Status.MASSIVE] == list(
        row.by_status
    )
    assert [row.none_or_unknown, row.in_progress, row.massive] == list(
        row.by_status.values()
    )
    with pytest.raises(TypeError):
        row.by_status[Status.MASSIVE] = 0  # type: ignore[index]


def test_a_summary_is_an_immutable_sequence(ds):
    summary = ds.summarize("status")

    assert isinstance(summary.rows, tuple)
    assert summary.rows[1:] == summary[1:]
    assert summary.rows[-1] is summary[-1]
    assert summary.total not in list(summary)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        summary.total = summary[0]  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        summary[0].territories = 0  # type: ignore[misc]
    assert ds.summarize("status") == summary
    assert hash(ds.summarize("status")) == hash(summary)


def test_a_summary_has_a_readable_repr(ds):
    assert (
        "<Summary by='academy': 34 groups, 105 territories, 4840 collèges with an ENT>"
        == repr(ds.summarize("academy"))
    )


def test_summary_of_an_empty_dataset_has_no_rows_and_a_zero_total(ds):
    summary = Dataset(ds.edition, []).summarize("academy")

    assert 0 == len(summary)
    assert (0, 0, 0, 0, 0, 0) == figures_of(summary.total)
    with pytest.raises(EmptyDatasetError, match="no territories"):
        _ = summary.total.massive_share


def test_every_grouping_accepts_academic_region_with_a_hyphen(ds):
    # One spelling rule, in Python as in the CLI (stats --by academic-region).
    summary = ds.summarize("academic-region")

    assert ds.summarize("academic_region") == summary
    assert "academic_region" == summary.by
    assert ds.group_by("academic_region") == ds.group_by("academic-region")
    assert ds.top(3, by="academic_region") == ds.top(3, by="academic-region")


@pytest.mark.parametrize("by", ["académie", "Academy", "academic region", "", None, 1])
def test_summarize_refuses_an_unknown_grouping(ds, by):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.summarize(by)

    assert (
        f"by={by!r} is not accepted; expected one of 'academy', 'region', "
        "'academic_region', 'kind', 'status', 'authority'"
    ) == str(caught.value)


def test_summary_records_name_the_group_with_the_record_columns(ds):
    records = ds.summarize("academy").to_records()

    lyon = next(r for r in records if r["academy_name"] == "Lyon")
    assert {
        "academy_code": "10",
        "academy_name": "Lyon",
        "territories": 3,
        "none_or_unknown": 0,
        "in_progress": 0,
        "massive": 3,
        "colleges_with_ent": expected_figures("academy")["10"][4],
        "unknown_count": 0,
        "massive_share": 1.0,
    } == lyon
    regions = ds.summarize("region").to_records()
    assert {"region_code": None, "region_name": None} == {
        key: regions[-1][key] for key in ("region_code", "region_name")
    }
    statuses = ds.summarize("status").to_records()
    assert ["none-or-unknown", "in-progress", "massive"] == [
        r["status"] for r in statuses
    ]
    assert "Déploiement massif" == statuses[-1]["status_label"]
    assert ["academic_region", "territories"] == list(
        ds.summarize("academic_region").to_records()[0]
    )[:2]
    assert "kind" == next(iter(ds.summarize("kind").to_records()[0]))


# -- group_by -----------------------------------------------------------------------


@pytest.mark.parametrize("by", GROUPINGS)
def test_group_by_puts_every_territory_in_exactly_one_group(ds, by):
    groups = ds.group_by(by)

    codes = [d.code for group in groups.values() for d in group]
    assert sorted(d.code for d in ds) == sorted(codes)
    assert 105 == len(codes)
    assert [row.key for row in ds.summarize(by)] == list(groups)
    assert [row.territories for row in ds.summarize(by)] == [
        len(group) for group in groups.values()
    ]


def test_group_by_region_keys_the_collectivities_none(ds):
    groups = ds.group_by("region")

    assert ["987", "988", "986", "975"] == [d.code for d in groups[None]]
    bretagne = next(key for key in groups if key is not None and key.name == "Bretagne")
    assert ["22", "29", "35", "56"] == [d.code for d in groups[bretagne]]


def test_group_by_keys_are_model_objects_and_groups_are_datasets(ds):
    by_academy = ds.group_by("academy")
    lyon = ds.academy("Lyon")

    assert lyon in by_academy
    assert [row["code"] for row in flat_rows() if row["academy"] == "10"] == [
        d.code for d in by_academy[lyon]
    ]
    assert isinstance(by_academy[lyon], Dataset)
    assert ds.edition == by_academy[lyon].edition
    assert 5 == len(ds.group_by("status")[Status.NONE_OR_UNKNOWN])
    assert 4 == len(ds.group_by("kind")[TerritoryKind.OVERSEAS_COLLECTIVITY])


def test_group_by_returns_a_read_only_mapping(ds):
    groups = ds.group_by("kind")

    with pytest.raises(TypeError):
        groups[TerritoryKind.OVERSEAS_COLLECTIVITY] = ds  # type: ignore[index]


def test_group_by_refuses_an_unknown_grouping(ds):
    with pytest.raises(InvalidArgumentError, match="by='department'"):
        ds.group_by("department")  # type: ignore[call-overload]


# -- Statistics and top lists -----------------------------------------------------


def test_college_stats_describe_the_known_counts(ds):
    counts = [row["count"] for row in flat_rows() if row["count"] is not None]

    stats = ds.college_stats()

    assert 100 == stats.known == len(counts)
    assert 5 == stats.unknown
    assert 4840 == stats.total
    assert min(counts) == stats.min
    assert max(counts) == stats.max
    assert statistics.mean(counts) == stats.mean
    assert statistics.median(counts) == stats.median


def test_college_stats_of_an_odd_number_of_counts(ds):
    subset = ds.filter(status="in-progress")
    counts = sorted(d.colleges_with_ent for d in subset)

    assert counts[3] == subset.college_stats().median


def test_college_stats_without_known_counts_raise(ds):
    unknown = ds.filter(status="none-or-unknown")

    with pytest.raises(EmptyDatasetError) as caught:
        unknown.college_stats()

    assert (
        "college_stats() needs at least one territory with a known count; "
        "this dataset has 5 territories, none with a count"
    ) == str(caught.value)


def test_top_territories_have_the_most_colleges(ds):
    expected = sorted(
        (row for row in flat_rows() if row["count"] is not None),
        key=lambda row: -row["count"],
    )[:5]

    top = ds.top(5)

    assert [row["code"] for row in expected] == [d.code for d in top]
    assert "Nord" == top[0].name
    assert 100 == len(ds.top(200))
    assert () == ds.top(0)


def test_top_groups_have_the_most_colleges(ds):
    figures = expected_figures("academy")
    expected = sorted(figures, key=lambda code: -figures[code][4])[:3]

    top = ds.top(3, by="academy")

    assert expected == [row.key.code for row in top]
    assert all(isinstance(row, SummaryRow) for row in top)


def test_top_groups_leave_out_groups_with_no_known_count(ds):
    top = ds.top(3, by="status")

    assert [Status.MASSIVE, Status.IN_PROGRESS] == [row.key for row in top]


@pytest.mark.parametrize("n", [-1, 1.5, "5", True, None])
def test_top_refuses_a_bad_n(ds, n):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.top(n)

    assert f"n={n!r} is not accepted; expected an integer, 0 or more" == str(
        caught.value
    )


def test_top_refuses_an_unknown_by(ds):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.top(3, by="département")  # type: ignore[call-overload]

    assert (
        "by='département' is not accepted; expected 'territory' or one of "
        "'academy', 'region', 'academic_region', 'kind', 'status', 'authority'"
    ) == str(caught.value)


# -- Properties on arbitrary datasets -------------------------------------------


@given(grouped_datasets())
def test_summaries_and_groups_agree_with_the_whole_dataset(dataset):
    for by in GROUPINGS:
        summary = dataset.summarize(by)
        groups = dataset.group_by(by)

        assert len(dataset) == summary.total.territories
        assert dataset.total_colleges() == summary.total.colleges_with_ent
        assert dataset.unknown_count == summary.total.unknown_count
        assert dict(dataset.count_by_status()) == dict(summary.total.by_status)
        assert len(dataset) == sum(row.territories for row in summary)
        assert [row.key for row in summary] == list(groups)
        assert len(set(groups)) == len(groups)
        for row, (key, group) in zip(summary, groups.items(), strict=True):
            assert figures_of(row) == figures_of(group.summarize(by).total)
            assert all(d in dataset.deployments for d in group)
            positions = [dataset.deployments.index(d) for d in group]
            assert sorted(positions) == positions
            assert row.key == key


@given(grouped_datasets())
def test_summary_is_the_same_for_equal_datasets_built_anew(dataset):
    copy = Dataset(dataset.edition, [attrs.evolve(d) for d in dataset])

    for by in GROUPINGS:
        assert dataset.summarize(by) == copy.summarize(by)


def test_a_summary_is_a_sequence(ds):
    summary = ds.summarize("kind")

    assert isinstance(summary, Sequence)
    assert 1 == summary.index(summary[1])
    assert summary[2] in summary
    assert list(reversed(summary.rows)) == list(reversed(summary))
