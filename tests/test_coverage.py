"""Coverage: the share of public collèges with an ENT, whole and by group."""

from __future__ import annotations

import pytest
from hypothesis import given

import entdeploy
from entdeploy import Coverage, CoverageRow, Dataset, Status
from entdeploy._aggregate import GROUPINGS, coverage
from entdeploy.exceptions import InvalidArgumentError

from .strategies import grouped_datasets

BOUNDED_GROUPINGS = [*GROUPINGS, "territory"]


def by_code(ds: Dataset) -> dict[str, CoverageRow[object]]:
    return {row.key.code: row for row in coverage(ds, "territory")}  # type: ignore[attr-defined]


def test_the_national_figures(ds):
    found = coverage(ds)
    total = found.total

    assert (found.total,) == found.rows
    assert (4794, 5380, 5, 325) == (
        total.colleges_with_ent,
        total.public_colleges,
        total.unknown_count,
        total.unknown_public_colleges,
    )
    assert 0.891 == round(4794 / 5380, 3) == round(total.share_low, 3)
    assert 0.951 == round(total.share_high, 3)
    assert total.share is None  # five counts are unknown: only the bounds are known
    assert ("987",) == total.excluded
    assert {"77", "85", "02", "80", "973"} == set(total.over)


@pytest.mark.parametrize(
    ("code", "with_ent", "public"),
    [("17", 1, 51), ("71", 7, 51), ("56", 42, 42), ("69", 117, 119)],
)
def test_a_territorys_share(ds, code, with_ent, public):
    row = by_code(ds)[code]

    assert (with_ent, public) == (row.colleges_with_ent, row.public_colleges)
    assert with_ent / public == row.share == row.share_low == row.share_high


def test_charente_maritime_and_saone_et_loire(ds):
    rows = by_code(ds)

    assert (1, 51) == (rows["17"].colleges_with_ent, rows["17"].public_colleges)
    assert (7, 51) == (rows["71"].colleges_with_ent, rows["71"].public_colleges)


@pytest.mark.parametrize("code", ["77", "85", "02", "80", "973"])
def test_a_count_above_the_public_colleges_is_flagged_not_capped(ds, code):
    row = by_code(ds)[code]

    assert (code,) == row.over
    assert row.share is not None
    assert row.share > 1
    assert row.colleges_with_ent == row.public_colleges + 1  # type: ignore[operator]


def test_a_territory_without_a_count_has_bounds_from_none_to_all(ds):
    row = by_code(ds)["33"]

    assert (None, 112, None, 0.0, 1.0) == (
        row.colleges_with_ent,
        row.public_colleges,
        row.share,
        row.share_low,
        row.share_high,
    )


def test_polynesie_francaise_has_no_share(ds):
    row = by_code(ds)["987"]

    assert ("987",) == row.excluded
    assert (None, None, None, None, None) == (
        row.colleges_with_ent,
        row.public_colleges,
        row.share,
        row.share_low,
        row.share_high,
    )


def test_the_none_or_unknown_group_has_bounds_but_no_count(ds):
    (row,) = [r for r in coverage(ds, "status") if r.key is Status.NONE_OR_UNKNOWN]

    assert (5, None, 325, None, 0.0, 1.0) == (
        row.unknown_count,
        row.colleges_with_ent,
        row.public_colleges,
        row.share,
        row.share_low,
        row.share_high,
    )


@pytest.mark.parametrize("by", BOUNDED_GROUPINGS)
def test_every_grouping_sums_to_the_national_figures(ds, by):
    found = coverage(ds, by)
    national = coverage(ds).total

    assert national == found.total
    assert len(ds) == sum(row.territories for row in found)
    assert 4794 == sum(row.colleges_with_ent or 0 for row in found)
    assert 5380 == sum(row.public_colleges or 0 for row in found)
    assert 325 == sum(row.unknown_public_colleges for row in found)
    assert ["987"] == [code for row in found for code in row.excluded]


