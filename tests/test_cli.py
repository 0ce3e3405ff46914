"""The command line, through main(argv)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from entdeploy.cli import main


def test_summary(capsys):
    status = main(["summary"])
    out, err = capsys.readouterr()

    assert 0 == status
    assert "" == err
    assert (
        "ENT collèges : état du déploiement – Rentrée scolaire 2025\n"
        "Territories: 105\n"
        "  Déploiement massif             93\n"
        "  En cours de déploiement         7\n"
        "  Pas de projet ENT ou inconnu    5\n"
        "Public collèges with an ENT: 4840 (5 territories with no reported count)\n"
    ) == out


def test_summary_as_json(capsys):
    assert 0 == main(["--format", "json", "summary"])

    document = json.loads(capsys.readouterr().out)
    assert {
        "edition": "2025",
        "title": "ENT collèges : état du déploiement – Rentrée scolaire 2025",
        "territories": 105,
        "by_status": {"none-or-unknown": 5, "in-progress": 7, "massive": 93},
        "total_colleges_with_ent": 4840,
        "unknown_count": 5,
    } == document


def test_an_unknown_edition_exits_1_with_a_message(capsys):
    assert 1 == main(["--edition", "1999", "summary"])

    out, err = capsys.readouterr()
    assert "" == out
    assert "entdeploy: no packaged edition '1999'; known editions: '2025'\n" == err


def test_no_command_is_a_usage_error(capsys):
    assert 2 == main([])
    assert "usage: entdeploy" in capsys.readouterr().err


def test_version(capsys):
    assert 0 == main(["--version"])
    assert capsys.readouterr().out.startswith("entdeploy ")


@pytest.mark.parametrize("command", [["-m", "entdeploy"]])
def test_python_dash_m_is_the_same_program(command):
    result = subprocess.run(  # noqa: S603 - runs this interpreter on our own code
        [sys.executable, *command, "summary"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert 0 == result.returncode
    assert "Territories: 105" in result.stdout
