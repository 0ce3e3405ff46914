"""The package's public surface: every name in __all__ resolves, lazily or not."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import entdeploy


@pytest.mark.parametrize("name", entdeploy.__all__)
def test_every_public_name_resolves_and_is_documented(name):
    value = getattr(entdeploy, name)

    assert value is not None
    # A version string and a Literal type alias carry no docstring of their own.
    if name not in {"__version__", "__data_edition__", "Grouping"}:
        assert (getattr(value, "__doc__", None) or "").strip(), name


def test_lazy_names_are_the_objects_of_their_modules():
    assert importlib.import_module("entdeploy._aggregate").Summary is entdeploy.Summary
    assert importlib.import_module("entdeploy._query").Match is entdeploy.Match
    assert (
        importlib.import_module("entdeploy._read.user_table").load_file
        is entdeploy.load_file
    )


def test_dir_lists_every_public_name():
    assert set(entdeploy.__all__) <= set(dir(entdeploy))


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(
        AttributeError, match="module 'entdeploy' has no attribute 'Nope'"
    ):
        entdeploy.Nope  # noqa: B018 - the access is the test


def test_star_import_gives_every_public_name():
    namespace: dict[str, object] = {}
    exec("from entdeploy import *", namespace)  # noqa: S102 - a fixed statement

    assert set(entdeploy.__all__) <= set(namespace)


def test_import_entdeploy_defers_the_modules_a_first_answer_does_not_need():
    code = (
        "import sys, entdeploy\n"
        "entdeploy.load()['75']\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('entdeploy'))))\n"
    )
    result = subprocess.run(  # noqa: S603 - runs this interpreter on our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())

    assert not loaded & {
        "entdeploy._aggregate",
        "entdeploy._compare",
        "entdeploy._write.records",
        "entdeploy._render.svg_map",
        "entdeploy._read.user_table",
        "entdeploy.cli",
    }
    assert "entdeploy._query" in loaded
