"""entdeploy: the deployment of ENT in French public collèges, as typed data.

The packaged edition is the Ministry's « ENT collèges : état du déploiement –
Rentrée scolaire 2025 ». Start with :func:`load`.
"""

from ._aggregate import CollegeStats, Grouping, Summary, SummaryRow
from ._compare import DiffSummary, EditionDiff, TerritoryChange, compare
from ._convert import make_converter
from ._dataset import Dataset
from ._load import editions, load
from ._model import (
    Academy,
    AcademyKind,
    Department,
    Deployment,
    Edition,
    Region,
    Source,
    Status,
    TerritoryKind,
)
from ._normalize import normalize
from ._query import Match
from ._render.svg_map import Map
from ._userfile import load_file
from ._version import __version__

__all__ = [
    "Academy",
    "AcademyKind",
    "CollegeStats",
    "Dataset",
    "Department",
    "Deployment",
    "DiffSummary",
    "Edition",
    "EditionDiff",
    "Grouping",
    "Map",
    "Match",
    "Region",
    "Source",
    "Status",
    "Summary",
    "SummaryRow",
    "TerritoryChange",
    "TerritoryKind",
    "__version__",
    "compare",
    "editions",
    "load",
    "load_file",
    "make_converter",
    "normalize",
]
