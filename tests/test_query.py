"""The query API: lookup, ds[...], get, search, academy and filter."""

from __future__ import annotations

import copy
import csv
import json
import pickle
import re
import threading

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import entdeploy
from entdeploy import Dataset, Match, Status, TerritoryKind, _query, normalize
from entdeploy.exceptions import (
    DataError,
    EntdeployError,
    InvalidArgumentError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
    UnknownRegionError,
)

from .conftest import PACKAGED_DATA
from .strategies import respellings, strip_accents
from .test_reliability import criteria

PACKAGED = entdeploy.load("2025")
#: Hypothesis's per-example deadline is a timing assertion; searches are not timed.
UNTIMED = settings(deadline=None)
ROWS = PACKAGED.deployments


def codes(deployments):
    return [d.code for d in deployments]


def read_aliases():
    with (PACKAGED_DATA / "aliases.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# -- Strict lookup: every way of naming every territory ----------------------


def spellings(deployment):
    """Every key of a territory, as written in the data."""
    department = deployment.department
    return {
        department.code,
        department.iso_code,
        department.name,
        deployment.source_label,
    }


def variants(text):
    """The accent-free, upper-case, lower-case and hyphen-free variants of *text*."""
    plain = strip_accents(text)
    return {
        text,
        plain,
        text.upper(),
        text.lower(),
        plain.upper(),
        text.replace("-", " "),
        plain.lower().replace("-", " ").replace("'", " "),
        text.replace("'", "\u2019"),
    }


@pytest.mark.parametrize("deployment", ROWS, ids=codes(ROWS))
def test_every_code_name_and_label_looks_up_to_its_territory(ds, deployment):
    for spelling in spellings(deployment):
        for variant in variants(spelling):
            assert deployment == ds.lookup(variant), variant
            assert deployment == ds[variant], variant
            assert deployment == ds.get(variant), variant


def test_all_105_territories_are_covered(ds):
    assert 105 == len({d.code for d in ds})


NUMERIC = [d for d in ROWS if d.code.isdigit()]


@pytest.mark.parametrize("deployment", NUMERIC, ids=codes(NUMERIC))
def test_numeric_codes_look_up_with_or_without_leading_zero_and_as_ints(ds, deployment):
    code = deployment.code
    assert deployment == ds.lookup(code.lstrip("0"))
    assert deployment == ds.lookup(int(code))
    assert deployment == ds[int(code)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ROWS), st.data())
def test_any_respelling_of_an_official_name_looks_up_to_its_territory(deployment, data):
    typed = data.draw(respellings(deployment.name))

    assert deployment == PACKAGED.lookup(typed)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("2A", "2A"),
        ("2a", "2A"),
        ("2b", "2B"),
        ("01", "01"),
        ("1", "01"),
        (1, "01"),
        (974, "974"),
        ("FR-2A", "2A"),
        ("FR-75C", "75"),
        ("FR-75", "75"),
        ("FR-PM", "975"),
        ("fr-974", "974"),
        ("fr2a", "2A"),
        ("Lot", "46"),
        ("Département du Lot", "46"),
        ("departement du lot", "46"),
        ("cote d or", "21"),
        ("Cote dOr", "21"),
        ("CORSE DU SUD", "2A"),
        ("val d oise", "95"),
        ("st pierre et miquelon", "975"),
        ("reunion", "974"),
        ("la reunion", "974"),
        ("Polynésie", "987"),
        ("polynesie francaise", "987"),
        ("Nouvelle Calédonie", "988"),
        ("Tahiti", "987"),
        ("SPM", "975"),
        ("Belfort", "90"),
        ("Loire", "42"),
        ("Savoie", "73"),
        ("Haute-Loire", "43"),
        ("Loire-Atlantique", "44"),
        ("Paris", "75"),
    ],
)
def test_lookup_examples(ds, query, code):
    assert code == ds.lookup(query).code


def test_an_exact_match_beats_longer_names_that_contain_it(ds):
    assert ["42", "73", "46", "27"] == [
        ds.lookup(name).code for name in ("Loire", "Savoie", "Lot", "Eure")
    ]


# -- The packaged aliases --------------------------------------------------


def test_aliases_are_data_and_each_has_a_note():
    rows = read_aliases()

    assert rows
    assert all(row["note"].strip() for row in rows)
    assert {"department", "academy", "authority"} == {row["entity"] for row in rows}


@pytest.mark.parametrize(
    "row",
    [row for row in read_aliases() if row["entity"] == "department"],
    ids=lambda row: f"{row['alias']}->{row['code']}",
)
def test_each_territory_alias_looks_up_or_suggests_its_territory(ds, row):
    targets = {
        r["code"]
        for r in read_aliases()
        if r["entity"] == "department"
        and normalize(r["alias"]) == normalize(row["alias"])
    }
    if len(targets) == 1:
        assert row["code"] == ds.lookup(row["alias"]).code
    else:
        with pytest.raises(UnknownDepartmentError) as caught:
            ds.lookup(row["alias"])
        assert targets == set(codes(caught.value.suggestions))


