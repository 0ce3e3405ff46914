"""DataFrames: Dataset.to_pandas/to_polars and the same for summaries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from entdeploy._write.records import COLUMNS
from entdeploy.exceptions import EntdeployError, MissingExtraError

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

STATUS_ORDER = ["none-or-unknown", "in-progress", "massive"]
KIND_ORDER = ["metropolitan-department", "overseas-department", "overseas-collectivity"]
TEXT_COLUMNS = [
    name for name in COLUMNS if name not in {"status", "kind", "colleges_with_ent"}
]


def test_to_pandas_has_one_row_per_territory_with_the_record_values(ds):
    frame = ds.to_pandas()

    assert list(COLUMNS) == list(frame.columns)
    assert 105 == len(frame)
    expected = ds.to_records()
    actual = [
        {name: (None if pd.isna(value) else value) for name, value in row.items()}
        for row in frame.to_dict(orient="records")
    ]
    assert [dict(record) for record in expected] == actual


def test_to_pandas_dtypes(ds):
    frame = ds.to_pandas()

    status = frame["status"].dtype
    assert isinstance(status, pd.CategoricalDtype)
    assert status.ordered
    assert STATUS_ORDER == list(status.categories)
    kind = frame["kind"].dtype
    assert isinstance(kind, pd.CategoricalDtype)
    assert KIND_ORDER == list(kind.categories)
    assert pd.Int64Dtype() == frame["colleges_with_ent"].dtype
    for name in TEXT_COLUMNS:
        assert isinstance(frame[name].dtype, pd.StringDtype), name


def test_to_pandas_status_sorts_and_compares_in_status_order(ds):
    frame = ds.to_pandas()

    ordered = frame.sort_values("status", kind="stable")["status"].tolist()
    assert ["none-or-unknown"] * 5 + ["in-progress"] * 7 + ["massive"] * 93 == ordered
    assert 100 == int((frame["status"] > "none-or-unknown").sum())


def test_to_pandas_keeps_unknown_counts_missing(ds):
    frame = ds.to_pandas()

    assert 5 == int(frame["colleges_with_ent"].isna().sum())
    assert 4840 == int(frame["colleges_with_ent"].sum())
    assert 4 == int(frame["region_code"].isna().sum())


def test_to_polars_has_one_row_per_territory_with_the_record_values(ds):
    frame = ds.to_polars()

    assert list(COLUMNS) == frame.columns
    assert [dict(record) for record in ds.to_records()] == frame.to_dicts()


def test_to_polars_dtypes(ds):
    schema = ds.to_polars().schema

    assert pl.Enum(STATUS_ORDER) == schema["status"]
    assert STATUS_ORDER == schema["status"].categories.to_list()
    assert pl.Enum(KIND_ORDER) == schema["kind"]
    assert pl.Int64 == schema["colleges_with_ent"]
    for name in TEXT_COLUMNS:
        assert pl.String == schema[name], name


def test_to_polars_status_sorts_in_status_order_and_keeps_nulls(ds):
    frame = ds.to_polars()

    assert ["none-or-unknown"] * 5 + ["in-progress"] * 7 + [
        "massive"
    ] * 93 == frame.sort("status", maintain_order=True)["status"].to_list()
    assert 5 == frame["colleges_with_ent"].null_count()
    assert 4840 == frame["colleges_with_ent"].sum()


def test_summary_to_pandas(ds):
    summary = ds.summarize("status")

    frame = summary.to_pandas()

    assert [
        "status",
        "status_label",
        "territories",
        "none_or_unknown",
        "in_progress",
        "massive",
        "colleges_with_ent",
        "unknown_count",
        "massive_share",
    ] == list(frame.columns)
    assert STATUS_ORDER == frame["status"].tolist()
    assert frame["status"].dtype.ordered
    assert STATUS_ORDER == list(frame["status"].dtype.categories)
    assert [5, 7, 93] == frame["territories"].tolist()
    assert "int64" == str(frame["territories"].dtype)
    assert pd.Int64Dtype() == frame["colleges_with_ent"].dtype
    assert "float64" == str(frame["massive_share"].dtype)
    assert [dict(r) for r in summary.to_records()] == frame.to_dict(orient="records")


def test_summary_by_academy_to_pandas_has_34_rows(ds):
    frame = ds.summarize("academy").to_pandas()

    assert 34 == len(frame)
    assert ["academy_code", "academy_name"] == list(frame.columns[:2])
    assert 105 == int(frame["territories"].sum())
    assert 4840 == int(frame["colleges_with_ent"].sum())


def test_summary_to_polars(ds):
    summary = ds.summarize("region")

    frame = summary.to_polars()

    assert ["region_code", "region_name", "territories"] == frame.columns[:3]
    assert [dict(r) for r in summary.to_records()] == frame.to_dicts()
    assert 105 == frame["territories"].sum()
    assert pl.Float64 == frame.schema["massive_share"]
    kinds = ds.summarize("kind").to_polars()
    assert pl.Enum(KIND_ORDER) == kinds.schema["kind"]


@pytest.mark.parametrize(
    ("module", "call", "feature"),
    [
        ("pandas", lambda ds: ds.to_pandas(), "Dataset.to_pandas()"),
        ("polars", lambda ds: ds.to_polars(), "Dataset.to_polars()"),
        (
            "pandas",
            lambda ds: ds.summarize("kind").to_pandas(),
            "Summary.to_pandas()",
        ),
        (
            "polars",
            lambda ds: ds.summarize("kind").to_polars(),
            "Summary.to_polars()",
        ),
    ],
)
def test_without_the_extra_a_frame_names_the_extra_to_install(
    ds, monkeypatch, module, call, feature
):
    monkeypatch.setitem(sys.modules, module, None)

    with pytest.raises(MissingExtraError) as caught:
        call(ds)

    assert (
        f"{feature} needs the optional dependency {module!r}, which is not "
        f"installed; install it with: pip install 'entdeploy[{module}]'"
    ) == str(caught.value)
    assert module == caught.value.extra
    assert isinstance(caught.value, EntdeployError)
    assert isinstance(caught.value, ImportError)


def test_entdeploy_imports_neither_pandas_nor_polars_until_a_frame_is_asked_for():
    code = (
        "import sys, entdeploy\n"
        "ds = entdeploy.load()\n"
        "ds.summarize('academy')._repr_html_(), ds.to_records(), ds._repr_html_()\n"
        "print(sorted(m for m in ('pandas', 'polars') if m in sys.modules))\n"
        "ds.to_polars()\n"
        "print(sorted(m for m in ('pandas', 'polars') if m in sys.modules))\n"
    )

    result = subprocess.run(  # noqa: S603 - runs this interpreter on our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert ["[]", "['polars']"] == result.stdout.split()
