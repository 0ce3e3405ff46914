"""JSON, CSV and data package exports: lossless, deterministic, documented."""

from __future__ import annotations

import csv
import io
import json

import attrs
import frictionless
import pytest
from hypothesis import given
from hypothesis import strategies as st

from entdeploy import Dataset, Edition, Status, load_file, make_converter
from entdeploy._escape import CSV_FORMULA_PREFIXES
from entdeploy._escape import csv_cell as neutralise
from entdeploy._escape import csv_uncell as unneutralise
from entdeploy._schema import TABLES
from entdeploy._write.datapackage import DATAPACKAGE_TABLES, datapackage_descriptor
from entdeploy._write.records import COLUMNS as RECORD_COLUMNS
from entdeploy.exceptions import DataError, InvalidArgumentError

from .conftest import PACKAGED_DATA, TESTS_DATA
from .strategies import datasets, datasets_with_editions

# -- JSON ------------------------------------------------------------------------

#: Each packaged file's header, from the one schema.
COLUMNS = {table.file: table.header for table in TABLES}


def test_json_round_trips_the_packaged_edition(ds):
    assert ds == Dataset.from_json(ds.to_json())


def test_json_keeps_the_edition_metadata(ds):
    assert ds.edition == Dataset.from_json(ds.to_json()).edition


@given(datasets_with_editions())
def test_json_round_trips_any_valid_dataset(dataset):
    assert dataset == Dataset.from_json(dataset.to_json())


@given(datasets_with_editions())
def test_json_is_deterministic(dataset):
    text = dataset.to_json()

    assert text == Dataset.from_json(text).to_json()
    assert text == dataset.to_json()


def test_json_is_the_converter_shape_written_in_model_order(ds):
    plain = json.loads(ds.to_json())

    assert make_converter().unstructure(ds) == plain
    assert ["edition", "deployments"] == list(plain)
    assert {
        "department": {
            "code": "01",
            "name": "Ain",
            "iso_code": "FR-01",
            "kind": "metropolitan-department",
            "region": {"code": "84", "name": "Auvergne-Rhône-Alpes"},
            "academy": {
                "code": "10",
                "name": "Lyon",
                "kind": "academie",
                "academic_region": "Auvergne-Rhône-Alpes",
            },
            "authorities": [
                {
                    "code": "01D",
                    "name": "Conseil départemental de L'Ain",
                    "kind": "conseil-departemental",
                }
            ],
        },
        "status": "massive",
        "colleges_with_ent": 51,
        "source_label": "Ain",
        "source_academy": "Lyon",
        "source_status": "Déploiement massif",
        "source_count": "51",
    } == plain["deployments"][0]


def test_json_writes_accents_as_they_are_and_ends_with_a_newline(ds):
    text = ds.to_json()

    assert "Déploiement massif" in text
    assert text.endswith("}\n")


def test_from_json_accepts_utf8_bytes(ds):
    assert ds == Dataset.from_json(ds.to_json().encode("utf-8"))


def test_from_json_reports_invalid_json_with_its_line():
    with pytest.raises(DataError) as caught:
        Dataset.from_json('{\n  "edition": {\n  oops\n}')

    (problem,) = caught.value.problems
    assert 3 == problem.line
    assert problem.message.startswith("not valid JSON: ")


def test_from_json_reports_every_field_at_fault(ds):
    plain = make_converter().unstructure(ds)
    plain["deployments"][2]["status"] = "great"
    plain["deployments"][4]["colleges_with_ent"] = "51"
    plain["edition"]["year"] = 2025

    with pytest.raises(DataError) as caught:
        Dataset.from_json(json.dumps(plain))

    messages = [problem.message for problem in caught.value.problems]
    assert 3 == len(messages)
    assert any("Dataset.deployments[2].status" in m for m in messages)
    assert any("Dataset.deployments[4].colleges_with_ent" in m for m in messages)
    assert any("year" in m for m in messages)


def test_from_json_coerces_nothing(ds):
    plain = make_converter().unstructure(ds)
    plain["deployments"][0]["colleges_with_ent"] = True
    plain["deployments"][1]["source_label"] = 2

    with pytest.raises(DataError) as caught:
        Dataset.from_json(json.dumps(plain))

    assert 2 == len(caught.value.problems)


