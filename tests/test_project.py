"""Project-level promises: CI runs the README's test command; versions agree."""

from __future__ import annotations

import re
from pathlib import Path

import entdeploy

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_the_readme_gives_two_set_up_commands():
    main_job, tests = readme_commands()

    assert main_job.endswith("entdeploy summary")
    assert tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command():
    _, tests = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

    assert tests in ci.splitlines()


def test_the_changelog_follows_keep_a_changelog():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    assert "## [Unreleased]" in changelog
    assert "### Data" in changelog


def test_version_is_single_sourced():
    version_file = (ROOT / "src" / "entdeploy" / "_version.py").read_text(
        encoding="utf-8"
    )

    assert f'__version__ = "{entdeploy.__version__}"' in version_file
    assert re.fullmatch(r"\d+\.\d+\.\d+", entdeploy.__version__)