@pytest.mark.parametrize(
    "row",
    [row for row in read_aliases() if row["entity"] == "academy"],
    ids=lambda row: f"{row['alias']}->{row['code']}",
)
def test_each_academy_alias_looks_up_its_academy(ds, row):
    assert row["code"] == ds.academy(row["alias"]).code


def test_no_alias_shadows_another_entitys_official_key(ds):
    official = {normalize(key): d.code for d in ds for key in spellings(d) if key} | {
        normalize(d.code.lstrip("0")): d.code for d in ds if d.code.isdigit()
    }
    clashes = [
        (row["alias"], row["code"], official[normalize(row["alias"])])
        for row in read_aliases()
        if row["entity"] == "department"
        and official.get(normalize(row["alias"]), row["code"]) != row["code"]
    ]

    assert [] == clashes


def test_no_two_territories_share_a_key_even_without_spaces(ds):
    seen: dict[str, str] = {}
    clashes = []
    for d in ds:
        for key in spellings(d):
            for form in (normalize(key), normalize(key).replace(" ", "")):
                if seen.setdefault(form, d.code) != d.code:
                    clashes.append((form, seen[form], d.code))

    assert [] == clashes


# -- Misses -------------------------------------------------------------------


def test_a_miss_raises_with_ranked_suggestions_and_says_so(ds):
    with pytest.raises(UnknownDepartmentError) as caught:
        ds.lookup("Morbihen")

    error = caught.value
    assert "no département matches 'Morbihen'; did you mean Morbihan (56)?" == str(
        error
    )
    assert "Morbihen" == error.query
    assert (ds.lookup("56"),) == error.suggestions


def test_the_miss_error_is_a_lookup_error_a_key_error_and_an_entdeploy_error(ds):
    with pytest.raises(KeyError):
        ds["Morbihen"]
    with pytest.raises(LookupError):
        ds.lookup("Morbihen")
    with pytest.raises(EntdeployError):
        ds.lookup("Morbihen")


@pytest.mark.parametrize("query", ["20", 20, "Corse", "corse"])
def test_corsicas_old_code_and_the_island_suggest_both_departements(ds, query):
    with pytest.raises(UnknownDepartmentError) as caught:
        ds.lookup(query)

    assert ["2A", "2B"] == codes(caught.value.suggestions)
    assert str(caught.value) == (
        f"no département matches {query!r}; it names more than one territory; "
        "did you mean Corse-du-Sud (2A) or Haute-Corse (2B)?"
    )


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("Finisterre", "29"),
        ("Bouche du Rhone", "13"),
        ("Herrault", "34"),
        ("Morbihen", "56"),
        ("Loir", "42"),
        ("Saint Pierre", "975"),
    ],
)
def test_a_miss_never_answers_but_suggests_the_closest_first(ds, query, best):
    assert ds.get(query) is None or query == "Saint Pierre"
    if query == "Saint Pierre":  # an alias: an exact match
        assert best == ds.lookup(query).code
        return
    with pytest.raises(UnknownDepartmentError) as caught:
        ds.lookup(query)
    assert best == caught.value.suggestions[0].code


def test_a_miss_with_nothing_close_says_what_was_expected(ds):
    with pytest.raises(UnknownDepartmentError) as caught:
        ds.lookup("xyzzy")

    assert () == caught.value.suggestions
    assert str(caught.value) == (
        "no département matches 'xyzzy'; expected an INSEE code ('56', '2A'), "
        "an ISO 3166-2 code ('FR-56') or a name ('Morbihan'); Dataset.search "
        "lists close names"
    )


@pytest.mark.parametrize("query", [0, -5, 100, 2, "975x", "FR-20", "Niger"])
def test_codes_that_do_not_exist_are_misses(ds, query):
    if query == 2:
        assert "02" == ds.lookup(query).code
        return
    with pytest.raises(UnknownDepartmentError):
        ds.lookup(query)
    assert ds.get(query) is None


@pytest.mark.parametrize("query", ["", " ", " - ", "'", "\t"])
def test_an_empty_or_blank_query_is_an_error_never_a_match(ds, query):
    for method in (ds.lookup, ds.get, ds.search, ds.academy, ds.__getitem__):
        with pytest.raises(InvalidQueryError, match=r"empty .* query"):
            method(query)


def test_the_empty_query_error_is_a_value_error(ds):
    with pytest.raises(ValueError, match=r"^empty département query ''; expected"):
        ds.lookup("")


@pytest.mark.parametrize("query", [1.5, None, True, b"56", ["56"]])
def test_a_query_that_is_not_a_str_or_an_int_is_a_type_error(ds, query):
    with pytest.raises(
        TypeError, match="expected a département query: a str"
    ) as caught:
        ds.lookup(query)

    assert isinstance(caught.value, InvalidArgumentError)
    assert isinstance(caught.value, ValueError)


