"""compare(): what changed between two editions (built synthetically from 2025)."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given

import entdeploy
from entdeploy import Dataset, DiffSummary, Edition, EditionDiff, Status, compare
from entdeploy.exceptions import InvalidArgumentError

from .strategies import datasets


def next_edition(ds: Dataset, changes: dict[str, tuple[Status, int | None]]) -> Dataset:
    """A synthetic edition '2026': the 2025 rows, with *changes* by INSEE code."""
    rows = []
    for row in ds.deployments:
        if row.code not in changes:
            rows.append(row)
            continue
        status, count = changes[row.code]
        rows.append(
            attrs.evolve(
                row,
                status=status,
                colleges_with_ent=count,
                source_status=status.label,
                source_count="-" if count is None else str(count),
            )
        )
    return Dataset(Edition(id="2026", title="A synthetic edition"), rows)


@pytest.fixture(scope="module")
def ds():
    return entdeploy.load("2025")


@pytest.fixture(scope="module")
def unknown_code(ds):
    return next(r.code for r in ds if r.status is Status.NONE_OR_UNKNOWN)


@pytest.fixture(scope="module")
def diff(ds, unknown_code):
    new = next_edition(
        ds,
        {
            "01": (Status.MASSIVE, 53),
            "02": (Status.IN_PROGRESS, 20),
            unknown_code: (Status.IN_PROGRESS, 4),
        },
    )
    return compare(ds, new)


def test_comparing_an_edition_with_itself_finds_nothing(ds):
    diff = compare(ds, ds)

    assert () == diff.changes
    assert diff.is_empty
    assert DiffSummary(0, 0, 105, 4840, 4840) == diff.summary


def test_each_change_says_status_and_count_before_and_after(diff, unknown_code):
    assert [
        ("01", Status.MASSIVE, Status.MASSIVE, 51, 53, 2),
        ("02", Status.MASSIVE, Status.IN_PROGRESS, 58, 20, -38),
        (unknown_code, Status.NONE_OR_UNKNOWN, Status.IN_PROGRESS, None, 4, None),
    ] == sorted(
        (
            c.code,
            c.status_before,
            c.status_after,
            c.count_before,
            c.count_after,
            c.count_delta,
        )
        for c in diff.changes
    )


def test_the_summary_counts_improved_regressed_and_unchanged(diff):
    assert 1 == diff.summary.improved
    assert 1 == diff.summary.regressed
    assert 103 == diff.summary.unchanged
    assert 2 - 38 + 4 == diff.summary.total_colleges_delta
    assert ["02"] == [c.code for c in diff.regressed]
    assert 1 == len(diff.improved)
    assert not diff.is_empty


def test_territories_in_only_one_edition_are_listed(ds):
    old = Dataset(ds.edition, ds.deployments[1:])
    new = Dataset(Edition(id="2026", title="t"), ds.deployments[:-1])

    diff = compare(old, new)

    assert ["01"] == [row.code for row in diff.only_in_new]
    assert [ds.deployments[-1].code] == [row.code for row in diff.only_in_old]
    assert () == diff.changes
    assert 51 - ds.deployments[-1].colleges_with_ent == (
        diff.summary.total_colleges_delta
    )


def test_a_change_of_labels_alone_is_not_a_change(ds):
    relabelled = Dataset(
        ds.edition,
        [attrs.evolve(row, source_label=row.source_label.upper()) for row in ds],
    )

    assert () == compare(ds, relabelled).changes


def test_the_repr_names_each_changed_territory(diff, unknown_code, ds):
    unknown = ds.lookup(unknown_code)

    text = repr(diff)

    assert text.startswith(
        "<EditionDiff '2025' → '2026': 3 territories changed, 0 only in '2025', "
        "0 only in '2026'\n  improved 1, regressed 1, status unchanged 103; "
        "collèges with an ENT 4840 → 4808 (-32)\n"
    )
    assert "\n  01 Ain: Déploiement massif, 51 → 53 (+2)\n" in text
    assert (
        "\n  02 Aisne: Déploiement massif → En cours de déploiement, 58 → 20 (-38)"
        in text
    )
    assert (
        f"\n  {unknown.code} {unknown.name}: Pas de projet ENT ou inconnu → "
        "En cours de déploiement, - → 4" in text
    )
    assert text.endswith(">")
    assert text[1:-1].replace("\n  ", "\n") == f"EditionDiff {diff}"


def test_the_repr_lists_territories_in_one_edition_only(ds):
    diff = compare(ds, Dataset(ds.edition, ds.deployments[1:]))

    assert "\n  only in '2025': 01 Ain>" in repr(diff)


def test_the_html_repr_is_a_table_with_escaped_text(diff):
    html = diff._repr_html_()

    assert html.startswith('<table class="entdeploy" ')
    assert ">État avant</th>" in html
    assert re.search(">Aisne</th><td [^>]*>Déploiement massif</td>", html)
    assert ">-38</td>" in html
    assert "Éditions 2025 → 2026 : " in html


def test_the_html_repr_escapes_names(ds):
    first = ds.deployments[0]
    evil = attrs.evolve(first.department, name="<script>")
    new = Dataset(
        ds.edition,
        [attrs.evolve(first, department=evil, colleges_with_ent=1, source_count="1")],
    )

    html = compare(Dataset(ds.edition, [first]), new)._repr_html_()

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_diff_is_immutable(diff):
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        diff.changes = ()  # type: ignore[misc]
    assert isinstance(diff, EditionDiff)


def test_compare_needs_datasets(ds):
    with pytest.raises(
        InvalidArgumentError, match="new='2026' is not accepted; expected a Dataset"
    ):
        compare(ds, "2026")  # type: ignore[arg-type]


@given(datasets(), datasets())
def test_changes_and_one_sided_rows_account_for_every_territory(old, new):
    diff = compare(old, new)

    common = {r.code for r in old} & {r.code for r in new}
    assert len(common) == (
        diff.summary.improved + diff.summary.regressed + diff.summary.unchanged
    )
    assert {r.code for r in old} - common == {r.code for r in diff.only_in_old}
    assert {r.code for r in new} - common == {r.code for r in diff.only_in_new}
    assert {c.code for c in diff.changes} <= common
    assert new.total_colleges() - old.total_colleges() == (
        diff.summary.total_colleges_delta
    )
    assert compare(new, old).summary.improved == diff.summary.regressed
