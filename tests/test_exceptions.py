"""The errors: their bases, their kinds, and their survival through pickle."""

from __future__ import annotations

import inspect
import multiprocessing
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import entdeploy
from entdeploy import Status, exceptions
from entdeploy.exceptions import (
    DataError,
    EmptyDatasetError,
    EntdeployError,
    InvalidArgumentError,
    InvalidQueryError,
    MissingExtraError,
    Problem,
    UnknownAcademyError,
    UnknownAuthorityError,
    UnknownDepartmentError,
    UnknownEditionError,
    UnknownEntityError,
    UnknownRegionError,
)

from .strategies import academies, deployments

PACKAGED = entdeploy.load("2025")
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
#: Hypothesis's per-example deadline is a timing assertion; pickling is not timed.
UNTIMED = settings(deadline=None)
TWO_PROBLEMS = (
    Problem("territories.csv", 3, "code", "9Z", "not a code", ("92", "93")),
    Problem("edition.json", None, None, None, "expected a JSON object"),
)


def caught(call):
    """Return the error *call* raises."""
    with pytest.raises(EntdeployError) as info:
        call()
    return info.value


#: The attributes each class documents, beside its message.
ATTRIBUTES = {
    EntdeployError: (),
    InvalidQueryError: (),
    EmptyDatasetError: (),
    DataError: ("problems",),
    UnknownEditionError: ("edition", "known"),
    MissingExtraError: ("feature", "extra", "name"),
    InvalidArgumentError: ("argument", "value", "expected"),
    UnknownEntityError: ("kind", "query", "suggestions", "note"),
    UnknownDepartmentError: ("kind", "query", "suggestions", "note"),
    UnknownAcademyError: ("kind", "query", "suggestions", "note"),
    UnknownRegionError: ("kind", "query", "suggestions", "note"),
    UnknownAuthorityError: ("kind", "query", "suggestions", "note"),
}

#: At least one of every error the module defines, most from a real call.
EXAMPLES = [
    EntdeployError("something went wrong"),
    caught(lambda: PACKAGED.search(" ")),
    caught(lambda: PACKAGED.filter(where=lambda _: False).share(Status.MASSIVE)),
    DataError(TWO_PROBLEMS[:1]),
    DataError(list(TWO_PROBLEMS)),
    caught(lambda: entdeploy.load("1999")),
    MissingExtraError("the map", "map", "pygal-maps-fr"),
    caught(lambda: PACKAGED.summarize("académie")),
    InvalidArgumentError("sources", [1, "two"], "a tuple of Source"),
    UnknownEntityError("académie", 18),
    caught(lambda: PACKAGED.lookup("Morbihen")),
    caught(lambda: PACKAGED.lookup("20")),
    caught(lambda: PACKAGED.lookup("xyzzy")),
    caught(lambda: PACKAGED.academy("Orleens")),
    UnknownAcademyError("Lyon", note="this Academy is not one of the edition's"),
    caught(lambda: PACKAGED.filter(region="Bretagn")),
    caught(lambda: PACKAGED.filter(academic_region="Normandy")),
    UnknownRegionError("Atlantis", "région"),
    caught(lambda: PACKAGED.authority("alsac")),
    caught(lambda: PACKAGED.filter(authority="Métropole de Lyonn")),
]


def exception_classes():
    """Every exception class the module defines."""
    return {
        value
        for value in vars(exceptions).values()
        if inspect.isclass(value)
        and issubclass(value, BaseException)
        and value.__module__ == exceptions.__name__
    }


def round_trip(error, protocol=pickle.HIGHEST_PROTOCOL):
    return pickle.loads(pickle.dumps(error, protocol))  # noqa: S301 - our own bytes


def assert_same_error(expected, actual):
    """Check *actual* has *expected*'s type, documented attributes and message."""
    assert type(expected) is type(actual)
    for name in ATTRIBUTES[type(expected)]:
        assert getattr(expected, name) == getattr(actual, name), name
    assert str(expected) == str(actual)
    assert expected.args == actual.args


def test_the_examples_cover_every_exception_class():
    assert exception_classes() == {type(error) for error in EXAMPLES}
    assert exception_classes() == set(ATTRIBUTES)


def test_every_exception_class_is_public():
    assert {c.__name__ for c in exception_classes()} <= set(exceptions.__all__)


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_error_survives_pickle_with_its_type_attributes_and_message(
    error, protocol
):
    assert_same_error(error, round_trip(error, protocol))


@pytest.mark.skipif(sys.version_info < (3, 11), reason="add_note is Python 3.11+")
@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_notes_added_to_an_error_survive_pickle(error):
    error = round_trip(error)  # a copy: the examples are shared
    error.add_note("while reading row 3")

    assert ["while reading row 3"] == round_trip(error).__notes__


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_pickled_data_error_keeps_its_problems_not_its_message_characters(
    protocol,
):
    error = DataError(list(TWO_PROBLEMS))

    restored = round_trip(error, protocol)

    assert TWO_PROBLEMS == restored.problems
    assert 2 == len(restored.problems)


def test_a_data_error_still_needs_a_problem():
    with pytest.raises(ValueError, match="at least one problem"):
        DataError([])


def test_a_problem_survives_pickle():
    assert TWO_PROBLEMS == round_trip(TWO_PROBLEMS)


# -- The unknown-entity errors -------------------------------------------------


