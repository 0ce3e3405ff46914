"""The errors entdeploy raises on purpose.

Every one derives from :class:`EntdeployError`, and also from the built-in
exception whose meaning it shares (:class:`LookupError`, :class:`ValueError`,
:class:`ImportError`), so ``except KeyError`` or ``except ValueError`` work too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._model import Academy, Deployment

_T = TypeVar("_T")

__all__ = [
    "DataError",
    "EmptyDatasetError",
    "EntdeployError",
    "InvalidArgumentError",
    "InvalidQueryError",
    "MissingExtraError",
    "Problem",
    "UnknownAcademyError",
    "UnknownDepartmentError",
    "UnknownEditionError",
    "UnknownEntityError",
    "UnknownRegionError",
]


class EntdeployError(Exception):
    """The base class of every error entdeploy raises on purpose."""


def _shown(value: object) -> str:
    """Return ``repr(value)``, or a description where it has none to give.

    An ``int`` of more than 4,300 digits has no ``repr`` (Python refuses the
    conversion), and a hostile object's ``__repr__`` may raise: the error
    naming the value must still be raised, not that failure.
    """
    try:
        return repr(value)
    except Exception:  # noqa: BLE001 - whatever __repr__ raises, say what it was
        if isinstance(value, int):
            digits = int(abs(value).bit_length() * math.log10(2)) + 1
            sign = "a negative " if value < 0 else "an "
            return f"<{sign}int of about {digits:,} digits>"
        return f"<a {type(value).__name__} that cannot be shown>"


@attrs.frozen
class Problem:
    """One problem found in a data file.

    Attributes:
        source: The file (or stream) the problem is in.
        line: The 1-based line number, ``None`` where the problem is the whole file.
        field: The column or key at fault, ``None`` where it is the whole row.
        value: The offending value, ``None`` where there is none.
        message: What is wrong and what was expected.
        suggestions: What the value may have meant, best first (an unknown
            label's closest names); empty when there is nothing to suggest.
    """

    source: str
    line: int | None
    field: str | None
    value: str | None
    message: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field {self.field!r}"
        if self.value is not None:
            where += f" (value {self.value!r})"
        text = f"{where}: {self.message}"
        if self.suggestions:
            text += f"; did you mean {' or '.join(map(repr, self.suggestions))}?"
        return text


class DataError(EntdeployError, ValueError):
    """A data file is invalid; :attr:`problems` lists every problem found.

    Attributes:
        problems: A tuple of :class:`Problem`, in the order they were found.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "DataError needs at least one problem"
            raise ValueError(msg)
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            lines = "\n".join(f"  - {problem}" for problem in self.problems)
            text = f"{len(self.problems)} problems found:\n{lines}"
        super().__init__(text)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,), self.__dict__)


