"""Reliability: concurrency, immutability, no side effects, bad input everywhere.

No test here measures time. Calls that could hang run under :func:`hang_guard`,
a generous bound that only an endless loop can reach.
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import inspect
import io
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from types import MappingProxyType

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import entdeploy
from entdeploy import normalize
from entdeploy._read import packaged as _load
from entdeploy._schema import TABLES
from entdeploy.cli import main
from entdeploy.exceptions import (
    EntdeployError,
    InvalidArgumentError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
    UnknownEditionError,
    UnknownRegionError,
)

from .conftest import TESTS_DATA
from .strategies import HUGE_TEXTS, hostile_texts, wrong_types

#: Far longer than any call takes: reaching it means a call never returns.
HANG_BOUND_SECONDS = 60


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_BOUND_SECONDS) -> Iterator[None]:
    """Fail the test instead of hanging if the block never returns (Unix only)."""
    if not hasattr(signal, "setitimer") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def fail(*_: object) -> None:
        pytest.fail(f"no answer within {seconds} s: the call hangs")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- Concurrency ---------------------------------------------------------------


def test_sixteen_threads_loading_at_once_share_one_object_and_one_read(monkeypatch):
    monkeypatch.setattr(_load, "_datasets", {})
    monkeypatch.setattr(_load, "_editions", {})
    reads: Counter[str] = Counter()
    reads_lock = threading.Lock()
    read_table = _load._read_table

    def counting_read(folder, table, checksums, problems):
        with reads_lock:
            reads[table.file] += 1
        return read_table(folder, table, checksums, problems)

    monkeypatch.setattr(_load, "_read_table", counting_read)
    ways_to_load: list[Callable[[], entdeploy.Dataset]] = [
        entdeploy.load,
        lambda: entdeploy.load("2025"),
        lambda: (entdeploy.editions(), entdeploy.load())[1],
        lambda: entdeploy.load(edition=None),
    ]
    barrier = threading.Barrier(16)
    results: list[entdeploy.Dataset] = []
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results.append(ways_to_load[index % len(ways_to_load)]())
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [] == errors
    assert 16 == len(results)
    assert 1 == len({id(result) for result in results})
    assert {table.file: 1 for table in TABLES} == dict(reads)
    assert (results[0].edition,) == entdeploy.editions()


def test_sixteen_threads_querying_a_new_dataset_get_the_sequential_answers(ds):
    questions: list[Callable[[entdeploy.Dataset], object]] = [
        lambda d: d["75"],
        lambda d: d.lookup("cote d or"),
        lambda d: d.get("Polynésie"),
        lambda d: d.academy("Orléans"),
        lambda d: d.search("haute", limit=None),
        lambda d: d.filter(status="in-progress").deployments,
        lambda d: d.summarize(by="academy").rows,
        lambda d: d.group_by(by="region"),
    ]
    expected = [ask(ds) for ask in questions]
    fresh = entdeploy.Dataset(ds.edition, ds.deployments)  # indexes not built yet
    barrier = threading.Barrier(16)
    answers: list[list[object]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            answers.append([ask(fresh) for ask in questions])
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [] == errors
    assert [expected] * 16 == answers


# -- Filters compose -----------------------------------------------------------

PACKAGED = entdeploy.load()


def criteria_values(keyword: str) -> st.SearchStrategy[object]:
    """One value or a collection of values for the filter keyword *keyword*."""
    ds = PACKAGED
    one = {
        "status": st.sampled_from(entdeploy.Status),
        "academy": st.sampled_from(ds.academies).flatmap(
            lambda academy: st.sampled_from([academy, academy.code, academy.name])
        ),
        "region": st.sampled_from(
            sorted({d.region for d in ds.departments if d.region}, key=str)
        ).flatmap(lambda region: st.sampled_from([region, region.code, region.name])),
        "academic_region": st.sampled_from(
            sorted({a.academic_region for a in ds.academies if a.academic_region})
        ),
        "kind": st.sampled_from(entdeploy.TerritoryKind),
        "overseas": st.booleans(),
    }[keyword]
    if keyword == "overseas":
        return one
    return one | st.lists(one, min_size=1, max_size=3).map(tuple)


@st.composite
def criteria(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, object]]:
    """Two filters on disjoint keywords."""
    keywords = draw(
        st.lists(
            st.sampled_from(
                ["status", "academy", "region", "academic_region", "kind", "overseas"]
            ),
            min_size=2,
            max_size=4,
            unique=True,
        )
    )
    cut = draw(st.integers(min_value=1, max_value=len(keywords) - 1))
    first = {k: draw(criteria_values(k)) for k in keywords[:cut]}
    second = {k: draw(criteria_values(k)) for k in keywords[cut:]}
    return first, second


@settings(deadline=None, max_examples=60)
@given(filters=criteria())
def test_filtering_twice_is_filtering_by_both(filters):
    first, second = filters
    ds = PACKAGED
    both = ds.filter(**first, **second)

    assert both.deployments == ds.filter(**first).filter(**second).deployments
    assert both.deployments == ds.filter(**second).filter(**first).deployments
    order = [d.code for d in ds]
    codes = [d.code for d in both]
    assert sorted(codes, key=order.index) == codes


# -- Immutability --------------------------------------------------------------


def public_objects(ds: entdeploy.Dataset) -> Iterator[object]:
    """Every object reachable from the packaged dataset, each once."""
    seen: set[int] = set()
    candidates: list[object] = [ds, ds.edition, *ds.edition.sources]
    for deployment in ds:
        department = deployment.department
        candidates += [deployment, department, department.academy, department.region]
    for candidate in candidates:
        if candidate is not None and id(candidate) not in seen:
            seen.add(id(candidate))
            yield candidate


def public_properties(cls: type) -> list[str]:
    return [
        name
        for name, value in inspect.getmembers(cls)
        if not name.startswith("_") and isinstance(value, property)
    ]


def assert_deeply_immutable(value: object, path: str, seen: set[int]) -> None:
    """Fail if *value*, or anything it holds, can be changed in place."""
    if id(value) in seen or value is None:
        return
    seen.add(id(value))
    if isinstance(value, str | bytes | int | float | enum.Enum):
        return
    if isinstance(value, tuple | frozenset):
        for index, item in enumerate(value):
            assert_deeply_immutable(item, f"{path}[{index}]", seen)
        return
    if isinstance(value, MappingProxyType):
        with pytest.raises(TypeError):
            value["a new key"] = 1  # type: ignore[index]
        for key, item in value.items():
            assert_deeply_immutable(key, f"{path} key {key!r}", seen)
            assert_deeply_immutable(item, f"{path}[{key!r}]", seen)
        return
    assert attrs.has(type(value)), f"{path} is a mutable {type(value).__name__}"
    assert attrs.fields(type(value)), path
    for field in attrs.fields(type(value)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field.name, getattr(value, field.name))
        assert_deeply_immutable(
            getattr(value, field.name), f"{path}.{field.name}", seen
        )


def test_every_attribute_of_every_public_object_refuses_assignment(ds):
    checked = Counter()
    for obj in public_objects(ds):
        cls = type(obj)
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(obj, field.name, getattr(obj, field.name))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(obj, field.name)
        for name in public_properties(cls):
            with pytest.raises(AttributeError):
                setattr(obj, name, getattr(obj, name))
        with pytest.raises(AttributeError):
            obj.an_attribute_nobody_declared = 1  # type: ignore[attr-defined]
        checked[cls.__name__] += 1

    assert {
        "Dataset": 1,
        "Edition": 1,
        "Source": 2,
        "Deployment": 105,
        "Department": 105,
        "Academy": 34,
        "Region": 18,
    } == dict(checked)


def test_every_enum_member_refuses_a_new_value():
    for enum_type in (entdeploy.Status, entdeploy.TerritoryKind, entdeploy.AcademyKind):
        for member in enum_type:
            for name in ("value", "name", *public_properties(enum_type)):
                with pytest.raises(AttributeError):
                    setattr(member, name, "changed")


def test_the_immutability_check_catches_what_can_change():
    for mutable in ([], {}, set(), bytearray(), {"a": []}, ([],)):
        with pytest.raises(AssertionError, match="mutable"):
            assert_deeply_immutable(mutable, "value", set())


def test_the_loaded_dataset_is_deeply_immutable(ds):
    assert_deeply_immutable(ds, "ds", set())


#: Public methods whose result is a fresh, plain, mutable copy on purpose
#: (records for csv, JSON or a database): mutating one changes nothing.
FRESH_COPIES = frozenset({"to_records"})
#: Exports and renderers (``to_json``, ``to_html_report``...) build new documents
#: or frames each call; :data:`FRESH_COPIES` lists those tested for freshness.
EXPORT_PREFIX = "to_"


def zero_argument_results(obj: object) -> Iterator[tuple[str, Callable[[], object]]]:
    """Each public property, and each public method callable with no argument."""
    cls = type(obj)
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            yield name, lambda name=name: getattr(obj, name)
        elif inspect.isfunction(member):
            parameters = list(inspect.signature(member).parameters.values())[1:]
            if all(
                p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                for p in parameters
            ):
                yield name, getattr(obj, name)


def test_every_returned_container_refuses_mutation(ds):
    objects = [ds, ds.edition, ds.deployments[0], ds.deployments[0].department]
    checked = []
    for obj in objects:
        for name, call in zero_argument_results(obj):
            if name.startswith(EXPORT_PREFIX):
                continue
            assert_deeply_immutable(call(), f"{type(obj).__name__}.{name}", set())
            checked.append(f"{type(obj).__name__}.{name}")

    assert {"Dataset.count_by_status", "Dataset.academies"} <= set(checked)


GROUPINGS = ("academy", "region", "academic_region", "kind", "status")


def derived_results(ds: entdeploy.Dataset) -> dict[str, object]:
    """What queries, aggregations and comparisons return, by how it was asked."""
    massive = ds.filter(status=entdeploy.Status.MASSIVE)
    return {
        "filter": massive,
        "search": ds.search("haute", limit=None),
        "top": ds.top(3),
        "top by academy": ds.top(3, by="academy"),
        "college_stats": ds.college_stats(),
        "compare": entdeploy.compare(massive, ds),
        **{f"summarize by {by}": ds.summarize(by=by) for by in GROUPINGS},
        **{f"group_by {by}": ds.group_by(by=by) for by in GROUPINGS},
    }


def test_every_derived_result_is_deeply_immutable(ds):
    for name, result in derived_results(ds).items():
        assert_deeply_immutable(result, name, set())
        for member, call in zero_argument_results(result):
            if not member.startswith(EXPORT_PREFIX):
                assert_deeply_immutable(call(), f"{name}.{member}", set())


@pytest.mark.parametrize("name", sorted(FRESH_COPIES))
def test_mutable_results_are_fresh_copies(ds, name):
    first = getattr(ds, name)()
    expected = repr(first)
    for item in first:
        item.clear()

    assert expected == repr(getattr(ds, name)())


# -- No disk writes, no network ------------------------------------------------

#: Runs in a fresh interpreter with ``-B`` (no bytecode written): an audit hook
#: records every write and network event, and sockets cannot be created.
NO_SIDE_EFFECTS = r"""
import io, os, socket, sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
WATCHED = {
    "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate", "os.chmod",
    "os.link", "os.symlink", "os.utime", "shutil.copyfile", "shutil.rmtree",
    "tempfile.mkstemp", "tempfile.mkdtemp", "subprocess.Popen", "os.system",
    "os.exec", "os.posix_spawn", "os.fork", "socket.__new__", "socket.connect",
    "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request", "sqlite3.connect",
}
events = []

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITE_FLAGS
        )
        if writes:
            events.append(f"open {path!r} {mode!r} {flags!r}")
    elif event in WATCHED:
        events.append(event)

