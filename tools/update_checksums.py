"""Recompute the sha256 of every data file of an edition into its edition.json.

Run by hand after a deliberate data change (and name the change in CHANGELOG.md):

    python tools/update_checksums.py src/entdeploy/data/2025

The files are those the package's one schema declares (``entdeploy._schema``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from entdeploy._schema import EDITION_FILE, TABLES


def main(folder: str) -> None:
    """Write the checksums of *folder*'s data files into its edition.json."""
    edition_dir = Path(folder)
    metadata_path = edition_dir / EDITION_FILE
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata["files"] = {
        table.file: hashlib.sha256((edition_dir / table.file).read_bytes()).hexdigest()
        for table in TABLES
    }
    metadata_path.write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(sys.argv[1])