def test_from_json_refuses_a_duplicated_territory(ds):
    plain = make_converter().unstructure(ds)
    plain["deployments"].append(plain["deployments"][0])

    with pytest.raises(DataError, match="two rows are about the same territory"):
        Dataset.from_json(json.dumps(plain))


def test_from_json_refuses_counts_that_disagree_with_their_status(ds):
    plain = make_converter().unstructure(ds)
    plain["deployments"][0]["colleges_with_ent"] = None
    plain["deployments"][1]["colleges_with_ent"] = -3
    unknown = next(
        i
        for i, d in enumerate(plain["deployments"])
        if d["status"] == "none-or-unknown"
    )
    plain["deployments"][unknown]["colleges_with_ent"] = 4

    with pytest.raises(DataError) as caught:
        Dataset.from_json(json.dumps(plain))

    assert [
        ("deployments[0].colleges_with_ent", "null"),
        ("deployments[1].colleges_with_ent", "-3"),
        (f"deployments[{unknown}].colleges_with_ent", "4"),
    ] == [(p.field, p.value) for p in caught.value.problems]


def test_from_json_refuses_verbatim_cells_that_contradict_the_values(ds):
    plain = make_converter().unstructure(ds)
    plain["deployments"][0]["source_status"] = "En cours de déploiement"
    plain["deployments"][2]["source_count"] = "12"
    plain["deployments"][3]["status"] = "great"

    with pytest.raises(DataError) as caught:
        Dataset.from_json(json.dumps(plain))

    assert [
        (None, None),
        ("deployments[0].source_status", "En cours de déploiement"),
        ("deployments[2].source_count", "12"),
    ] == [(p.field, p.value) for p in caught.value.problems]
    assert "Dataset.deployments[3].status" in caught.value.problems[0].message


def test_from_json_reports_json_nested_too_deeply_as_a_data_error():
    with pytest.raises(DataError) as caught:
        Dataset.from_json("[" * 100_000 + "]" * 100_000)

    (problem,) = caught.value.problems
    assert "the JSON nests too deeply to read" in problem.message


def test_from_json_needs_text():
    with pytest.raises(
        InvalidArgumentError, match="expected JSON text, a str or bytes"
    ):
        Dataset.from_json({"edition": {}})  # type: ignore[arg-type]


# -- CSV -------------------------------------------------------------------------


def csv_rows(dataset: Dataset) -> list[list[str]]:
    buffer = io.StringIO()
    dataset.to_csv(buffer)
    return list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


def test_csv_has_a_header_and_one_row_per_territory(ds):
    header, *rows = csv_rows(ds)

    assert list(RECORD_COLUMNS) == header
    assert len(ds) == len(rows)
    assert dict(zip(header, rows[0], strict=True)) == {
        "code": "01",
        "name": "Ain",
        "iso_code": "FR-01",
        "kind": "metropolitan-department",
        "region_code": "84",
        "region_name": "Auvergne-Rhône-Alpes",
        "academy_code": "10",
        "academy_name": "Lyon",
        "academic_region": "Auvergne-Rhône-Alpes",
        "status": "massive",
        "status_label": "Déploiement massif",
        "colleges_with_ent": "51",
        "source_label": "Ain",
        "source_academy": "Lyon",
        "source_status": "Déploiement massif",
        "source_count": "51",
    }


def test_csv_leaves_an_unknown_count_empty(ds):
    header, *rows = csv_rows(ds)
    unknown = [
        dict(zip(header, row, strict=True))
        for row in rows
        if row[header.index("status")] == "none-or-unknown"
    ]

    assert 5 == len(unknown)
    assert {("", "-")} == {(r["colleges_with_ent"], r["source_count"]) for r in unknown}


def test_csv_writes_utf8_without_bom_to_a_path(ds, tmp_path):
    path = tmp_path / "ent.csv"

    ds.to_csv(path)

    data = path.read_bytes()
    assert data.startswith(b"code,name,")
    assert "Île-de-France".encode() in data
    buffer = io.StringIO()
    ds.to_csv(buffer)
    assert buffer.getvalue() == data.decode("utf-8")


