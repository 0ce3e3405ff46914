"""Reading a dataset back from the JSON that :meth:`Dataset.to_json` writes."""

from __future__ import annotations

import json

from entdeploy._dataset import Dataset
from entdeploy._problems import Problems
from entdeploy._read._source import decode
from entdeploy.exceptions import InvalidArgumentError

__all__ = ["from_json"]

#: The source the problems of a JSON text name.
JSON_SOURCE = "JSON"


def from_json(text: str | bytes) -> Dataset:
    """Return the :class:`Dataset` that *text* describes; see :meth:`Dataset.from_json`.

    Raises:
        InvalidArgumentError: *text* is neither ``str`` nor ``bytes``.
        DataError: *text* is not UTF-8 or JSON, or not a valid dataset.
    """
    from entdeploy._convert import make_converter, structure  # noqa: PLC0415 - slow

    problems = Problems(JSON_SOURCE)
    if isinstance(text, bytes):
        text = decode(text, problems) or ""
        problems.raise_if_any()
    if not isinstance(text, str):
        raise InvalidArgumentError("text", text, "JSON text, a str or bytes")
    try:
        plain = json.loads(text)
    except RecursionError:
        message = "the JSON nests too deeply to read; a dataset nests 4 levels"
        problems.fail(None, None, None, message)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        problems.fail(error.lineno, None, None, message)
    return structure(make_converter(), plain, Dataset, JSON_SOURCE)
