"""DataFrames of plain records, for the optional pandas and polars extras.

Neither library is imported until a function here needs it; without it, the
function raises :class:`MissingExtraError` naming the extra to install. Both
kinds of frame are built from the same plain records and the same table of
column types, so they have the same columns as ``to_records()``.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

from entdeploy._model import Status, TerritoryKind
from entdeploy.exceptions import MissingExtraError

from .records import COLUMNS, records

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import ModuleType

    import pandas as pd
    import polars as pl

    from entdeploy._dataset import Dataset

__all__ = ["pandas_frame", "polars_frame", "to_pandas", "to_polars"]

#: The status keys, least deployed first: the order of the status categories.
STATUS_KEYS: tuple[str, ...] = tuple(status.value for status in sorted(Status))
#: The territory kinds' keys, in the model's order.
KIND_KEYS: tuple[str, ...] = tuple(kind.value for kind in TerritoryKind)

#: The type of each column that does not hold text.
_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "status": "status",
        "kind": "kind",
        **dict.fromkeys(
            ("territories", "none_or_unknown", "in_progress", "massive"), "count"
        ),
        **dict.fromkeys(("unknown_count", "unknown_public_colleges"), "count"),
        **dict.fromkeys(("colleges_with_ent", "public_colleges"), "count or none"),
        "massive_share": "share",
        **dict.fromkeys(("share", "share_low", "share_high"), "share or none"),
    }
)


def _import(library: str, feature: str) -> ModuleType:
    try:
        return importlib.import_module(library)
    except ImportError:
        raise MissingExtraError(feature, library, library) from None


def pandas_frame(
    rows: Sequence[Mapping[str, object]], names: Sequence[str], feature: str
) -> pd.DataFrame:
    """Return *rows* as a pandas DataFrame of the columns *names*."""
    pandas = _import("pandas", feature)
    dtypes = {
        "status": pandas.CategoricalDtype(list(STATUS_KEYS), ordered=True),
        "kind": pandas.CategoricalDtype(list(KIND_KEYS), ordered=False),
        "count": "int64",
        "count or none": "Int64",  # nullable: <NA> where no count is reported
        "share": "float64",
        "share or none": "Float64",
        "text": pandas.StringDtype(),
    }
    series = {
        name: pandas.Series(
            [row[name] for row in rows], dtype=dtypes[_TYPES.get(name, "text")]
        )
        for name in names
    }
    frame: pd.DataFrame = pandas.DataFrame(series, columns=list(names))
    return frame


def polars_frame(
    rows: Sequence[Mapping[str, object]], names: Sequence[str], feature: str
) -> pl.DataFrame:
    """Return *rows* as a polars DataFrame of the columns *names*."""
    polars = _import("polars", feature)
    dtypes = {
        "status": polars.Enum(STATUS_KEYS),
        "kind": polars.Enum(KIND_KEYS),
        "count": polars.Int64,
        "count or none": polars.Int64,  # null where no count is reported
        "share": polars.Float64,
        "share or none": polars.Float64,
        "text": polars.String,
    }
    series = [
        polars.Series(
            name,
            [row[name] for row in rows],
            dtype=dtypes[_TYPES.get(name, "text")],
            strict=True,
        )
        for name in names
    ]
    frame: pl.DataFrame = polars.DataFrame(series)
    return frame


def to_pandas(dataset: Dataset) -> pd.DataFrame:
    """Return one row per territory of *dataset* as a pandas DataFrame."""
    rows = records(dataset.deployments)
    return pandas_frame(rows, COLUMNS, "Dataset.to_pandas()")


def to_polars(dataset: Dataset) -> pl.DataFrame:
    """Return one row per territory of *dataset* as a polars DataFrame."""
    rows = records(dataset.deployments)
    return polars_frame(rows, COLUMNS, "Dataset.to_polars()")
