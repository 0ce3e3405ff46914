"""CSV cells no spreadsheet runs as formulas: neutralised on write, restored on read.

The CSV writer (:mod:`entdeploy._write.exports`) and reader
(:mod:`entdeploy._read.user_table`) both use this module, so the reader needs nothing
from the writer.
"""

from __future__ import annotations

__all__ = ["CSV_FORMULA_PREFIXES", "neutralise", "unneutralise"]

#: The first characters that make a spreadsheet read a cell as a formula.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def neutralise(text: str) -> str:
    """Return *text* as a spreadsheet will show it, never run it as a formula.

    A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading apostrophe, which spreadsheets hide; so does a text
    that already starts with an apostrophe, so that :func:`unneutralise` gives
    back exactly the original. ``"-"`` alone, the source's "no count" marker,
    is left alone: no spreadsheet computes it.
    """
    if text != "-" and text.startswith((*CSV_FORMULA_PREFIXES, _QUOTE)):
        return _QUOTE + text
    return text


def unneutralise(text: str) -> str:
    """Return the text that :func:`neutralise` turned into *text*."""
    return text[1:] if text.startswith(_QUOTE) else text
