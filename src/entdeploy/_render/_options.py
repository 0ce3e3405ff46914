"""Checking what the renderers are given: their options and the text they show."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from entdeploy._escape import markup_problems
from entdeploy.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from entdeploy._dataset import Dataset

__all__ = ["OFFICIAL_TEXT", "SOURCE_TEXT", "check_option", "check_renderable"]


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


def check_renderable(
    dataset: Dataset,
    edition_fields: Iterable[str],
    deployment_fields: Iterable[str],
    source_fields: Iterable[str] = (),
) -> None:
    """Refuse a dataset whose shown text holds a character XML 1.0 cannot hold.

    *edition_fields* and *deployment_fields* name the text the renderer shows
    (attribute paths of the :class:`Edition` and of each :class:`Deployment`),
    *source_fields* those of each of the edition's :class:`Source`.

    Raises:
        DataError: Some text holds such a character (a control character
            other than tab, line feed and carriage return, a lone surrogate,
            U+FFFE or U+FFFF); every such field is listed.
    """
    edition = dataset.edition
    values: list[tuple[str, object]] = [
        (f"edition.{field}", attrgetter(field)(edition)) for field in edition_fields
    ]
    values.extend(
        (f"edition.sources[{index}].{field}", getattr(source, field))
        for index, source in enumerate(edition.sources)
        for field in source_fields
    )
    getters = [(field, attrgetter(field)) for field in deployment_fields]
    values.extend(
        (f"deployments[{index}].{field}", get(deployment))
        for index, deployment in enumerate(dataset.deployments)
        for field, get in getters
    )
    markup_problems(f"edition {edition.id!r}", values)