class UnknownEditionError(EntdeployError, LookupError):
    """No packaged edition has the requested id.

    Attributes:
        edition: The id that was asked for.
        known: The ids of the packaged editions.
    """

    def __init__(self, edition: str, known: tuple[str, ...]) -> None:
        self.edition = edition
        self.known = known
        listed = ", ".join(repr(k) for k in known)
        super().__init__(
            f"no packaged edition {_shown(edition)}; known editions: {listed}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.edition, self.known), self.__dict__)


class MissingExtraError(EntdeployError, ImportError):
    """An optional dependency is not installed.

    Attributes:
        feature: What needs the dependency (``"the map"``).
        extra: The name of the extra to install (``"pandas"``).
        name: The missing module (:class:`ImportError`'s own attribute).
    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional dependency {module!r}, which is not "
            f"installed; install it with: pip install 'entdeploy[{extra}]'",
            name=module,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.feature, self.extra, self.name), self.__dict__)


# -- Query errors (lookup, academy, filter) -----------------------------------


def _did_you_mean(names: Sequence[str]) -> str:
    if len(names) == 1:
        return f"did you mean {names[0]}?"
    return f"did you mean {', '.join(names[:-1])} or {names[-1]}?"


class InvalidQueryError(EntdeployError, ValueError):
    """A query or filter value can never match: empty, blank, or not a known value.

    Raised for an empty or blank name or code (which would otherwise match
    everything), an unknown status or kind in :meth:`Dataset.filter`, an empty
    collection of filter values, and a search ``limit`` below 1.
    """


class UnknownEntityError(EntdeployError, KeyError, Generic[_T]):
    """A strict lookup found no département, académie or région matching the query.

    A :class:`KeyError`, hence a :class:`LookupError`: ``except KeyError`` and
    ``except LookupError`` both catch it. :class:`UnknownDepartmentError`,
    :class:`UnknownAcademyError` and :class:`UnknownRegionError` derive from it.

    Attributes:
        kind: What was looked up: ``"département"``, ``"académie"``, ``"région"``
            or ``"région académique"``.
        query: The query, as given.
        suggestions: The closest matches, best first; empty when nothing is close.
        note: Why the query matched nothing, when there is more to say than that
            (``"it names more than one territory"``); ``None`` otherwise.
    """

    kind: str
    query: str | int
    suggestions: tuple[_T, ...]
    note: str | None

    def __init__(
        self,
        kind: str,
        query: str | int,
        suggestions: Sequence[_T] = (),
        *,
        note: str | None = None,
    ) -> None:
        self.kind = kind
        self.query = query
        self.suggestions = tuple(suggestions)
        self.note = note
        message = f"no {kind} matches {_shown(query)}"
        if note:
            message += f"; {note}"
        if self.suggestions:
            message += f"; {_did_you_mean([self._show(s) for s in self.suggestions])}"
        elif not note:
            message += f"; {self._expected()}"
        super().__init__(message)

    def _show(self, suggestion: _T) -> str:
        """Return how *suggestion* reads in the message."""
        return str(suggestion)

    def _expected(self) -> str:
        """Return what a query should look like, said when nothing is close."""
        return f"expected the name or code of an existing {self.kind}"

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument, quotes and all.
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[object, ...]:
        fields = (type(self), self.kind, self.query, self.suggestions, self.note)
        return (_rebuild_unknown, fields, self.__dict__)


def _rebuild_unknown(
    cls: type[UnknownEntityError[_T]],
    kind: str,
    query: str | int,
    suggestions: tuple[_T, ...],
    note: str | None,
) -> UnknownEntityError[_T]:
    """Return an unpickled *cls* error, built by the ``__init__`` all of them share.

    The subclasses' own signatures differ (:class:`UnknownRegionError` takes
    its kind), so pickle rebuilds every one through the base's.
    """
    error = cls.__new__(cls)
    UnknownEntityError.__init__(error, kind, query, suggestions, note=note)
    return error


class UnknownDepartmentError(UnknownEntityError["Deployment"]):
    """No territory matches a strict lookup (:meth:`Dataset.lookup`, ``ds[...]``).

    Its :attr:`kind` is ``"département"``.

    Attributes:
        query: The query, as given.
        suggestions: The closest territories, a tuple of :class:`Deployment`, best
            first; empty when nothing is close.
        note: Why nothing matched when there is more to say, else ``None``.
    """

    def __init__(
        self,
        query: str | int,
        suggestions: Sequence[Deployment] = (),
        *,
        note: str | None = None,
    ) -> None:
        super().__init__("département", query, suggestions, note=note)

    def _show(self, suggestion: Deployment) -> str:
        return f"{suggestion.name} ({suggestion.code})"

    def _expected(self) -> str:
        return (
            "expected an INSEE code ('56', '2A'), an ISO 3166-2 code "
            "('FR-56') or a name ('Morbihan'); Dataset.search lists close names"
        )


class UnknownAcademyError(UnknownEntityError["Academy"]):
    """No académie matches :meth:`Dataset.academy` or ``Dataset.filter(academy=...)``.

    Its :attr:`kind` is ``"académie"``.

    Attributes:
        query: The query, as given.
        suggestions: The closest académies, a tuple of :class:`Academy`, best
            first; empty when nothing is close.
        note: Why nothing matched when there is more to say, else ``None``.
    """

    def __init__(
        self,
        query: str | int,
        suggestions: Sequence[Academy] = (),
        *,
        note: str | None = None,
    ) -> None:
        super().__init__("académie", query, suggestions, note=note)

    def _show(self, suggestion: Academy) -> str:
        return f"{suggestion.name} ({suggestion.code})"

    def _expected(self) -> str:
        return (
            "expected a Ministry code ('18') or a name ('Orléans-Tours'); "
            "Dataset.academies lists them"
        )


class UnknownRegionError(UnknownEntityError[str]):
    """No région (or région académique) matches a ``Dataset.filter`` value.

    Attributes:
        query: The query, as given.
        kind: ``"région"`` or ``"région académique"``.
        suggestions: The names of the closest régions, a tuple of ``str``, best
            first; empty when nothing is close.
        note: Always ``None``.
    """

    def __init__(self, query: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(kind, query, suggestions)

    def _expected(self) -> str:
        return f"expected the name of a {self.kind} (such as 'Bretagne')"


# -- Aggregation errors (summarize, group_by, share, statistics) --------------


class InvalidArgumentError(EntdeployError, ValueError, TypeError):
    """An argument has a value or type the function does not accept.

    Both a :class:`ValueError` and a :class:`TypeError`, so either ``except``
    clause catches it. Raised, for example, for ``summarize(by="académie")``
    (the groupings are ``"academy"``, ``"region"``, ...) or ``top(-1)``.

    Attributes:
        argument: The name of the argument at fault.
        value: The value that was given.
        expected: What the argument accepts.
    """

    def __init__(self, argument: str, value: object, expected: str) -> None:
        self.argument = argument
        self.value = value
        self.expected = expected
        super().__init__(
            f"{argument}={_shown(value)} is not accepted; expected {expected}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.argument, self.value, self.expected), self.__dict__)


class EmptyDatasetError(EntdeployError, ValueError):
    """A statistic is undefined because there is nothing to compute it over.

    Raised, for example, by ``share`` on a dataset with no territories, or by
    ``college_stats`` when no territory has a known count.
    """
