"""Checking the string options of the renderers."""

from __future__ import annotations

from collections.abc import Collection

from entdeploy.exceptions import InvalidArgumentError

__all__ = ["check_option"]


def check_option(name: str, value: object, expected: Collection[str]) -> str:
    """Return *value* if it is one of *expected*.

    Raises:
        InvalidArgumentError: *value* is not one of *expected*.
    """
    if not isinstance(value, str) or value not in expected:
        listed = ", ".join(repr(e) for e in expected)
        raise InvalidArgumentError(name, value, f"one of {listed}")
    return value
