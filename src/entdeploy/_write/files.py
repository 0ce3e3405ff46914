"""Writing files all or nothing: a failure leaves what was there before."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from entdeploy._problems import Problems

__all__ = ["encode", "write_files"]


def write_files(texts: Mapping[Path, str]) -> None:
    """Write each text of *texts* to its path, in UTF-8, all or nothing.

    A link stays a link (its file is replaced); a device or a pipe, which cannot
    be replaced, is written to directly, before the files are replaced.

    Raises:
        DataError: A text holds a lone surrogate, which UTF-8 cannot encode.
        OSError: A file cannot be written; no file has been changed (only a
            device or a pipe may have received part of its text).
    """
    why = "{char} cannot be written in UTF-8 (a lone surrogate); nothing was written"
    encoded = {path: encode(text, str(path), why) for path, text in texts.items()}
    files: dict[Path, tuple[bytes, int | None]] = {}  # (text, mode; None if new)
    devices: dict[Path, bytes] = {}
    for path, data in encoded.items():
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:  # or a link to nothing: replaced by a new file
            files[path] = (data, None)
            continue
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISREG(mode):
            files[Path(os.path.realpath(path))] = (data, stat.S_IMODE(mode))
        else:
            devices[path] = data
    temporaries: dict[Path, Path] = {}  # target: its new file, beside it
    backups: dict[Path, Path] = {}  # target: a second name for its old file
    try:
        for target, (data, permissions) in files.items():
            descriptor, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            temporaries[target] = temporary = Path(name)
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            # mkstemp makes the file private: give it the target's permissions.
            temporary.chmod(0o644 if permissions is None else permissions)
        for path, data in devices.items():
            _write_device(path, data)
        for target, temporary in temporaries.items():
            with contextlib.suppress(OSError):  # a new file, or no hard links here
                os.link(target, backup := temporary.with_suffix(".bak"))
                backups[target] = backup
            os.replace(temporary, target)  # noqa: PTH105 - one call, on every Python
    except BaseException:
        for target in temporaries:  # those not replaced yet are left as they are
            with contextlib.suppress(OSError):
                if files[target][1] is None:
                    target.unlink()
                elif target in backups:
                    backups[target].replace(target)
        raise
    finally:
        for leftover in (*temporaries.values(), *backups.values()):
            with contextlib.suppress(OSError):
                leftover.unlink()


def encode(
    text: str, source: str, why: str, encoding: str = "utf-8", errors: str = "strict"
) -> bytes:
    """Return *text* encoded, or raise a DataError: *why*, the character as ``{char}``.

    Raises:
        DataError: A character of *text* cannot be encoded; the problem has its line.
    """
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        line = text.count("\n", 0, error.start) + 1
        Problems(source).fail(line, None, bad, why.format(char=f"U+{ord(bad[0]):04X}"))


def _write_device(path: Path, data: bytes) -> None:
    """Write *data* to the device or pipe *path*, refusing a pipe no program reads."""
    non_blocking: int = getattr(os, "O_NONBLOCK", 0)  # none on Windows
    try:  # without blocking, a pipe with no reader fails at once instead of waiting
        descriptor = os.open(path, os.O_WRONLY | non_blocking)
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
        reason = "a named pipe that no program reads (it would wait forever)"
        raise OSError(errno.ENXIO, reason, str(path)) from None
    if non_blocking:
        os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "wb") as device:
        device.write(data)
