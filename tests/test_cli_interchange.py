"""The export and diff commands and the global --file option, through main(argv)."""

from __future__ import annotations

import io
import json

import frictionless
import pytest

from entdeploy import Dataset, cli, load_file
from entdeploy.cli import main
from entdeploy.exceptions import EntdeployError

from .conftest import PACKAGED_DATA, TESTS_DATA

SOURCE = TESTS_DATA / "source_table.tsv"


def next_year_table(tmp_path):
    """A synthetic next edition: Ain regresses, Aisne gains collèges."""
    text = SOURCE.read_text(encoding="utf-8")
    text = text.replace(
        "Ain\tLyon\tDéploiement massif\t51", "Ain\tLyon\tEn cours de déploiement\t40"
    )
    text = text.replace(
        "Aisne\tAmiens\tDéploiement massif\t58", "Aisne\tAmiens\tDéploiement massif\t60"
    )
    path = tmp_path / "ent-2026.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_json_writes_the_lossless_json(ds, capsys):
    status = main(["export", "--format", "json"])
    out, err = capsys.readouterr()

    assert 0 == status
    assert "" == err
    assert ds.to_json() == out
    assert ds == Dataset.from_json(out)


def test_export_csv_to_a_file(ds, tmp_path, capsys):
    target = tmp_path / "ent.csv"

    status = main(["export", "--format", "csv", "-o", str(target)])

    assert 0 == status
    assert f"entdeploy: wrote {target}\n" == capsys.readouterr().err
    assert ds.deployments == load_file(target).deployments


def test_export_csv_to_standard_output(ds, capsys):
    main(["export", "--format", "csv"])

    out = capsys.readouterr().out
    assert out.startswith("code,name,iso_code,")
    assert ds.deployments == load_file(io.StringIO(out)).deployments


def test_export_datapackage_writes_a_valid_package(tmp_path, capsys):
    status = main(["export", "--format", "datapackage", "-o", str(tmp_path / "pkg")])

    assert 0 == status
    descriptor = tmp_path / "pkg" / "datapackage.json"
    assert f"entdeploy: wrote {descriptor}\n" == capsys.readouterr().err
    assert frictionless.validate(descriptor).valid
    assert (PACKAGED_DATA / "2025" / "deployments.csv").read_bytes() == (
        tmp_path / "pkg" / "deployments.csv"
    ).read_bytes()


def test_export_datapackage_needs_a_folder(capsys):
    status = main(["export", "--format", "datapackage"])

    assert 2 == status
    assert "needs -o DIR" in capsys.readouterr().err


def test_export_needs_a_format(capsys):
    assert 2 == main(["export"])
    assert "--format" in capsys.readouterr().err


def test_export_reports_a_file_it_cannot_write(tmp_path, capsys):
    status = main(["export", "--format", "json", "-o", str(tmp_path / "no" / "x.json")])

    assert 1 == status
    assert capsys.readouterr().err.startswith(
        f"entdeploy: cannot write {tmp_path / 'no' / 'x.json'}: "
    )


def test_file_makes_a_command_use_a_users_edition(tmp_path, capsys):
    path = next_year_table(tmp_path)

    status = main(["--file", str(path), "--format", "json", "summary"])

    assert 0 == status
    summary = json.loads(capsys.readouterr().out)
    assert "ent-2026" == summary["edition"]
    assert 4840 - 51 + 40 + 2 == summary["total_colleges_with_ent"]
    assert {"none-or-unknown": 5, "in-progress": 8, "massive": 92} == (
        summary["by_status"]
    )


def test_file_with_problems_lists_them_and_fails(tmp_path, capsys):
    path = tmp_path / "bad.tsv"
    text = SOURCE.read_text(encoding="utf-8").replace("Aisne\t", "Aine\t")
    path.write_text(text.replace("\t51\n", "\tfifty\n"), encoding="utf-8")

    status = main(["--file", str(path), "summary"])

    out, err = capsys.readouterr()
    assert 1 == status
    assert "" == out
    assert err.startswith("entdeploy: 4 problems found:\n")
    assert f"  - {path}, line 3, field 'Département' (value 'Aine'): " in err
    assert "did you mean 'Aisne (02)' or 'Ain (01)'?" in err


def test_file_that_does_not_exist_fails_cleanly(tmp_path, capsys):
    status = main(["--file", str(tmp_path / "nope.tsv"), "summary"])

    assert 1 == status
    assert (
        f"entdeploy: cannot read {tmp_path / 'nope.tsv'}: No such file or directory\n"
        == capsys.readouterr().err
    )


