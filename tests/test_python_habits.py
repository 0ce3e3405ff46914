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
