"""Fuzzing the readers: whatever the bytes, a valid Dataset or a DataError.

``load_file`` is fed mutated copies of the publication's real table and random
bytes; ``Dataset.from_json`` mutated copies of a real export. Each call runs
under the reliability suite's hang guard: no timing is asserted.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import entdeploy
from entdeploy.exceptions import DataError

from .conftest import TESTS_DATA
from .strategies import mutated_tables
from .test_reliability import hang_guard

TABLE = (TESTS_DATA / "source_table.tsv").read_bytes()
FUZZ = settings(
    max_examples=150,
    deadline=None,  # no timing in unit tests; hang_guard bounds each call instead
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_valid(dataset: entdeploy.Dataset) -> None:
    """*dataset* holds the 105 packaged territories, each once, consistently."""
    reference = {d.code: d.department for d in entdeploy.load()}

    assert isinstance(dataset, entdeploy.Dataset)
    assert sorted(reference) == sorted(d.code for d in dataset)
    for deployment in dataset:
        assert reference[deployment.code] == deployment.department
        assert isinstance(deployment.status, entdeploy.Status)
        unknown = deployment.status is entdeploy.Status.NONE_OR_UNKNOWN
        assert unknown == (deployment.colleges_with_ent is None)
        if not unknown:
            assert isinstance(deployment.colleges_with_ent, int)
            assert deployment.colleges_with_ent >= 0


def read(data: bytes) -> entdeploy.Dataset | None:
    """Return what load_file makes of *data*, or None for a DataError."""
    try:
        with hang_guard():
            return entdeploy.load_file(io.BytesIO(data), edition="fuzz")
    except DataError as error:
        problems = error.problems
    assert problems
    return None


def test_the_real_table_loads():
    dataset = read(TABLE)

    assert dataset is not None
    assert_valid(dataset)


@FUZZ
@given(data=mutated_tables(TABLE))
@example(data=TABLE.replace(b"\t", b";"))
@example(data=TABLE.decode("utf-8").encode("cp1252"))
@example(data=b"\xef\xbb\xbf" + TABLE)
@example(data=TABLE + b"\n\n\n")
@example(data=TABLE.replace(b"\n", b"\r\n"))
@example(data=TABLE.replace(b"\n", b"\r"))
@example(data=TABLE.replace(b"51", b"-51", 1))
@example(data=TABLE[: len(TABLE) // 2])
def test_a_mutated_table_gives_a_valid_dataset_or_a_data_error(data):
    dataset = read(data)

    if dataset is not None:
        assert_valid(dataset)


@FUZZ
@given(data=st.binary(max_size=4096))
@example(data=b"")
@example(data=b"\x00" * 100)
@example(data=b"\xff\xfe" + "Département".encode("utf-16-le"))
@example(data=TABLE.split(b"\n", 1)[0])
def test_random_bytes_give_a_data_error(data):
    assert read(data) is None


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_text_streams_give_a_data_error(text):
    with hang_guard(), pytest.raises(DataError) as info:
        entdeploy.load_file(io.StringIO(text), edition="fuzz")

    assert info.value.problems


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    assert read(TABLE + b"x" * 2_000_000) is None


EXPORT = entdeploy.load().to_json().encode("utf-8")


def read_json(data: bytes) -> entdeploy.Dataset | None:
    """Return what Dataset.from_json makes of *data*, or None for a DataError."""
    try:
        with hang_guard():
            return entdeploy.Dataset.from_json(data)
    except DataError as error:
        problems = error.problems
    assert problems
    return None


@FUZZ
@given(data=mutated_tables(EXPORT) | st.binary(max_size=512))
def test_a_mutated_json_export_gives_a_valid_dataset_or_a_data_error(data):
    dataset = read_json(data)

    if dataset is not None:
        assert isinstance(dataset, entdeploy.Dataset)
        assert dataset == entdeploy.Dataset.from_json(dataset.to_json())
