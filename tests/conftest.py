"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

import entdeploy

# No test depends on the machine's speed: Hypothesis's per-example deadline is
# a timing assertion, so the whole suite runs without it (a slow, shared CI
# machine once failed test_json_is_deterministic on it).
settings.register_profile("entdeploy", deadline=None)
settings.load_profile("entdeploy")

PACKAGED_DATA = Path(entdeploy.__file__).parent / "data"
TESTS_DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def ds() -> entdeploy.Dataset:
    """The packaged 2025 edition."""
    return entdeploy.load("2025")


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged 2025 edition folder."""
    target = tmp_path / "2025"
    shutil.copytree(PACKAGED_DATA / "2025", target)
    return target
