"""The coverage and authorities commands, and what show says of both."""

from __future__ import annotations

import json

import pytest

from entdeploy.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_coverage_gives_the_national_share_its_bounds_and_caveats(capsys):
    status, out, err = run(capsys, "coverage")

    assert (0, "") == (status, err)
    assert (
        "Collèges with an ENT: ENT collèges : état du déploiement – Rentrée scolaire "
        "2025 (edition 2025)\n"
        "Public collèges: Public collèges per territory, rentrée 2024, snapshot "
        "2024-11-20\n"
        "\n"
        "       with ENT  public   share     low    high\n"
        "Total      4794    5380       -   89.1%   95.1%\n"
        "No count in 5 territories (325 public collèges): the share is between low "
        "and high.\n"
        "Counts above the public collèges (not capped): 02, 973, 77, 80, 85.\n"
        "Left out, no reliable number of public collèges: 987.\n"
    ) == out


def test_coverage_by_group_has_a_row_per_group_and_the_total(capsys):
    status, out, _ = run(capsys, "coverage", "--by", "academic-region")
    lines = out.splitlines()

    assert 0 == status
    assert 4 + 19 + 1 + 3 == len(lines)
    assert lines[4].startswith("Auvergne-Rhône-Alpes ")
    assert (
        "Nouvelle-Aquitaine               112     502       -   22.3%   64.3%" in lines
    )


def test_coverage_by_authority_names_code_less_authorities_by_territory(capsys):
    status, out, _ = run(capsys, "coverage", "--by", "authority")

    assert 0 == status
    assert "\n69D + 69M " in out
    assert "\nPolynésie française (987) " in out
    assert "\nÉtat – ministère de l'Éducation nationale (976) " in out


def test_coverage_as_json_names_both_vintages(capsys):
    status, out, _ = run(capsys, "--format", "json", "coverage", "--by", "territory")
    document = json.loads(out)

    assert 0 == status
    assert ("territory", "2025", "rentree-2024") == (
        document["by"],
        document["edition"],
        document["public_colleges"]["id"],
    )
    assert 105 == len(document["groups"])
    (saone,) = [g for g in document["groups"] if g["code"] == "71"]
    assert (7, 51) == (saone["colleges_with_ent"], saone["public_colleges"])
    assert (4794, 5380, None) == (
        document["total"]["colleges_with_ent"],
        document["total"]["public_colleges"],
        document["total"]["share"],
    )


def test_coverage_refuses_an_unknown_grouping(capsys):
    status, out, err = run(capsys, "coverage", "--by", "department")

    assert (2, "") == (status, out)
    assert "invalid choice: 'department'" in err


def test_authorities_lists_each_authority_once_with_its_territories(capsys):
    status, out, _ = run(capsys, "authorities")
    lines = out.splitlines()

    assert 0 == status
    assert 105 == len(lines)  # 99 with a COG code, and 6 without
    assert (
        "01D   Conseil départemental de L'Ain  (conseil-departemental; 01)" == lines[0]
    )
    assert (
        "20R   Collectivité de Corse  (collectivite-a-statut-particulier; 2A 2B)"
        in lines
    )
    assert lines[-1].startswith("-     État – ministère de l'Éducation nationale")


def test_authorities_as_json(capsys):
    status, out, _ = run(capsys, "authorities", "--format", "json")
    authorities = json.loads(out)

    assert 0 == status
    assert {
        "code": "6AE",
        "name": "Collectivité européenne d'Alsace",
        "kind": "collectivite-europeenne",
        "territories": ["67", "68"],
    } in authorities
    assert [["988"], ["988"]] == [
        a["territories"] for a in authorities if "988" in a["territories"]
    ]


def test_show_adds_the_authority_and_the_coverage_after_its_lines(capsys):
    status, out, _ = run(capsys, "show", "cote d'or")

    assert 0 == status
    assert out.startswith(
        "Côte-d'Or (21)\n"
        "  ISO 3166-2:            FR-21\n"
        "  Kind:                  metropolitan-department\n"
        "  Région:                Bourgogne-Franche-Comté (27)\n"
        "  Académie:              Dijon (07, academie)\n"
        "  Région académique:     Bourgogne-Franche-Comté\n"
        "  Status:                Déploiement massif (massive)\n"
        "  Collèges with an ENT:  47\n"
        "  Source row:            Côte-d'Or | Dijon | Déploiement massif | 47\n"
    )
    assert out.endswith(
        "  Authority:             Conseil départemental de La Côte-d'Or "
        "(21D, conseil-departemental)\n"
        "  Coverage:              100.0% (47 of 47 public collèges in reference "
        "rentree-2024)\n"
    )


@pytest.mark.parametrize(
    ("query", "lines"),
    [
        (
            "69",
            [
                (
                    "  Authority:             Conseil départemental du Rhône "
                    "(69D, conseil-departemental)"
                ),
                (
                    "  Authority:             Métropole de Lyon "
                    "(69M, collectivite-a-statut-particulier)"
                ),
                (
                    "  Coverage:              98.3% (117 of 119 public collèges in "
                    "reference rentree-2024)"
                ),
            ],
        ),
        (
            "Gironde",
            [
                (
                    "  Coverage:              unknown, between 0% and 100% (no count of "
                    "112 public collèges in reference rentree-2024)"
                ),
            ],
        ),
        (
            "77",
            [
                (
                    "  Coverage:              100.8%, above 100% (not capped) (134 of 133 "
                    "public collèges in reference rentree-2024)"
                ),
            ],
        ),
    ],
)
def test_show_says_whom_to_ask_and_what_share(capsys, query, lines):
    status, out, _ = run(capsys, "show", query)

    assert 0 == status
    assert lines == out.splitlines()[-len(lines) :]


def test_show_says_why_polynesie_francaise_has_no_share(capsys):
    _, out, _ = run(capsys, "show", "987")

    assert out.splitlines()[-1].startswith(
        "  Coverage:              unknown: no reliable number of public collèges "
        "(unreliable: "
    )
    assert "(no COG code, collectivite-d-outre-mer)" in out


def test_show_as_json_stays_the_editions_record(capsys, ds):
    _, out, _ = run(capsys, "--format", "json", "show", "69")

    assert ds.to_records()[[d.code for d in ds].index("69")] == json.loads(out)


def test_stats_by_authority(capsys):
    status, out, _ = run(capsys, "stats", "--by", "authority")
    lines = out.splitlines()

    assert 0 == status
    assert 1 + 103 + 1 == len(lines)
    assert lines[-1].split()[1:] == ["105", "93", "7", "5", "4840"]


@pytest.mark.parametrize("command", ["coverage", "authorities"])
def test_the_new_commands_have_help_with_an_example(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    _, main_help, _ = run(capsys, "--help")

    assert 0 == code
    assert f"example:\n  entdeploy {command}" in out
    assert f"\n  entdeploy {command}" in main_help