def test_csv_accepts_a_string_path(ds, tmp_path):
    ds.to_csv(str(tmp_path / "ent.csv"))

    assert len(ds) + 1 == len((tmp_path / "ent.csv").read_text("utf-8").splitlines())


def test_csv_refuses_a_binary_stream_before_writing(ds):
    target = io.BytesIO()

    with pytest.raises(InvalidArgumentError, match="expected a text stream") as caught:
        ds.to_csv(target)

    assert ("target", b"") == (caught.value.argument, target.getvalue())


def test_csv_refuses_a_target_that_is_neither_path_nor_stream(ds):
    with pytest.raises(InvalidArgumentError, match="expected a path or a text stream"):
        ds.to_csv(42)  # type: ignore[arg-type]


#: Paths no file can have: empty, with a NUL, or not encodable (lone surrogates).
UNOPENABLE_PATHS = ["", "a\x00b", "\x00", "\ud800", "\udfff75"]


@pytest.mark.parametrize("target", UNOPENABLE_PATHS)
def test_csv_refuses_a_path_no_file_can_have(ds, target):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.to_csv(target)

    assert ("target", target) == (caught.value.argument, caught.value.value)
    assert "expected a path to a file, or a text stream" in str(caught.value)


def test_csv_to_a_missing_folder_raises_file_not_found(ds, tmp_path):
    with pytest.raises(FileNotFoundError):
        ds.to_csv(tmp_path / "missing" / "ent.csv")


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1", "'+33 1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'already", "''already"),
        ("Ain", "Ain"),
        ("Saint-Denis = 3", "Saint-Denis = 3"),
    ],
)
def test_csv_neutralises_text_a_spreadsheet_would_run(ds, label, written):
    first = ds.deployments[0]
    dataset = Dataset(ds.edition, [attrs.evolve(first, source_label=label)])

    header, row = csv_rows(dataset)

    assert written == row[header.index("source_label")]


def test_csv_keeps_numbers_and_the_no_count_marker_as_they_are():
    assert "-" == neutralise("-")
    assert "12" == neutralise("12")


@given(st.text())
def test_neutralise_is_undone_by_unneutralise(text):
    assert text == unneutralise(neutralise(text))


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text):
    neutral = neutralise(text)

    assert neutral == "-" or not neutral.startswith(CSV_FORMULA_PREFIXES)


# -- Data package ------------------------------------------------------------------

PACKAGED_TABLES = (*DATAPACKAGE_TABLES, "label_corrections", "authorities")


