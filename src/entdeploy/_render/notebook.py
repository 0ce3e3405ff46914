"""HTML for notebooks: the ``_repr_html_`` of every displayable object.

Each is a small ``<table>`` with inline styles (a notebook has no stylesheet of
ours), in French: a status is its label on its colour, a number as
:func:`._options.french_number` writes it. Beyond :data:`MAX_ROWS` rows, only the
first and last :data:`SHOWN_ROWS` show. Shown text XML cannot hold, hidden rows
included, is refused with one DataError naming every field; the rest is escaped.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from entdeploy._escape import markup, markup_problems
from entdeploy._model import Academy, Region, Status, TerritoryKind

from ._options import ACADEMY_KINDS, check_renderable, counted, french_number, shown
from .palette import STATUS_COLOURS, STATUSES, TEXT_ON_STATUS
from .table import html_table

if TYPE_CHECKING:
    from collections.abc import Iterable

    from entdeploy._aggregate import Summary, SummaryRow
    from entdeploy._compare import EditionDiff
    from entdeploy._dataset import Dataset
    from entdeploy._model import Department, Deployment

__all__ = [
    "academy_html",
    "dataset_html",
    "department_html",
    "deployment_html",
    "diff_html",
    "summary_html",
]

#: Up to this many rows, a dataset or a comparison shows every row; beyond,
#: the first and the last SHOWN_ROWS, as pandas does (its max_rows, min_rows).
MAX_ROWS = 20
SHOWN_ROWS = 5

_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"
_LEFT = _CELL + ";text-align:left"
_NAME = _LEFT + ";font-weight:normal"
_NUMBER = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"
_NOTE = _CELL + ";color:#555;font-style:italic"
#: A notebook's table: inline styles, on one line.
_table = partial(
    html_table,
    attributes='class="entdeploy" style="border-collapse:collapse"',
    caption_attributes=' style="caption-side:top;text-align:left;font-weight:bold"',
    sep="",
)

KIND_LABELS = {
    TerritoryKind.METROPOLITAN_DEPARTMENT: "département de métropole",
    TerritoryKind.OVERSEAS_DEPARTMENT: "département d'outre-mer",
    TerritoryKind.OVERSEAS_COLLECTIVITY: "collectivité d'outre-mer",
}
GROUP_HEADINGS = {
    "academy": "Académie",
    "region": "Région",
    "academic_region": "Région académique",
    "kind": "Type de territoire",
    "status": "État du déploiement",
    "authority": "Collectivité de rattachement",
}
COLLEGES = "Collèges publics ayant un ENT"

#: The text of a territory and of an académie their displays show.
DEPARTMENT_TEXT = (
    "code",
    "name",
    "iso_code",
    "region.name",
    "academy.code",
    "academy.name",
)
ACADEMY_TEXT = ("code", "name", "academic_region")

DIFF_HEADINGS = (
    "Code",
    "Territoire",
    "État avant",
    "État après",
    "Collèges avant",
    "Collèges après",
    "Écart",
)

#: The order of a summary's status columns: the least deployed first.
_STATUSES = STATUSES[::-1]


def _cell(
    text: object, style: str = _CELL, tag: str = "td", attributes: str = ""
) -> str:
    return f'<{tag}{attributes} style="{style}">{markup(text)}</{tag}>'


def _heading(text: str, scope: str = "col", style: str = _LEFT) -> str:
    return _cell(text, style, "th", f' scope="{scope}"')


def _row(*cells: str) -> str:
    return f"<tr>{''.join(cells)}</tr>"


def _note(text: str, columns: int) -> str:
    return _row(_cell(text, _NOTE, attributes=f' colspan="{columns}"'))


def _status_cell(status: Status, tag: str = "td") -> str:
    colours = f"background:{STATUS_COLOURS[status]};color:{TEXT_ON_STATUS[status]}"
    key = f' data-status="{status.value}"'
    return _cell(status.label, f"{_CELL};{colours}", tag, key)


def _count_cell(count: int | None) -> str:
    if count is None:
        title = ' title="nombre non renseigné par la source"'
        return _cell("non renseigné", _NUMBER + ";color:#555", attributes=title)
    return _cell(french_number(count), _NUMBER)


def _compact(rows: list[str], columns: int, full: str) -> list[str]:
    """Return *rows*, or beyond MAX_ROWS the first and last few around a note."""
    if len(rows) <= MAX_ROWS:
        return rows
    hidden = counted(len(rows) - 2 * SHOWN_ROWS, "territoire{s} non affiché{s}")
    note = _note(f"… {hidden} ; liste complète : {full}", columns)
    return [*rows[:SHOWN_ROWS], note, *rows[-SHOWN_ROWS:]]


def dataset_html(dataset: Dataset) -> str:
    """Return *dataset* as an HTML table, one row per territory, in its order."""
    check_renderable(dataset, ("title",))
    counts = dataset.count_by_status()
    tally = ", ".join(f"{french_number(counts[s])} {s.label}" for s in STATUSES)
    caption = (
        f"{dataset.edition.title} : {counted(len(dataset), 'territoire{s}')} "
        f"({tally}) ; {counted(dataset.total_colleges(), 'collège{s} public{s}')} "
        "ayant un ENT"
    )
    if dataset.unknown_count:
        unknown = counted(dataset.unknown_count, "territoire{s}")
        caption += f", nombre non renseigné pour {unknown}"
    rows = [
        _row(
            _cell(d.department.code),
            _heading(d.department.name, "row", _NAME),
            _cell(d.department.academy.name),
            _status_cell(d.status),
            _count_cell(d.colleges_with_ent),
        )
        for d in dataset.deployments
    ]
    head = ("Code", "Territoire", "Académie", "État du déploiement", COLLEGES)
    return _table(
        caption, map(_heading, head), _compact(rows, 5, 'ds.to_table("html")')
    )


def _fields_html(caption: str, fields: Iterable[tuple[str, str]]) -> str:
    """Return a two-column table of ``(heading, cell markup)`` pairs."""
    return _table(caption, (), (_row(_heading(h, "row"), c) for h, c in fields))


def _department_fields(department: Department, prefix: str) -> list[tuple[str, str]]:
    """Return the display's fields, after refusing text XML cannot hold."""
    values = shown(prefix, department, DEPARTMENT_TEXT)
    markup_problems(f"territory {department.code!r}", values)
    academy, region = department.academy, department.region
    return [
        ("Code", _cell(department.code)),
        ("ISO 3166-2", _cell(department.iso_code)),
        ("Type", _cell(KIND_LABELS[department.kind])),
        ("Région", _cell("aucune" if region is None else region.name)),
        ("Académie", _cell(f"{academy.name} ({academy.code})")),
    ]