def test_a_territory_filtered_out_is_reported_as_such(ds):
    brittany = ds.filter(region="Bretagne")

    with pytest.raises(UnknownDepartmentError) as caught:
        brittany.lookup("Ain")

    assert str(caught.value) == (
        "no département matches 'Ain'; Ain (01) is not among this dataset's 4 "
        "territories"
    )
    assert "56" == brittany.lookup("morbihan").code


# -- get -------------------------------------------------------------------


def test_get_matches_like_lookup_and_returns_the_default_on_a_miss(ds):
    marker = object()

    assert ds.lookup("Morbihan") == ds.get("Morbihan")
    assert ds.get("Morbihen") is None
    assert ds.get("Morbihen", marker) is marker
    assert ds.get("Corse", "ambiguous") == "ambiguous"


@UNTIMED
@given(st.text(max_size=12))
def test_get_never_raises_for_a_miss_and_agrees_with_lookup(text):
    if not normalize(text):
        return
    found = PACKAGED.get(text)
    if found is None:
        with pytest.raises(UnknownDepartmentError):
            PACKAGED.lookup(text)
    else:
        assert found == PACKAGED.lookup(text)


# -- search ----------------------------------------------------------------


def test_search_returns_frozen_matches_scored_in_0_1_best_first(ds):
    matches = ds.search("Loire")

    assert Match(ds.lookup("42"), 1.0) == matches[0]
    assert all(0 <= m.score < 1 for m in matches[1:])
    assert sorted((m.score for m in matches), reverse=True) == [
        m.score for m in matches
    ]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        matches[0].score = 0.5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("Finisterre", "29"),
        ("Morbihen", "56"),
        ("Bouche du Rhone", "13"),
        ("Herrault", "34"),
        ("rhone bouches du", "13"),
        ("Calédonie nouvelle", "988"),
        ("savoi", "73"),
        ("saint denis seine", "93"),
    ],
)
def test_search_tolerates_typos_partial_names_and_word_order(ds, query, best):
    matches = ds.search(query)

    assert best == matches[0].deployment.code
    assert matches[0].score < 1.0


def test_search_for_a_partial_name_lists_the_departements_it_starts(ds):
    haute = [m.deployment.name for m in ds.search("haute", limit=None)]

    starting = [d.name for d in ds if normalize(d.name).startswith("haute")]
    assert 9 == len(starting)
    assert set(starting) == set(haute[:9])
    assert 5 == len(ds.search("haute"))


def test_search_gives_1_only_for_an_exact_match(ds):
    assert [1.0] == [m.score for m in ds.search("Savoie") if m.score == 1.0]
    assert all(m.score < 1.0 for m in ds.search("Savoi", limit=None))


def test_search_scores_the_territories_an_ambiguous_key_names_equally(ds):
    first, second = ds.search("Corse")[:2]

    assert {"2A", "2B"} == {first.deployment.code, second.deployment.code}
    assert first.score == second.score < 1.0


def test_search_returns_nothing_for_gibberish(ds):
    assert () == ds.search("xqzwv")


def test_search_limit(ds):
    assert 1 == len(ds.search("haute", limit=1))
    with pytest.raises(InvalidQueryError, match="limit must be at least 1"):
        ds.search("haute", limit=0)
    with pytest.raises(InvalidArgumentError) as caught:
        ds.search("haute", limit="3")  # type: ignore[arg-type]

    assert (
        "limit='3' is not accepted; expected an int of at least 1, or None for "
        "every candidate"
    ) == str(caught.value)


@UNTIMED
@given(st.text(max_size=15))
def test_search_scores_are_in_0_1_and_ranked(text):
    if not normalize(text):
        return
    scores = [m.score for m in PACKAGED.search(text, limit=None)]

    assert all(0.0 <= score <= 1.0 for score in scores)
    assert sorted(scores, reverse=True) == scores


@UNTIMED
@given(st.sampled_from(ROWS))
def test_search_for_an_official_name_puts_it_first_with_score_1(deployment):
    first = PACKAGED.search(deployment.name)[0]

    assert Match(deployment, 1.0) == first


# -- The search index: the documented formula, by brute force ---------------


def bigrams(text):
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def dice(text, other):
    mine, theirs = bigrams(text), bigrams(other)
    return 2 * len(mine & theirs) / (len(mine) + len(theirs))


def word_similarity(word, other):
    if word == other:
        return 1.0
    if len(word) >= 3 and other.startswith(word):
        return max(dice(word, other), 0.85 + 0.15 * len(word) / len(other))
    return dice(word, other)


