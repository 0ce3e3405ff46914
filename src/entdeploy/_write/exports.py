"""A dataset as JSON (the converter's plain shape) and as CSV (one flat record a row).

Both are whole texts before anything is written: a path is written atomically
(:mod:`entdeploy._write.files`), a stream gets the text in one ``write``.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from typing import TYPE_CHECKING, TextIO

from entdeploy._checks import check_path
from entdeploy._dataset import Dataset
from entdeploy._escape import csv_text
from entdeploy._problems import Problems
from entdeploy._write.files import write_files
from entdeploy.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["csv_of", "to_csv", "to_json", "write_text"]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(dataset: Dataset) -> str:
    r"""Return *dataset* as JSON text: the converter's plain shape, deterministic.

    A lone surrogate (which UTF-8 cannot encode) is written as its JSON escape
    (``\ud800``), which reads back as the same character: the text can
    always be saved as UTF-8.
    """
    from entdeploy._convert import make_converter  # noqa: PLC0415 - slow to import

    plain = make_converter().unstructure(dataset, Dataset)
    text = json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    # Surrogates only occur inside JSON strings, where an escape is valid.
    return _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def to_csv(dataset: Dataset, target: str | os.PathLike[str] | TextIO) -> None:
    """Write *dataset* to *target* as CSV; see :meth:`Dataset.to_csv`.

    Raises:
        InvalidArgumentError: *target* is neither a path nor a text stream.
        DataError: A text cannot be written in a CSV file; nothing is written.
        OSError: The file cannot be written.
    """
    write_text(target, csv_of(dataset))


def csv_of(dataset: Dataset) -> str:
    """Return *dataset* as CSV text: a header, then one record per territory.

    Raises:
        DataError: A text cannot be written in a CSV file.
    """
    from entdeploy._write.records import COLUMNS, records  # noqa: PLC0415 - cattrs

    rows = [list(record.values()) for record in records(dataset.deployments)]
    return csv_text(COLUMNS, rows, source="to_csv", name="deployments")


def write_text(target: str | os.PathLike[str] | TextIO, text: str) -> None:
    """Write *text* to *target*: a path (atomically, in UTF-8) or a text stream.

    Raises:
        InvalidArgumentError: *target* is neither a path nor a text stream (a
            binary stream is refused before anything is written).
        DataError: The stream's encoding cannot hold a character of *text*
            (``open(path, "w", encoding="ascii")``); nothing is written.
        OSError: The file cannot be written; it is left as it was.
    """
    if isinstance(target, (str, os.PathLike)):
        path: Path = check_path("target", target, "a path to a file, or a text stream")
        write_files({path: text})
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
    """Refuse *text* if *stream*'s encoding (and error handler) cannot write it all.

    Raises:
        DataError: A character of *text* has no encoding in the stream's, with
            the line it is on.
    """
    encoding = getattr(stream, "encoding", None)
    errors = getattr(stream, "errors", None) or "strict"
    if not isinstance(encoding, str) or not isinstance(errors, str):
        return  # io.StringIO, or a stream that does not say: it holds any text
    try:
        codecs.lookup(encoding)
        codecs.lookup_error(errors)
    except LookupError:
        return
    try:
        text.encode(encoding, errors)
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        Problems("to_csv").fail(
            text.count("\n", 0, error.start) + 1,
            None,
            bad,
            f"the stream's encoding ({encoding}) cannot hold U+{ord(bad[0]):04X}; "
            "open it with encoding='utf-8'; nothing was written",
        )
