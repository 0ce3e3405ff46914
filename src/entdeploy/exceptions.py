"""The errors entdeploy raises on purpose.

Every one derives from :class:`EntdeployError`, and also from the built-in
exception whose meaning it shares (:class:`LookupError`, :class:`ValueError`,
:class:`ImportError`), so ``except KeyError`` or ``except ValueError`` work too.
"""

from __future__ import annotations

import attrs

__all__ = [
    "DataError",
    "EntdeployError",
    "MissingExtraError",
    "Problem",
    "UnknownEditionError",
]


class EntdeployError(Exception):
    """The base class of every error entdeploy raises on purpose."""


@attrs.frozen
class Problem:
    """One problem found in a data file.

    Attributes:
        source: The file (or stream) the problem is in.
        line: The 1-based line number, ``None`` where the problem is the whole file.
        field: The column or key at fault, ``None`` where it is the whole row.
        value: The offending value, ``None`` where there is none.
        message: What is wrong and what was expected.
    """

    source: str
    line: int | None
    field: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field {self.field!r}"
        if self.value is not None:
            where += f" (value {self.value!r})"
        return f"{where}: {self.message}"


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
        super().__init__(f"no packaged edition {edition!r}; known editions: {listed}")


class MissingExtraError(EntdeployError, ImportError):
    """An optional dependency is not installed.

    Attributes:
        extra: The name of the extra to install (``"pandas"``).
    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional dependency {module!r}, which is not "
            f"installed; install it with: pip install 'entdeploy[{extra}]'",
            name=module,
        )
