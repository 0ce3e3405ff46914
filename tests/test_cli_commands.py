"""The show, search, list, stats, table, map and report commands, through main(argv)."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import entdeploy
from entdeploy._render import geometry
from entdeploy.cli import main

from ._svg import SVG, classes, parse
from .test_table import source_table


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# -- show ----------------------------------------------------------------------


def test_show(capsys):
    status, out, err = run(capsys, "show", "cote d'or")

    assert (0, "") == (status, err)
    assert (
        "Côte-d'Or (21)\n"
        "  ISO 3166-2:            FR-21\n"
        "  Kind:                  metropolitan-department\n"
        "  Région:                Bourgogne-Franche-Comté (27)\n"
        "  Académie:              Dijon (07, academie)\n"
        "  Région académique:     Bourgogne-Franche-Comté\n"
        "  Status:                Déploiement massif (massive)\n"
        "  Collèges with an ENT:  47\n"
        "  Source row:            Côte-d'Or | Dijon | Déploiement massif | 47\n"
        "  Authority:             Conseil départemental de La Côte-d'Or (21D, conseil-departemental)\n"
        "  Coverage:              100.0% (47 of 47 public collèges in reference rentree-2024)\n"
    ) == out


def test_show_a_collectivity_with_no_region(capsys):
    status, out, _ = run(capsys, "show", "987")

    assert 0 == status
    assert "Polynésie française (987)\n" == out.splitlines(keepends=True)[0]
    assert "  Région:                -\n" in out


def test_show_as_json(capsys, ds):
    status, out, _ = run(capsys, "--format", "json", "show", "FR-2A")

    assert 0 == status
    assert ds.to_records()[[d.code for d in ds].index("2A")] == json.loads(out)


def test_show_an_unknown_territory_exits_1_with_suggestions(capsys):
    status, out, err = run(capsys, "show", "Haute Savoi")

    assert (1, "") == (status, out)
    assert (
        "entdeploy: no département matches 'Haute Savoi'; did you mean Haute-Savoie (74)?\n"
        "try: entdeploy search 'Haute Savoi'\n"
    ) == err


def test_show_a_blank_query_is_a_usage_error(capsys):
    status, out, err = run(capsys, "show", "  ")

    assert (2, "") == (status, out)
    assert err.startswith("entdeploy: ")
    assert "Traceback" not in err


# -- search ----------------------------------------------------------------------


def test_search(capsys):
    status, out, err = run(capsys, "search", "morbihen")

    assert (0, "") == (status, err)
    first = out.splitlines()[0]
    assert first.split()[1:4] == ["56", "Morbihan", "Rennes"]


def test_search_with_a_limit_as_json(capsys):
    status, out, _ = run(capsys, "--format", "json", "search", "haute", "--limit", "3")

    assert 0 == status
    results = json.loads(out)
    assert 3 == len(results)
    assert all(r["name"].startswith("Haute") for r in results)
    assert all(0 < r["score"] <= 1 for r in results)


def test_search_with_nothing_close_exits_1(capsys):
    status, out, err = run(capsys, "search", "zzzzzzzz")

    assert (1, "") == (status, out)
    assert "no territory is close to 'zzzzzzzz'" in err


# -- list ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", ["in-progress", "En cours de déploiement", "EN COURS DE DEPLOIEMENT"]
)
def test_list_by_status_accepts_keys_and_french_labels(capsys, status):
    code, out, err = run(capsys, "list", "--status", status)

    assert (0, "") == (code, err)
    assert ["17", "24", "26", "87", "47", "64", "71"] == [
        line.split()[0] for line in out.splitlines()
    ]


def test_list_with_several_filters(capsys):
    code, out, _ = run(
        capsys,
        "list",
        "--status",
        "none-or-unknown",
        "--status",
        "in-progress",
        "--academy",
        "bordeaux",
    )

    assert 0 == code
    assert ["24", "33", "40", "47", "64"] == [
        line.split()[0] for line in out.splitlines()
    ]


def test_list_by_region_and_kind(capsys):
    code, out, _ = run(
        capsys, "list", "--region", "Corse", "--kind", "metropolitan-department"
    )

    assert 0 == code
    assert ["2A", "2B"] == [line.split()[0] for line in out.splitlines()]


def test_list_as_json(capsys):
    code, out, _ = run(
        capsys, "--format", "json", "list", "--kind", "overseas-collectivity"
    )

    assert 0 == code
    assert ["987", "988", "986", "975"] == [r["code"] for r in json.loads(out)]


def test_list_with_no_result_exits_1(capsys):
    code, out, err = run(
        capsys, "list", "--status", "none-or-unknown", "--academy", "Lyon"
    )

    assert (1, "") == (code, out)
    assert "entdeploy: no territory passes these filters\n" == err


def test_list_with_an_unknown_academy_exits_1_with_suggestions(capsys):
    code, _, err = run(capsys, "list", "--academy", "Bordeau")

    assert 1 == code
    assert "no académie matches 'Bordeau'" in err
    assert "Bordeaux" in err


def test_list_with_an_unknown_status_is_a_usage_error(capsys):
    code, out, err = run(capsys, "list", "--status", "done")

    assert (2, "") == (code, out)
    assert (
        "argument --status: status='done' is not accepted; expected a status: "
        "'massive', 'in-progress', 'none-or-unknown' or a French label"
    ) in err


# -- stats ---------------------------------------------------------------------


def test_stats_by_status_is_the_default(capsys):
    code, out, _ = run(capsys, "stats")

    assert 0 == code
    assert [
        "territories  massive  in progress  none/unknown  collèges",
        "Pas de projet ENT ou inconnu            5        0            0             5         0",
        "En cours de déploiement                 7        0            7             0        36",
        "Déploiement massif                     93       93            0             0      4804",
        "Total                                 105       93            7             5      4840",
    ] == [line.strip() for line in out.splitlines()]


@pytest.mark.parametrize(
    ("by", "groups"),
    [("academy", 34), ("region", 19), ("academic-region", 19), ("kind", 3)],
)
def test_stats_by_each_grouping(capsys, by, groups):
    code, out, _ = run(capsys, "stats", "--by", by)

    assert 0 == code
    lines = out.splitlines()
    assert 1 + groups + 1 == len(lines)
    assert lines[-1].split() == ["Total", "105", "93", "7", "5", "4840"]


def test_stats_as_json(capsys):
    code, out, _ = run(capsys, "--format", "json", "stats", "--by", "kind")

    assert 0 == code
    document = json.loads(out)
    assert "kind" == document["by"]
    assert 3 == len(document["groups"])
    assert {
        "territories": 105,
        "none_or_unknown": 5,
        "in_progress": 7,
        "massive": 93,
        "colleges_with_ent": 4840,
        "unknown_count": 5,
    } == document["total"]


def test_stats_by_an_unknown_grouping_is_a_usage_error(capsys):
    code, _, err = run(capsys, "stats", "--by", "académie")

    assert 2 == code
    assert "invalid choice: 'académie'" in err


# -- table ---------------------------------------------------------------------


def test_table_reproduces_the_source(capsys):
    code, out, _ = run(
        capsys, "table", "--format", "csv", "--order", "source", "--labels", "source"
    )

    assert 0 == code
    assert source_table() == list(csv.reader(io.StringIO(out)))


def test_table_defaults_to_aligned_text_in_alphabetical_order(capsys, ds):
    code, out, _ = run(capsys, "table")

    assert 0 == code
    assert ds.to_table("text") == out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_table_formats(capsys, ds, fmt):
    code, out, _ = run(capsys, "table", "--format", fmt)

    assert 0 == code
    assert ds.to_table(fmt) == out


@pytest.mark.parametrize(
    "argv", [["--format", "json", "table"], ["table", "--format", "json"]]
)
def test_table_as_json(capsys, ds, argv):
    code, out, _ = run(capsys, *argv)

    assert 0 == code
    rows = json.loads(out)
    assert 105 == len(rows)
    # One JSON shape for one thing: a territory is always its record.
    assert ds.lookup("Ain").code == rows[0]["code"]
    assert ds.filter(where=lambda d: d.code == "01").to_records()[0] == rows[0]


# -- map and report ------------------------------------------------------------


def test_map_writes_the_svg(capsys, ds, tmp_path):
    target = tmp_path / "carte.svg"

    code, out, err = run(capsys, "map", "-o", str(target), "--title", "Ma carte")

    assert (0, "") == (code, out)
    assert f"entdeploy: wrote {target}\n" == err
    assert ds.to_svg_map(title="Ma carte").svg == target.read_text(encoding="utf-8")


def test_map_to_standard_output(capsys, ds):
    code, out, _ = run(capsys, "map", "-o", "-")

    assert 0 == code
    root = parse(out)
    assert 105 == sum(1 for e in root.iter() if "territory" in classes(e))
    assert ds.edition.title == root.find(f"{SVG}title").text


def test_map_needs_an_output(capsys):
    code, _, err = run(capsys, "map")

    assert 2 == code
    assert "the following arguments are required: -o/--output" in err


def test_map_into_a_missing_folder_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "map", "-o", str(tmp_path / "nowhere" / "carte.svg"))

    assert 1 == code
    assert err.startswith(
        f"entdeploy: cannot write {tmp_path / 'nowhere' / 'carte.svg'}: "
    )
    assert "Traceback" not in err


def test_map_without_the_extra_exits_1_naming_it(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pygal_maps_fr", None)
    geometry.load_geometry.cache_clear()
    try:
        code, _, err = run(capsys, "map", "-o", str(tmp_path / "carte.svg"))
    finally:
        geometry.load_geometry.cache_clear()

    assert 1 == code
    assert "pip install 'entdeploy[map]'" in err
    assert not (tmp_path / "carte.svg").exists()


def test_report_writes_the_page(capsys, ds, tmp_path):
    target = tmp_path / "page.html"

    code, _, _ = run(capsys, "report", "-o", str(target))

    assert 0 == code
    assert ds.to_html_report() == target.read_text(encoding="utf-8")


# -- the program -----------------------------------------------------------------


def test_help_shows_an_example_of_every_command(capsys):
    code, out, _ = run(capsys, "--help")

    assert 0 == code
    for command in (
        "summary",
        "show",
        "search",
        "list",
        "stats",
        "table",
        "map",
        "report",
    ):
        assert f"\n  entdeploy {command}" in out


@pytest.mark.parametrize(
    "command", ["show", "search", "list", "stats", "table", "map", "report"]
)
def test_each_command_has_help_with_an_example(capsys, command):
    code, out, _ = run(capsys, command, "--help")

    assert 0 == code
    assert f"example:\n  entdeploy {command}" in out


def test_version_names_the_package_and_the_data_edition(capsys):
    code, out, _ = run(capsys, "--version")

    assert 0 == code
    assert f"entdeploy {entdeploy.__version__} (data edition 2025)\n" == out


def console_script() -> Path:
    return Path(sys.executable).with_name("entdeploy")


@pytest.mark.skipif(
    not console_script().exists(),
    reason="the entdeploy script is not installed next to the interpreter",
)
def test_the_installed_console_script():
    result = subprocess.run(  # noqa: S603 - our own installed program
        [str(console_script()), "--format", "json", "show", "56"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (0, "") == (result.returncode, result.stderr)
    assert "Morbihan" == json.loads(result.stdout)["name"]


@pytest.mark.skipif(
    not console_script().exists(),
    reason="the entdeploy script is not installed next to the interpreter",
)
def test_a_reader_that_goes_away_is_not_an_error():
    # The report is far larger than a pipe's buffer: writing it must meet the
    # closed pipe, as `entdeploy report -o - | head -1` does.
    process = subprocess.Popen(  # noqa: S603 - our own installed program
        [str(console_script()), "report", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert b"<!DOCTYPE html>\n" == process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate()

    assert 0 == process.returncode
    assert b"" == err


# -- the examples of docs/cli.md -------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def documented_blocks():
    """Yield the (command line, expected output lines) pairs of each block of docs/cli.md."""
    text = DOCS.read_text(encoding="utf-8")
    for block in re.findall(r"```(?:sh|console)\n(.*?)```", text, re.DOTALL):
        examples: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
        if examples:
            yield examples


def documented_examples():
    """Yield (command line, expected output lines) for each `$ entdeploy` in docs/cli.md."""
    for block in documented_blocks():
        yield from block


def test_docs_cli_has_an_example_per_command():
    commands = {
        shlex.split(c)[1:][0]
        for c, _ in documented_examples()
        if "--" not in shlex.split(c)[1][:2]
    }

    assert {
        "summary",
        "show",
        "search",
        "list",
        "academies",
        "regions",
        "stats",
        "table",
        "map",
        "report",
        "export",
        "diff",
    } <= commands


@pytest.mark.parametrize(
    "block",
    list(documented_blocks()),
    ids=lambda block: block[0][0],
)
def test_docs_cli_examples(capsys, monkeypatch, tmp_path, block):
    # The commands of one block run in order in one folder, as a reader types them.
    monkeypatch.chdir(tmp_path)
    for command, expected in block:
        argv = shlex.split(command)
        head = None
        if "|" in argv:
            argv, pipe = argv[: argv.index("|")], argv[argv.index("|") + 1 :]
            assert ["head", "-" + pipe[1][1:]] == pipe
            head = int(pipe[1][1:])
        assert "entdeploy" == argv[0]

        main(argv[1:])
        out, err = capsys.readouterr()

        lines = (out + err).splitlines()
        if head is not None:
            lines = out.splitlines()[:head]
        assert expected == lines, command
