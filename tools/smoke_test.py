"""Smoke-test an installed entdeploy (run by CI in a fresh virtualenv).

    /path/to/venv/bin/python tools/smoke_test.py 0.1.0 dist/entdeploy-0.1.0-py3-none-any.whl

Checks that the package is imported from site-packages (not from a source
tree), has the expected version, ships ``py.typed`` and its data, loads the
packaged edition and answers, and that the ``entdeploy`` command runs. Then,
given the wheel, imports entdeploy from the wheel file itself (a zip archive)
in a fresh interpreter and checks that it loads and answers there too.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import entdeploy

#: Run with the wheel first on sys.path: entdeploy must come from inside the zip.
FROM_ZIP = """
import sys
sys.path.insert(0, sys.argv[1])
import entdeploy
assert sys.argv[1] in entdeploy.__file__, entdeploy.__file__
ds = entdeploy.load()
print(len(ds), ds.total_colleges(), [e.id for e in entdeploy.editions()])
"""


def main(expected_version: str, wheel: str) -> None:
    """Run the checks; raise SystemExit with a message on the first failure."""
    location = Path(entdeploy.__file__).resolve()
    site_packages = Path(sysconfig.get_paths()["purelib"]).resolve()
    checks = {
        f"imported from {site_packages}, not {location}": site_packages
        in location.parents,
        f"version {expected_version}, not {entdeploy.__version__}": (
            entdeploy.__version__ == expected_version
        ),
        "py.typed is installed": (location.parent / "py.typed").is_file(),
    }
    ds = entdeploy.load()
    checks |= {
        "the packaged edition has 105 rows": len(ds) == 105,
        "4840 collèges have an ENT": ds.total_colleges() == 4840,
        "load('2025') is load()": entdeploy.load("2025") is ds,
        "editions() lists 2025": [e.id for e in entdeploy.editions()] == ["2025"],
    }
    script = Path(sys.executable).with_name("entdeploy")
    summary = subprocess.run(  # noqa: S603 - our own console script
        [str(script), "summary"], capture_output=True, text=True, check=False
    )
    checks["`entdeploy summary` exits 0 and names the edition"] = (
        summary.returncode == 0 and ds.edition.title in summary.stdout
    )
    from_zip = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", FROM_ZIP, str(Path(wheel).resolve())],
        capture_output=True,
        text=True,
        check=False,
    )
    checks["imported from the wheel as a zip, it loads and answers"] = (
        from_zip.stdout == "105 4840 ['2025']\n"
    )
    failed = [name for name, passed in checks.items() if not passed]
    if failed:
        sys.stderr.write(from_zip.stderr)
        raise SystemExit("smoke test failed: " + "; ".join(failed))
    print(summary.stdout, end="")
    print(
        f"smoke test passed: entdeploy {entdeploy.__version__} from {location.parent}"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
