"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from entdeploy import (
    Academy,
    AcademyKind,
    Dataset,
    Department,
    Deployment,
    Edition,
    Region,
    Source,
    Status,
    TerritoryKind,
)

#: Short printable text, including characters HTML and CSV treat specially.
texts = st.text(
    alphabet=st.sampled_from("abcÉé '-<>&\"\u2019,;\n"), min_size=1, max_size=12
)
codes = st.text(alphabet="0123456789AB", min_size=2, max_size=3)

regions = st.builds(Region, code=codes, name=texts)
academies = st.builds(
    Academy,
    code=codes,
    name=texts,
    kind=st.sampled_from(AcademyKind),
    academic_region=st.none() | texts,
)
departments = st.builds(
    Department,
    code=codes,
    name=texts,
    iso_code=texts,
    kind=st.sampled_from(TerritoryKind),
    region=st.none() | regions,
    academy=academies,
)


@st.composite
def deployments(draw: st.DrawFn) -> Deployment:
    """A deployment whose count agrees with its status, as the loader requires."""
    status = draw(st.sampled_from(Status))
    count = (
        None
        if status is Status.NONE_OR_UNKNOWN
        else draw(st.integers(min_value=0, max_value=500))
    )
    return Deployment(
        department=draw(departments),
        status=status,
        colleges_with_ent=count,
        source_label=draw(texts),
        source_academy=draw(texts),
        source_status=status.label,
        source_count="-" if count is None else str(count),
    )


@st.composite
def datasets(draw: st.DrawFn, max_size: int = 12) -> Dataset:
    """A dataset of deployments with distinct territory codes, as a Dataset requires."""
    unique_codes = draw(st.lists(codes, max_size=max_size, unique=True))
    rows = [
        attrs.evolve(row, department=attrs.evolve(row.department, code=code))
        for code in unique_codes
        for row in [draw(deployments())]
    ]
    return Dataset(Edition(id="test", title="A test edition"), rows)


#: Any text, including what JSON must escape (quotes, controls, astral characters).
any_texts = st.text(max_size=20)
editions = st.builds(
    Edition,
    id=st.text(min_size=1, max_size=8),
    title=any_texts,
    school_year=st.none() | any_texts,
    publisher=st.none() | any_texts,
    sources=st.lists(st.builds(Source, name=any_texts, description=any_texts)).map(
        tuple
    ),
    description=st.none() | any_texts,
    statuses_description=st.none() | any_texts,
    licence=st.none() | any_texts,
    licence_note=st.none() | any_texts,
)


@st.composite
def datasets_with_editions(draw: st.DrawFn) -> Dataset:
    """A dataset as :func:`datasets` draws it, with arbitrary edition metadata."""
    return attrs.evolve(draw(datasets()), edition=draw(editions))


#: Text nobody should pass, and somebody eventually does: empty and blank strings,
#: NUL bytes, control characters, lone surrogates, a bidi override, a BOM, strings
#: of a million characters, and any code point at all (surrogates included).
hostile_texts = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "Ain\x00",
            "75\x00",
            "\ud800",
            "\udfff75",
            "Finist\udce8re",
            "\x1b[2J",
            "\r\n\t\x0b\x0c\x7f",
            "\u202eniA",
            "\ufeff75",
            "-" * 1000,
            "x" * 1_000_000,
            "é" * 1_000_000,
            "75" * 500_000,
            "cote d or " * 100_000,
        ]
    ),
    st.text(st.characters(exclude_categories=()), max_size=30),
)
#: Values of the wrong type where the API expects a string.
wrong_types = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=8),
    st.just(b"75"),
    st.just(75),
    st.just(["75"]),
    st.just({"code": "75"}),
    st.just(object()),
    st.sampled_from(Status),
)