sys.addaudithook(hook)

class NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("entdeploy must not open a network connection")

socket.socket = NoSocket

import entdeploy
from entdeploy import cli

ds = entdeploy.load()
entdeploy.editions()
entdeploy.load("2025")
list(ds), ds.count_by_status(), ds.total_colleges(), ds.academies, ds.departments
ds.to_records()
entdeploy.make_converter().unstructure(ds.edition)
ds["75"], ds.lookup("cote d or"), ds.get("nowhere"), ds.search("Finistere")
ds.academy("Orléans"), ds.filter(status="massive", overseas=False)
for by in ("academy", "region", "academic_region", "kind", "status"):
    ds.summarize(by=by), ds.group_by(by=by), ds.top(3, by=by)
ds.college_stats(), ds.share(entdeploy.Status.MASSIVE), ds.top(5)
copy = entdeploy.Dataset.from_json(ds.to_json())
entdeploy.compare(ds, copy.filter(status="massive"))
entdeploy.load_file(io.StringIO(ds.to_table("csv")), edition="2026")
csv_text = io.StringIO()
ds.to_csv(csv_text)
for format in ("markdown", "html", "text", "csv"):
    ds.to_table(format)
ds.to_svg_map().svg, ds.to_html_report()
out = sys.stdout
sys.stdout = io.StringIO()
statuses = [
    cli.main(["summary"]),
    cli.main(["--format", "json", "summary"]),
    cli.main(["--edition", "1999", "summary"]),
    cli.main(["show", "Finistère"]),
    cli.main(["search", "haute"]),
    cli.main(["table"]),
    cli.main(["stats"]),
]
sys.stdout = out
assert statuses == [0, 0, 1, 0, 0, 0, 0], statuses

