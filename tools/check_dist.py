"""Check the built sdist and wheel against the source tree (run by CI).

    python tools/check_dist.py dist

The expected contents are derived from ``src/entdeploy/``, so a new data file
(such as an edition's ``datapackage.json``) is expected without editing this
script. Exits non-zero, listing every problem, if:

- there is not exactly one wheel and one sdist, or their version is not the one
  in ``src/entdeploy/_version.py``;
- the wheel lacks ``py.typed``, a module or any file under ``entdeploy/data/``,
  or holds anything besides the package and its ``.dist-info``;
- the sdist lacks a file of the package, the tests or the docs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "entdeploy"
#: Files in the source tree that are never shipped.
OMITTED_PARTS = frozenset({"__pycache__"})
OMITTED_SUFFIXES = frozenset({".pyc", ".pyo"})
#: Folders whose files must all be in the sdist (besides the package).
SDIST_FOLDERS = ("tests", "docs")


def source_files(folder: Path) -> set[str]:
    """Return the paths of the files under *folder*, relative to its parent.

    In a git checkout these are the tracked files (what a release ships);
    elsewhere (an unpacked sdist), every file but caches and build output.
    """
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed git command
            ["git", "ls-files", "-z", "--", str(folder)],  # noqa: S607 - git on PATH
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        return {
            path.relative_to(folder.parent).as_posix()
            for path in folder.rglob("*")
            if path.is_file()
            and not OMITTED_PARTS.intersection(path.parts)
            and path.suffix not in OMITTED_SUFFIXES
            and "_build" not in path.relative_to(folder).parts
        }
    return {
        (ROOT / name).relative_to(folder.parent).as_posix()
        for name in listed.split("\0")
        if name
    }


def version() -> str:
    """Return the version in ``_version.py``, the single source of truth."""
    text = (PACKAGE / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if match is None:
        msg = "no __version__ in src/entdeploy/_version.py"
        raise SystemExit(msg)
    return match.group(1)


def check_wheel(wheel: Path, expected_version: str) -> list[str]:
    """Return the problems found in *wheel*."""
    problems: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}
    dist_info = f"entdeploy-{expected_version}.dist-info/"
    library = {name for name in names if not name.startswith(dist_info)}
    expected = source_files(PACKAGE)
    for name in sorted(expected - library):
        problems.append(f"{wheel.name}: missing {name}")
    for name in sorted(library - expected):
        problems.append(f"{wheel.name}: stray file {name}")
    data = {name for name in expected if name.startswith("entdeploy/data/")}
    required = {"entdeploy/py.typed", "entdeploy/data/aliases.csv"}
    required |= {
        f"{PurePosixPath(name).parent}/edition.json"
        for name in data
        if name.count("/") == 3  # entdeploy/data/<edition>/<file>
    }
    for name in sorted(required - names):
        problems.append(f"{wheel.name}: missing {name}")
    for name in ("METADATA", "RECORD", "WHEEL", "entry_points.txt"):
        if dist_info + name not in names:
            problems.append(f"{wheel.name}: missing {dist_info}{name}")
    return problems


def check_sdist(sdist: Path, expected_version: str) -> list[str]:
    """Return the problems found in *sdist*."""
    prefix = f"entdeploy-{expected_version}/"
    with tarfile.open(sdist) as archive:
        names = {
            member.name.removeprefix(prefix)
            for member in archive.getmembers()
            if member.isfile()
        }
    expected = {f"src/{name}" for name in source_files(PACKAGE)}
    for folder in SDIST_FOLDERS:
        expected |= source_files(ROOT / folder)
    expected |= {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "PKG-INFO"}
    return [f"{sdist.name}: missing {name}" for name in sorted(expected - names)]


def main(dist: str) -> int:
    """Check the distributions in the folder *dist*; return the exit status."""
    folder = Path(dist)
    expected_version = version()
    wheels = sorted(folder.glob("*.whl"))
    sdists = sorted(folder.glob("*.tar.gz"))
    problems: list[str] = []
    if len(wheels) != 1 or len(sdists) != 1:
        problems.append(
            f"expected one wheel and one sdist in {folder}, found {wheels}, {sdists}"
        )
    else:
        wheel, sdist = wheels[0], sdists[0]
        if wheel.name != f"entdeploy-{expected_version}-py3-none-any.whl":
            problems.append(
                f"{wheel.name}: expected version {expected_version}, pure Python"
            )
        if sdist.name != f"entdeploy-{expected_version}.tar.gz":
            problems.append(f"{sdist.name}: expected version {expected_version}")
        problems += check_wheel(wheel, expected_version)
        problems += check_sdist(sdist, expected_version)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(
            f"{folder}: the wheel and sdist of entdeploy {expected_version} are complete"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
