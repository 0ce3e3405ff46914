"""One escaping rule per output format, shared by every reader, writer and renderer.

CSV (:func:`csv_cell`, :func:`csv_text`), HTML and SVG (:func:`markup` after
:func:`markup_problems`), Markdown (:func:`markdown_cell`) and the terminal
(:func:`terminal`).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence

from entdeploy._problems import Problems

__all__ = [
    "CSV_FORMULA_PREFIXES",
    "LONE_SURROGATE",
    "XML_FORBIDDEN",
    "csv_cell",
    "csv_text",
    "csv_uncell",
    "markdown_cell",
    "markup",
    "markup_problems",
    "terminal",
    "xml_forbidden",
]

# -- CSV -----------------------------------------------------------------------

#: The first characters that make a spreadsheet read a cell as a formula.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"
#: A lone surrogate: a str can hold one, UTF-8 cannot encode it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def csv_cell(value: object) -> str:
    """Return the CSV cell of *value*: ``""`` for None, digits for an int, safe text.

    Text starting with a :data:`CSV_FORMULA_PREFIXES` or an apostrophe gets a
    leading apostrophe, which spreadsheets hide; ``"-"`` (no count) is kept.
    """
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        msg = f"a CSV cell holds a str, an int or None, not {value!r}"
        raise TypeError(msg)
    if value != "-" and value.startswith((*CSV_FORMULA_PREFIXES, _QUOTE)):
        return _QUOTE + value
    return value


def csv_uncell(cell: str) -> str:
    """Return the text that :func:`csv_cell` turned into *cell*."""
    return cell[1:] if cell.startswith(_QUOTE) else cell


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, source: str, name: str
) -> str:
    r"""Return a CSV document: *header*, then *rows* written with :func:`csv_cell`.

    Lines end with ``"\n"``; a row holding a ``"\r"`` has every cell quoted.

    Raises:
        DataError: Cells holding a NUL or a lone surrogate, as ``name[row].column``.
    """
    problems = Problems(source)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoting = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for number, row in enumerate(rows):
        cells = [csv_cell(value) for value in row]
        found = len(problems)
        for column, cell in zip(header, cells, strict=True):
            if "\x00" in cell:
                message = "a CSV cell cannot hold a NUL character"
            elif LONE_SURROGATE.search(cell):
                message = "a UTF-8 file cannot hold a lone surrogate"
            else:
                continue
            problems.add(None, f"{name}[{number}].{column}", cell, message)
        if len(problems) == found:  # Python 3.10's csv module cannot write a NUL
            (quoting if any("\r" in c for c in cells) else writer).writerow(cells)
    problems.raise_if_any()
    return buffer.getvalue()


# -- HTML and SVG --------------------------------------------------------------

#: What XML 1.0 (hence SVG, and HTML kept well-formed) cannot hold, in words.
XML_FORBIDDEN = (
    "control characters other than tab, line feed and carriage return, "
    "lone surrogates, U+FFFE and U+FFFF"
)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_forbidden(text: str) -> str | None:
    """Return the first character of *text* that XML 1.0 cannot hold, or None."""
    found = _XML_FORBIDDEN.search(text)
    return None if found is None else found.group()


def markup_problems(source: str, values: Iterable[tuple[str, object]]) -> None:
    """Refuse the ``str`` values of *values*, ``(field, value)`` pairs, XML cannot hold.

    Raises:
        DataError: Listing, for *source*, every field holding such a character.
    """
    problems = Problems(source)
    for field, value in values:
        char = xml_forbidden(value) if isinstance(value, str) else None
        if char is not None:
            message = (
                f"holds U+{ord(char):04X}, a character SVG and HTML cannot hold; "
                "correct the text, or export the dataset as CSV, JSON or a text "
                "table, which can hold it"
            )
            problems.add(None, field, str(value), message)
    problems.raise_if_any()


def markup(text: object) -> str:
    """Return *text* escaped for HTML and SVG, in element content and attributes."""
    return html.escape(str(text), quote=True)


# -- Markdown ------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def markdown_cell(text: str) -> str:
    """Return *text* as one Markdown table cell, on one line, running no raw HTML.

    Backslashes and pipes are escaped, HTML's special characters become
    entities, and a line break becomes ``<br>``.
    """
    escaped = markup(text.replace("\\", "\\\\").replace("|", "\\|"))
    return _LINE_BREAK.sub("<br>", escaped)


# -- Terminal ------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def terminal(text: str) -> str:
    r"""Return *text* with control characters shown as escapes (``\\x1b``, ``\\n``).

    An escape sequence in a label then cannot move a terminal's cursor or colours.
    """
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)
