"""Checking what the renderers are given: their options and the text they show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._escape import markup_problems
from entdeploy.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from entdeploy._dataset import Dataset

__all__ = [
    "OFFICIAL_TEXT",
    "SOURCE_TEXT",
    "check_option",
    "check_renderable",
    "french_number",
    "shown",
]


def check_option(name: str, value: object, expected: Collection[str]) -> str:
    """Return *value* if it is one of *expected*.

    Raises:
        InvalidArgumentError: *value* is not one of *expected*.
    """
    if not isinstance(value, str) or value not in expected:
        listed = ", ".join(repr(e) for e in expected)
        raise InvalidArgumentError(name, value, f"one of {listed}")
    return value


#: The text of a territory each renderer shows, as attribute paths of a Deployment.
OFFICIAL_TEXT = ("department.code", "department.name", "department.academy.name")
SOURCE_TEXT = (
    "department.code",
    "source_label",
    "source_academy",
    "source_status",
    "source_count",
)


def shown(
    prefix: str, value: object, paths: Iterable[str]
) -> Iterator[tuple[str, object]]:
    """Yield ``(prefix + path, value at path)`` for each attribute path of *value*.

    A path through ``None`` (a collectivity's région) gives ``None``.
    """
    for path in paths:
        found = value
        for name in path.split("."):
            found = None if found is None else getattr(found, name)
        yield prefix + path, found


def check_renderable(
    dataset: Dataset,
    edition_fields: Iterable[str],
    deployment_fields: Collection[str],
    source_fields: Collection[str] = (),
) -> None:
    """Refuse a dataset whose shown text holds a character XML 1.0 cannot hold.

    *edition_fields* and *deployment_fields* name the text the renderer shows
    (attribute paths of the :class:`Edition` and of each :class:`Deployment`),
    *source_fields* those of each of the edition's :class:`Source`.

    Raises:
        DataError: Some text holds such a character
            (:data:`entdeploy._escape.XML_FORBIDDEN`); every such field is listed.
    """
    edition = dataset.edition
    values = [*shown("edition.", edition, edition_fields)]
    for index, source in enumerate(edition.sources):
        values.extend(shown(f"edition.sources[{index}].", source, source_fields))
    for index, deployment in enumerate(dataset.deployments):
        values.extend(shown(f"deployments[{index}].", deployment, deployment_fields))
    markup_problems(f"edition {edition.id!r}", values)


def french_number(value: float, *, decimals: int = 0, percent: bool = False) -> str:
    """Return *value* written the French way: ``"4 840"``, ``"88,6 %"``.

    Thousands are separated, and a percentage (*value* a fraction of 1)
    preceded, by a narrow no-break space (U+202F); the decimal mark is a comma.
    """
    text = f"{value * 100 if percent else value:,.{decimals}f}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return text + "\u202f%" if percent else text
