"""The authority holding each territory's public collèges: model, file and checks."""

from __future__ import annotations

import csv
import json

import attrs
import pytest
from hypothesis import given

import entdeploy
from entdeploy import Authority, AuthorityKind, Dataset, make_converter
from entdeploy.exceptions import InvalidArgumentError

from .conftest import PACKAGED_DATA
from .strategies import authorities, authority_datasets
from .test_validation import only_problem, problems_of, rehash, replace_in


def packaged_rows() -> list[dict[str, str]]:
    path = PACKAGED_DATA / "2025" / "authorities.csv"
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_territory_has_the_authorities_of_the_packaged_file_in_order(ds):
    expected: dict[str, list[tuple[str | None, str, str]]] = {}
    for row in packaged_rows():
        authority = (row["code"] or None, row["name"], row["kind"])
        expected.setdefault(row["territory_code"], []).append(authority)

    actual = {
        d.code: [(a.code, a.name, a.kind.value) for a in d.department.authorities]
        for d in ds
    }

    assert expected == actual
    assert 105 == len(actual)
    assert all(actual.values())


@pytest.mark.parametrize(
    ("code", "authority_codes", "kinds"),
    [
        ("01", ("01D",), ("conseil-departemental",)),
        ("2A", ("20R",), ("collectivite-a-statut-particulier",)),
        ("2B", ("20R",), ("collectivite-a-statut-particulier",)),
        ("67", ("6AE",), ("collectivite-europeenne",)),
        ("68", ("6AE",), ("collectivite-europeenne",)),
        (
            "69",
            ("69D", "69M"),
            ("conseil-departemental", "collectivite-a-statut-particulier"),
        ),
        ("75", ("75C",), ("collectivite-a-statut-particulier",)),
        ("971", ("971D",), ("conseil-departemental",)),
        ("972", ("972R",), ("collectivite-territoriale-unique",)),
        ("973", ("973R",), ("collectivite-territoriale-unique",)),
        ("975", (None,), ("etat",)),
        ("976", (None,), ("etat",)),
        ("986", (None,), ("etat",)),
        ("987", (None,), ("collectivite-d-outre-mer",)),
        ("988", (None, None), ("collectivite-sui-generis", "provinces")),
    ],
)
def test_the_special_cases(ds, code, authority_codes, kinds):
    authorities = ds[code].department.authorities

    assert authority_codes == tuple(a.code for a in authorities)
    assert kinds == tuple(a.kind.value for a in authorities)


def test_names_are_cog_labels_and_the_state_is_named_by_its_service(ds):
    names = {d.code: [a.name for a in d.department.authorities] for d in ds}

    assert ["Conseil départemental de L'Ain"] == names["01"]
    assert ["Conseil départemental du Maine-et-Loire"] == names["49"]
    assert ["Conseil départemental du Rhône", "Métropole de Lyon"] == names["69"]
    assert ["Collectivité européenne d'Alsace"] == names["67"]
    assert ["Ville de Paris"] == names["75"]
    assert names["976"][0].startswith("État")
    assert "rectorat de Mayotte" in names["976"][0]


def test_territories_of_one_authority_share_one_object(ds):
    assert ds["2A"].department.authorities[0] is ds["2B"].department.authorities[0]
    assert ds["67"].department.authorities[0] is ds["68"].department.authorities[0]


def test_every_cog_code_names_one_authority(ds):
    by_code: dict[str, set[Authority]] = {}
    for deployment in ds:
        for authority in deployment.department.authorities:
            if authority.code is not None:
                by_code.setdefault(authority.code, set()).add(authority)

    assert all(1 == len(found) for found in by_code.values())
    assert 99 == len(by_code)  # COG's 100 collectivities but 976D (the State)
    states = [a for d in ds for a in d.department.authorities if a.code is None]
    assert 6 == len(states)  # 975, 976, 986, 987 and 988's two


def test_kind_values_are_stable():
    assert [
        "conseil-departemental",
        "collectivite-a-statut-particulier",
        "collectivite-europeenne",
        "collectivite-territoriale-unique",
        "collectivite-d-outre-mer",
        "collectivite-sui-generis",
        "provinces",
        "etat",
    ] == [kind.value for kind in AuthorityKind]


# -- The model ---------------------------------------------------------------------


def test_a_department_built_without_authorities_has_none(ds):
    department = ds["01"].department

    bare = entdeploy.Department(
        department.code,
        department.name,
        department.iso_code,
        department.kind,
        department.region,
        department.academy,
    )

    assert () == bare.authorities


def test_authorities_do_not_change_a_departments_equality_or_hash(ds):
    department = ds["69"].department
    bare = attrs.evolve(department, authorities=())

    assert department == bare
    assert hash(department) == hash(bare)


@pytest.mark.parametrize(
    "value", ["01D", [None], [("01D", "Ain", "conseil-departemental")], 3]
)
def test_authorities_must_be_authorities(ds, value):
    with pytest.raises(InvalidArgumentError, match="authorities"):
        attrs.evolve(ds["01"].department, authorities=value)


@pytest.mark.parametrize(
    ("field", "value"), [("code", 1), ("name", None), ("kind", "etat")]
)
def test_an_authority_refuses_values_of_the_wrong_type(field, value):
    fields = {"code": "01D", "name": "Conseil", "kind": AuthorityKind.STATE}

    with pytest.raises(InvalidArgumentError, match=field):
        Authority(**{**fields, field: value})


