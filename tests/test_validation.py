"""Validation at load: every corruption of the packaged files is a DataError."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from entdeploy._read import packaged as _load
from entdeploy.exceptions import DataError, EntdeployError, Problem


def rehash(folder: Path) -> None:
    """Recompute the checksums in edition.json, as a maintainer would."""
    metadata_path = folder / "edition.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata["files"] = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in metadata["files"]
    }
    metadata_path.write_text(json.dumps(metadata), encoding="utf-8")


def replace_in(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as info:
        _load._read_edition(folder, "2025")
    assert isinstance(info.value, EntdeployError)
    assert isinstance(info.value, ValueError)
    return info.value.problems


def only_problem(folder: Path) -> Problem:
    (problem,) = problems_of(folder)
    return problem


def test_the_unmodified_copy_loads(edition_copy):
    assert 105 == len(_load._read_edition(edition_copy, "2025"))


def test_a_checksum_mismatch_names_the_file(edition_copy):
    replace_in(
        edition_copy,
        "deployments.csv",
        "Ain,Lyon,Déploiement massif,51",
        "Ain,Lyon,Déploiement massif,52",
    )

    problem = only_problem(edition_copy)

    assert "2025/deployments.csv" == problem.source
    assert problem.message.startswith("sha256 is ")


def test_a_duplicate_territory_row(edition_copy):
    path = edition_copy / "deployments.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "01,Ain,Lyon,Déploiement massif,51\n",
        encoding="utf-8",
    )
    replace_in(edition_copy, "edition.json", '"row_count": 105', '"row_count": 106')
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("2025/deployments.csv", 107, "code", "01") == (
        problem.source,
        problem.line,
        problem.field,
        problem.value,
    )
    assert "duplicate code (first on line 2)" == problem.message


def test_a_row_whose_territory_is_not_in_the_reference(edition_copy):
    replace_in(edition_copy, "deployments.csv", "01,Ain,", "99,Ain,")
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert (2, "code", "99") == (problem.line, problem.field, problem.value)
    assert "not a code in territories.csv" == problem.message


def test_a_territory_whose_source_academie_differs_from_the_reference(edition_copy):
    replace_in(edition_copy, "deployments.csv", "02,Aisne,Amiens,", "02,Aisne,Lyon,")
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert (3, "source_academy", "Lyon") == (problem.line, problem.field, problem.value)
    assert "expected 'Amiens' (the reference for academy 20)" in problem.message


def test_an_undocumented_label_difference(edition_copy):
    replace_in(edition_copy, "deployments.csv", "01,Ain,", "01,Département de l'Ain,")
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("source_label", "Département de l'Ain") == (problem.field, problem.value)
    assert "label_corrections.csv" in problem.message


def test_an_unknown_status_label(edition_copy):
    replace_in(
        edition_copy,
        "deployments.csv",
        "Ain,Lyon,Déploiement massif",
        "Ain,Lyon,Massif",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert (2, "source_status", "Massif") == (
        problem.line,
        problem.field,
        problem.value,
    )
    assert "label='Massif' is not accepted; expected one of the status labels" in (
        problem.message
    )


@pytest.mark.parametrize("count", ["-3", "abc", "5.0", "", "٣"])
def test_a_count_that_is_not_a_non_negative_integer(edition_copy, count):
    replace_in(
        edition_copy,
        "deployments.csv",
        "Déploiement massif,51\n",
        f"Déploiement massif,{count}\n",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert (2, "source_count", count) == (problem.line, problem.field, problem.value)
    assert "expected a non-negative integer or '-'" == problem.message


def test_a_count_given_for_no_project(edition_copy):
    replace_in(
        edition_copy,
        "deployments.csv",
        "Pas de projet ENT ou inconnu,-",
        "Pas de projet ENT ou inconnu,4",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("source_count", "4") == (problem.field, problem.value)
    assert "a count is given for 'Pas de projet ENT ou inconnu'" in problem.message


def test_a_count_missing_for_a_deployed_territory(edition_copy):
    replace_in(
        edition_copy,
        "deployments.csv",
        "Déploiement massif,51\n",
        "Déploiement massif,-\n",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("source_count", "-") == (problem.field, problem.value)
    assert "no count is given for 'Déploiement massif'" in problem.message


def test_a_row_count_that_differs_from_the_metadata(edition_copy):
    replace_in(edition_copy, "edition.json", '"row_count": 105', '"row_count": 104')

    problem = only_problem(edition_copy)

    assert "105 rows, edition.json says row_count=104" == problem.message


def test_a_territory_with_a_dangling_academie(edition_copy):
    replace_in(
        edition_copy,
        "territories.csv",
        "01,Ain,FR-01,metropolitan-department,84,10",
        "01,Ain,FR-01,metropolitan-department,84,99",
    )
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert ("2025/territories.csv", 2, "academy_code", "99") == (
        problems[0].source,
        problems[0].line,
        problems[0].field,
        problems[0].value,
    )


def test_a_territory_with_a_dangling_region(edition_copy):
    replace_in(
        edition_copy,
        "territories.csv",
        "FR-01,metropolitan-department,84,",
        "FR-01,metropolitan-department,85,",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("region_code", "85") == (problem.field, problem.value)


def test_a_duplicate_academie(edition_copy):
    path = edition_copy / "academies.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "01,Paris bis,academie,Île-de-France\n",
        encoding="utf-8",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert ("2025/academies.csv", "code", "01") == (
        problem.source,
        problem.field,
        problem.value,
    )


def test_an_unknown_territory_kind(edition_copy):
    replace_in(
        edition_copy,
        "territories.csv",
        "FR-01,metropolitan-department",
        "FR-01,metropole",
    )
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert ("kind", "metropole") == (problems[0].field, problems[0].value)


def test_a_wrong_header(edition_copy):
    replace_in(edition_copy, "regions.csv", "code,name", "code,nom")
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert (1, "expected the header code,name") == (
        problems[0].line,
        problems[0].message,
    )


def test_an_unused_label_correction(edition_copy):
    path = edition_copy / "label_corrections.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "department,01,Département de l'Ain,Ain,\n",
        encoding="utf-8",
    )
    rehash(edition_copy)

    problem = only_problem(edition_copy)

    assert "correction for department 01 is used by no row" == problem.message


def test_a_correction_that_names_the_wrong_official_name(edition_copy):
    replace_in(
        edition_copy,
        "label_corrections.csv",
        "Département du Lot,Lot,",
        "Département du Lot,Le Lot,",
    )
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert "the reference name of department 46 is 'Lot'" == problems[0].message


def test_an_unknown_key_in_the_metadata(edition_copy):
    replace_in(
        edition_copy, "edition.json", '"row_count"', '"colour": "blue", "row_count"'
    )

    problem = only_problem(edition_copy)

    assert ("colour", "unknown key") == (problem.field, problem.message)


def test_every_problem_is_reported_not_just_the_first(edition_copy):
    replace_in(edition_copy, "deployments.csv", "01,Ain,", "99,Ain,")
    replace_in(
        edition_copy,
        "deployments.csv",
        "Aisne,Amiens,Déploiement massif",
        "Aisne,Amiens,Massif",
    )
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert [2, 3] == [problem.line for problem in problems]


def test_a_data_error_lists_its_problems_in_its_message():
    error = DataError(
        [
            Problem("a.csv", 3, "code", "99", "unknown"),
            Problem("a.csv", None, None, None, "too short"),
        ]
    )

    assert (
        "2 problems found:\n"
        "  - a.csv, line 3, field 'code' (value '99'): unknown\n"
        "  - a.csv: too short"
    ) == str(error)


# -- Files that cannot be read -------------------------------------------------


def test_a_truncated_edition_json(edition_copy):
    path = edition_copy / "edition.json"
    path.write_bytes(path.read_bytes()[:200])

    problem = only_problem(edition_copy)

    assert ("2025/edition.json", None, None) == (
        problem.source,
        problem.field,
        problem.value,
    )
    assert problem.message.startswith("not valid JSON: ")
    assert isinstance(problem.line, int)


def test_an_edition_json_that_is_not_utf8(edition_copy):
    path = edition_copy / "edition.json"
    path.write_bytes(path.read_bytes().replace("Éducation".encode(), b"\xc9ducation"))

    problem = only_problem(edition_copy)

    assert "2025/edition.json" == problem.source
    assert problem.message.startswith("not UTF-8: byte c9 at offset ")


def test_a_missing_edition_json(edition_copy):
    (edition_copy / "edition.json").unlink()

    problem = only_problem(edition_copy)

    assert ("2025/edition.json", "the file is missing") == (
        problem.source,
        problem.message,
    )


def test_a_data_file_that_is_not_utf8_reports_its_checksum_and_its_encoding(
    edition_copy,
):
    path = edition_copy / "regions.csv"
    path.write_bytes(path.read_bytes().replace(b"Bretagne", b"Br\xe9tagne"))

    problems = problems_of(edition_copy)

    assert "2025/regions.csv" == problems[0].source
    assert problems[0].message.startswith("sha256 is ")
    assert "2025/regions.csv" == problems[1].source
    assert problems[1].message.startswith("not UTF-8: byte e9 at offset ")
    line = next(
        number
        for number, text in enumerate(path.read_bytes().split(b"\n"), start=1)
        if b"Br\xe9tagne" in text
    )
    assert line == problems[1].line


def test_a_rehashed_data_file_that_is_not_utf8(edition_copy):
    path = edition_copy / "label_corrections.csv"
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9", 1))
    rehash(edition_copy)

    problems = problems_of(edition_copy)

    assert ("2025/label_corrections.csv", 2) == (problems[0].source, problems[0].line)
    assert problems[0].message.startswith("not UTF-8: ")


def test_a_missing_data_file(edition_copy):
    (edition_copy / "regions.csv").unlink()

    problems = problems_of(edition_copy)

    assert ("2025/regions.csv", None, "the file is missing") == (
        problems[0].source,
        problems[0].line,
        problems[0].message,
    )


def test_every_unreadable_file_is_reported(edition_copy):
    (edition_copy / "regions.csv").unlink()
    (edition_copy / "academies.csv").write_bytes(b"code,name\xff\n")

    problems = problems_of(edition_copy)

    assert [
        ("2025/regions.csv", "the file is missing"),
        ("2025/academies.csv", "sha256 is "),
        ("2025/academies.csv", "not UTF-8: "),
    ] == [
        (problem.source, problem.message[: len(start)])
        for problem, start in zip(
            problems[:3],
            ["the file is missing", "sha256 is ", "not UTF-8: "],
            strict=True,
        )
    ]


# -- The metadata's values -----------------------------------------------------


def test_an_id_that_differs_from_the_folder_name(edition_copy):
    replace_in(edition_copy, "edition.json", '"id": "2025"', '"id": "2030"')

    problem = only_problem(edition_copy)

    assert ("2025/edition.json", "id", "2030") == (
        problem.source,
        problem.field,
        problem.value,
    )
    assert "expected '2025', the name of the edition's folder" == problem.message


@pytest.mark.parametrize(
    "key",
    [
        "school_year",
        "publisher",
        "description",
        "statuses_description",
        "licence",
        "licence_note",
    ],
)
@pytest.mark.parametrize("value", [2025, ["2025"], True, {"a": "b"}])
def test_an_optional_text_field_of_the_wrong_type(edition_copy, key, value):
    path = edition_copy / "edition.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata[key] = value
    path.write_text(json.dumps(metadata), encoding="utf-8")

    problem = only_problem(edition_copy)

    assert ("2025/edition.json", key, repr(value), "a string or null") == (
        problem.source,
        problem.field,
        problem.value,
        problem.message,
    )


def test_an_optional_text_field_may_be_null(edition_copy):
    path = edition_copy / "edition.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata["school_year"] = None
    path.write_text(json.dumps(metadata), encoding="utf-8")

    assert _load._read_edition(edition_copy, "2025").edition.school_year is None


def test_every_metadata_problem_is_reported(edition_copy):
    path = edition_copy / "edition.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata.update(id="2030", school_year=2025, row_count=True)
    path.write_text(json.dumps(metadata), encoding="utf-8")

    problems = problems_of(edition_copy)

    assert ["id", "school_year", "row_count"] == [p.field for p in problems]


def test_an_aliases_file_that_is_missing_or_not_utf8(monkeypatch, tmp_path):
    monkeypatch.setattr(_load, "_data_dir", lambda: tmp_path)

    with pytest.raises(DataError) as missing:
        _load.load_aliases()
    (tmp_path / "aliases.csv").write_bytes(b"alias,entity,code,note\nSt \xe9\n")
    with pytest.raises(DataError) as undecodable:
        _load.load_aliases()

    assert ("aliases.csv", "the file is missing") == (
        missing.value.problems[0].source,
        missing.value.problems[0].message,
    )
    assert ("aliases.csv", 2) == (
        undecodable.value.problems[0].source,
        undecodable.value.problems[0].line,
    )