found = list(events)
# Prove that the hook sees writes: this one must be recorded.
with open(os.devnull, "w"):
    pass
assert len(events) == len(found) + 1, events
print("\n".join(found))
"""


def test_the_package_never_writes_to_disk_nor_opens_a_connection():
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-B", "-c", NO_SIDE_EFFECTS],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (0, "") == (result.returncode, result.stdout.strip()), result.stderr


# -- Bad input everywhere ------------------------------------------------------

GUARDED = settings(
    max_examples=40,
    deadline=None,  # no timing in unit tests; hang_guard bounds each call instead
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@GUARDED
@given(edition=hostile_texts)
def test_load_refuses_any_unknown_edition_id(edition):
    with hang_guard(), pytest.raises(UnknownEditionError) as info:
        entdeploy.load(edition)

    assert isinstance(info.value, LookupError)
    assert edition == info.value.edition
    assert ("2025",) == info.value.known


@GUARDED
@given(edition=wrong_types.filter(lambda value: value is not None))
def test_load_refuses_an_edition_that_is_not_a_string(edition):
    with (
        hang_guard(),
        pytest.raises(InvalidArgumentError, match="expected a str such as"),
    ):
        entdeploy.load(edition)


@GUARDED
@given(text=hostile_texts)
def test_normalize_answers_any_text(text):
    with hang_guard():
        normalized = entdeploy._normalize.normalize(text)

    assert normalized == entdeploy._normalize.normalize(normalized)
    assert normalized == normalized.strip()


@GUARDED
@given(value=wrong_types)
def test_normalize_refuses_what_is_not_text(value):
    with hang_guard(), pytest.raises(TypeError, match="expected a str"):
        entdeploy._normalize.normalize(value)


@GUARDED
@given(label=hostile_texts | wrong_types)
def test_status_from_label_refuses_anything_but_the_three_labels(label):
    with hang_guard(), pytest.raises(ValueError, match="status labels"):
        entdeploy.Status.from_label(label)


@GUARDED
@given(edition=hostile_texts.filter(lambda text: not text.startswith("-")))
def test_cli_reports_a_bad_edition_without_a_traceback(edition):
    with hang_guard():
        status = main(["--edition", edition, "summary"])

    assert 1 == status


@GUARDED
@given(argv=st.lists(hostile_texts, max_size=3))
def test_cli_never_raises_on_any_arguments(argv):
    with hang_guard():
        status = main(argv)

    assert status in (0, 1, 2)


# -- Bad input: the query API --------------------------------------------------


def is_int(value: object) -> bool:
    """Whether *value* is an int the query API accepts as a code (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


def known_keys(deployment: entdeploy.Deployment) -> set[str]:
    """The normalised keys a lookup may answer with *deployment*."""
    department = deployment.department
    keys = {
        department.code,
        department.code.lstrip("0"),
        department.iso_code,
        department.name,
        deployment.source_label,
        *(
            alias
            for alias, entity, code in _load.load_aliases()
            if entity == "department" and code == department.code
        ),
    }
    normalized = {normalize(key) for key in keys if key}
    return normalized | {key.replace(" ", "") for key in normalized}


def assert_right_answer_or_refusal(ds, query, ask):
    """*ask(query)* names a territory that *query* really names, or refuses."""
    try:
        with hang_guard():
            answer = ask(query)
    except (UnknownDepartmentError, InvalidQueryError):
        return
    assert answer in ds.deployments
    key = normalize(str(query))
    assert key in known_keys(answer) or key.lstrip("0") in known_keys(answer), (
        query,
        answer,
    )


@GUARDED
@given(query=hostile_texts)
def test_lookup_and_getitem_answer_right_or_refuse_any_text(query):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    assert_right_answer_or_refusal(ds, query, ds.lookup)
    assert_right_answer_or_refusal(ds, query, ds.__getitem__)


@GUARDED
@given(query=st.integers())
def test_lookup_by_int_answers_the_code_or_refuses(query):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    assert_right_answer_or_refusal(ds, query, ds.lookup)


@GUARDED
@given(query=hostile_texts)
def test_get_answers_right_or_none_for_any_text(query):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    try:
        with hang_guard():
            answer = ds.get(query)
    except InvalidQueryError:
        assert "" == normalize(query)
        return
    if answer is not None:
        assert normalize(query) in known_keys(answer)


QUERY_METHODS = ("lookup", "__getitem__", "get", "search", "academy")


@GUARDED
@given(value=wrong_types.filter(lambda value: not isinstance(value, int)))
def test_query_methods_refuse_wrong_types(value):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    for name in QUERY_METHODS:
        with hang_guard(), pytest.raises(TypeError):
            getattr(ds, name)(value)


@GUARDED
@given(query=hostile_texts)
def test_search_returns_scored_candidates_or_refuses_a_blank_query(query):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    try:
        with hang_guard():
            matches = ds.search(query)
    except InvalidQueryError:
        assert "" == normalize(query)
        return

    assert isinstance(matches, tuple)
    assert len(matches) <= 5
    for match in matches:
        assert isinstance(match, entdeploy.Match)
        assert 0.0 <= match.score <= 1.0
        assert match.deployment in ds.deployments
    assert sorted((m.score for m in matches), reverse=True) == [
        m.score for m in matches
    ]


@GUARDED
@given(
    limit=st.integers(max_value=0)
    | wrong_types.filter(lambda v: v is not None and not is_int(v))
)
def test_search_refuses_a_bad_limit(limit):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    with hang_guard(), pytest.raises((InvalidQueryError, TypeError)):
        ds.search("Ain", limit=limit)


@GUARDED
@given(query=hostile_texts)
def test_academy_answers_or_refuses_any_text(query):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    try:
        with hang_guard():
            academy = ds.academy(query)
    except (UnknownAcademyError, InvalidQueryError):
        return
    assert academy in ds.academies


FILTER_KEYWORDS = ("status", "academy", "region", "academic_region", "kind")


@GUARDED
@given(keyword=st.sampled_from(FILTER_KEYWORDS), value=hostile_texts)
def test_filter_refuses_unknown_names_with_a_typed_error(keyword, value):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    try:
        with hang_guard():
            filtered = ds.filter(**{keyword: value})
    except (UnknownAcademyError, UnknownRegionError, InvalidQueryError):
        return
    assert set(filtered.deployments) <= set(ds.deployments)


@GUARDED
@given(
    keyword=st.sampled_from((*FILTER_KEYWORDS, "overseas", "where")),
    value=wrong_types.filter(lambda value: value is not None),
)
def test_filter_refuses_wrong_types(keyword, value):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    valid = {
        "overseas": isinstance(value, bool),
        "academy": is_int(value),  # a Ministry code
        "status": isinstance(value, entdeploy.Status),
    }
    assume(not valid.get(keyword, False))
    assume(not isinstance(value, list))  # a collection of names is valid: ["75"]
    with hang_guard(), pytest.raises((TypeError, EntdeployError)):
        ds.filter(**{keyword: value})


# -- Bad input: a million characters -----------------------------------------

#: Each call gets a string of a million characters. Work linear in the input
#: takes milliseconds; the bound is only reached by work that grows faster.
HUGE_BOUND_SECONDS = 60
HUGE_IDS = [f"{text[:10]!r}x{len(text)}" for text in HUGE_TEXTS]


def huge_input_calls(ds):
    """Every public call that takes text, as (name, call, accepted errors)."""
    query_errors = (UnknownDepartmentError, InvalidQueryError)
    return [
        ("load", entdeploy.load, (UnknownEditionError,)),
        ("normalize", normalize, ()),
        ("Status.from_label", entdeploy.Status.from_label, (ValueError,)),
        ("lookup", ds.lookup, query_errors),
        ("__getitem__", ds.__getitem__, query_errors),
        ("get", ds.get, (InvalidQueryError,)),
        ("search", ds.search, (InvalidQueryError,)),
        ("academy", ds.academy, (UnknownAcademyError, InvalidQueryError)),
        *(
            (
                f"filter({keyword}=...)",
                lambda text, keyword=keyword: ds.filter(**{keyword: text}),
                (UnknownAcademyError, UnknownRegionError, InvalidQueryError),
            )
            for keyword in FILTER_KEYWORDS
        ),
    ]


@pytest.mark.parametrize("index", range(len(HUGE_TEXTS)), ids=HUGE_IDS)
def test_every_call_answers_a_huge_string_without_hanging(index):
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows
    text = HUGE_TEXTS[index]
    for name, call, errors in huge_input_calls(ds):
        try:
            with hang_guard(HUGE_BOUND_SECONDS):
                result = call(text)
        except errors:
            continue
        assert name in {"normalize", "get", "search"}, (name, result)
        if name == "search":
            assert all(0.0 <= match.score <= 1.0 for match in result)
        else:
            assert result is None or isinstance(result, str), (name, result)


@pytest.mark.parametrize("index", range(len(HUGE_TEXTS)), ids=HUGE_IDS)
def test_the_cli_answers_a_huge_argument_without_hanging(index):
    for argv in (
        ["--edition", HUGE_TEXTS[index], "summary"],
        [HUGE_TEXTS[index]],
        ["summary", HUGE_TEXTS[index]],
    ):
        with hang_guard(HUGE_BOUND_SECONDS):
            status = main(argv)
        assert status in (1, 2)


# -- Bad input: aggregations, renderers, interchange ---------------------------

TABLE_BYTES = (TESTS_DATA / "source_table.tsv").read_bytes()


def never(_: object) -> bool:
    return False


def is_non_negative_int(value: object) -> bool:
    return is_int(value) and value >= 0  # type: ignore[operator]


#: What XML 1.0 cannot hold, so neither can SVG or HTML output.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def is_xml_text_or_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and not NOT_XML.search(value))


def is_title_or_none(value: object) -> bool:
    return is_xml_text_or_none(value) and (value is None or bool(value.strip()))  # type: ignore[union-attr]


def is_text_encoding_or_none(value: object) -> bool:
    if value is None:
        return True
    try:
        return codecs.lookup(value)._is_text_encoding  # type: ignore[arg-type,attr-defined,no-any-return]
    except (LookupError, TypeError, ValueError):
        return False


#: name -> (call with the packaged dataset and a value, takes text).
#: Text-taking arguments get hostile text and wrong types; path-taking ones only
#: wrong types (hostile text would be a file name; see UNOPENABLE_PATHS).
ARGUMENT_CASES: dict[
    str, tuple[Callable[[entdeploy.Dataset, object], object], bool]
] = {
    "summarize(by=...)": (lambda ds, value: ds.summarize(by=value), True),
    "group_by(by=...)": (lambda ds, value: ds.group_by(by=value), True),
    "top(n)": (lambda ds, value: ds.top(value), True),
    "top(3, by=...)": (lambda ds, value: ds.top(3, by=value), True),
    "share(status)": (lambda ds, value: ds.share(value), True),
    "to_table(format=...)": (lambda ds, value: ds.to_table(value), True),
    "to_table(order=...)": (lambda ds, value: ds.to_table(order=value), True),
    "to_table(labels=...)": (lambda ds, value: ds.to_table(labels=value), True),
    "Dataset.from_json(text)": (
        lambda _, value: entdeploy.Dataset.from_json(value),
        True,
    ),
    "compare(old, ...)": (lambda ds, value: entdeploy.compare(value, ds), False),
    "compare(..., new)": (entdeploy.compare, False),
    "to_svg_map(title=...)": (lambda ds, value: ds.to_svg_map(title=value), True),
    "to_csv(target)": (lambda ds, value: ds.to_csv(value), False),
    "to_datapackage(directory)": (lambda ds, value: ds.to_datapackage(value), False),
    "load_file(source)": (lambda _, value: entdeploy.load_file(value), False),
    "load_file(..., edition=...)": (
        lambda _, value: entdeploy.load_file(io.BytesIO(TABLE_BYTES), edition=value),
        True,
    ),
    "load_file(..., title=...)": (
        lambda _, value: entdeploy.load_file(io.BytesIO(TABLE_BYTES), title=value),
        True,
    ),
    "load_file(..., encoding=...)": (
        lambda _, value: entdeploy.load_file(io.BytesIO(b"x"), encoding=value),
        True,
    ),
}


#: Values each case accepts: they are not bad input.
def is_status(value: object) -> bool:
    """Whether *value* is a Status or text Status.parse reads (one spelling rule)."""
    try:
        entdeploy.Status.parse(value)  # type: ignore[arg-type]
    except EntdeployError:
        return isinstance(value, entdeploy.Status)
    return True


VALID_VALUES: dict[str, Callable[[object], bool]] = {
    "top(n)": is_non_negative_int,
    "summarize(by=...)": lambda value: value in GROUPINGS,
    "group_by(by=...)": lambda value: value in GROUPINGS,
    "top(3, by=...)": lambda value: value in (*GROUPINGS, "territory"),
    "to_table(format=...)": lambda value: value in ("markdown", "html", "text", "csv"),
    "to_table(order=...)": lambda value: value in ("alphabetical", "source"),
    "to_table(labels=...)": lambda value: value in ("official", "source"),
    "share(status)": is_status,
    "to_csv(target)": lambda value: value is None,  # returns the text
    "to_svg_map(title=...)": is_xml_text_or_none,
    "load_file(..., edition=...)": is_title_or_none,
    "load_file(..., title=...)": is_title_or_none,
    "load_file(..., encoding=...)": is_text_encoding_or_none,
}


@settings(GUARDED, max_examples=400)
@given(
    name=st.sampled_from(sorted(ARGUMENT_CASES)),
    value=hostile_texts | wrong_types,
)
def test_every_argument_refuses_bad_values_with_an_entdeploy_error(name, value):
    call, takes_text = ARGUMENT_CASES[name]
    assume(takes_text or not isinstance(value, str))
    assume(not VALID_VALUES.get(name, never)(value))
    ds = entdeploy.load()  # not a fixture: hypothesis would print all its rows

    with hang_guard(), pytest.raises(EntdeployError):
        call(ds, value)


#: Paths no file can have: empty, with a NUL, or not encodable (lone surrogates).
UNOPENABLE_PATHS = ["", "\x00", "Ain\x00", "\ud800", "\udfff75"]
PATH_CASES = ("to_csv(target)", "to_datapackage(directory)", "load_file(source)")


@pytest.mark.parametrize("path", UNOPENABLE_PATHS)
@pytest.mark.parametrize("name", PATH_CASES)
def test_every_path_argument_refuses_a_path_no_file_can_have(ds, name, path):
    call, _ = ARGUMENT_CASES[name]

    with pytest.raises(InvalidArgumentError, match="expected a path to a"):
        call(ds, path)