def name_score(query, name):
    """The score of a name as docs/queries.md and _query's docstring define it."""
    whole = dice(query.replace(" ", ""), name.replace(" ", ""))
    name_words = name.split()
    matched, used = 0.0, set()
    for word in query.split():
        best, best_index = 0.0, -1
        for index, other in enumerate(name_words):
            similarity = word_similarity(word, other)
            if similarity > best:
                best, best_index = similarity, index
        if best >= 0.75:
            matched += len(word) * best
            used.add(best_index)
    covered = sum(len(name_words[i]) for i in used) / len(name.replace(" ", ""))
    by_words = 0.95 * matched / len(query.replace(" ", "")) * (0.6 + 0.4 * covered)
    return max(whole, by_words)


def searchable_names(deployment):
    aliases = [
        row["alias"]
        for row in read_aliases()
        if row["entity"] == "department" and row["code"] == deployment.code
    ]
    names = [deployment.name, deployment.source_label, *aliases]
    return {normalize(name) for name in names}


NAMES = {d.code: searchable_names(d) for d in ROWS}


def brute_force_search(query):
    """Score every name of every territory: what the index must reproduce."""
    key = normalize(query)
    exact = {d.code for d in PACKAGED._index.departments.find(key)}
    ranked = []
    for position, d in enumerate(ROWS):
        if d.code in exact:
            score = 1.0 if len(exact) == 1 else 0.95
        else:
            score = min(max(name_score(key, name) for name in NAMES[d.code]), 0.99)
        if score >= 0.6:
            ranked.append((-round(score, 3), position, d.code))
    return [(code, -score) for score, _, code in sorted(ranked)]


EXAMPLE_QUERIES = [
    "Finistere",
    "Finisterre",
    "Morbihen",
    "Bouche du Rhone",
    "Herrault",
    "rhone bouches du",
    "Calédonie nouvelle",
    "savoi",
    "saint denis seine",
    "haute",
    "Haute Savoi",
    "Loir",
    "Aine",
    "valdoisse",
    "Corse",
    "xqzwv",
    "la la la",
    "e",
    "d",
]


@pytest.mark.parametrize("query", EXAMPLE_QUERIES)
def test_search_scores_exactly_what_scoring_every_name_gives(query):
    expected = brute_force_search(query)

    assert expected == [
        (m.deployment.code, m.score) for m in PACKAGED.search(query, limit=None)
    ]


@UNTIMED
@given(
    st.text(alphabet="abcdeghilmnorstuvé -'", min_size=1, max_size=16)
    | st.sampled_from(ROWS).flatmap(lambda d: respellings(d.name))
)
def test_the_search_index_never_misses_nor_misjudges_a_candidate(query):
    if not normalize(query):
        return

    assert brute_force_search(query) == [
        (m.deployment.code, m.score) for m in PACKAGED.search(query, limit=None)
    ]


# -- Académies -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Orleans-tours", "18"),
        ("orleans tours", "18"),
        ("Orléans-Tours", "18"),
        ("Orléans", "18"),
        ("18", "18"),
        (18, "18"),
        ("1", "01"),
        ("Vice-rectorat Mayotte", "43"),
        ("St pierre et Miquelon", "44"),
        ("Wallis et Futuna", "42"),
        ("Vice-rectorat Nouvelle-Calédonie", "40"),
        ("AIX MARSEILLE", "02"),
        ("Corse", "27"),
        ("la reunion", "28"),
    ],
)
def test_academy_lookup_examples(ds, query, code):
    assert code == ds.academy(query).code


def test_every_academy_looks_up_by_code_name_and_source_label(ds):
    for d in ds:
        academy = d.academy
        for spelling in (academy.code, academy.name, d.source_academy):
            for variant in variants(spelling):
                assert academy == ds.academy(variant), variant


def test_an_unknown_academy_raises_with_suggestions(ds):
    with pytest.raises(UnknownAcademyError) as caught:
        ds.academy("Orleens")

    assert "no académie matches 'Orleens'; did you mean Orléans-Tours (18)?" == str(
        caught.value
    )
    assert (ds.academy("18"),) == caught.value.suggestions
    assert isinstance(caught.value, LookupError)


def test_an_academy_gives_its_territories_through_filter(ds):
    orleans_tours = ds.filter(academy=ds.academy("Orleans-tours"))

    assert ["18", "28", "36", "37", "45", "41"] == codes(orleans_tours)
    assert orleans_tours == ds.filter(academy="orleans tours")


# -- filter ------------------------------------------------------------------


def test_filter_returns_a_dataset_in_source_order(ds):
    massive = ds.filter(status=Status.MASSIVE)

    assert isinstance(massive, Dataset)
    assert ds.edition == massive.edition
    assert [d for d in ds if d.status is Status.MASSIVE] == list(massive)
    assert 93 == len(massive)


