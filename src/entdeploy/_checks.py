"""Checks of what users pass in: paths, encodings, and text bound for SVG or HTML.

Each check raises :class:`InvalidArgumentError` naming the argument, so that a
bad value never reaches :mod:`pathlib`, :mod:`codecs` or a renderer, whose own
errors (``ValueError: embedded null byte``, ``LookupError``) name nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import os
from pathlib import Path

from entdeploy._escape import XML_FORBIDDEN, xml_forbidden
from entdeploy.exceptions import InvalidArgumentError

__all__ = ["check_encoding", "check_path", "check_text"]


def check_text(argument: str, value: object, *, non_empty: bool = False) -> None:
    """Refuse *value* unless it is None or a str (non-blank if *non_empty*) SVG holds.

    Raises:
        InvalidArgumentError: *value* is not such a ``str``.
    """
    if value is None:
        return
    if not isinstance(value, str) or (non_empty and not value.strip()):
        raise InvalidArgumentError(
            argument, value, "a non-empty str" if non_empty else "a str or None"
        )
    char = xml_forbidden(value)
    if char is not None:
        expected = (
            f"text without U+{ord(char):04X}: SVG and HTML cannot hold {XML_FORBIDDEN}"
        )
        raise InvalidArgumentError(argument, value, expected)


def check_path(argument: str, value: object, expected: str) -> Path:
    """Return *value*, a ``str`` or path-like, as a :class:`Path` the system can open.

    Raises:
        InvalidArgumentError: It is not, or holds a NUL or a character the file
            system cannot encode; *expected* (``"a path to a file"``) says why.
    """
    # TypeError: __fspath__ gave neither str nor bytes; UnicodeError: os.fsencode.
    with contextlib.suppress(TypeError, UnicodeError):
        text = os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
        if isinstance(text, str) and text and "\x00" not in text:
            os.fsencode(text)
            return Path(text)
    raise InvalidArgumentError(argument, value, expected)


def check_encoding(argument: str, value: object) -> str:
    """Return *value* if it names a text encoding (bytes to str), such as ``"utf-8"``.

    Raises:
        InvalidArgumentError: It names no codec, or one such as ``"rot13"``.
    """
    expected = "the name of a text encoding, such as 'utf-8' or 'cp1252'"
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, value, expected)
    try:
        info = codecs.lookup(value)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise InvalidArgumentError(argument, value, expected) from None
    # The private flag by which str.encode and bytes.decode refuse other codecs.
    if not getattr(info, "_is_text_encoding", True):
        raise InvalidArgumentError(argument, value, expected)
    return value
