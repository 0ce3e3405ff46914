"""What the renderers share: the checks of their options and text, French words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._escape import markup_problems
from entdeploy._model import AcademyKind
from entdeploy.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from entdeploy._dataset import Dataset

__all__ = [
    "ACADEMY_KINDS",
    "OFFICIAL_TEXT",
    "SOURCE_TEXT",
    "check_option",
    "check_renderable",
    "counted",
    "french_number",
    "shown",
]

#: The text of a territory each renderer shows, as attribute paths of a Deployment.
OFFICIAL_TEXT = ("department.code", "department.name", "department.academy.name")
SOURCE_TEXT = (
    "department.code",
    "source_label",
    "source_academy",
    "source_status",
    "source_count",
)
#: What each kind of académie is called.
ACADEMY_KINDS = {
    AcademyKind.ACADEMY: "académie",
    AcademyKind.VICE_RECTORATE: "vice-rectorat",
    AcademyKind.SERVICE: "service de l'Éducation nationale",
}


def check_option(name: str, value: object, expected: Collection[str]) -> str:
    """Return *value*, or raise InvalidArgumentError if it is not one of *expected*."""
    if not isinstance(value, str) or value not in expected:
        listed = ", ".join(repr(e) for e in expected)
        raise InvalidArgumentError(name, value, f"one of {listed}")
    return value


def shown(
    prefix: str, value: object, paths: Iterable[str]
) -> Iterator[tuple[str, object]]:
    """Yield ``(prefix + path, value at path)``, None past a None, for each path."""
    for path in paths:
        found = value
        for name in path.split("."):
            found = None if found is None else getattr(found, name)
        yield prefix + path, found


def check_renderable(
    dataset: Dataset,
    edition_fields: Iterable[str],
    deployment_fields: Collection[str] = OFFICIAL_TEXT,
    source_fields: Collection[str] = (),
) -> None:
    """Raise DataError naming every shown field of *dataset* XML 1.0 cannot hold.

    The fields are attribute paths of the edition, of each of its sources and of
    each deployment.
    """
    edition = dataset.edition
    values = [*shown("edition.", edition, edition_fields)]
    for index, source in enumerate(edition.sources):
        values.extend(shown(f"edition.sources[{index}].", source, source_fields))
    for index, deployment in enumerate(dataset.deployments):
        values.extend(shown(f"deployments[{index}].", deployment, deployment_fields))
    markup_problems(f"edition {edition.id!r}", values)


def french_number(
    value: float, decimals: int = 0, *, signed: bool = False, percent: bool = False
) -> str:
    """Return *value* written the French way: ``"4 840"``, ``"+1 200"``, ``"88,6 %"``.

    Thousands are separated, and a percentage (*value* a fraction of 1)
    preceded, by a narrow no-break space (U+202F); the decimal mark is a comma.
    """
    text = f"{value * 100 if percent else value:{'+' if signed else ''},.{decimals}f}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return text + "\u202f%" if percent else text


def counted(count: int, noun: str) -> str:
    """Return *count* and *noun* (``"territoire{s}"``), singular for 0 and 1."""
    return f"{french_number(count)} {noun.format(s='' if count < 2 else 's')}"
