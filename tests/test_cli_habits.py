"""The command line as shell habits expect it, through the installed ``entdeploy``.

Options anywhere, JSON that always parses, everything the API lists, one JSON
shape for one thing (issue: "Behave as Python and the command line lead people
to expect").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import entdeploy
from entdeploy._render.table import order_rows

SCRIPT = Path(sys.executable).with_name("entdeploy")

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason="the entdeploy script is not installed"
)


def entdeploy_cli(*argv: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = subprocess.run(  # noqa: S603 - our own installed program
        [str(SCRIPT), *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def records():
    return {r["code"]: r for r in entdeploy.load().to_records()}


# -- Options anywhere ----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "56", "--format", "json"],
        ["--format", "json", "show", "56"],
        ["show", "--format", "json", "56"],
        ["show", "56", "--format", "json", "--edition", "2025"],
    ],
)
def test_show_accepts_its_options_before_or_after_the_command(argv, records):
    status, out, err = entdeploy_cli(*argv)

    assert (0, "") == (status, err)
    assert records["56"] == json.loads(out)


def test_list_format_json_after_the_command(records):
    status, out, _ = entdeploy_cli("list", "--format", "json")

    assert 0 == status
    assert list(records.values()) == json.loads(out)


def test_an_option_after_the_command_overrides_the_same_one_before():
    status, out, _ = entdeploy_cli("--format", "text", "summary", "--format", "json")

    assert 0 == status
    assert 105 == json.loads(out)["territories"]


def test_file_after_the_command(tmp_path):
    table = tmp_path / "mine.csv"
    entdeploy.load().to_csv(table)

    status, out, _ = entdeploy_cli("summary", "--file", str(table), "--format", "json")

    assert (0, "mine") == (status, json.loads(out)["edition"])


# -- JSON always parses --------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [
            "list",
            "--status",
            "none-or-unknown",
            "--academy",
            "Lyon",
            "--format",
            "json",
        ],
        ["--format", "json", "search", "zzzzzzzz"],
    ],
)
def test_an_empty_json_list_is_printed_and_the_exit_status_says_nothing_found(argv):
    status, out, err = entdeploy_cli(*argv)

    assert (1, []) == (status, json.loads(out))
    assert 1 == len(err.splitlines())
    assert err.startswith("entdeploy: ")


@pytest.mark.parametrize("command", ["academies", "regions"])
@pytest.mark.parametrize("form", ["text", "json"])
def test_a_file_of_no_rows_lists_nothing_and_says_so(tmp_path, command, form):
    header = entdeploy.load().to_csv().splitlines()[0]
    empty = tmp_path / "empty.csv"
    empty.write_text(header + "\n", encoding="utf-8")

    status, out, err = entdeploy_cli("--file", str(empty), command, "--format", form)

    assert 1 == status
    assert ([] if form == "json" else "") == (
        json.loads(out) if form == "json" else out
    )
    assert err.startswith("entdeploy: this dataset has no ")


# -- Everything the API lists, the CLI lists -----------------------------------


def test_academies_lists_every_academie_of_the_api_in_text_and_json():
    ds = entdeploy.load()

    status, out, _ = entdeploy_cli("academies")
    json_status, json_out, _ = entdeploy_cli("academies", "--format", "json")

    assert (0, 0) == (status, json_status)
    assert [a.code for a in ds.academies] == [
        line.split()[0] for line in out.splitlines()
    ]
    assert [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.kind.value,
            "academic_region": a.academic_region,
        }
        for a in ds.academies
    ] == json.loads(json_out)


def test_regions_lists_every_region_in_text_and_json():
    regions = sorted(
        {d.department.region for d in entdeploy.load() if d.department.region},
        key=lambda r: r.code,
    )

    status, out, _ = entdeploy_cli("regions")
    _, json_out, _ = entdeploy_cli("--format", "json", "regions")

    assert 0 == status
    assert 18 == len(regions)
    assert [f"{r.code:<3} {r.name}" for r in regions] == out.splitlines()
    assert [{"code": r.code, "name": r.name} for r in regions] == json.loads(json_out)


def test_search_can_ask_for_every_match():
    ds = entdeploy.load()

    _, out, _ = entdeploy_cli("--format", "json", "search", "haute", "--all")

    assert [m.deployment.code for m in ds.search("haute", limit=None)] == [
        r["code"] for r in json.loads(out)
    ]
    assert len(json.loads(out)) > 5


@pytest.mark.parametrize(
    ("flag", "overseas"), [("--overseas", True), ("--metropolitan", False)]
)
def test_list_filters_overseas_or_metropolitan(flag, overseas):
    ds = entdeploy.load()

    _, out, _ = entdeploy_cli("list", flag, "--format", "json")

    assert [d.code for d in ds.filter(overseas=overseas)] == [
        r["code"] for r in json.loads(out)
    ]


def test_messages_point_to_commands_not_to_python_calls():
    _, _, show_err = entdeploy_cli("show", "zzzzzz")
    _, _, list_err = entdeploy_cli("list", "--academy", "qqqqqq")

    assert "Dataset." not in show_err + list_err
    assert "entdeploy search lists close names" in show_err
    assert "entdeploy academies lists them" in list_err


# -- One JSON shape for one thing ------------------------------------------------


def test_table_json_is_the_records_of_list_in_the_table_order(records):
    ds = entdeploy.load()

    _, table_out, _ = entdeploy_cli("table", "--format", "json", "--order", "source")
    _, list_out, _ = entdeploy_cli("list", "--format", "json")
    _, alphabetical, _ = entdeploy_cli("table", "--format", "json")

    assert json.loads(list_out) == json.loads(table_out)
    assert [records[d.code] for d in order_rows(ds, "alphabetical")] == json.loads(
        alphabetical
    )
    assert all(
        isinstance(r["colleges_with_ent"], (int, type(None)))
        for r in json.loads(table_out)
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "2A"],
        ["search", "corse", "--limit", "2"],
        ["list", "--region", "Corse"],
        ["table", "--order", "source"],
    ],
)
def test_every_territory_in_json_has_the_record_keys_and_types(argv, records):
    _, out, _ = entdeploy_cli(*argv, "--format", "json")

    document = json.loads(out)
    rows = document if isinstance(document, list) else [document]
    for row in rows:
        row.pop("score", None)
        assert records[row["code"]] == row


@pytest.mark.parametrize("by", ["academic-region", "academic_region"])
def test_stats_accepts_both_spellings_of_academic_region(by):
    status, out, _ = entdeploy_cli("stats", "--by", by, "--format", "json")

    assert 0 == status
    assert 19 == len(json.loads(out)["groups"])