def shipped_descriptor() -> dict[str, object]:
    text = (PACKAGED_DATA / "2025" / "datapackage.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_the_shipped_descriptor_is_the_one_the_library_builds(ds):
    assert datapackage_descriptor(ds.edition, PACKAGED_TABLES) == shipped_descriptor()


def test_the_shipped_descriptor_has_the_fields_of_every_packaged_file():
    resources = shipped_descriptor()["resources"]

    assert {f"{r['name']}.csv": r["path"] for r in resources} == {
        name: name for name in COLUMNS
    }
    assert {
        r["path"]: tuple(field["name"] for field in r["schema"]["fields"])
        for r in resources
    } == dict(COLUMNS)


def test_the_descriptor_lists_the_statuses_in_their_order():
    (deployments,) = [
        r for r in shipped_descriptor()["resources"] if r["name"] == "deployments"
    ]
    (status,) = [
        f for f in deployments["schema"]["fields"] if f["name"] == "source_status"
    ]

    assert [
        "Pas de projet ENT ou inconnu",
        "En cours de déploiement",
        "Déploiement massif",
    ] == status["constraints"]["enum"]
    assert [s.label for s in sorted(Status)] == status["constraints"]["enum"]


def test_the_descriptor_links_deployments_to_territories_to_academies():
    schemas = {r["name"]: r["schema"] for r in shipped_descriptor()["resources"]}

    links = {
        (name, tuple(key["fields"]), key["reference"]["resource"])
        for name, schema in schemas.items()
        for key in schema.get("foreignKeys", [])
    }

    assert {
        ("deployments", ("code",), "territories"),
        ("territories", ("academy_code",), "academies"),
        ("territories", ("region_code",), "regions"),
        ("authorities", ("territory_code",), "territories"),
    } == links


def test_the_descriptor_refuses_an_unknown_table(ds):
    with pytest.raises(ValueError, match="no table 'schools'"):
        datapackage_descriptor(ds.edition, ["schools"])


def test_the_shipped_package_is_valid():
    report = frictionless.validate(PACKAGED_DATA / "2025" / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_exporting_the_packaged_edition_reproduces_its_files(ds, tmp_path):
    descriptor = ds.to_datapackage(tmp_path / "out")

    assert tmp_path / "out" / "datapackage.json" == descriptor
    for table in DATAPACKAGE_TABLES:
        expected = (PACKAGED_DATA / "2025" / f"{table}.csv").read_bytes()
        assert expected == (tmp_path / "out" / f"{table}.csv").read_bytes()
    assert frictionless.validate(descriptor).valid


@given(datasets())
def test_an_exported_package_describes_its_dataset(dataset):
    descriptor = datapackage_descriptor(dataset.edition)

    assert dataset.edition == make_converter().structure(
        descriptor["entdeploy:edition"], Edition
    )
    assert list(DATAPACKAGE_TABLES) == [r["name"] for r in descriptor["resources"]]


def test_an_exported_synthetic_package_is_valid_and_checked(ds, tmp_path):
    first, second = ds.deployments[:2]
    dataset = Dataset(
        Edition(id="Next Year", title="A synthetic edition"),
        [attrs.evolve(first, source_label="=Ain"), second],
    )

    descriptor = dataset.to_datapackage(tmp_path)

    assert "entdeploy-next-year" == json.loads(descriptor.read_text("utf-8"))["name"]
    assert frictionless.validate(descriptor).valid
    territories = tmp_path / "territories.csv"
    territories.write_text(
        territories.read_text("utf-8").replace(",84,10", ",84,99"), "utf-8"
    )
    report = frictionless.validate(descriptor)
    assert ["foreign-key"] == [
        error.type for task in report.tasks for error in task.errors
    ]


def test_no_dataset_and_so_no_package_holds_two_academies_with_one_code(ds):
    first, second = ds.deployments[:2]
    renamed = attrs.evolve(
        second.department, academy=attrs.evolve(first.academy, name="Lyons")
    )

    # The Dataset refuses them, before any package is written.
    with pytest.raises(DataError, match="give this code different académies"):
        Dataset(ds.edition, [first, attrs.evolve(second, department=renamed)])


@pytest.mark.parametrize(
    "directory", [*UNOPENABLE_PATHS, 1, None, 1.5, ["a"], b"x", object()]
)
def test_a_package_needs_a_path_to_a_directory(ds, directory):
    with pytest.raises(InvalidArgumentError) as caught:
        ds.to_datapackage(directory)  # type: ignore[arg-type]

    assert ("directory", directory) == (caught.value.argument, caught.value.value)
    assert "expected a path to a directory" in str(caught.value)


def test_a_package_refuses_status_and_count_cells_its_schema_refuses(tmp_path):
    text = (TESTS_DATA / "source_table.tsv").read_text("utf-8")
    text = text.replace("\tDéploiement massif\t51", "\tmassive\t51", 1)
    text = text.replace("\tDéploiement massif\t37", "\tDéploiement massif\t 37", 1)
    edition = load_file(io.StringIO(text), edition="2026")

    with pytest.raises(DataError) as caught:
        edition.to_datapackage(tmp_path / "package")

    assert [
        ("deployments[0].source_status", "massive"),
        ("deployments[2].source_count", " 37"),
    ] == [(p.field, p.value) for p in caught.value.problems]
    assert "to_csv and to_json keep this cell" in str(caught.value)
    assert not (tmp_path / "package").exists()


def test_a_package_of_a_user_edition_with_the_labels_is_valid(tmp_path):
    text = (TESTS_DATA / "source_table.tsv").read_text("utf-8")
    text = text.replace("Côte-d'Or\t", "COTE D OR\t")
    edition = load_file(io.StringIO(text), edition="2026")

    descriptor = edition.to_datapackage(tmp_path / "package")

    assert frictionless.validate(descriptor).valid


def test_a_package_over_a_file_raises_an_os_error(ds, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")

    with pytest.raises(FileExistsError):
        ds.to_datapackage(tmp_path / "file")
