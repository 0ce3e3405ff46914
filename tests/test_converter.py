"""The converter is the one definition of the model's plain shape."""

from __future__ import annotations

import csv

import cattrs
import pytest

import entdeploy
from entdeploy import Dataset, Deployment, Region, make_converter

from .conftest import PACKAGED_DATA


def read_csv(name: str) -> dict[str, dict[str, str]]:
    with (PACKAGED_DATA / "2025" / name).open(encoding="utf-8", newline="") as file:
        return {row["code"]: row for row in csv.DictReader(file)}


def test_the_converter_structures_the_files_into_what_the_loader_built(ds):
    """The hand-written loader and the cattrs converter agree on every row."""
    regions = read_csv("regions.csv")
    academies = read_csv("academies.csv")
    territories = read_csv("territories.csv")
    with (PACKAGED_DATA / "2025" / "deployments.csv").open(
        encoding="utf-8", newline=""
    ) as file:
        rows = list(csv.DictReader(file))
    plain = []
    for row in rows:
        territory = territories[row["code"]]
        academy = academies[territory["academy_code"]]
        region = regions.get(territory["region_code"])
        plain.append(
            {
                "department": {
                    "code": territory["code"],
                    "name": territory["name"],
                    "iso_code": territory["iso_code"],
                    "kind": territory["kind"],
                    "region": region,
                    "academy": {
                        **academy,
                        "academic_region": academy["academic_region"] or None,
                    },
                },
                "status": entdeploy.Status.from_label(row["source_status"]).value,
                "colleges_with_ent": None
                if row["source_count"] == "-"
                else int(row["source_count"]),
                "source_label": row["source_label"],
                "source_academy": row["source_academy"],
                "source_status": row["source_status"],
                "source_count": row["source_count"],
            }
        )

    structured = make_converter().structure(plain, list[Deployment])

    assert list(ds.deployments) == structured


def test_a_dataset_round_trips_through_the_converter(ds):
    converter = make_converter()

    plain = converter.unstructure(ds)

    assert {"edition", "deployments"} == set(plain)
    assert "massive" == plain["deployments"][0]["status"]
    assert ds == converter.structure(plain, Dataset)


def test_each_call_returns_a_fresh_converter():
    assert make_converter() is not make_converter()


def test_equal_academies_structure_into_one_shared_object(ds):
    structured = make_converter().structure(make_converter().unstructure(ds), Dataset)

    by_code = {}
    for row in structured:
        assert row.academy is by_code.setdefault(row.academy.code, row.academy)
    assert 30 < len(by_code) < len(structured)


def test_a_shared_object_is_returned_for_equal_values_only():
    converter = make_converter()
    plain = {"code": "11", "name": "Île-de-France"}
    region = converter.structure(plain, Region)

    assert region is converter.structure(dict(plain), Region)
    assert "11" == converter.structure({"code": "11", "name": "IDF"}, Region).code
    with pytest.raises(cattrs.ClassValidationError):  # unhashable, and refused
        converter.structure({"code": ["11"], "name": "Île-de-France"}, Region)
