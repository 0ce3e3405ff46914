"""A dataset as JSON (the converter's plain shape) and as CSV (a flat record a row)."""

from __future__ import annotations

import codecs
import json
import os
from typing import TextIO

from entdeploy._checks import check_path
from entdeploy._dataset import Dataset
from entdeploy._escape import LONE_SURROGATE, csv_text
from entdeploy._write.files import encode, write_files
from entdeploy._write.records import COLUMNS, records
from entdeploy.exceptions import InvalidArgumentError

__all__ = ["csv_of", "to_csv", "to_json"]


def to_json(dataset: Dataset, indent: int | None = 2) -> str:
    r"""Return *dataset* as JSON text: the converter's plain shape, deterministic.

    A lone surrogate, which UTF-8 cannot encode, is written as its JSON escape
    (``\ud800``), which reads back as the same character.
    """
    from entdeploy._convert import converter  # noqa: PLC0415 - slow to import

    plain = converter().unstructure(dataset, Dataset)
    text = json.dumps(plain, ensure_ascii=False, indent=indent) + "\n"
    # Surrogates only occur inside JSON strings, where an escape is valid.
    return LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def csv_of(dataset: Dataset) -> str:
    """Return *dataset* as CSV text: a header, then one record per territory.

    Raises:
        DataError: A text cannot be written in a CSV file.
    """
    rows = [list(record.values()) for record in records(dataset.deployments)]
    return csv_text(COLUMNS, rows, source="to_csv", name="deployments")


def to_csv(dataset: Dataset, target: str | os.PathLike[str] | TextIO) -> None:
    """Write *dataset* as CSV to *target*: a path (atomically) or a text stream.

    Raises:
        InvalidArgumentError: *target* is neither a path nor a text stream.
        DataError: A text cannot be written in CSV or the stream's encoding;
            nothing is written.
        OSError: The file cannot be written; it is left as it was.
    """
    text = csv_of(dataset)
    if isinstance(target, (str, os.PathLike)):
        expected = "a path to a file, or a text stream"
        write_files({check_path("target", target, expected): text})
        return
    write = getattr(target, "write", None)
    if not callable(write):
        raise InvalidArgumentError("target", target, "a path or a text stream")
    try:
        write("")  # a binary stream refuses text: find out before writing
    except TypeError:
        expected = "a text stream (io.StringIO, open(path, 'w')), not a binary one"
        raise InvalidArgumentError("target", target, expected) from None
    _check_encodable(target, text)
    write(text)


def _check_encodable(stream: object, text: str) -> None:
    """Refuse *text* if *stream*'s encoding (and error handler) cannot write it all."""
    encoding = getattr(stream, "encoding", None)
    errors = getattr(stream, "errors", None) or "strict"
    if not isinstance(encoding, str) or not isinstance(errors, str):
        return  # io.StringIO, or a stream that does not say: it holds any text
    try:
        codecs.lookup(encoding)
        codecs.lookup_error(errors)
    except LookupError:
        return
    why = (
        f"the stream's encoding ({encoding}) cannot hold {{char}}; "
        "open it with encoding='utf-8'; nothing was written"
    )
    encode(text, "to_csv", why, encoding, errors)
