"""The immutable domain model: statuses, territories, académies, editions."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ._normalize import normalize
from .exceptions import InvalidArgumentError

T = TypeVar("T")


@functools.total_ordering
class Status(enum.Enum):
    """The state of deployment of the ENT in a territory's public collèges.

    Ordered from least to most deployed: ``NONE_OR_UNKNOWN < IN_PROGRESS <
    MASSIVE``. The value is a stable key; :attr:`label` the source's French label.
    """

    NONE_OR_UNKNOWN = "none-or-unknown"
    IN_PROGRESS = "in-progress"
    MASSIVE = "massive"

    __hash__ = object.__hash__  # members are singletons, equal only to themselves

    @property
    def label(self) -> str:
        """The publication's French label for this status, verbatim."""
        return _STATUS_LABELS[self]

    @property
    def rank(self) -> int:
        """The position of this status in deployment order (0 is the least deployed)."""
        return _STATUS_ORDER.index(self)

    @classmethod
    def from_label(cls, label: str) -> Status:
        """Return the status whose French label is exactly *label*.

        Raises:
            InvalidArgumentError: *label* is not one of the labels, to the letter.
        """
        status = _read_status(label)
        if status is None or status.label != label:
            labels = ", ".join(map(repr, _STATUS_LABELS.values()))
            expected = f"one of the status labels {labels}"
            raise InvalidArgumentError("label", label, expected)
        return status

    @classmethod
    def parse(cls, text: str) -> Status:
        """Return the status *text* names: its label, key or name, however typed.

        Raises:
            InvalidArgumentError: *text* is not a ``str``, or names no status.
        """
        status = _read_status(text)
        if status is None:
            raise InvalidArgumentError("status", text, _STATUS_EXPECTED)
        return status

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank < other.rank


_STATUS_ORDER = (Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, Status.MASSIVE)
_STATUS_LABELS = {
    Status.NONE_OR_UNKNOWN: "Pas de projet ENT ou inconnu",
    Status.IN_PROGRESS: "En cours de déploiement",
    Status.MASSIVE: "Déploiement massif",
}
#: Each status by its value, name and label, as written and normalised.
_STATUS_SPELLINGS = {
    text: status
    for status in Status
    for spelling in (status.value, status.name, status.label)
    for text in (spelling, normalize(spelling))
}
_STATUS_EXPECTED = (
    "a status: "
    + ", ".join(repr(status.value) for status in reversed(_STATUS_ORDER))
    + " or a French label ("
    + ", ".join(repr(status.label) for status in reversed(_STATUS_ORDER))
    + "), in any case, with or without accents"
)


def _read_status(text: object) -> Status | None:
    """Return the status *text* spells, or ``None``."""
    if not isinstance(text, str):
        return None
    # As written first: every packaged row spells its status verbatim.
    found = _STATUS_SPELLINGS.get(text)
    return found if found is not None else _STATUS_SPELLINGS.get(normalize(text))


#: The largest count of collèges a territory can have: the largest département
#: has about 200 public collèges, the whole country about 5,400.
MAX_COUNT = 10_000
#: A count cell: ASCII digits, at most 100 (Python refuses to convert 4,300).
_COUNT = re.compile("[0-9]{1,100}")
#: The count cell of the publication where it reports no count.
UNKNOWN_COUNT = "-"
#: The publication's four column headings, verbatim.
PUBLICATION_HEADER = (
    "Département",
    "Académie",
    "Etat du déploiement",
    "Nombre de collèges publics ayant un ENT",
)


def count_contradiction(status: Status, count: int | None) -> str | None:
    """Return why *count* cannot go with *status*, or ``None`` when they agree.

    The deployed states have a count from 0 to :data:`MAX_COUNT`, the other none.
    """
    if count is not None and count < 0:
        return "a count of collèges cannot be negative"
    if count is not None and count > MAX_COUNT:
        return (
            f"a count above {MAX_COUNT:,}: no territory has that many public collèges"
        )
    if status is Status.NONE_OR_UNKNOWN and count is not None:
        return f"a count is given for {status.label!r}; expected none"
    if status is not Status.NONE_OR_UNKNOWN and count is None:
        return f"no count is given for {status.label!r}; expected an integer"
    return None


