"""The one normalisation of names and codes that every lookup uses."""

from __future__ import annotations

import re
import unicodedata

from .exceptions import InvalidArgumentError

__all__ = ["normalize"]

# Hyphens, dashes, apostrophes, quotes, dots, slashes and underscores separate words.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―'’‘`´.,;:/_()\"]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
# The combining marks of the block "Combining Diacritical Marks" (U+0300-U+036F),
# which hold every accent of French: one pattern deletes them all at once.
_COMMON_MARKS = re.compile(
    "[{}]".format(
        "".join(
            chr(code)
            for code in range(0x300, 0x370)
            if unicodedata.combining(chr(code))
        )
    )
)


def normalize(text: str) -> str:
    """Return *text* as lookups compare it: a canonical, accent-free, lower-case key.

    Accents and case are dropped, hyphens, apostrophes and other separators become
    single spaces, and the abbreviations "St" and "Ste" become "saint" and
    "sainte". ``normalize`` is idempotent: ``normalize(normalize(s)) ==
    normalize(s)``. ``"Côte-d'Or"``, ``"cote d or"`` and ``"COTE D'OR"`` all give
    ``"cote d or"``.

    Raises:
        InvalidArgumentError: *text* is not a ``str`` (also a :class:`TypeError`).
    """
    if not isinstance(text, str):
        raise InvalidArgumentError("text", text, "a str to normalise")
    if text.isascii():
        # Nothing to decompose, and casefolding ASCII is lower-casing.
        stripped = text.lower()
    else:
        # Compatibility forms (𝗔, ﬁ) decompose to letters that casefold further,
        # and casefolding can produce letters that decompose further: do both,
        # twice. Then drop the combining marks: the common accents by a pattern,
        # any other mark one character at a time.
        folded = unicodedata.normalize("NFKD", text).casefold()
        stripped = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", folded))
        if not stripped.isascii():
            stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    words = _SEPARATORS.sub(" ", stripped).split()
    return " ".join([_ABBREVIATIONS.get(word, word) for word in words])
