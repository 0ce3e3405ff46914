"""Taking screenshots with headless Chromium (Debian's ``chromium`` package)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Where the screenshot tests write their PNG files, for a person to look at.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"


def chromium() -> str | None:
    """Return the path of a Chromium executable, or None if there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    """Render *page* in headless Chromium at *width* x *height* and write *png*."""
    executable = chromium()
    assert executable is not None
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(  # noqa: S603 - a fixed program on our own files
            [
                executable,
                "--headless",
                "--no-sandbox",  # the tests may run as root
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert png.exists(), f"chromium wrote no screenshot:\n{result.stderr[-2000:]}"
    return png


def browser_check():
    """Import ``tools/browser_check.py``, the script that checks the report in
    Chromium and writes the docs' screenshots, or return None without it.
    """
    path = Path(__file__).resolve().parent.parent / "tools" / "browser_check.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("browser_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