def parse_count(cell: str, *, missing: str = UNKNOWN_COUNT) -> int | None:
    """Return the count a count cell holds, ``None`` for *missing*.

    Raises:
        InvalidArgumentError: *cell* is neither *missing* nor ASCII digits.
    """
    if cell == missing and isinstance(cell, str):
        return None
    if isinstance(cell, str) and _COUNT.fullmatch(cell):
        return int(cell)
    raise InvalidArgumentError(
        "cell", cell, f"a number of collèges (digits 0-9) or {missing!r}"
    )


def _of_type(*types: type, expected: str = "") -> Callable[[Any, Any, Any], None]:
    """Return an attrs validator refusing what is not one of *types*, or is a bool."""
    expected = expected or " or ".join(map(_a, types))

    def check(_: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, types) or isinstance(value, bool):
            raise InvalidArgumentError(attribute.name, value, expected)

    return check


def _a(kind: type) -> str:
    """Return *kind* as the errors name it: ``"an int"``, ``"a str"``, ``"None"``."""
    if kind is type(None):
        return "None"
    return f"{'an' if kind.__name__[0] in 'AEIOUaeiou' else 'a'} {kind.__name__}"


_TEXT = _of_type(str)
_OPTIONAL_TEXT = _of_type(str, type(None))


def _tuple_of(kind: type[T], field: str, value: Iterable[T]) -> tuple[T, ...]:
    """Return *value*, an iterable of *kind* but not a ``str``, as a tuple."""
    try:
        items = None if isinstance(value, (str, bytes)) else tuple(value)
    except TypeError:  # not iterable
        items = None
    if items is None or not all(isinstance(item, kind) for item in items):
        expected = f"an iterable of {kind.__name__} (a tuple or list), not a str"
        raise InvalidArgumentError(field, value, expected)
    return items


class TerritoryKind(enum.Enum):
    """What kind of territory a row of the table describes."""

    METROPOLITAN_DEPARTMENT = "metropolitan-department"
    OVERSEAS_DEPARTMENT = "overseas-department"
    OVERSEAS_COLLECTIVITY = "overseas-collectivity"


class AcademyKind(enum.Enum):
    """What an :class:`Academy` is: an académie, a vice-rectorat or a service."""

    ACADEMY = "academie"
    VICE_RECTORATE = "vice-rectorat"
    SERVICE = "service"


class AuthorityKind(enum.Enum):
    """The French legal category of the authority holding a territory's collèges."""

    DEPARTMENTAL_COUNCIL = "conseil-departemental"
    SPECIAL_STATUS = "collectivite-a-statut-particulier"
    EUROPEAN_COLLECTIVITY = "collectivite-europeenne"
    SINGLE_COLLECTIVITY = "collectivite-territoriale-unique"
    OVERSEAS_COLLECTIVITY = "collectivite-d-outre-mer"
    SUI_GENERIS_COLLECTIVITY = "collectivite-sui-generis"
    PROVINCES = "provinces"
    STATE = "etat"


@attrs.frozen
class Authority:
    """The authority holding a territory's public collèges, and their ENT.

    Attributes:
        code: Its INSEE COG 2025 code (``"01D"``), ``None`` where COG has none.
        name: COG's label, verbatim, or the official name where COG has none.
        kind: An :class:`AuthorityKind`.
    """

    code: str | None = attrs.field(validator=_OPTIONAL_TEXT)
    name: str = attrs.field(validator=_TEXT)
    kind: AuthorityKind = attrs.field(validator=_of_type(AuthorityKind))