def test_filter_without_arguments_keeps_everything(ds):
    assert ds == ds.filter()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": "massive"}, 93),
        ({"status": "Déploiement massif"}, 93),
        ({"status": "deploiement massif"}, 93),
        ({"status": ["in-progress", Status.NONE_OR_UNKNOWN]}, 12),
        ({"academy": "Lyon"}, 3),
        ({"academy": ["Lyon", "grenoble", 18]}, 14),
        ({"region": "Bretagne"}, 4),
        ({"region": "53"}, 4),
        ({"region": "ile de france"}, 8),
        ({"region": ["Bretagne", "Normandie"]}, 9),
        ({"academic_region": "Île-de-France"}, 8),
        ({"academic_region": "grand est"}, 10),
        ({"kind": TerritoryKind.OVERSEAS_COLLECTIVITY}, 4),
        ({"kind": "overseas-department"}, 5),
        ({"kind": ("overseas department", "overseas collectivity")}, 9),
        ({"overseas": True}, 9),
        ({"overseas": False}, 96),
        ({"where": lambda d: d.colleges_with_ent is None}, 5),
        ({"status": "massive", "overseas": True}, 9),
        ({"status": "in-progress", "region": "Nouvelle-Aquitaine"}, 5),
    ],
)
def test_filter_counts(ds, kwargs, expected):
    assert expected == len(ds.filter(**kwargs))


def test_filters_chain_and_lookups_work_on_the_result(ds):
    grand_est = ds.filter(academic_region="Grand Est")
    moselle = grand_est.filter(academy="Nancy-Metz").lookup("moselle")

    assert "57" == moselle.code
    assert codes(grand_est.filter(academy="Nancy-Metz")) == codes(
        ds.filter(academic_region="Grand Est", academy="Nancy-Metz")
    )


def test_a_real_name_with_no_row_left_gives_an_empty_dataset(ds):
    assert 0 == len(ds.filter(region="Bretagne").filter(academy="Lyon"))
    assert 0 == len(ds.filter(overseas=True).filter(region="Corse"))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"academy": "Lyonn"},
            UnknownAcademyError,
            "no académie matches 'Lyonn'; did you mean Lyon (10)?",
        ),
        (
            {"region": "Bretagn"},
            UnknownRegionError,
            "no région matches 'Bretagn'; did you mean Bretagne?",
        ),
        (
            {"academic_region": "Normandy"},
            UnknownRegionError,
            "no région académique matches 'Normandy'; did you mean Normandie?",
        ),
        (
            {"status": "masive"},
            InvalidQueryError,
            (
                "unknown status 'masive'; expected a Status or one of "
                "'none-or-unknown', 'in-progress', 'massive'"
            ),
        ),
        (
            {"kind": "island"},
            InvalidQueryError,
            (
                "unknown kind 'island'; expected a TerritoryKind or one of "
                "'metropolitan-department', 'overseas-department', "
                "'overseas-collectivity'"
            ),
        ),
        (
            {"status": []},
            InvalidQueryError,
            "status= got an empty collection; pass at least one value, or None",
        ),
        (
            {"region": ""},
            InvalidQueryError,
            (
                "empty région query ''; expected a code or a name, such as '53' or "
                "'Bretagne'"
            ),
        ),
        (
            {"overseas": 1},
            InvalidArgumentError,
            "overseas=1 is not accepted; expected True, False or None",
        ),
        (
            {"where": "massive"},
            InvalidArgumentError,
            (
                "where='massive' is not accepted; expected a function of a "
                "Deployment, or None"
            ),
        ),
        (
            {"academy": 12.5},
            InvalidArgumentError,
            (
                "academy=12.5 is not accepted; expected one of Academy, str, int, "
                "a collection of them, or None"
            ),
        ),
        (
            {"academy": ["10", 12.5]},
            InvalidArgumentError,
            (
                "academy=['10', 12.5] is not accepted; expected a collection of "
                "Academy, str, int values, not 12.5"
            ),
        ),
    ],
)
def test_a_typo_in_a_filter_raises_never_an_empty_result(ds, kwargs, error, message):
    with pytest.raises(error) as caught:
        ds.filter(**kwargs)

    assert message == str(caught.value)


def test_a_filter_on_an_academy_from_no_edition_raises(ds):
    invented = attrs.evolve(ds.academy("Lyon"), code="99")

    with pytest.raises(UnknownAcademyError, match="not one of the edition's"):
        ds.filter(academy=invented)


def test_filter_names_resolve_in_a_dataset_that_is_not_packaged(ds):
    custom = Dataset(
        attrs.evolve(ds.edition, id="custom"), ds.filter(region="Bretagne")
    )

    assert 1 == len(
        custom.filter(academy="rennes").filter(where=lambda d: d.code == "56")
    )
    # Official names of the latest packaged edition are known; typos are not.
    assert 0 == len(custom.filter(academy="Lyon"))
    assert 0 == len(custom.filter(region="Occitanie"))
    with pytest.raises(UnknownAcademyError):
        custom.filter(academy="Lyonn")


