"""entdeploy: the deployment of ENT in French public collèges, as typed data.

The packaged edition is the Ministry's « ENT collèges : état du déploiement –
Rentrée scolaire 2025 ». Start with :func:`load`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from ._dataset import Dataset
from ._model import (
    Academy,
    AcademyKind,
    Authority,
    AuthorityKind,
    Department,
    Deployment,
    Edition,
    PublicCollegeCount,
    PublicColleges,
    Region,
    Source,
    Status,
    TerritoryKind,
)
from ._normalize import normalize
from ._read.packaged import editions, load, load_public_colleges
from ._version import __data_edition__, __version__

if TYPE_CHECKING:
    from ._aggregate import (
        CollegeStats,
        Coverage,
        CoverageRow,
        Grouping,
        Summary,
        SummaryRow,
    )
    from ._compare import DiffSummary, EditionDiff, TerritoryChange, compare
    from ._convert import make_converter
    from ._query import Match
    from ._read.user_table import load_file
    from ._render.svg_map import Map
    from ._write.records import TerritoryRecord

# These names' modules are imported when a name is first used, not by
# `import entdeploy`: the time to a first answer is part of the API's promise
# (docs/performance.md). The imports above tell type checkers what they are.
_IMPORTED_ON_FIRST_USE = {
    "CollegeStats": "._aggregate",
    "Coverage": "._aggregate",
    "CoverageRow": "._aggregate",
    "Grouping": "._aggregate",
    "Summary": "._aggregate",
    "SummaryRow": "._aggregate",
    "DiffSummary": "._compare",
    "EditionDiff": "._compare",
    "TerritoryChange": "._compare",
    "compare": "._compare",
    "make_converter": "._convert",
    "Match": "._query",
    "Map": "._render.svg_map",
    "load_file": "._read.user_table",
    "TerritoryRecord": "._write.records",
}


def __getattr__(name: str) -> object:
    module = _IMPORTED_ON_FIRST_USE.get(name)
    if module is None:
        msg = f"module 'entdeploy' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_IMPORTED_ON_FIRST_USE))


__all__ = [
    "Academy",
    "AcademyKind",
    "Authority",
    "AuthorityKind",
    "CollegeStats",
    "Coverage",
    "CoverageRow",
    "Dataset",
    "Department",
    "Deployment",
    "DiffSummary",
    "Edition",
    "EditionDiff",
    "Grouping",
    "Map",
    "Match",
    "PublicCollegeCount",
    "PublicColleges",
    "Region",
    "Source",
    "Status",
    "Summary",
    "SummaryRow",
    "TerritoryChange",
    "TerritoryKind",
    "TerritoryRecord",
    "__data_edition__",
    "__version__",
    "compare",
    "editions",
    "load",
    "load_file",
    "load_public_colleges",
    "make_converter",
    "normalize",
]
