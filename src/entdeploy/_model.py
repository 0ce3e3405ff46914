"""The immutable domain model: statuses, territories, académies, editions."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ._normalize import normalize
from .exceptions import InvalidArgumentError

T = TypeVar("T")


class Status(enum.Enum):
    """The state of deployment of the ENT in a territory's public collèges.

    Statuses are ordered from least to most deployed:
    ``NONE_OR_UNKNOWN < IN_PROGRESS < MASSIVE``. The value is a stable
    machine key; :attr:`label` is the source's French label, verbatim.
    """

    NONE_OR_UNKNOWN = "none-or-unknown"
    IN_PROGRESS = "in-progress"
    MASSIVE = "massive"

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
            InvalidArgumentError: *label* is not exactly one of the three labels
                (also a :class:`ValueError`); :meth:`parse` accepts other
                spellings.
        """
        status = (
            _STATUS_SPELLINGS.get(normalize(label)) if isinstance(label, str) else None
        )
        if status is None or status.label != label:
            expected = ", ".join(repr(known) for known in _STATUS_LABELS.values())
            raise InvalidArgumentError(
                "label", label, f"one of the status labels {expected}"
            )
        return status

    @classmethod
    def parse(cls, text: str) -> Status:
        """Return the status *text* names, however it is typed.

        *text* is the French label (``"Déploiement massif"``), the key
        (``"in-progress"``) or the member's name (``"IN_PROGRESS"``), in any
        case, with or without accents, with any separators: it is compared
        with :func:`entdeploy._normalize.normalize`, as lookups compare names.
        This is the one place status text is read.

        Raises:
            InvalidArgumentError: *text* is not a ``str``, or names no status
                (also a :class:`ValueError`).
        """
        status = (
            _STATUS_SPELLINGS.get(normalize(text)) if isinstance(text, str) else None
        )
        if status is None:
            raise InvalidArgumentError("status", text, _STATUS_EXPECTED)
        return status

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank >= other.rank


_STATUS_ORDER = (Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, Status.MASSIVE)
_STATUS_LABELS = {
    Status.NONE_OR_UNKNOWN: "Pas de projet ENT ou inconnu",
    Status.IN_PROGRESS: "En cours de déploiement",
    Status.MASSIVE: "Déploiement massif",
}
_STATUS_SPELLINGS = {
    normalize(spelling): status
    for status in Status
    for spelling in (status.value, status.name, status.label)
}
_STATUS_EXPECTED = (
    "a status: "
    + ", ".join(repr(status.value) for status in reversed(_STATUS_ORDER))
    + " or a French label ("
    + ", ".join(repr(status.label) for status in reversed(_STATUS_ORDER))
    + "), in any case, with or without accents"
)


def count_contradiction(status: Status, count: int | None) -> str | None:
    """Return why *count* cannot go with *status*, or ``None`` when they agree.

    The publication's rule: a count of collèges is an integer from 0 to
    :data:`MAX_COUNT`, given for the two deployed states and not given
    (``None``, ``"-"`` in the source) for :attr:`Status.NONE_OR_UNKNOWN`.
    Every reader and writer checks it here.
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


#: The largest count of collèges a territory can have: the largest département
#: has about 200 public collèges, the whole country about 5,400.
MAX_COUNT = 10_000
#: Longer digit strings are not read as numbers at all (Python refuses to
#: convert more than 4,300 digits).
_MAX_DIGITS = 100

#: The count cell of the publication where it reports no count.
UNKNOWN_COUNT = "-"

#: The publication's four column headings, verbatim.
PUBLICATION_HEADER = (
    "Département",
    "Académie",
    "Etat du déploiement",
    "Nombre de collèges publics ayant un ENT",
)


def parse_count(cell: str, *, missing: str = UNKNOWN_COUNT) -> int | None:
    """Return the count of collèges a count cell holds, ``None`` for *missing*.

    A count is ASCII digits only (``"51"``, ``"0"``): no sign, no spaces, no
    other digits, at most 100 of them; strip the cell first where the source
    pads it. This is the one reader of count cells; :func:`count_contradiction`
    then checks the count against its status and :data:`MAX_COUNT`.

    Raises:
        InvalidArgumentError: *cell* is neither *missing* nor ASCII digits (also
            a :class:`ValueError`), or is not a ``str``.
    """
    if cell == missing and isinstance(cell, str):
        return None
    if (
        isinstance(cell, str)
        and cell.isascii()
        and cell.isdigit()
        and len(cell) <= _MAX_DIGITS
    ):
        return int(cell)
    raise InvalidArgumentError(
        "cell", cell, f"a number of collèges (digits 0-9) or {missing!r}"
    )


def _of_type(*types: type, expected: str) -> Callable[[Any, Any, Any], None]:
    """Return an attrs validator refusing a value that is not one of *types*.

    ``bool`` is never an ``int`` here. The error names the field.
    """

    def check(_: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, types) or (
            isinstance(value, bool) and bool not in types
        ):
            raise InvalidArgumentError(attribute.name, value, expected)

    return check


_TEXT = _of_type(str, expected="a str")
_OPTIONAL_TEXT = _of_type(str, type(None), expected="a str or None")


class TerritoryKind(enum.Enum):
    """What kind of territory a row of the table describes."""

    METROPOLITAN_DEPARTMENT = "metropolitan-department"
    OVERSEAS_DEPARTMENT = "overseas-department"
    OVERSEAS_COLLECTIVITY = "overseas-collectivity"


class AcademyKind(enum.Enum):
    """What kind of education authority an :class:`Academy` is.

    The four overseas collectivities have no académie: three have a
    vice-rectorat, Saint-Pierre-et-Miquelon a *service de l'Éducation nationale*.
    """

    ACADEMY = "academie"
    VICE_RECTORATE = "vice-rectorat"
    SERVICE = "service"


class AuthorityKind(enum.Enum):
    """What kind of authority holds a territory's public collèges.

    The values name the French legal categories (``"collectivite-europeenne"``
    is Alsace's; ``"etat"`` the State's).
    """

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

    It runs the ENT project with the académie.

    Attributes:
        code: Its INSEE COG 2025 code (``"01D"``, ``"20R"``, ``"6AE"``,
            ``"69M"``, ``"75C"``, ``"972R"``), ``None`` where COG has none
            (the State, Polynésie française, Nouvelle-Calédonie).
        name: COG's label, verbatim (``"Conseil départemental de L'Ain"``), or
            the official name where COG has none.
        kind: An :class:`AuthorityKind`.
    """

    code: str | None = attrs.field(validator=_OPTIONAL_TEXT)
    name: str = attrs.field(validator=_TEXT)
    kind: AuthorityKind = attrs.field(
        validator=_of_type(AuthorityKind, expected="an AuthorityKind")
    )


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
        academic_region: The name of its région académique, ``None`` for the
            collectivities, which have none.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)
    kind: AcademyKind = attrs.field(
        validator=_of_type(AcademyKind, expected="an AcademyKind")
    )
    academic_region: str | None = attrs.field(validator=_OPTIONAL_TEXT)

    def _repr_html_(self) -> str:
        from ._render.notebook import academy_html  # noqa: PLC0415 - only notebooks need it

        return academy_html(self)


