"""DataFrames of a dataset or a summary, for the optional pandas and polars extras.

Neither library is imported until a function here needs it; without it, the
function raises :class:`MissingExtraError` naming the extra to install. Both
kinds of frame are built from the same plain records, so they have the same
columns as ``to_records()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._aggregate import (
    COVERAGE_COLUMNS,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    Coverage,
    Summary,
)
from entdeploy._model import Status, TerritoryKind
from entdeploy.exceptions import MissingExtraError

from .records import COLUMNS, records

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import ModuleType

    import pandas as pd
    import polars as pl

    from entdeploy._dataset import Dataset

__all__ = [
    "coverage_to_pandas",
    "coverage_to_polars",
    "summary_to_pandas",
    "summary_to_polars",
    "to_pandas",
    "to_polars",
]

#: The status keys, least deployed first: the order of the status categories.
STATUS_KEYS: tuple[str, ...] = tuple(status.value for status in sorted(Status))
#: The territory kinds' keys, in the model's order.
KIND_KEYS: tuple[str, ...] = tuple(kind.value for kind in TerritoryKind)

#: Columns holding counts, never missing.
_INTEGER_COLUMNS = frozenset(FIGURE_COLUMNS) - {"massive_share", "colleges_with_ent"}
_INTEGER_COLUMNS = _INTEGER_COLUMNS | {"unknown_public_colleges"}
#: Columns holding counts, missing where unknown.
_OPTIONAL_INTEGER_COLUMNS = frozenset({"colleges_with_ent", "public_colleges"})
#: Columns holding shares: ``massive_share`` is never missing, the others may be.
_SHARE_COLUMNS = frozenset({"massive_share", "share", "share_low", "share_high"})


def _import_pandas(feature: str) -> ModuleType:
    try:
        import pandas  # noqa: PLC0415, ICN001 - an optional extra, imported on use
    except ImportError:
        raise MissingExtraError(feature, "pandas", "pandas") from None
    return pandas


def _import_polars(feature: str) -> ModuleType:
    try:
        import polars  # noqa: PLC0415, ICN001 - an optional extra, imported on use
    except ImportError:
        raise MissingExtraError(feature, "polars", "polars") from None
    return polars


def _columns(
    rows: Sequence[Mapping[str, object]], names: Sequence[str]
) -> dict[str, list[object]]:
    return {name: [row[name] for row in rows] for name in names}


def _pandas_frame(columns: dict[str, list[object]], feature: str) -> pd.DataFrame:
    pandas = _import_pandas(feature)
    series = {}
    for name, values in columns.items():
        if name == "status":
            dtype = pandas.CategoricalDtype(list(STATUS_KEYS), ordered=True)
        elif name == "kind":
            dtype = pandas.CategoricalDtype(list(KIND_KEYS), ordered=False)
        elif name in _OPTIONAL_INTEGER_COLUMNS:
            dtype = "Int64"  # nullable: <NA> where no count is reported
        elif name in _INTEGER_COLUMNS:
            dtype = "int64"
        elif name in _SHARE_COLUMNS:
            dtype = "float64" if name == "massive_share" else "Float64"
        else:
            dtype = pandas.StringDtype()
        series[name] = pandas.Series(values, dtype=dtype, name=name)
    frame: pd.DataFrame = pandas.DataFrame(series, columns=list(columns))
    return frame


def _polars_frame(columns: dict[str, list[object]], feature: str) -> pl.DataFrame:
    polars = _import_polars(feature)
    series = []
    for name, values in columns.items():
        if name == "status":
            dtype = polars.Enum(STATUS_KEYS)
        elif name == "kind":
            dtype = polars.Enum(KIND_KEYS)
        elif name in _INTEGER_COLUMNS | _OPTIONAL_INTEGER_COLUMNS:
            dtype = polars.Int64  # null where no count is reported
        elif name in _SHARE_COLUMNS:
            dtype = polars.Float64
        else:
            dtype = polars.String
        series.append(polars.Series(name, values, dtype=dtype, strict=True))
    frame: pl.DataFrame = polars.DataFrame(series)
    return frame


def to_pandas(dataset: Dataset) -> pd.DataFrame:
    """Return one row per territory of *dataset* as a pandas DataFrame.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    columns = _columns(records(dataset.deployments), COLUMNS)
    return _pandas_frame(columns, "Dataset.to_pandas()")


def to_polars(dataset: Dataset) -> pl.DataFrame:
    """Return one row per territory of *dataset* as a polars DataFrame.

    Raises:
        MissingExtraError: polars is not installed.
    """
    columns = _columns(records(dataset.deployments), COLUMNS)
    return _polars_frame(columns, "Dataset.to_polars()")


def _summary_columns(summary: Summary[object]) -> dict[str, list[object]]:
    names = (*KEY_COLUMNS[summary.by], *FIGURE_COLUMNS)
    return _columns(summary.to_records(), names)


def summary_to_pandas(summary: Summary[object]) -> pd.DataFrame:
    """Return the rows of *summary* as a pandas DataFrame.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    return _pandas_frame(_summary_columns(summary), "Summary.to_pandas()")


def summary_to_polars(summary: Summary[object]) -> pl.DataFrame:
    """Return the rows of *summary* as a polars DataFrame.

    Raises:
        MissingExtraError: polars is not installed.
    """
    return _polars_frame(_summary_columns(summary), "Summary.to_polars()")


def _coverage_columns(coverage: Coverage) -> dict[str, list[object]]:
    names = (*KEY_COLUMNS.get(coverage.by or "", ()), *COVERAGE_COLUMNS)
    return _columns(coverage.to_records(), names)


def coverage_to_pandas(coverage: Coverage) -> pd.DataFrame:
    """Return the rows of *coverage* as a pandas DataFrame.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    return _pandas_frame(_coverage_columns(coverage), "Coverage.to_pandas()")


def coverage_to_polars(coverage: Coverage) -> pl.DataFrame:
    """Return the rows of *coverage* as a polars DataFrame.

    Raises:
        MissingExtraError: polars is not installed.
    """
    return _polars_frame(_coverage_columns(coverage), "Coverage.to_polars()")
