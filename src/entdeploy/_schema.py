"""The packaged data files, declared once: their names, columns, keys and meaning.

The packaged loader, the data package writer (as Table Schema),
``tools/update_checksums.py`` and the tests all take them from here.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

import attrs

from entdeploy._model import (
    AcademyKind,
    AuthorityKind,
    Edition,
    PublicColleges,
    Status,
    TerritoryKind,
)

__all__ = [
    "ALIASES",
    "EDITION_FILE",
    "EDITION_KEYS",
    "OPTIONAL_TEXT_KEYS",
    "PUBLIC_COLLEGES",
    "PUBLIC_COLLEGES_KEYS",
    "PUBLIC_COLLEGES_METADATA",
    "PUBLIC_COLLEGES_TEXT_KEYS",
    "TABLES",
    "Column",
    "Table",
]


# Column and Table are named tuples, not attrs classes: quicker to create, and
# _schema is imported by `import entdeploy`.
class Column(NamedTuple):
    """One column of a packaged CSV file.

    Attributes:
        name: The column's heading.
        description: What it holds.
        type: Its Table Schema type (``"string"`` or ``"integer"``).
        required: Whether every cell must hold a value.
        enum: The values it may hold, in order; empty when any value may.
    """

    name: str
    description: str
    type: str = "string"
    required: bool = True
    enum: tuple[str, ...] = ()


class Table(NamedTuple):
    """One packaged CSV file.

    Attributes:
        name: The table's name; its file is ``<name>.csv``.
        title: A short title.
        columns: Its columns, in order.
        primary_key: The columns that identify a row.
        foreign_keys: ``(column, table)`` pairs: *column* holds a code of *table*.
        missing: The cell that stands for a missing value, if any.
    """

    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ("code",)
    foreign_keys: tuple[tuple[str, str], ...] = ()
    missing: str | None = None

    @property
    def file(self) -> str:
        """The file's name, ``<name>.csv``."""
        return f"{self.name}.csv"

    @property
    def header(self) -> tuple[str, ...]:
        """The column headings, in order."""
        return tuple(column.name for column in self.columns)


def _kind(description: str, kinds: type[enum.Enum]) -> Column:
    return Column("kind", description, enum=tuple(kind.value for kind in kinds))


#: The CSV files of an edition folder, in the order they are read.
TABLES: tuple[Table, ...] = (
    Table(
        "regions",
        "Régions",
        (
            Column("code", "The INSEE code of the région."),
            Column("name", "The official name of the région."),
        ),
    ),
    Table(
        "academies",
        "Académies, vice-rectorats and services",
        (
            Column("code", "The Ministry's code of the académie."),
            Column("name", "The official name of the académie."),
            _kind(
                "An académie, or the vice-rectorat or service of a collectivity.",
                AcademyKind,
            ),
            Column(
                "academic_region",
                "Its région académique; empty for the collectivities.",
                required=False,
            ),
        ),
    ),
    Table(
        "territories",
        "Départements and overseas collectivities",
        (
            Column("code", "The INSEE code of the territory."),
            Column("name", "The official name (INSEE COG)."),
            Column("iso_code", "The ISO 3166-2 code."),
            _kind("What kind of territory it is.", TerritoryKind),
            Column(
                "region_code",
                "The INSEE code of its région; empty for the collectivities.",
                required=False,
            ),
            Column("academy_code", "The Ministry's code of its académie."),
        ),
        foreign_keys=(("region_code", "regions"), ("academy_code", "academies")),
    ),
    Table(
        "deployments",
        "The publication's rows: state of the ENT per territory",
        (
            Column("code", "The INSEE code of the territory."),
            Column("source_label", "The row's territory label, verbatim."),
            Column("source_academy", "The row's académie label, verbatim."),
            Column(
                "source_status",
                "The state of deployment, the source's French label verbatim; "
                "the labels are listed from least to most deployed.",
                enum=tuple(status.label for status in sorted(Status)),
            ),
            Column(
                "source_count",
                "The number of public collèges with an ENT; '-' where the "
                "source reports none.",
                type="integer",
                required=False,
            ),
        ),
        foreign_keys=(("code", "territories"),),
        missing="-",
    ),
    Table(
        "label_corrections",
        "Where the source's labels differ from official names",
        (
            Column("entity", "What the label names.", enum=("department", "academy")),
            Column(
                "code",
                "The INSEE code of the territory or the Ministry's code "
                "of the académie.",
            ),
            Column("source_label", "The source's label, verbatim."),
            Column("official_name", "The official name."),
            Column("reason", "Why the two differ."),
        ),
        primary_key=("entity", "code", "source_label"),
    ),
    Table(
        "authorities",
        "The authority holding each territory's public collèges",
        (
            Column("territory_code", "The INSEE code of the territory."),
            Column(
                "code",
                "The authority's INSEE COG 2025 code; empty where COG has none.",
                required=False,
            ),
            Column("name", "COG's label verbatim, or the official name."),
            _kind("What kind of authority it is.", AuthorityKind),
            Column("note", "The law or fact behind a special case.", required=False),
        ),
        primary_key=("territory_code", "name"),
        foreign_keys=(("territory_code", "territories"),),
    ),
)

#: ``data/aliases.csv``: other names people use, shared by every edition.
ALIASES = Table(
    "aliases",
    "Other names of territories and académies",
    (
        Column("alias", "The other name."),
        Column("entity", "What it names.", enum=("department", "academy", "authority")),
        Column("code", "The INSEE code of the territory or the académie's code."),
        Column("note", "Where the name comes from.", required=False),
    ),
    primary_key=("alias", "entity"),
)

#: The metadata file of an edition folder.
EDITION_FILE = "edition.json"
#: The keys of ``edition.json`` that are ``str`` or ``null``: the optional fields.
OPTIONAL_TEXT_KEYS = tuple(f.name for f in attrs.fields(Edition) if f.default is None)
#: Every key ``edition.json`` may have: :class:`Edition`'s fields, and two more.
EDITION_KEYS = frozenset({*attrs.fields_dict(Edition), "row_count", "files"})

#: ``data/public_colleges.csv``: public collèges per territory, the denominator of
#: coverage (a reference of its own, not an edition), described by its ``.json``.
PUBLIC_COLLEGES_METADATA = "public_colleges.json"
PUBLIC_COLLEGES = Table(
    "public_colleges",
    "Public collèges per territory",
    (
        Column("code", "The INSEE code of the territory."),
        Column("public_colleges", "The number of open public collèges.", "integer"),
    ),
)
#: The keys of ``public_colleges.json`` that are non-empty strings: all but counts.
PUBLIC_COLLEGES_TEXT_KEYS = tuple(
    field.name for field in attrs.fields(PublicColleges) if field.name != "counts"
)
#: Every key it has: also ``row_count``, ``files`` (the CSV's sha256), ``notes``
#: (a note per territory code), ``unreliable`` (the codes whose count is no use).
PUBLIC_COLLEGES_KEYS = frozenset(
    {*PUBLIC_COLLEGES_TEXT_KEYS, "row_count", "files", "notes", "unreliable"}
)
