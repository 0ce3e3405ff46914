"""Collecting the problems of one source, and the one duplicate check.

Readers, writers and renderers find every problem before they raise: a
:class:`Problems` is bound to the source it reports on, gathers
:class:`~entdeploy.exceptions.Problem` objects with :meth:`Problems.add`, and
raises them together in one :class:`~entdeploy.exceptions.DataError`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import NoReturn, TypeVar

from entdeploy.exceptions import DataError, Problem

__all__ = ["Problems", "duplicates", "raise_together"]

K = TypeVar("K", bound=Hashable)


class Problems:
    """The problems found so far in *source* (a file, a stream, an edition)."""

    __slots__ = ("_found", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._found: list[Problem] = []

    def add(
        self,
        line: int | None,
        field: str | None,
        value: str | None,
        message: str,
        suggestions: Sequence[str] = (),
    ) -> None:
        """Record one problem: where it is, the value at fault and what is wrong."""
        self._found.append(
            Problem(self.source, line, field, value, message, tuple(suggestions))
        )

    def fail(
        self, line: int | None, field: str | None, value: str | None, message: str
    ) -> NoReturn:
        """Record one problem, then raise every problem recorded in a DataError."""
        self.add(line, field, value, message)
        raise DataError(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def raise_if_any(self) -> None:
        """Raise every problem recorded in one DataError, if there is any."""
        raise_together(self)


def raise_together(*collectors: Problems) -> None:
    """Raise the problems of every collector in one :class:`DataError`, if any."""
    found = [problem for collector in collectors for problem in collector._found]  # noqa: SLF001
    if found:
        raise DataError(found)


def duplicates(keys: Iterable[K]) -> Iterator[tuple[int, int]]:
    """Yield ``(index, first)`` for each key of *keys* already seen at *first*.

    The one rule for "each territory (or code) appears once": every reader and
    :class:`~entdeploy.Dataset` call it, and word the problem for their source.
    """
    seen: dict[K, int] = {}
    for index, key in enumerate(keys):
        first = seen.setdefault(key, index)
        if first != index:
            yield index, first
