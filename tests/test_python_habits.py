"""Ordinary Python habits give the answers they suggest (issue: behave as Python leads people to expect)."""

from __future__ import annotations

import io
import typing

import entdeploy
from entdeploy import Dataset, TerritoryRecord


def test_to_csv_without_a_target_returns_the_text(ds):
    stream = io.StringIO()
    ds.to_csv(stream)

    assert stream.getvalue() == ds.to_csv()
    assert ds.deployments == entdeploy.load_file(io.StringIO(ds.to_csv())).deployments


def test_records_are_typed_dicts_with_the_record_keys(ds):
    hints = typing.get_type_hints(TerritoryRecord)

    assert list(hints) == list(ds.to_records()[0])
    assert 4840 == sum(r["colleges_with_ent"] or 0 for r in ds.to_records())


def test_coverage_is_a_dataset_method(ds):
    assert ds.coverage().total == entdeploy.load().coverage().total
    assert isinstance(ds, Dataset)


# -- Summaries by key ------------------------------------------------------------


import pytest  # noqa: E402 - the section's own import

from entdeploy.exceptions import (  # noqa: E402
    InvalidQueryError,
    UnknownAcademyError,
    UnknownAuthorityError,
    UnknownRegionError,
)


@pytest.mark.parametrize(
    ("by", "key", "expected"),
    [
        ("academy", "orleans tours", "18"),
        ("academy", "Orléans-Tours", "18"),
        ("academy", "18", "18"),
        ("academy", 18, None),  # an int is a position, as in any sequence
        ("region", "bretagne", "53"),
        ("region", "53", "53"),
        ("academic_region", "grand est", "Grand Est"),
        ("status", "massive", "massive"),
        ("status", "Déploiement massif", "massive"),
        ("kind", "overseas-department", "overseas-department"),
    ],
)
def test_a_summary_returns_the_row_of_the_group_a_name_or_code_names(
    ds, by, key, expected
):
    summary = ds.summarize(by)

    row = summary[key]

    if expected is None:
        assert summary.rows[key] == row
        return
    found = row.key
    assert expected == getattr(found, "code", getattr(found, "value", found))


def test_a_summary_returns_the_row_of_the_entity_itself_and_none_for_collectivities(ds):
    by_academy = ds.summarize("academy")
    by_region = ds.summarize("region")

    assert by_academy[ds.academy("18")].key == ds.academy("18")
    assert 4 == by_region[None].territories


@pytest.mark.parametrize(
    ("by", "key", "error"),
    [
        ("academy", "orleens-tour", UnknownAcademyError),
        ("region", "Bretagn", UnknownRegionError),
        ("authority", "Metropole de Lyonn", UnknownAuthorityError),
        ("status", "done", InvalidQueryError),
    ],
)
def test_a_summary_raises_the_queries_error_on_a_miss(ds, by, key, error):
    with pytest.raises(error):
        ds.summarize(by)[key]


def test_a_summary_of_a_filtered_dataset_raises_for_a_real_group_it_lacks(ds):
    brittany = ds.filter(region="Bretagne")

    with pytest.raises(KeyError, match="no group of this summary has it"):
        brittany.summarize("academy")["Lyon"]


# -- Authorities in the query API -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [("6AE", "6AE"), ("6ae", "6AE"), ("metropole de lyon", "69M"), ("69D", "69D")],
)
def test_authorities_are_found_by_code_or_name(ds, query, code):
    assert code == ds.authority(query).code


def test_filter_by_authority_counts_each_territory_once(ds):
    assert ["67", "68"] == [d.code for d in ds.filter(authority="6AE")]
    assert ["69"] == [d.code for d in ds.filter(authority=["69D", "69M"])]
    assert ["2A", "2B"] == [
        d.code for d in ds.filter(authority="Collectivité de Corse")
    ]
    assert len(ds) == sum(row.territories for row in ds.summarize("authority"))


def test_the_authority_groups_sum_to_the_national_totals(ds):
    summary = ds.summarize("authority")

    assert ds.total_colleges() == sum(row.colleges_with_ent for row in summary)
    assert summary.total == ds.summarize("status").total


@pytest.mark.parametrize("indent", [None, 0, 4])
def test_to_json_takes_an_indent_and_reads_back_equal(ds, indent):
    text = ds.to_json(indent=indent)

    assert ds == Dataset.from_json(text)
    assert (indent is None) == (text.count("\n") == 1)


@pytest.mark.parametrize("indent", [-1, "2", 2.0, True])
def test_to_json_refuses_an_indent_that_is_not_a_count_of_spaces(ds, indent):
    with pytest.raises(entdeploy.exceptions.InvalidArgumentError, match="indent="):
        ds.to_json(indent=indent)