def test_file_and_edition_cannot_be_combined(capsys):
    assert 2 == main(["--file", str(SOURCE), "--edition", "2025", "summary"])
    assert "--file and --edition cannot be used together" in capsys.readouterr().err


def test_diff_names_each_changed_territory(tmp_path, capsys):
    path = next_year_table(tmp_path)

    status = main(["diff", "2025", str(path)])

    out, err = capsys.readouterr()
    assert 0 == status
    assert "" == err
    assert (
        "'2025' → 'ent-2026': 2 territories changed, 0 only in '2025', "
        "0 only in 'ent-2026'\n"
        "improved 0, regressed 1, status unchanged 104; collèges with an ENT "
        "4840 → 4831 (-9)\n"
        "01 Ain: Déploiement massif → En cours de déploiement, 51 → 40 (-11)\n"
        "02 Aisne: Déploiement massif, 58 → 60 (+2)\n"
    ) == out


def test_diff_as_json(tmp_path, capsys):
    path = next_year_table(tmp_path)

    main(["--format", "json", "diff", str(path), "2025"])

    document = json.loads(capsys.readouterr().out)
    assert ("ent-2026", "2025") == (document["old"], document["new"])
    assert {
        "improved": 1,
        "regressed": 0,
        "unchanged": 104,
        "total_colleges_before": 4831,
        "total_colleges_after": 4840,
        "total_colleges_delta": 9,
    } == document["summary"]
    assert {
        "code": "01",
        "name": "Ain",
        "status_before": "in-progress",
        "status_after": "massive",
        "count_before": 40,
        "count_after": 51,
        "count_delta": 11,
    } == document["changes"][0]


def test_diff_of_an_unknown_edition_fails(capsys):
    status = main(["diff", "2025", "2031"])

    assert 1 == status
    assert (
        "entdeploy: '2031' is neither a packaged edition ('2025') nor a file; "
        "give an edition id or the path of a table\n"
    ) == capsys.readouterr().err


# -- Options that do not apply or contradict each other ---------------------------


def test_diff_does_not_load_the_global_edition(capsys, monkeypatch):
    monkeypatch.setattr(cli, "_load_dataset", _never_called)

    assert 0 == main(["diff", "2025", "2025"])
    assert "'2025' → '2025': 0 territories changed" in capsys.readouterr().out


@pytest.mark.parametrize("option", [["--edition", "1999"], ["--file", "x.tsv"]])
def test_an_edition_or_file_option_given_to_diff_is_a_usage_error(option, capsys):
    code = main([*option, "diff", "2025", "2025"])

    out, err = capsys.readouterr()
    assert (2, "") == (code, out)
    assert (
        f"entdeploy: error: {option[0]} does not apply to diff, which loads the "
        "editions it is given: name them as its arguments\n"
    ) in err


@pytest.mark.parametrize(
    ("argv", "command", "format_"),
    [
        (["table", "--format", "markdown"], "table", "markdown"),
        (["table", "--format", "text"], "table", "text"),
        (["export", "--format", "csv"], "export", "csv"),
    ],
)
def test_global_json_and_a_command_format_that_contradict_are_a_usage_error(
    argv, command, format_, capsys
):
    code = main(["--format", "json", *argv])

    out, err = capsys.readouterr()
    assert (2, "") == (code, out)
    assert (
        f"--format json (for every command) and {command} --format {format_} "
        "contradict each other; give one of them\n"
    ) in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--format", "json", "table"],
        ["table", "--format", "json"],
        ["--format", "json", "table", "--format", "json"],
    ],
)
def test_table_as_json_from_either_format_option(argv, capsys):
    assert 0 == main(argv)

    rows = json.loads(capsys.readouterr().out)
    assert ("Ain", 51) == (rows[0]["name"], rows[0]["colleges_with_ent"])


def test_an_unreadable_file_is_an_entdeploy_error_and_exits_1(tmp_path, capsys):
    assert issubclass(cli._UnreadableFileError, EntdeployError)

    code = main(["--file", str(tmp_path / "missing.tsv"), "summary"])

    out, err = capsys.readouterr()
    assert (1, "") == (code, out)
    assert err.startswith(f"entdeploy: cannot read {tmp_path / 'missing.tsv'}: ")


def _never_called(args: object) -> None:
    msg = f"the global edition was loaded for {args}"
    raise AssertionError(msg)
