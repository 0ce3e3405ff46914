"""Dataset.to_records: one flat, plain dict per territory."""

from __future__ import annotations

import csv
import json

from hypothesis import given

from entdeploy import Dataset, Status, make_converter
from entdeploy._write.records import COLUMNS, TerritoryRecord, record_of

from .conftest import PACKAGED_DATA
from .strategies import datasets, deployments

EXPECTED_COLUMNS = [
    "code",
    "name",
    "iso_code",
    "kind",
    "region_code",
    "region_name",
    "academy_code",
    "academy_name",
    "academic_region",
    "status",
    "status_label",
    "colleges_with_ent",
    "source_label",
    "source_academy",
    "source_status",
    "source_count",
]
STATUS_KEYS = {
    "Déploiement massif": "massive",
    "En cours de déploiement": "in-progress",
    "Pas de projet ENT ou inconnu": "none-or-unknown",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with (PACKAGED_DATA / "2025" / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_records_equal_the_packaged_files_joined_by_hand(ds):
    regions = {row["code"]: row["name"] for row in read_csv("regions.csv")}
    academies = {row["code"]: row for row in read_csv("academies.csv")}
    territories = {row["code"]: row for row in read_csv("territories.csv")}
    expected = []
    for row in read_csv("deployments.csv"):
        territory = territories[row["code"]]
        academy = academies[territory["academy_code"]]
        expected.append(
            {
                "code": row["code"],
                "name": territory["name"],
                "iso_code": territory["iso_code"],
                "kind": territory["kind"],
                "region_code": territory["region_code"] or None,
                "region_name": regions.get(territory["region_code"]),
                "academy_code": academy["code"],
                "academy_name": academy["name"],
                "academic_region": academy["academic_region"] or None,
                "status": STATUS_KEYS[row["source_status"]],
                "status_label": row["source_status"],
                "colleges_with_ent": None
                if row["source_count"] == "-"
                else int(row["source_count"]),
                "source_label": row["source_label"],
                "source_academy": row["source_academy"],
                "source_status": row["source_status"],
                "source_count": row["source_count"],
            }
        )

    actual = ds.to_records()

    assert expected == list(actual)
    assert isinstance(actual, tuple)


def test_every_record_has_the_columns_in_order(ds):
    assert EXPECTED_COLUMNS == list(COLUMNS)
    assert all(EXPECTED_COLUMNS == list(record) for record in ds.to_records())


def test_records_are_plain_json_data(ds):
    records = ds.to_records()

    assert list(records) == json.loads(json.dumps(records, ensure_ascii=False))


def test_records_of_a_subset_follow_the_subset(ds):
    subset = Dataset(ds.edition, [d for d in ds if d.status is Status.IN_PROGRESS])

    records = subset.to_records()

    assert 7 == len(records)
    assert {"in-progress"} == {record["status"] for record in records}


def test_records_are_fresh_each_call(ds):
    first = ds.to_records()
    first[0]["name"] = "changed"

    assert "Ain" == ds.to_records()[0]["name"]


@given(deployments())
def test_a_record_round_trips_through_the_converter(deployment):
    converter = make_converter()
    record = record_of(deployment)

    assert record == converter.structure(converter.unstructure(record), TerritoryRecord)


@given(datasets())
def test_records_keep_every_row_in_order(dataset):
    records = dataset.to_records()

    assert [d.code for d in dataset] == [r["code"] for r in records]
    assert [d.colleges_with_ent for d in dataset] == [
        r["colleges_with_ent"] for r in records
    ]
    assert [d.status.value for d in dataset] == [r["status"] for r in records]