@attrs.frozen
class Region:
    """An INSEE région.

    Attributes:
        code: The INSEE code (``"11"`` for Île-de-France).
        name: The official name.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)


@attrs.frozen
class Academy:
    """An académie (or the vice-rectorat or service of a collectivity).

    Attributes:
        code: The Ministry's code (nomenclature N_ACADEMIE_ET_ASSIMILE, ``"18"``).
        name: The official name (``"Orléans-Tours"``).
        kind: An :class:`AcademyKind`.
        academic_region: Its région académique, ``None`` for the collectivities.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)
    kind: AcademyKind = attrs.field(validator=_of_type(AcademyKind))
    academic_region: str | None = attrs.field(validator=_OPTIONAL_TEXT)

    def _repr_html_(self) -> str:
        from ._render.notebook import academy_html  # noqa: PLC0415 - only notebooks need it

        return academy_html(self)


def _to_authorities(value: Iterable[Authority]) -> tuple[Authority, ...]:
    return _tuple_of(Authority, "authorities", value)


@attrs.frozen(repr=False)
class Department:
    """A département or overseas collectivity: one row of the publication's table.

    Attributes:
        code: The INSEE code (``"01"``, ``"2A"``, ``"974"``, ``"987"``).
        name: The official name in INSEE's COG 2025.
        iso_code: The ISO 3166-2 code (``"FR-75C"`` for Paris, ``"FR-PF"``).
        kind: A :class:`TerritoryKind`.
        region: Its :class:`Region`, ``None`` for the collectivities.
        academy: The :class:`Academy` it belongs to.
        authorities: The :class:`Authority` objects holding its public collèges
            (empty where unknown); left out of equality and hashing.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)
    iso_code: str = attrs.field(validator=_TEXT)
    kind: TerritoryKind = attrs.field(validator=_of_type(TerritoryKind))
    region: Region | None = attrs.field(validator=_of_type(Region, type(None)))
    academy: Academy = attrs.field(validator=_of_type(Academy))
    authorities: tuple[Authority, ...] = attrs.field(
        default=(), converter=_to_authorities, eq=False
    )

    @property
    def is_overseas(self) -> bool:
        """Whether the territory is outside metropolitan France."""
        return self.kind is not TerritoryKind.METROPOLITAN_DEPARTMENT

    def __repr__(self) -> str:
        academy = self.academy
        authority = (
            "académie" if academy.kind is AcademyKind.ACADEMY else academy.kind.value
        )
        return f"<Department {self.code!r} {self.name}, {authority} {academy.name}>"

    def _repr_html_(self) -> str:
        from ._render.notebook import department_html  # noqa: PLC0415 - only notebooks need it

        return department_html(self)


@attrs.frozen(repr=False)
class Deployment:
    """The state of the ENT in one territory, as one row of an edition states it.

    Attributes:
        department: The :class:`Department` the row is about.
        status: Its :class:`Status`.
        colleges_with_ent: How many public collèges have an ENT; ``None`` for ``"-"``.
        source_label: The row's territory label, verbatim.
        source_academy: The row's académie label, verbatim.
        source_status: The row's status label, verbatim.
        source_count: The row's count cell, verbatim (``"-"`` where unknown).
    """

    department: Department = attrs.field(validator=_of_type(Department))
    status: Status = attrs.field(validator=_of_type(Status))
    colleges_with_ent: int | None = attrs.field(validator=_of_type(int, type(None)))
    source_label: str = attrs.field(validator=_TEXT)
    source_academy: str = attrs.field(validator=_TEXT)
    source_status: str = attrs.field(validator=_TEXT)
    source_count: str = attrs.field(validator=_TEXT)

    @colleges_with_ent.validator
    def _count_agrees_with_status(self, _: object, count: int | None) -> None:
        contradiction = count_contradiction(self.status, count)
        if contradiction is not None:
            expected = f"a count that agrees with its status ({contradiction})"
            raise InvalidArgumentError("colleges_with_ent", count, expected)

    @source_status.validator
    def _status_cell_reads_as_status(self, _: object, cell: str) -> None:
        if _read_status(cell) is not self.status:
            expected = f"a spelling of {self.status.label!r} or {self.status.value!r}"
            raise InvalidArgumentError("source_status", cell, expected)

    @source_count.validator
    def _count_cell_reads_as_count(self, _: object, cell: str) -> None:
        count = self.colleges_with_ent
        try:
            agrees = parse_count(cell.strip()) == count
        except InvalidArgumentError:
            agrees = False
        if agrees:
            return
        shown = UNKNOWN_COUNT if count is None else str(count)
        expected = f"{shown!r}, the cell of colleges_with_ent={count!r}"
        raise InvalidArgumentError("source_count", cell, expected)

    @property
    def code(self) -> str:
        """The INSEE code of the territory."""
        return self.department.code

    @property
    def name(self) -> str:
        """The official name of the territory."""
        return self.department.name

    @property
    def academy(self) -> Academy:
        """The académie of the territory."""
        return self.department.academy

    def __repr__(self) -> str:
        count = self.colleges_with_ent
        if count is None:
            counted = "count not reported"
        else:
            counted = f"{count} collège" + ("" if count == 1 else "s")
        return f"<Deployment {self.code!r} {self.name}: {self.status.value}, {counted}>"

    def _repr_html_(self) -> str:
        from ._render.notebook import deployment_html  # noqa: PLC0415 - only notebooks need it

        return deployment_html(self)


@attrs.frozen
class Source:
    """A data source the publication names.

    Attributes:
        name: The source's name (``"DNMA"``).
        description: What it is.
    """

    name: str = attrs.field(validator=_TEXT)
    description: str = attrs.field(validator=_TEXT)


def _to_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return _tuple_of(Source, "sources", value)


@attrs.frozen
class Edition:
    """The metadata of one edition of the publication.

    Attributes:
        id: The edition's identifier (``"2025"``).
        title: The publication's title, verbatim.
        school_year: The school year it describes (``"2025-2026"``).
        publisher: Who publishes it.
        sources: The data sources the publication names.
        description: The publication's introduction, verbatim.
        statuses_description: What the publication says the statuses mean, verbatim.
        licence: The licence the publication states, ``None`` where it states none.
        licence_note: A note on the licence (says so when none is stated).
    """

    id: str = attrs.field(validator=_TEXT)
    title: str = attrs.field(validator=_TEXT)
    school_year: str | None = None
    publisher: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    description: str | None = None
    statuses_description: str | None = None
    licence: str | None = None
    licence_note: str | None = None


@attrs.frozen
class PublicCollegeCount:
    """One territory's public collèges in :class:`PublicColleges`.

    Attributes:
        code: The INSEE code of the territory.
        public_colleges: How many open public collèges it has; ``None`` if unreliable.
        note: What to know about the number, or ``None``.
    """

    code: str = attrs.field(validator=_TEXT)
    public_colleges: int | None = attrs.field(validator=_of_type(int, type(None)))
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)


def _to_counts(value: Iterable[PublicCollegeCount]) -> tuple[PublicCollegeCount, ...]:
    return _tuple_of(PublicCollegeCount, "counts", value)


@attrs.frozen
class PublicColleges:
    """Public collèges per territory (rentrée 2024): the denominator of coverage.

    Attributes:
        id: Its identifier (``"rentree-2024"``).
        title: What it is.
        snapshot_date: The date of the extract it was computed from (ISO 8601).
        dataset_id: The data set's id on data.education.gouv.fr.
        source: The data set's publisher, title and address.
        source_sha256: The sha256 of the extract, which the package does not ship.
        licence: The data set's licence.
        filter: The establishments counted, in words.
        counts: One :class:`PublicCollegeCount` per territory.
    """

    id: str = attrs.field(validator=_TEXT)
    title: str = attrs.field(validator=_TEXT)
    snapshot_date: str = attrs.field(validator=_TEXT)
    dataset_id: str = attrs.field(validator=_TEXT)
    source: str = attrs.field(validator=_TEXT)
    source_sha256: str = attrs.field(validator=_TEXT)
    licence: str = attrs.field(validator=_TEXT)
    filter: str = attrs.field(validator=_TEXT)
    counts: tuple[PublicCollegeCount, ...] = attrs.field(converter=_to_counts)
