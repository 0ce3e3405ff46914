"""The model's own rules: parsing statuses and counts, and what a Deployment accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entdeploy import Status
from entdeploy.exceptions import EntdeployError, InvalidArgumentError

from .strategies import hostile_texts, respellings, wrong_types

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
