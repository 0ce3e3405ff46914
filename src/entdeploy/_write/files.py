"""Writing files so that a failure leaves what was there before.

Each text is written in full to a temporary file in its target's folder, and
only when every one is written are they renamed over their targets.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["write_files"]


def write_files(texts: Mapping[Path, str]) -> None:
    """Write each text of *texts* to its path, in UTF-8, all or nothing.

    Raises:
        OSError: A file cannot be written; no target has been changed, and no
            temporary file is left behind.
        UnicodeEncodeError: A text cannot be encoded (callers check first).
    """
    written: dict[Path, Path] = {}
    try:
        for path, text in texts.items():
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            written[path] = Path(temporary)
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            # mkstemp makes the file private; keep the target's mode, or the
            # usual one for a new file.
            mode = path.stat().st_mode if path.exists() else 0o644
            written[path].chmod(mode & 0o7777)
        for path, written_path in written.items():
            written_path.replace(path)
    except BaseException:
        for written_path in written.values():
            with contextlib.suppress(OSError):
                written_path.unlink()
        raise