def test_filters_compose_on_an_edition_that_is_not_packaged(ds):
    custom = Dataset(entdeploy.Edition("x", "t"), ds.deployments)

    first = custom.filter(status="in-progress")

    assert [] == list(first.filter(academy="Lyon"))
    assert list(custom.filter(status="in-progress", academy="Lyon")) == list(
        first.filter(academy="Lyon")
    )
    assert list(custom.filter(status="in-progress", region="Bretagne")) == list(
        first.filter(region="Bretagne")
    )


def test_an_academy_only_a_custom_dataset_has_is_known_to_it_not_to_its_parts(ds):
    lyon = ds.academy("Lyon")
    rows = [
        attrs.evolve(
            d,
            department=attrs.evolve(
                d.department, academy=attrs.evolve(lyon, code="99", name="Atlantis")
            ),
        )
        if d.academy == lyon
        else d
        for d in ds
    ]
    custom = Dataset(entdeploy.Edition("x", "t"), rows)

    def elsewhere(d):
        return d.academy.code != "99"

    none_in_lyon = custom.filter(where=elsewhere)

    assert [] == list(custom.filter(where=elsewhere, academy="Atlantis"))
    assert len(custom.filter(academy="Atlantis")) == len(ds.filter(academy=lyon))
    # A dataset's names are those of its own rows and the packaged edition's:
    # equal datasets filter alike, however they were made.
    assert Dataset(custom.edition, none_in_lyon.deployments) == none_in_lyon
    with pytest.raises(UnknownAcademyError, match="no académie matches 'Atlantis'"):
        none_in_lyon.filter(academy="Atlantis")


@settings(deadline=None, max_examples=30)
@given(filters=criteria())
def test_filtering_twice_is_filtering_by_both_on_an_edition_that_is_not_packaged(
    filters,
):
    first, second = filters
    custom = Dataset(entdeploy.Edition("x", "t"), PACKAGED.deployments)
    both = custom.filter(**first, **second)

    assert both.deployments == custom.filter(**first).filter(**second).deployments
    assert both.deployments == custom.filter(**second).filter(**first).deployments
    assert both.deployments == PACKAGED.filter(**first, **second).deployments


def test_an_empty_academy_query_gives_an_academy_as_example(ds):
    with pytest.raises(InvalidQueryError) as caught:
        ds.academy(" ")

    assert (
        "empty académie query ' '; expected a code or a name, such as '18' or "
        "'Orléans-Tours'"
    ) == str(caught.value)


def test_a_row_that_is_not_a_deployment_is_refused(ds):
    with pytest.raises(InvalidArgumentError) as caught:
        Dataset(ds.edition, [ds.deployments[0], "56"])  # type: ignore[list-item]

    assert "deployments[1]='56' is not accepted; expected a Deployment" == str(
        caught.value
    )


def renamed_academy(deployment, name):
    department = deployment.department
    academy = attrs.evolve(department.academy, name=name)
    return attrs.evolve(
        deployment, department=attrs.evolve(department, academy=academy)
    )


def test_a_dataset_refuses_two_academies_with_one_code(ds):
    rows = [renamed_academy(d, "Lyonn") if d.code == "69" else d for d in ds]

    with pytest.raises(DataError) as caught:
        Dataset(ds.edition, rows)

    messages = [problem.message for problem in caught.value.problems]
    expected = (
        "the rows of 01 and 69 give this code different académies: name 'Lyon' "
        "(row 01) vs 'Lyonn' (row 69)"
    )
    assert [expected] == messages
    assert "academy.code" == caught.value.problems[0].field


def test_a_dataset_refuses_two_regions_with_one_code(ds):
    def renamed(d):
        region = attrs.evolve(d.department.region, name="Bretagn")
        return attrs.evolve(d, department=attrs.evolve(d.department, region=region))

    rows = [renamed(d) if d.code == "56" else d for d in ds]

    with pytest.raises(DataError) as caught:
        Dataset(ds.edition, rows)

    expected = (
        "the rows of 22 and 56 give this code different régions: name 'Bretagne' "
        "(row 22) vs 'Bretagn' (row 56)"
    )
    assert [expected] == [problem.message for problem in caught.value.problems]


def test_from_json_refuses_two_academies_with_one_code(ds):
    document = json.loads(ds.to_json())
    for row in document["deployments"]:
        if row["department"]["code"] == "69":
            row["department"]["academy"]["name"] = "Lyonn"

    with pytest.raises(DataError) as caught:
        Dataset.from_json(json.dumps(document))

    assert any(
        "give this code different académies: name 'Lyon' (row 01) vs 'Lyonn' "
        "(row 69)" in str(problem)
        for problem in caught.value.problems
    )


def test_academy_of_a_filtered_dataset_reports_one_filtered_out(ds):
    with pytest.raises(UnknownAcademyError) as caught:
        ds.filter(region="Bretagne").academy("Lyon")

    assert (
        "no académie matches 'Lyon'; Lyon (10) has no territory in this dataset"
        == str(caught.value)
    )