def deployment_html(deployment: Deployment) -> str:
    """Return *deployment* as a small HTML table of its fields."""
    fields = [
        *_department_fields(deployment.department, "department."),
        ("État du déploiement", _status_cell(deployment.status)),
        (COLLEGES, _count_cell(deployment.colleges_with_ent)),
    ]
    return _fields_html(deployment.department.name, fields)


def department_html(department: Department) -> str:
    """Return *department* as a small HTML table of its fields."""
    return _fields_html(department.name, _department_fields(department, ""))


def academy_html(academy: Academy) -> str:
    """Return *academy* as a small HTML table of its fields."""
    markup_problems(f"académie {academy.code!r}", shown("", academy, ACADEMY_TEXT))
    fields = [
        ("Code", _cell(academy.code)),
        ("Type", _cell(ACADEMY_KINDS[academy.kind])),
        ("Région académique", _cell(academy.academic_region or "aucune")),
    ]
    return _fields_html(academy.name, fields)


def _key_text(key: object) -> str:
    if isinstance(key, (Academy, Region)):
        return key.name
    if isinstance(key, Status):
        return key.label
    if isinstance(key, TerritoryKind):
        return KIND_LABELS[key]
    if isinstance(key, tuple):  # the authorities of a territory
        return " ; ".join(str(getattr(part, "name", part)) for part in key)
    return "sans région (collectivités d'outre-mer)" if key is None else str(key)


