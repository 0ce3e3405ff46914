"""Reading a dataset back from the JSON that :meth:`Dataset.to_json` writes.

JSON is the lossless interchange of any :class:`Dataset`: what the model
accepts, it reads back equal. Like a user's table, it is refused over 1 MB or
with a key given twice; a JSON that states a packaged edition's metadata must
also hold that edition's territories, with their names and codes.
"""

from __future__ import annotations

import json
import re
from typing import NoReturn

import attrs

from entdeploy._dataset import Dataset
from entdeploy._problems import Problems
from entdeploy._read._source import decode
from entdeploy._read.packaged import editions, load
from entdeploy._read.user_table import MAX_BYTES, check_reference
from entdeploy._write.records import record_of
from entdeploy.exceptions import InvalidArgumentError

__all__ = ["from_json"]

#: The source the problems of a JSON text name.
JSON_SOURCE = "JSON"


#: Longer integers are not read (a count has at most 5 digits; Python refuses
#: to convert more than 4,300).
_MAX_DIGITS = 100


class _DuplicateKeyError(ValueError):
    """A JSON object gives one key twice."""


class _LongNumberError(ValueError):
    """A JSON number has more digits than any count could."""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        raise _LongNumberError(digits)
    return int(digits)


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise _DuplicateKeyError(twice)
    return found


def from_json(text: str | bytes) -> Dataset:
    """Return the :class:`Dataset` that *text* describes; see :meth:`Dataset.from_json`.

    Raises:
        InvalidArgumentError: *text* is neither ``str`` nor ``bytes``.
        DataError: *text* is over 1 MB, not UTF-8, not JSON (or gives a key
            twice), or not a valid dataset, or states a packaged edition whose
            territories it does not hold.
    """
    from entdeploy._convert import make_converter, structure  # noqa: PLC0415 - slow

    problems = Problems(JSON_SOURCE)
    if not isinstance(text, (str, bytes)):
        raise InvalidArgumentError("text", text, "JSON text, a str or bytes")
    if len(text) > MAX_BYTES:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        problems.fail(None, None, None, f"more than {MAX_BYTES:,} {unit} of JSON")
    if isinstance(text, bytes):
        text = decode(text, problems) or ""
        problems.raise_if_any()
    try:
        plain = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except RecursionError:
        message = "the JSON nests too deeply to read; a dataset nests 4 levels"
        problems.fail(None, None, None, message)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        problems.fail(error.lineno, None, None, message)
    except _DuplicateKeyError as error:
        problems.fail(None, str(error), None, "a key given twice in one object")
    except _LongNumberError as error:
        _long_number(text, str(error), problems)
    except ValueError as error:  # anything else json cannot convert
        problems.fail(None, None, None, f"a value cannot be read: {error}")
    dataset = structure(make_converter(), plain, Dataset, JSON_SOURCE)
    packaged = {edition.id: edition for edition in editions()}
    if dataset.edition == packaged.get(dataset.edition.id):
        _check_territories(dataset, load(dataset.edition.id), problems)
    problems.raise_if_any()
    return dataset


def _long_number(text: str, digits: str, problems: Problems) -> NoReturn:
    """Refuse the number *digits*, found in *text*, at its line and column."""
    # A number follows a colon, a bracket, a comma or a space: not a quote.
    found = re.search(r"(?<=[\s:\[,])" + re.escape(digits), text)
    at = text.find(digits) if found is None else found.start()
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    size = len(digits.lstrip("-"))
    problems.fail(
        line,
        None,
        f"{digits[:12]}…",
        f"a number of {size:,} digits (column {column}); a count of collèges "
        f"is at most 10,000, and no number here has more than {_MAX_DIGITS}",
    )


def _check_territories(
    dataset: Dataset, reference: Dataset, problems: Problems
) -> None:
    """Record each territory of *dataset* that is not *reference*'s, as it is there."""
    for number, deployment in enumerate(dataset):
        known = reference.get(deployment.code)
        field = f"deployments[{number}].department.{{}}"
        if known is None or known.code != deployment.code:
            message = "no territory of the edition has this INSEE code"
            problems.add(None, field.format("code"), deployment.code, message)
        else:
            cells = attrs.asdict(record_of(deployment), recurse=False)
            check_reference(None, cells, known, problems, field)