def _tuple_of(kind: type[T], field: str, value: Iterable[T]) -> tuple[T, ...]:
    """Return *value* as a tuple of *kind*.

    Raises:
        InvalidArgumentError: *value* is a ``str`` (whose letters would become
            items), is not iterable, or holds something that is not a *kind*.
    """
    expected = f"an iterable of {kind.__name__} (a tuple or list), not a str"
    if isinstance(value, (str, bytes)):
        raise InvalidArgumentError(field, value, expected)
    try:
        items = tuple(value)
    except TypeError:
        raise InvalidArgumentError(field, value, expected) from None
    if not all(isinstance(item, kind) for item in items):
        raise InvalidArgumentError(field, value, expected)
    return items


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
        authorities: The :class:`Authority` holding its public collèges: one,
            or two for the Rhône (69D and 69M) and Nouvelle-Calédonie (988);
            empty where unknown. Left out of equality and hashing: a
            territory's authorities follow from its code.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)
    iso_code: str = attrs.field(validator=_TEXT)
    kind: TerritoryKind = attrs.field(
        validator=_of_type(TerritoryKind, expected="a TerritoryKind")
    )
    region: Region | None = attrs.field(
        validator=_of_type(Region, type(None), expected="a Region or None")
    )
    academy: Academy = attrs.field(validator=_of_type(Academy, expected="an Academy"))
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
        colleges_with_ent: The number of public collèges with an ENT, ``None``
            where the source reports none (``"-"``).
        source_label: The row's territory label, verbatim.
        source_academy: The row's académie label, verbatim.
        source_status: The row's status label, verbatim.
        source_count: The row's count cell, verbatim (``"-"`` where unknown).
    """

    department: Department = attrs.field(
        validator=_of_type(Department, expected="a Department")
    )
    status: Status = attrs.field(validator=_of_type(Status, expected="a Status"))
    colleges_with_ent: int | None = attrs.field(
        validator=_of_type(int, type(None), expected="an int or None")
    )
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
        if cell != self.status.label:
            try:
                read = Status.parse(cell)
            except InvalidArgumentError:
                read = None
            if read is not self.status:
                expected = (
                    f"a spelling of {self.status.label!r} or {self.status.value!r}"
                )
                raise InvalidArgumentError("source_status", cell, expected)

    @source_count.validator
    def _count_cell_reads_as_count(self, _: object, cell: str) -> None:
        try:
            read: int | None = parse_count(cell.strip())
        except InvalidArgumentError:
            read = -1
        if read != self.colleges_with_ent:
            count = self.colleges_with_ent
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
        return (
            f"<Deployment {self.department.code!r} {self.department.name}: "
            f"{self.status.value}, {counted}>"
        )

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


def _to_counts(value: Iterable[PublicCollegeCount]) -> tuple[PublicCollegeCount, ...]:
    return _tuple_of(PublicCollegeCount, "counts", value)


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
        public_colleges: How many open public collèges the reference's filter
            finds there; ``None`` where that number is unreliable (Polynésie
            française, where the source is incomplete: see :attr:`note`).
        note: What to know about the number, or ``None``.
    """

    code: str = attrs.field(validator=_TEXT)
    public_colleges: int | None = attrs.field(
        validator=_of_type(int, type(None), expected="an int or None")
    )
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)


@attrs.frozen
class PublicColleges:
    """Public collèges per territory: the denominator of coverage.

    A reference of its own vintage (the Ministry's establishments data set at
    rentrée 2024), distinct from every edition of the publication.

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
