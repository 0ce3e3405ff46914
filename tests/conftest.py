"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import entdeploy

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
