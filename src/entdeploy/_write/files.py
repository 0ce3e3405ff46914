"""Writing files so that a failure leaves what was there before.

Every text is encoded before anything is written. Each is then written in full
to a temporary file in its target's folder, and only when every one is written
are they renamed over their targets; should a rename fail, the targets already
replaced get their old content back. A symbolic link is kept (the file it
points to is replaced); a device or a pipe (``/dev/null``, ``/dev/stdout``, a
FIFO), which cannot be replaced, is written to directly, once every temporary
file is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from entdeploy._problems import Problems

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["write_files"]


def write_files(texts: Mapping[Path, str]) -> None:
    """Write each text of *texts* to its path, in UTF-8, all or nothing.

    Raises:
        DataError: A text cannot be encoded in UTF-8 (it holds a lone
            surrogate); nothing is written.
        OSError: A file cannot be written (a folder stands in its place, no
            such folder, no permission, a full disk, a pipe with no reader):
            no file has been changed, and no temporary file is left behind.
            Only a device or a pipe may have received part of its text.
    """
    encoded = {path: _encoded(path, text) for path, text in texts.items()}
    devices: dict[Path, bytes] = {}
    files: dict[Path, bytes] = {}
    for path, data in encoded.items():
        kind = _kind(path)
        if kind == "directory":
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if kind == "device":
            devices[path] = data
        else:
            # A link to a file: replace the file it points to, keep the link.
            files[Path(os.path.realpath(path)) if kind == "file" else path] = data
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            temporaries[path] = _write_temporary(path, data)
        for path, data in devices.items():
            _write_device(path, data)
        _replace_all(temporaries)
    finally:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink()


def _encoded(path: Path, text: str) -> bytes:
    """Return *text* in UTF-8, or raise a DataError saying where it cannot be."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        Problems(str(path)).fail(
            text.count("\n", 0, error.start) + 1,
            None,
            bad,
            f"U+{ord(bad[0]):04X} cannot be written in UTF-8 (a lone surrogate); "
            "nothing was written",
        )


def _kind(path: Path) -> str:
    """Return what *path* names: a missing, file, directory or device (or pipe)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"  # or a link to nothing: replaced like a missing file
    if stat.S_ISDIR(mode):
        return "directory"
    return "file" if stat.S_ISREG(mode) else "device"


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write *data* to a new temporary file beside *path*; return the file's path."""
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        # mkstemp makes the file private; keep the target's mode, or the usual
        # one for a new file.
        mode = path.stat().st_mode if path.exists() else 0o644
        temporary.chmod(mode & 0o7777)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def _write_device(path: Path, data: bytes) -> None:
    """Write *data* to the device or pipe *path*; a pipe with no reader is refused.

    Raises:
        OSError: The device refuses the data (``ENOSPC`` for ``/dev/full``), or
            no program reads the pipe (``ENXIO``): it would wait forever.
    """
    # Opened without blocking, a pipe that no program reads fails at once
    # (ENXIO) instead of waiting for a reader; the writes then block as usual.
    non_blocking: int = getattr(os, "O_NONBLOCK", 0)  # none on Windows
    try:
        descriptor = os.open(path, os.O_WRONLY | non_blocking)
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
        reason = "a named pipe that no program reads (it would wait forever)"
        raise OSError(errno.ENXIO, reason, str(path)) from None
    try:
        if non_blocking:
            os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _replace_all(temporaries: Mapping[Path, Path]) -> None:
    """Rename each temporary file over its target; undo them all if one fails."""
    replaced: list[tuple[Path, Path | None, bool]] = []
    backups: list[Path] = []
    try:
        for path, temporary in temporaries.items():
            existed = path.is_file()
            backup = _backup(path) if existed else None
            if backup is not None:
                backups.append(backup)
            temporary.replace(path)
            replaced.append((path, backup, existed))
    except BaseException:
        for path, backup, existed in reversed(replaced):
            with contextlib.suppress(OSError):
                if backup is not None:
                    backup.replace(path)
                elif not existed:
                    path.unlink()
        raise
    finally:
        for backup in backups:
            with contextlib.suppress(OSError):  # renamed back, or left to remove
                backup.unlink()


def _backup(path: Path) -> Path | None:
    """Return a second name (a hard link) for *path*'s current file, if it has one.

    The rename that follows replaces the target atomically; the link keeps
    the old content, to be renamed back should a later rename fail. A file
    system without hard links gets no backup.
    """
    if not path.is_file():
        return None
    for attempt in range(100):
        backup = path.with_name(f".{path.name}.{os.getpid()}.{attempt}.bak")
        try:
            os.link(path, backup)
        except FileExistsError:
            continue
        except OSError:
            return None
        return backup
    return None