def test_groups_follow_the_summary_order(ds):
    for by in GROUPINGS:
        assert [row.key for row in ds.summarize(by)] == [
            row.key for row in coverage(ds, by)
        ]
    assert [d.department for d in ds] == [row.key for row in coverage(ds, "territory")]


def test_a_filtered_dataset_has_its_own_figures(ds):
    massive = ds.filter(status="massive")

    total = coverage(massive).total

    assert (0, total.colleges_with_ent) == (
        total.unknown_count,
        massive.total_colleges() - 46,
    )
    assert total.share == total.share_low == total.share_high


def test_the_result_names_both_vintages(ds):
    found = coverage(ds, "region")

    assert "2025" == found.edition.id
    assert "rentree-2024" == found.reference.id
    assert entdeploy.load_public_colleges() is found.reference
    assert (
        "<Coverage by='region': 19 rows, 4794 collèges with an ENT (2025) of 5380 "
        "public collèges (rentree-2024)>"
    ) == repr(found)


def test_records_carry_the_key_the_figures_and_both_vintages(ds):
    records = coverage(ds, "territory").to_records()
    seine_et_marne = next(r for r in records if r["code"] == "77")
    (national,) = coverage(ds).to_records()

    assert {
        "code": "77",
        "name": "Seine-et-Marne",
        "territories": 1,
        "colleges_with_ent": 134,
        "public_colleges": 133,
        "unknown_count": 0,
        "unknown_public_colleges": 0,
        "share": 134 / 133,
        "share_low": 134 / 133,
        "share_high": 134 / 133,
        "over": "77",
        "excluded": None,
        "edition": "2025",
        "public_colleges_reference": "rentree-2024",
    } == seine_et_marne
    assert "code" not in national
    assert "987" == national["excluded"]


def test_authority_records_name_the_authorities(ds):
    records = coverage(ds, "authority").to_records()
    rhone = next(r for r in records if r["authority_code"] == "69D + 69M")

    assert (117, 119) == (rhone["colleges_with_ent"], rhone["public_colleges"])
    assert 103 == len(records)


@pytest.mark.parametrize("by", ["department", "académie", "", 1])
def test_an_unknown_grouping_is_refused(ds, by):
    with pytest.raises(InvalidArgumentError, match="expected 'territory' or one of"):
        coverage(ds, by)  # type: ignore[arg-type]


def test_academic_region_may_be_spelt_with_a_hyphen(ds):
    assert coverage(ds, "academic_region") == coverage(ds, "academic-region")  # type: ignore[arg-type]


def test_an_empty_dataset_has_no_figures(ds):
    empty = Dataset(ds.edition, [])

    assert () == coverage(empty, "academy").rows
    assert (0, None, None, None) == (
        coverage(empty).total.territories,
        coverage(empty).total.public_colleges,
        coverage(empty).total.share_low,
        coverage(empty).total.share,
    )


@given(grouped_datasets())
def test_territories_outside_the_reference_are_left_out(dataset):
    found = coverage(dataset)
    codes = {c.code for c in entdeploy.load_public_colleges().counts}

    assert {d.code for d in dataset if d.code not in codes} <= set(found.total.excluded)
    assert isinstance(found, Coverage)


# -- DataFrames ---------------------------------------------------------------------


def test_to_pandas_has_the_records_columns_and_nullable_types(ds):
    pytest.importorskip("pandas")
    found = coverage(ds, "territory")

    frame = found.to_pandas()

    assert list(found.to_records()[0]) == list(frame.columns)
    assert "Int64" == str(frame["public_colleges"].dtype)
    assert "Float64" == str(frame["share"].dtype)
    assert frame.loc[frame["code"] == "987", "share"].isna().all()
    assert 105 == len(frame)


def test_to_polars_has_the_records_columns(ds):
    polars = pytest.importorskip("polars")
    found = coverage(ds, "kind")

    frame = found.to_polars()

    assert list(found.to_records()[0]) == frame.columns
    assert polars.Float64 == frame.schema["share_high"]
    assert [None, None, "987"] == frame["excluded"].to_list()
