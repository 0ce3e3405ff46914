"""entdeploy.normalize: the one normalisation every lookup uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import entdeploy
from entdeploy import normalize
from entdeploy.exceptions import InvalidArgumentError

from .strategies import joined, strip_accents, word_lists


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Côte-d'Or", "cote d or"),
        ("COTE D'OR", "cote d or"),
        ("cote d or", "cote d or"),
        ("Côte\u2011d\u2019Or", "cote d or"),
        ("  Val-d'Oise ", "val d oise"),
        ("St Pierre et Miquelon", "saint pierre et miquelon"),
        ("Ste.-Marie", "sainte marie"),
        ("Stéphane", "stephane"),
        ("La Réunion", "la reunion"),
        ("FR-2A", "fr 2a"),
        ("", ""),
        (" - ", ""),
    ],
)
def test_normalize_examples(typed, expected):
    assert expected == normalize(typed)


def test_normalize_rejects_what_is_not_text():
    with pytest.raises(TypeError) as caught:
        normalize(56)  # type: ignore[arg-type]

    assert isinstance(caught.value, InvalidArgumentError)
    assert "text=56 is not accepted; expected a str to normalise" == str(caught.value)


def test_normalize_is_the_one_the_package_exports():
    assert entdeploy.normalize is normalize
    assert "normalize" in entdeploy.__all__


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)

    assert once == normalize(once)


@given(st.text())
def test_normalize_gives_single_spaced_lower_case_words(text):
    key = normalize(text)

    assert key == key.strip()
    assert "  " not in key
    assert key == key.casefold()


@given(word_lists)
def test_normalize_ignores_case(words):
    text = " ".join(words)

    assert normalize(text) == normalize(text.upper())
    assert normalize(text) == normalize(text.lower())


@given(word_lists)
def test_normalize_ignores_accents(words):
    text = " ".join(words)

    assert normalize(text) == normalize(strip_accents(text))


@given(word_lists, st.data())
def test_normalize_ignores_hyphens_spaces_and_apostrophes(words, data):
    first = data.draw(joined(words))
    second = data.draw(joined(words))

    assert normalize(first) == normalize(second)


@given(word_lists, st.data())
def test_normalize_reads_st_and_ste_as_saint_and_sainte(words, data):
    abbreviated = data.draw(joined(["St", *words, "Ste"]))
    spelt = data.draw(joined(["Saint", *words, "Sainte"]))

    assert normalize(spelt) == normalize(abbreviated)


def reference_normalize(text: str) -> str:
    """The rule normalize implements, written the slow, obvious way."""
    import re  # noqa: PLC0415 - only this reference needs it
    import unicodedata  # noqa: PLC0415

    folded = unicodedata.normalize("NFKD", text).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.split(r"[\s\-‐‑‒–—―'’‘`´.,;:/_()\"]+", stripped)
    abbreviations = {"st": "saint", "ste": "sainte"}
    return " ".join(abbreviations.get(word, word) for word in words if word)


@given(st.text())
def test_normalize_agrees_with_its_slow_reference(text):
    assert reference_normalize(text) == normalize(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x2B0, max_codepoint=0x52F)))
def test_normalize_agrees_with_its_reference_on_marks_and_accented_letters(text):
    assert reference_normalize(text) == normalize(text)
