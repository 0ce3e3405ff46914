"""Type-only tests of the public query API: run ``mypy --strict typing_tests``.

Nothing here is executed; mypy checks that each call has the type users are
promised (``assert_type``) and that misuse is rejected (``type: ignore`` with
the error code mypy must report; ``warn_unused_ignores`` fails if it does not).
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

import entdeploy
from entdeploy import (
    Academy,
    Dataset,
    Deployment,
    Match,
    Region,
    Status,
    TerritoryKind,
)
from entdeploy.exceptions import (
    EntdeployError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
    UnknownRegionError,
)


def lookups(ds: Dataset) -> None:
    """Strict and lenient lookups."""
    assert_type(ds.lookup("Morbihan"), Deployment)
    assert_type(ds.lookup(56), Deployment)
    assert_type(ds["2A"], Deployment)
    assert_type(ds[974], Deployment)
    assert_type(ds.get("Morbihan"), Deployment | None)
    assert_type(ds.get("Morbihan", None), Deployment | None)
    assert_type(ds.get("Morbihan", "missing"), Deployment | str)
    assert_type(ds.get(56, 0), Deployment | int)
    ds.lookup(5.6)  # type: ignore[arg-type]
    ds.lookup(None)  # type: ignore[arg-type]


def rows(ds: Dataset, row: Deployment) -> None:
    """Containment, reversal and the régions."""
    assert_type("Morbihan" in ds, bool)
    assert_type(56 in ds, bool)
    assert_type(row in ds, bool)
    assert_type(reversed(ds), Iterator[Deployment])
    assert_type(ds.regions, tuple[Region, ...])
    assert_type(ds.academies, tuple[Academy, ...])
    ds.regions = ()  # type: ignore[misc]


def searches(ds: Dataset) -> None:
    """Ranked candidates."""
    matches = ds.search("Morbihen")
    assert_type(matches, tuple[Match, ...])
    assert_type(ds.search("haute", limit=None), tuple[Match, ...])
    assert_type(matches[0].deployment, Deployment)
    assert_type(matches[0].score, float)
    ds.search("haute", limit="3")  # type: ignore[arg-type]


def academies(ds: Dataset, lyon: Academy, bretagne: Region) -> None:
    """Académies and filters."""
    assert_type(ds.academy("Orleans-tours"), Academy)
    assert_type(ds.academy(18), Academy)
    assert_type(ds.filter(), Dataset)
    assert_type(
        ds.filter(
            status=[Status.MASSIVE, "in-progress"],
            academy=(lyon, "Grenoble", 18),
            region=bretagne,
            academic_region={"Grand Est"},
            kind=TerritoryKind.OVERSEAS_COLLECTIVITY,
            overseas=False,
            where=lambda d: d.colleges_with_ent is None,
        ),
        Dataset,
    )
    assert_type(ds.filter(region="Bretagne").lookup("56"), Deployment)
    ds.filter("massive")  # type: ignore[call-arg]
    ds.filter(overseas="yes")  # type: ignore[arg-type]
    ds.filter(where=lambda d: d.missing)  # type: ignore[attr-defined]


def errors() -> None:
    """The errors' attributes and bases."""
    try:
        entdeploy.load().lookup("Morbihen")
    except UnknownDepartmentError as error:
        assert_type(error.query, str | int)
        assert_type(error.suggestions, tuple[Deployment, ...])
        lookup_error: LookupError = error
        key_error: KeyError = error
        base: EntdeployError = error
        del lookup_error, key_error, base
    try:
        entdeploy.load().academy("Orleens")
    except UnknownAcademyError as error:
        assert_type(error.suggestions, tuple[Academy, ...])
    try:
        entdeploy.load().filter(region="Bretagn")
    except UnknownRegionError as error:
        assert_type(error.suggestions, tuple[str, ...])
    value_error: ValueError = InvalidQueryError("empty")
    del value_error


def normalization() -> None:
    """The one normalisation."""
    assert_type(entdeploy.normalize("Côte-d'Or"), str)
    entdeploy.normalize(56)  # type: ignore[arg-type]
