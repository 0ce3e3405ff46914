"""The errors entdeploy raises on purpose.

Each derives from :class:`EntdeployError` and from the built-in exception whose
meaning it shares, so ``except KeyError`` or ``except ValueError`` work too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar, cast

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._model import Academy, Authority, Deployment

_T = TypeVar("_T")
_N = TypeVar("_N", "Deployment", "Academy", "Authority")

__all__ = [
    "DataError",
    "EmptyDatasetError",
    "EntdeployError",
    "InvalidArgumentError",
    "InvalidQueryError",
    "MissingExtraError",
    "Problem",
    "UnknownAcademyError",
    "UnknownAuthorityError",
    "UnknownDepartmentError",
    "UnknownEditionError",
    "UnknownEntityError",
    "UnknownRegionError",
]


class EntdeployError(Exception):
    """The base class of every error entdeploy raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from args (the message), not by __init__: the state has the rest.
        state = cast("tuple[object, ...]", super().__reduce__())[2:]
        return (type(self).__new__, (type(self), *self.args), *state)


def _shown(value: object) -> str:
    """Return ``repr(value)``, or a description if it fails (a huge int, a bad repr)."""
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
        suggestions: What the value may have meant, best first; may be empty.
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


class InvalidQueryError(EntdeployError, ValueError):
    """A query or filter can never match: blank, empty, unknown, or a limit below 1."""


class UnknownEntityError(EntdeployError, KeyError, Generic[_T]):
    """A strict lookup found no département, académie or région matching the query.

    Attributes:
        kind: What was looked up (``"département"``, ``"région académique"``...).
        query: The query, as given.
        suggestions: The closest matches, best first; empty when nothing is close.
        note: Why the query matched nothing, when there is more to say than that
            (``"it names more than one territory"``); ``None`` otherwise.
    """

    #: How a suggestion reads, and what to expect when no suggestion is close.
    _SHOW: ClassVar[str] = "{}"
    _EXPECTED: ClassVar[str] = "expected the name or code of an existing {kind}"

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
            *others, last = [self._SHOW.format(s) for s in self.suggestions]
            listed = f"{', '.join(others)} or {last}" if others else last
            message += f"; did you mean {listed}?"
        elif not note:
            message += f"; {self._EXPECTED.format(kind=kind)}"
        super().__init__(message)

    # KeyError's own __str__ shows the repr of its argument, quotes and all.
    __str__ = Exception.__str__


class _Named(Generic[_N]):
    """Mixin of the lookups of one ``_KIND``, whose suggestions read ``name (code)``."""

    _KIND: ClassVar[str]
    _SHOW: ClassVar[str] = "{0.name} ({0.code})"

    def __init__(
        self,
        query: str | int,
        suggestions: Sequence[_N] = (),
        *,
        note: str | None = None,
    ) -> None:
        # The next class in the method order is UnknownEntityError.
        super().__init__(self._KIND, query, suggestions, note=note)  # type: ignore[call-arg]


class UnknownDepartmentError(_Named["Deployment"], UnknownEntityError["Deployment"]):
    """No territory matches a strict lookup (:meth:`Dataset.lookup`, ``ds[...]``).

    Attributes as in :class:`UnknownEntityError`; ``kind`` is ``"département"``, and
    ``suggestions`` are the closest :class:`Deployment` objects, best first.
    """

    _KIND = "département"
    _EXPECTED = (
        "expected an INSEE code ('56', '2A'), an ISO 3166-2 code "
        "('FR-56') or a name ('Morbihan'); Dataset.search lists close names"
    )


class UnknownAcademyError(_Named["Academy"], UnknownEntityError["Academy"]):
    """No académie matches :meth:`Dataset.academy` or ``Dataset.filter(academy=...)``.

    Attributes as in :class:`UnknownEntityError`; ``kind`` is ``"académie"``, and
    ``suggestions`` are the closest :class:`Academy` objects, best first.
    """

    _KIND = "académie"
    _EXPECTED = (
        "expected a Ministry code ('18') or a name ('Orléans-Tours'); "
        "Dataset.academies lists them"
    )


class UnknownAuthorityError(_Named["Authority"], UnknownEntityError["Authority"]):
    """No authority matches :meth:`Dataset.authority` or ``filter(authority=...)``.

    Attributes as in :class:`UnknownEntityError`; ``kind`` is ``"collectivité"``, and
    ``suggestions`` are the closest :class:`Authority` objects, best first.
    """

    _KIND = "collectivité"
    _SHOW = "{0.name}"
    _EXPECTED = (
        "expected a COG code ('6AE', '69M') or a name ('Métropole de Lyon') of an "
        "authority that runs collèges of the dataset's territories"
    )


class UnknownRegionError(UnknownEntityError[str]):
    """No région (or région académique) matches a ``Dataset.filter`` value.

    Attributes as in :class:`UnknownEntityError`; ``kind`` is ``"région"`` or
    ``"région académique"``, ``suggestions`` are names (``str``), ``note`` is ``None``.
    """

    _EXPECTED = "expected the name of a {kind} (such as 'Bretagne')"

    def __init__(self, query: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(kind, query, suggestions)


class InvalidArgumentError(EntdeployError, ValueError, TypeError):
    """An argument has a value or type the function does not accept (``top(-1)``).

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


class EmptyDatasetError(EntdeployError, ValueError):
    """A statistic has nothing to compute over (``share`` of an empty dataset)."""