@UNTIMED
@given(st.sampled_from(list(Status)), st.booleans())
def test_filtering_is_the_same_as_a_comprehension(status, overseas):
    expected = [
        d
        for d in PACKAGED
        if d.status is status and d.department.is_overseas is overseas
    ]

    assert expected == list(PACKAGED.filter(status=status, overseas=overseas))
    assert expected == list(PACKAGED.filter(status=status).filter(overseas=overseas))


def test_results_cannot_be_mutated(ds):
    result = ds.filter(region="Bretagne")

    assert isinstance(result.deployments, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.deployments = ()  # type: ignore[misc]


def test_the_query_docs_list_every_alias():
    docs = (PACKAGED_DATA.parents[2] / "docs" / "queries.md").read_text(
        encoding="utf-8"
    )
    for row in read_aliases():
        assert re.search(re.escape(row["alias"]), docs), row["alias"]


# -- in, reversed, régions ----------------------------------------------------


@UNTIMED
@given(st.sampled_from(ROWS))
def test_every_row_its_code_and_its_name_are_in_the_dataset(row):
    assert row in PACKAGED
    assert row.code in PACKAGED
    assert row.name in PACKAGED
    assert attrs.evolve(row) in PACKAGED  # an equal row, not the same object


@UNTIMED
@given(st.text(max_size=12) | st.integers() | st.sampled_from(["Ain", "corse", "1"]))
def test_in_is_true_exactly_when_get_finds_a_row(query):
    try:
        found = PACKAGED.get(query)
    except InvalidQueryError:
        with pytest.raises(InvalidQueryError):
            query in PACKAGED  # noqa: B015 - the test is that it raises
        return

    assert (found is not None) == (query in PACKAGED)


def test_in_examples(ds):
    brittany = ds.filter(region="Bretagne")

    assert "Ain" in ds
    assert 1 in ds
    assert "Morbihen" not in ds
    assert "Corse" not in ds  # it names two territories
    assert "Ain" not in brittany
    assert ds["01"] not in brittany
    assert ds["56"] in brittany


@pytest.mark.parametrize("item", [1.5, None, True, b"56", ["56"], ROWS[0].department])
def test_in_refuses_what_is_neither_a_row_nor_a_query(ds, item):
    with pytest.raises(InvalidArgumentError, match="expected a département query"):
        item in ds  # noqa: B015 - the test is that it raises


def test_reversed_gives_the_rows_last_first(ds):
    brittany = ds.filter(region="Bretagne")

    assert list(ds)[::-1] == list(reversed(ds))
    assert ["56", "35", "29", "22"] == codes(reversed(brittany))
    assert [] == list(reversed(Dataset(ds.edition, ())))


def test_regions_are_those_of_the_rows_each_once_by_insee_code(ds):
    expected = {d.department.region for d in ds} - {None}

    assert 18 == len(ds.regions)
    assert expected == set(ds.regions)
    assert sorted(r.code for r in expected) == [r.code for r in ds.regions]
    assert ("Bretagne",) == tuple(r.name for r in ds.filter(region="53").regions)
    assert () == ds.filter(kind="overseas-collectivity").regions


def test_academies_and_regions_name_every_row(ds):
    for region in ds.regions:
        assert ds.filter(region=region)
    for academy in ds.academies:
        assert ds.filter(academy=academy)
    assert len(ds) == sum(len(ds.filter(region=r)) for r in ds.regions) + len(
        ds.filter(kind="overseas-collectivity")
    )


def test_get_answers_from_the_answers_lookup_remembers(ds):
    fresh = Dataset(ds.edition, ds.deployments)

    found = fresh.get("cote d or")

    assert found is fresh._index.answers["cote d or"]
    assert found is fresh.lookup("cote d or")
    assert fresh.get("Corse", "ambiguous") == "ambiguous"
    assert fresh._index.answers["Corse"] is None
    assert (
        fresh.get("Corse", "ambiguous") == "ambiguous"
    )  # remembered: still the default


# -- The reference filter names resolve against --------------------------------


def test_a_subset_of_the_packaged_rows_resolves_names_against_the_packaged_edition(ds):
    brittany = ds.filter(region="Bretagne")
    rebuilt = Dataset(ds.edition, brittany.deployments)
    renamed = Dataset(attrs.evolve(ds.edition, id="mine"), brittany.deployments)

    assert brittany._index.reference is ds._index
    assert rebuilt._index.reference is ds._index
    assert renamed._index.reference is ds._index


def test_a_dataset_with_its_own_rows_resolves_names_against_them_first(ds):
    rows = [renamed_academy(d, "Rennes-Bretagne") if d.code == "56" else d for d in ds]
    custom = Dataset(entdeploy.Edition("x", "t"), [r for r in rows if r.code == "56"])

    assert ["56"] == codes(custom.filter(academy="Rennes-Bretagne"))
    assert [] == codes(custom.filter(academy="Lyon"))
    with pytest.raises(UnknownAcademyError, match="did you mean Rennes-Bretagne"):
        custom.filter(academy="Rennes-Bretagn")


def test_a_dataset_refuses_two_rows_for_one_territory(ds):
    with pytest.raises(DataError) as caught:
        Dataset(ds.edition, [ds["56"], ds["29"], ds["56"]])

    (problem,) = caught.value.problems
    assert ("code", "56", "two rows are about the same territory") == (
        problem.field,
        problem.value,
        problem.message,
    )


# -- Remembered answers ------------------------------------------------------


@pytest.mark.parametrize("ask", [Dataset.lookup, Dataset.__getitem__])
def test_a_remembered_int_answer_is_never_given_to_true_or_a_float(ds, ask):
    assert "01" == ask(ds, 1).code
    assert "01" == ask(ds, 1).code  # remembered: the dataset's fast path

    with pytest.raises(TypeError):
        ask(ds, True)
    with pytest.raises(TypeError):
        ask(ds, 1.0)


def test_remembered_answers_are_bounded_and_still_right(ds):
    for number in range(_query.QUERY_MEMORY + 50):
        assert ds.get(f"no such place {number}") is None

    assert len(ds._index.answers) <= _query.QUERY_MEMORY
    assert "56" == ds.lookup("morbihan").code
    assert "56" == ds.lookup("morbihan").code


def test_huge_queries_are_answered_but_not_remembered(ds):
    huge = "x" * (_query.REMEMBERED_QUERY_LENGTH + 1)
    longest = "Département du " + "Lot" * 28
    assert len(longest) == _query.REMEMBERED_QUERY_LENGTH - 1

    assert ds.get(huge) is None
    assert ds.get(longest) is None
    assert huge not in ds._index.answers
    assert longest in ds._index.answers


# -- The indexes are a cache, not part of a dataset's value -------------------


def indexed_copy(ds):
    """A new dataset equal to *ds*, whose indexes are built (ds's may not be)."""
    dataset = Dataset(ds.edition, ds.deployments)
    assert "75" == dataset["75"].code
    assert "29" == dataset.search("Finisterre")[0].deployment.code
    return dataset


def test_indexes_change_neither_equality_nor_hash_nor_repr(ds):
    fresh, indexed = Dataset(ds.edition, ds.deployments), indexed_copy(ds)

    assert fresh == indexed
    assert hash(fresh) == hash(indexed)
    assert repr(fresh) == repr(indexed)
    assert ["edition", "deployments"] == [f.name for f in attrs.fields(Dataset)]


def test_indexes_are_neither_converted_nor_exported(ds):
    fresh, indexed = Dataset(ds.edition, ds.deployments), indexed_copy(ds)
    converter = entdeploy.make_converter()

    assert {"edition", "deployments"} == set(converter.unstructure(indexed))
    assert converter.unstructure(fresh) == converter.unstructure(indexed)
    assert fresh.to_json() == indexed.to_json()
    assert indexed == Dataset.from_json(indexed.to_json())


def test_an_indexed_dataset_pickles_without_its_indexes_and_still_answers(ds):
    fresh, indexed = Dataset(ds.edition, ds.deployments), indexed_copy(ds)

    restored = pickle.loads(pickle.dumps(indexed))  # noqa: S301 - our own bytes

    assert pickle.dumps(fresh) == pickle.dumps(indexed)
    assert indexed == restored
    assert "75" == restored["75"].code
    assert "56" == restored.lookup("morbihan").code
    assert "29" == restored.search("Finisterre")[0].deployment.code


@pytest.mark.parametrize("duplicate", [copy.copy, copy.deepcopy])
def test_a_copy_of_an_indexed_dataset_answers(ds, duplicate):
    copied = duplicate(indexed_copy(ds))

    assert ds == copied
    assert "75" == copied["75"].code
    assert "29" == copied.search("Finisterre")[0].deployment.code


def test_evolve_gives_a_dataset_with_its_own_indexes(ds):
    indexed = indexed_copy(ds)

    brittany = attrs.evolve(
        indexed, deployments=[d for d in indexed if d.code in {"22", "29", "35", "56"}]
    )

    assert "56" == brittany["56"].code
    assert brittany.get("75") is None
    with pytest.raises(UnknownDepartmentError, match="not among this dataset's 4"):
        brittany["75"]
    assert ["29"] == [m.deployment.code for m in brittany.search("Finisterre")]
    assert "75" == indexed["75"].code


def test_threads_searching_while_the_search_index_is_built_get_the_same_answers(ds):
    expected = ds.search("haute", limit=None)
    for _ in range(5):
        fresh = Dataset(ds.edition, ds.deployments)  # no index built yet
        barrier = threading.Barrier(8)
        answers = []

        def worker(dataset=fresh, barrier=barrier, answers=answers):
            barrier.wait()
            answers.append(dataset.search("haute", limit=None))

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert [expected] * 8 == answers