def _figure_cells(row: SummaryRow[object]) -> list[str]:
    numbers = (
        row.territories,
        *(row.by_status[status] for status in _STATUSES),
        row.colleges_with_ent,
        row.unknown_count,
    )
    share = "–"  # an empty group has no share
    if row.territories:
        share = french_number(row.massive_share, 1, percent=True)
    return [_cell(text, _NUMBER) for text in (*map(french_number, numbers), share)]


def summary_html(summary: Summary[object]) -> str:
    """Return *summary* as an HTML table: one row per group, the total in the footer."""
    keys = [_key_text(row.key) for row in summary.rows]
    markup_problems(
        f"summary by {summary.by}",
        ((f"rows[{index}].key", key) for index, key in enumerate(keys)),
    )
    figures = (COLLEGES, "Nombre non renseigné", "Part en déploiement massif")
    head = [
        _heading(GROUP_HEADINGS[summary.by]),
        _heading("Territoires", style=_CELL),
        *(_status_cell(status, "th") for status in _STATUSES),
        *(_heading(text, style=_CELL) for text in figures),
    ]
    rows = (
        _row(
            _status_cell(row.key, "th")
            if isinstance(row.key, Status)
            else _heading(key, "row", _NAME),
            *_figure_cells(row),
        )
        for row, key in zip(summary.rows, keys, strict=True)
    )
    foot = [_heading("Total", "row"), *_figure_cells(summary.total)]
    heading = GROUP_HEADINGS[summary.by].lower()
    caption = f"Synthèse par {heading} : {counted(len(summary), 'groupe{s}')}"
    return _table(caption, head, rows, foot)


def _diff_row(
    code: str, name: str, before: Deployment | None, after: Deployment | None
) -> str:
    """Return the row of a territory in *before*'s edition, *after*'s, or both."""
    sides = (before, after)
    old, new = (None if d is None else d.colleges_with_ent for d in sides)
    delta = "" if old is None or new is None else french_number(new - old, signed=True)
    return _row(
        _cell(code),
        _heading(name, "row", _NAME),
        *(_cell("absent") if d is None else _status_cell(d.status) for d in sides),
        *(_cell("") if d is None else _count_cell(d.colleges_with_ent) for d in sides),
        _cell(delta, _NUMBER),
    )


def diff_html(diff: EditionDiff) -> str:
    """Return *diff* as an HTML table: totals in the caption, a row per change.

    The territories only one edition has follow the changes.
    """
    values: list[tuple[str, object]] = []
    for name in ("changes", "only_in_old", "only_in_new"):
        for index, row in enumerate(getattr(diff, name)):
            values.extend(shown(f"{name}[{index}].", row, ("code", "name")))
    markup_problems(f"comparison of {diff.old.id!r} with {diff.new.id!r}", values)
    old, new, totals = diff.old.id, diff.new.id, diff.summary
    changed = counted(len(diff.changes), "territoire{s} modifié{s}")
    unchanged = counted(totals.unchanged, "territoire{s}")
    caption = (
        f"Éditions {old} → {new} : {changed}, "
        f"{french_number(len(diff.only_in_old))} seulement dans {old}, "
        f"{french_number(len(diff.only_in_new))} seulement dans {new} ; "
        f"statut amélioré pour {french_number(totals.improved)}, dégradé pour "
        f"{french_number(totals.regressed)}, inchangé pour {unchanged} ; "
        "collèges publics ayant un ENT : "
        f"{french_number(totals.total_colleges_before)} → "
        f"{french_number(totals.total_colleges_after)} "
        f"({french_number(totals.total_colleges_delta, signed=True)})"
    )
    rows = [
        *(_diff_row(c.code, c.name, c.before, c.after) for c in diff.changes),
        *(_diff_row(d.code, d.name, d, None) for d in diff.only_in_old),
        *(_diff_row(d.code, d.name, None, d) for d in diff.only_in_new),
    ]
    columns = len(DIFF_HEADINGS)
    body = _compact(rows, columns, "print(diff)") or [
        _note("Les deux éditions concordent pour chaque territoire.", columns)
    ]
    return _table(caption, map(_heading, DIFF_HEADINGS), body)
