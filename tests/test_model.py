"""The model's own rules: parsing statuses and counts, and what a Deployment accepts."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import entdeploy
from entdeploy import Edition, Source, Status
from entdeploy._model import parse_count
from entdeploy.exceptions import EntdeployError, InvalidArgumentError

from .strategies import (
    count_cells,
    hostile_texts,
    respellings,
    status_cells,
    wrong_types,
)

# -- Status.parse ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Déploiement massif", Status.MASSIVE),
        ("En cours de déploiement", Status.IN_PROGRESS),
        ("Pas de projet ENT ou inconnu", Status.NONE_OR_UNKNOWN),
        ("massive", Status.MASSIVE),
        ("in-progress", Status.IN_PROGRESS),
        ("none-or-unknown", Status.NONE_OR_UNKNOWN),
        ("MASSIVE", Status.MASSIVE),
        ("IN_PROGRESS", Status.IN_PROGRESS),
        ("NONE_OR_UNKNOWN", Status.NONE_OR_UNKNOWN),
        ("deploiement MASSIF", Status.MASSIVE),
        ("  en-cours-de-deploiement ", Status.IN_PROGRESS),
        ("In Progress", Status.IN_PROGRESS),
        ("pas de projet ent ou inconnu", Status.NONE_OR_UNKNOWN),
    ],
)
def test_status_parse_accepts_labels_keys_and_names(text, expected):
    assert expected == Status.parse(text)


@given(data=st.data(), status=st.sampled_from(Status))
def test_status_parse_accepts_any_respelling_of_a_label_or_key(data, status):
    for spelling in (status.label, status.value, status.name.replace("_", " ")):
        assert status == Status.parse(data.draw(respellings(spelling)))


@pytest.mark.parametrize("text", ["", " ", "Massif", "done", "in progres", "-"])
def test_status_parse_refuses_what_names_no_status(text):
    with pytest.raises(InvalidArgumentError) as caught:
        Status.parse(text)

    assert ("status", text) == (caught.value.argument, caught.value.value)
    assert isinstance(caught.value, ValueError)
    assert "'massive', 'in-progress', 'none-or-unknown'" in str(caught.value)


@given(value=wrong_types)
def test_status_parse_refuses_what_is_not_text(value):
    with pytest.raises(InvalidArgumentError):
        Status.parse(value)


@given(text=hostile_texts)
def test_status_parse_answers_any_text_with_a_status_or_the_error(text):
    try:
        answer: object = Status.parse(text)
    except EntdeployError as error:
        answer = error
    assert isinstance(answer, (Status, InvalidArgumentError))


@pytest.mark.parametrize("status", list(Status))
def test_status_from_label_is_exact(status):
    assert status == Status.from_label(status.label)
    with pytest.raises(InvalidArgumentError, match="status labels"):
        Status.from_label(status.label.lower())
    with pytest.raises(ValueError, match="status labels"):
        Status.from_label(status.value)


# -- parse_count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "missing", "expected"),
    [("51", "-", 51), ("0", "-", 0), ("007", "-", 7), ("-", "-", None), ("", "", None)],
)
def test_parse_count_reads_digits_and_the_missing_marker(cell, missing, expected):
    assert expected == parse_count(cell, missing=missing)


@pytest.mark.parametrize("cell", ["", " 51", "-3", "5.0", "٣", "²", "abc", "+1"])
def test_parse_count_refuses_anything_else(cell):
    with pytest.raises(InvalidArgumentError) as caught:
        parse_count(cell)

    assert ("cell", cell) == (caught.value.argument, caught.value.value)
    assert isinstance(caught.value, ValueError)


@given(value=wrong_types)
def test_parse_count_refuses_what_is_not_text(value):
    with pytest.raises(InvalidArgumentError):
        parse_count(value)


@given(count=st.integers(min_value=0))
def test_parse_count_reads_back_any_count(count):
    assert count == parse_count(str(count))


# -- Deployment: its verbatim cells agree with its typed values ----------------------


@pytest.fixture(scope="module")
def row():
    return entdeploy.load().lookup("01")  # massive, 51, "Déploiement massif", "51"


@pytest.mark.parametrize(
    ("changes", "argument"),
    [
        ({"colleges_with_ent": None}, "colleges_with_ent"),
        ({"colleges_with_ent": -1, "source_count": "-1"}, "colleges_with_ent"),
        ({"colleges_with_ent": True, "source_count": "1"}, "colleges_with_ent"),
        ({"colleges_with_ent": 51.0}, "colleges_with_ent"),
        ({"status": "massive"}, "status"),
        ({"status": Status.NONE_OR_UNKNOWN}, "colleges_with_ent"),
        ({"source_status": "En cours de déploiement"}, "source_status"),
        ({"source_status": "Massif"}, "source_status"),
        ({"source_count": "52"}, "source_count"),
        ({"source_count": "-"}, "source_count"),
        ({"source_count": ""}, "source_count"),
        ({"source_count": "51.0"}, "source_count"),
    ],
)
def test_a_deployment_refuses_values_that_contradict_each_other(row, changes, argument):
    with pytest.raises(InvalidArgumentError) as caught:
        attrs.evolve(row, **changes)

    assert argument == caught.value.argument


@given(data=st.data(), status=st.sampled_from(Status), count=st.integers(0, 999))
def test_a_deployment_accepts_any_spelling_of_its_status_and_a_padded_count(
    row, data, status, count
):
    known = None if status is Status.NONE_OR_UNKNOWN else count
    status_cell = data.draw(status_cells(status))
    count_cell = data.draw(count_cells(known))

    evolved = attrs.evolve(
        row,
        status=status,
        colleges_with_ent=known,
        source_status=status_cell,
        source_count=count_cell,
    )

    assert (status, known, status_cell, count_cell) == (
        evolved.status,
        evolved.colleges_with_ent,
        evolved.source_status,
        evolved.source_count,
    )


# -- Edition.sources -----------------------------------------------------------------


@pytest.mark.parametrize("sources", ["DNMA", b"DNMA", 3, [("DNMA", "x")], ["DNMA"]])
def test_edition_sources_refuse_a_str_and_what_is_not_a_source(sources):
    with pytest.raises(InvalidArgumentError) as caught:
        Edition(id="x", title="t", sources=sources)

    assert "sources" == caught.value.argument


def test_edition_sources_keep_sources_in_a_tuple():
    dnma = Source(name="DNMA", description="d")

    assert (dnma,) == Edition(id="x", title="t", sources=[dnma]).sources