@given(authorities)
def test_an_authority_round_trips_through_the_converter(authority):
    converter = make_converter()

    assert authority == converter.structure(converter.unstructure(authority), Authority)


@given(authority_datasets())
def test_a_datasets_authorities_survive_json(dataset):
    back = Dataset.from_json(dataset.to_json())

    assert [d.department.authorities for d in dataset] == [
        d.department.authorities for d in back
    ]


def test_the_packaged_authorities_survive_json(ds):
    plain = json.loads(ds.to_json())
    back = Dataset.from_json(ds.to_json())

    assert {
        "code": "69M",
        "name": "Métropole de Lyon",
        "kind": "collectivite-a-statut-particulier",
    } == plain["deployments"][[d.code for d in ds].index("69")]["department"][
        "authorities"
    ][1]
    assert [d.department.authorities for d in ds] == [
        d.department.authorities for d in back
    ]


def test_a_users_table_gets_the_packaged_authorities(ds, tmp_path):
    path = tmp_path / "ent.csv"
    ds.to_csv(path)

    read = entdeploy.load_file(path)

    assert [d.department.authorities for d in ds] == [
        d.department.authorities for d in read
    ]


# -- summarize(by="authority") -----------------------------------------------------


def test_authority_groups_count_each_territory_once_and_sum_to_the_totals(ds):
    summary = ds.summarize("authority")
    total = ds.summarize("status").total

    assert 103 == len(summary)  # 105 territories; 2A+2B and 67+68 share one
    assert len(ds) == sum(row.territories for row in summary)
    assert total == summary.total
    assert (105, 4840, 5) == (
        summary.total.territories,
        sum(row.colleges_with_ent for row in summary),
        sum(row.unknown_count for row in summary),
    )
    keys = [row.key for row in summary]
    assert len(keys) == len(set(keys))


def test_a_territory_with_two_authorities_is_one_group_keyed_by_both(ds):
    groups = ds.group_by("authority")
    rhone = ds["69"].department.authorities

    assert 2 == len(rhone)
    assert ["69"] == [d.code for d in groups[rhone]]
    assert ["988"] == [d.code for d in groups[ds["988"].department.authorities]]
    assert ["2A", "2B"] == sorted(
        d.code for d in groups[ds["2A"].department.authorities]
    )


def test_authority_records_join_the_codes_and_names_of_a_group(ds):
    records = {
        record["authority_code"]: record
        for record in ds.summarize("authority").to_records()
    }

    assert (
        "Conseil départemental du Rhône + Métropole de Lyon"
        == (records["69D + 69M"]["authority_name"])
    )
    assert 117 == records["69D + 69M"]["colleges_with_ent"]
    assert 146 == records["6AE"]["colleges_with_ent"]
    assert 2 == records["20R"]["territories"]


def test_authority_groups_are_ordered_by_code_then_name(ds):
    keys = [row.key for row in ds.summarize("authority")]

    assert "01D" == keys[0][0].code
    assert [None] * 5 == [key[0].code for key in keys[-5:]]


# -- Validation at load ------------------------------------------------------------


def test_an_authority_of_an_unknown_territory_is_refused(edition_copy):
    replace_in(edition_copy, "authorities.csv", "01,01D,", "99,01D,")
    rehash(edition_copy)

    found = {(p.field, p.value, p.message) for p in problems_of(edition_copy)}

    assert ("territory_code", "99", "not a code in territories.csv") in found
    assert ("code", "01", "no authority in authorities.csv") in found


def test_a_territory_without_an_authority_is_refused(edition_copy):
    path = edition_copy / "authorities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("56,")))
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("2025/territories.csv", "code", "56") == (
        problem.source,
        problem.field,
        problem.value,
    )
    assert "no authority in authorities.csv" == problem.message


def test_an_unknown_kind_is_refused(edition_copy):
    replace_in(
        edition_copy,
        "authorities.csv",
        "Ville de Paris,collectivite",
        "Ville de Paris,commune",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("2025/authorities.csv", "kind") == (problem.source, problem.field)
    assert problem.value.startswith("commune")


def test_one_code_with_two_names_is_refused(edition_copy):
    replace_in(
        edition_copy,
        "authorities.csv",
        "2B,20R,Collectivité de Corse,",
        "2B,20R,Collectivité territoriale de Corse,",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("name", "Collectivité territoriale de Corse") == (
        problem.field,
        problem.value,
    )
    assert "code 20R is 'Collectivité de Corse' on another line" == problem.message


def test_a_duplicated_authority_is_refused(edition_copy):
    path = edition_copy / "authorities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "01,01D,Conseil départemental de L'Ain,conseil-departemental,\n"
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert (109, "name") == (problem.line, problem.field)
    assert problem.message.startswith("duplicate territory and name (first on line 2)")


def test_a_changed_authorities_file_fails_its_checksum(edition_copy):
    replace_in(edition_copy, "authorities.csv", "Ville de Paris", "Paris")

    problem = only_problem(edition_copy)

    assert "2025/authorities.csv" == problem.source
    assert problem.message.startswith("sha256 is ")
