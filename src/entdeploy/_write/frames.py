"""DataFrames of plain records, for the optional pandas and polars extras.

Neither library is imported until a function here needs it; without it, the
function raises :class:`MissingExtraError` naming the extra to install.
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

_STATUSES = [status.value for status in sorted(Status)]  # least deployed first
_KINDS = [kind.value for kind in TerritoryKind]

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
        "status": pandas.CategoricalDtype(_STATUSES, ordered=True),
        "kind": pandas.CategoricalDtype(_KINDS, ordered=False),
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
        "status": polars.Enum(_STATUSES),
        "kind": polars.Enum(_KINDS),
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
    return pandas_frame(records(dataset.deployments), COLUMNS, "Dataset.to_pandas()")


def to_polars(dataset: Dataset) -> pl.DataFrame:
    """Return one row per territory of *dataset* as a polars DataFrame."""
    return polars_frame(records(dataset.deployments), COLUMNS, "Dataset.to_polars()")
