"""Reading a dataset back from the JSON that :meth:`Dataset.to_json` writes."""

from __future__ import annotations

import functools
import json
import re

from entdeploy._dataset import Dataset
from entdeploy._problems import Problems, duplicates
from entdeploy._read._source import decode
from entdeploy._read.packaged import editions, load
from entdeploy._read.user_table import MAX_BYTES, check_reference
from entdeploy.exceptions import InvalidArgumentError

__all__ = ["from_json"]

#: The source the problems of a JSON text name.
JSON_SOURCE = "JSON"
#: Longer integers are refused: a count has at most 5 digits.
_MAX_DIGITS = 100


def from_json(text: str | bytes) -> Dataset:
    """Return the :class:`Dataset` that *text* describes; see :meth:`Dataset.from_json`.

    Raises:
        InvalidArgumentError: *text* is neither ``str`` nor ``bytes``.
        DataError: *text* is over 1 MB, not UTF-8 JSON, gives a key twice, is no
            valid dataset, or states a packaged edition without its territories.
    """
    from entdeploy._convert import converter, structure  # noqa: PLC0415 - slow

    problems = Problems(JSON_SOURCE)
    if not isinstance(text, (str, bytes)):
        raise InvalidArgumentError("text", text, "JSON text, a str or bytes")
    if len(text) > MAX_BYTES:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        problems.fail(None, None, None, f"more than {MAX_BYTES:,} {unit} of JSON")
    if isinstance(text, bytes):
        text = decode(text, problems) or ""
        problems.raise_if_any()
    integer = functools.partial(_integer, text)
    try:  # the hooks raise a DataError for a key given twice or a number too long
        plain = json.loads(text, object_pairs_hook=_unique_keys, parse_int=integer)
    except RecursionError:
        message = "the JSON nests too deeply to read; a dataset nests 4 levels"
        problems.fail(None, None, None, message)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        problems.fail(error.lineno, None, None, message)
    dataset = structure(converter(), plain, Dataset, JSON_SOURCE)
    if dataset.edition in editions():
        reference = load(dataset.edition.id)
        for number, deployment in enumerate(dataset):
            known = reference.get(deployment.code)
            field = f"deployments[{number}].department.{{}}"
            if known is None or known.code != deployment.code:
                message = "no territory of the edition has this INSEE code"
                problems.add(None, field.format("code"), deployment.code, message)
            elif known.department != deployment.department:
                check_reference(None, deployment, known, problems, field)
    problems.raise_if_any()
    return dataset


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Return the JSON object of *pairs*, refusing a key given twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        first = min(first for _, first in duplicates(key for key, _ in pairs))
        message = "a key given twice in one object"
        Problems(JSON_SOURCE).fail(None, pairs[first][0], None, message)
    return found


def _integer(text: str, digits: str) -> int:
    """Return the JSON integer *digits*, refusing a long one where *text* has it."""
    size = len(digits.lstrip("-"))
    if size > _MAX_DIGITS:
        # A number follows a colon, a bracket, a comma or a space: not a quote.
        found = re.search(r"(?<=[\s:\[,])" + re.escape(digits), text)
        at = text.find(digits) if found is None else found.start()
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        message = (
            f"a number of {size:,} digits (column {column}); a count of collèges "
            f"is at most 10,000, and no number here has more than {_MAX_DIGITS}"
        )
        Problems(JSON_SOURCE).fail(line, None, f"{digits[:12]}…", message)
    return int(digits)