@pytest.mark.parametrize(
    "error_type",
    [UnknownDepartmentError, UnknownAcademyError, UnknownRegionError],
)
@pytest.mark.parametrize(
    "base", [UnknownEntityError, KeyError, LookupError, EntdeployError]
)
def test_each_unknown_error_is_an_unknown_entity_error_and_a_key_error(
    error_type, base
):
    assert issubclass(error_type, base)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (UnknownDepartmentError("Morbihen"), "département"),
        (UnknownAcademyError("Orleens"), "académie"),
        (caught(lambda: PACKAGED.authority("alsac")), "collectivité"),
        (UnknownRegionError("Bretagn", "région"), "région"),
        (UnknownRegionError("Normandy", "région académique"), "région académique"),
        (caught(lambda: PACKAGED.lookup("Morbihen")), "département"),
        (caught(lambda: PACKAGED.academy("Orleens")), "académie"),
        (caught(lambda: PACKAGED.filter(region="Bretagn")), "région"),
        (
            caught(lambda: PACKAGED.filter(academic_region="Normandy")),
            "région académique",
        ),
    ],
)
def test_each_unknown_error_names_its_kind(error, kind):
    assert kind == error.kind
    assert str(error).startswith(f"no {kind} matches ")


def test_an_unknown_error_reads_as_its_plain_message_not_a_key_errors_repr():
    error = UnknownRegionError("Bretagn", "région", ("Bretagne",))

    assert "no région matches 'Bretagn'; did you mean Bretagne?" == str(error)
    assert ("no région matches 'Bretagn'; did you mean Bretagne?",) == error.args


def test_the_base_error_builds_the_same_message_for_any_kind():
    error = UnknownEntityError("académie", "Lile", ["Lille"], note="a close name")

    assert "no académie matches 'Lile'; a close name; did you mean Lille?" == str(error)
    assert ("Lille",) == error.suggestions
    assert "a close name" == error.note


def test_the_base_error_says_what_to_pass_when_nothing_is_close():
    assert (
        "no région matches 'Atlantis'; expected the name or code of an existing région"
        == str(UnknownEntityError("région", "Atlantis"))
    )


def test_a_lookup_miss_carries_its_query_and_ranked_suggestions():
    error = caught(lambda: PACKAGED.lookup("Morbihen"))

    assert "Morbihen" == error.query
    assert (PACKAGED.lookup("56"),) == error.suggestions
    assert error.note is None


# -- Hypothesis: any query, any note, any suggestions ----------------------------

problems = st.builds(
    Problem,
    source=st.text(),
    line=st.none() | st.integers(min_value=1),
    field=st.none() | st.text(),
    value=st.none() | st.text(),
    message=st.text(),
    suggestions=st.lists(st.text(), max_size=3).map(tuple),
)
queries = st.text() | st.integers()
notes = st.none() | st.text()


@UNTIMED
@given(
    st.one_of(
        st.builds(
            UnknownDepartmentError,
            queries,
            st.lists(deployments(), max_size=3),
            note=notes,
        ),
        st.builds(
            UnknownAcademyError, queries, st.lists(academies, max_size=3), note=notes
        ),
        st.builds(
            UnknownRegionError,
            st.text(),
            st.sampled_from(["région", "région académique"]),
            st.lists(st.text(), max_size=3),
        ),
        st.builds(
            UnknownEntityError,
            st.text(),
            queries,
            st.lists(st.text(), max_size=3),
            note=notes,
        ),
    ),
    st.sampled_from(PROTOCOLS),
)
def test_an_unknown_error_for_any_query_survives_pickle(error, protocol):
    assert_same_error(error, round_trip(error, protocol))


@UNTIMED
@given(st.lists(problems, min_size=1, max_size=4), st.sampled_from(PROTOCOLS))
def test_a_data_error_with_any_problems_survives_pickle(found, protocol):
    error = DataError(found)

    assert_same_error(error, round_trip(error, protocol))


#: Values an argument may wrongly be given, each equal to its own copy.
wrong_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.binary(),
    lambda inner: st.lists(inner, max_size=3) | st.lists(inner, max_size=3).map(tuple),
    max_leaves=6,
)


@UNTIMED
@given(st.text(), wrong_values, st.text(), st.sampled_from(PROTOCOLS))
def test_an_invalid_argument_error_with_any_value_survives_pickle(
    argument, value, expected, protocol
):
    error = InvalidArgumentError(argument, value, expected)

    assert_same_error(error, round_trip(error, protocol))


# -- Across processes ------------------------------------------------------------


def lookup_in_worker(query):
    """Look *query* up in a worker process, where the miss raises."""
    return entdeploy.load("2025").lookup(query)


def raise_data_error_in_worker(problems):
    """Raise a DataError listing *problems* in a worker process."""
    raise DataError(problems)


@pytest.fixture(scope="module")
def worker_pool():
    """A process pool whose workers start fresh, so errors cross by pickle."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        yield pool


def test_a_lookup_miss_in_a_worker_process_reaches_the_parent_intact(worker_pool):
    expected = caught(lambda: PACKAGED.lookup("Morbihen"))

    with pytest.raises(UnknownDepartmentError) as info:
        worker_pool.submit(lookup_in_worker, "Morbihen").result()

    assert_same_error(expected, info.value)
    assert "no département matches 'Morbihen'; did you mean Morbihan (56)?" == str(
        info.value
    )


def test_a_data_error_in_a_worker_process_reaches_the_parent_intact(worker_pool):
    expected = DataError(list(TWO_PROBLEMS))

    with pytest.raises(DataError) as info:
        worker_pool.submit(raise_data_error_in_worker, TWO_PROBLEMS).result()

    assert_same_error(expected, info.value)
    assert TWO_PROBLEMS == info.value.problems
