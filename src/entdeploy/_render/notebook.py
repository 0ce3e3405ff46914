"""HTML for notebooks: the ``_repr_html_`` of every displayable object.

Each function returns a small, self-contained ``<table>`` with inline styles (a
notebook has no stylesheet of ours); a status is shown by its French label on
its colour from the shared palette. Like every HTML producer, each function
escapes what it shows with :func:`entdeploy._escape.markup`, after refusing,
with one :class:`~entdeploy.exceptions.DataError` naming every field at fault,
shown text that XML cannot hold (:func:`entdeploy._escape.markup_problems`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._compare import _count_text, _signed
from entdeploy._escape import markup, markup_problems
from entdeploy._model import Academy, Region, Status, TerritoryKind

from ._options import OFFICIAL_TEXT, check_renderable, shown
from .palette import STATUS_COLOURS, TEXT_ON_STATUS

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

_TABLE = '<table class="entdeploy" style="border-collapse:collapse">'
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"
_NUMBER = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"
_CAPTION = 'style="caption-side:top;text-align:left;font-weight:bold"'

KIND_LABELS = {
    TerritoryKind.METROPOLITAN_DEPARTMENT: "metropolitan département",
    TerritoryKind.OVERSEAS_DEPARTMENT: "overseas département",
    TerritoryKind.OVERSEAS_COLLECTIVITY: "overseas collectivity",
}

GROUP_HEADINGS = {
    "academy": "Académie",
    "region": "Région",
    "academic_region": "Région académique",
    "kind": "Kind",
    "status": "Status",
}

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
    "code",
    "territory",
    "status before",
    "status after",
    "count before",
    "count after",
    "delta",
)

_STATUSES = tuple(sorted(Status))

#: What a count shows when the source reports none.
UNKNOWN = "unknown"


def _status_cell(status: Status, tag: str = "td") -> str:
    style = (
        f"{_CELL};background:{STATUS_COLOURS[status]};color:{TEXT_ON_STATUS[status]}"
    )
    return (
        f'<{tag} style="{style}" data-status="{status.value}">'
        f"{markup(status.label)}</{tag}>"
    )


def _count_cell(count: int | None) -> str:
    if count is None:
        return f'<td style="{_NUMBER};color:#666" title="not reported">{UNKNOWN}</td>'
    return f'<td style="{_NUMBER}">{count}</td>'


def dataset_html(dataset: Dataset) -> str:
    """Return *dataset* as an HTML table, one row per territory, in its order."""
    check_renderable(dataset, ("title",), OFFICIAL_TEXT)
    counts = dataset.count_by_status()
    tally = ", ".join(
        f"{counts[status]} {status.label}" for status in reversed(_STATUSES)
    )
    unknown = dataset.unknown_count
    caption = (
        f"{dataset.edition.title}: {len(dataset)} territories ({tally}); "
        f"{dataset.total_colleges()} collèges with an ENT"
        + (f", {unknown} territories with no count reported" if unknown else "")
    )
    rows = "".join(
        "<tr>"
        f'<td style="{_CELL}">{markup(d.department.code)}</td>'
        f'<th scope="row" style="{_CELL};text-align:left;font-weight:normal">'
        f"{markup(d.department.name)}</th>"
        f'<td style="{_CELL}">{markup(d.department.academy.name)}</td>'
        f"{_status_cell(d.status)}"
        f"{_count_cell(d.colleges_with_ent)}"
        "</tr>"
        for d in dataset.deployments
    )
    headings = ("Code", "Territory", "Académie", "Status", "Collèges with an ENT")
    head = "".join(
        f'<th scope="col" style="{_CELL};text-align:left">{h}</th>' for h in headings
    )
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _fields_html(caption: str, fields: Iterable[tuple[str, str]]) -> str:
    """Return a two-column table of already escaped ``(heading, cell)`` pairs."""
    rows = "".join(
        f'<tr><th scope="row" style="{_CELL};text-align:left">{markup(heading)}</th>'
        f"{cell}</tr>"
        for heading, cell in fields
    )
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"<tbody>{rows}</tbody></table>"
    )


def _text_cell(value: object) -> str:
    return f'<td style="{_CELL}">{markup(value)}</td>'


def _department_fields(department: Department, prefix: str) -> list[tuple[str, str]]:
    """Return the display's fields, after refusing text XML cannot hold."""
    values = shown(prefix, department, DEPARTMENT_TEXT)
    markup_problems(f"territory {department.code!r}", values)
    academy = department.academy
    region = department.region
    return [
        ("Code", _text_cell(department.code)),
        ("ISO 3166-2", _text_cell(department.iso_code)),
        ("Kind", _text_cell(KIND_LABELS[department.kind])),
        ("Région", _text_cell("no région" if region is None else region.name)),
        ("Académie", _text_cell(f"{academy.name} ({academy.code})")),
    ]


def deployment_html(deployment: Deployment) -> str:
    """Return *deployment* as a small HTML table of its fields."""
    fields = [
        *_department_fields(deployment.department, "department."),
        ("Status", _status_cell(deployment.status)),
        ("Collèges with an ENT", _count_cell(deployment.colleges_with_ent)),
    ]
    return _fields_html(deployment.department.name, fields)


def department_html(department: Department) -> str:
    """Return *department* as a small HTML table of its fields."""
    return _fields_html(department.name, _department_fields(department, ""))


def academy_html(academy: Academy) -> str:
    """Return *academy* as a small HTML table of its fields."""
    markup_problems(f"académie {academy.code!r}", shown("", academy, ACADEMY_TEXT))
    fields = [
        ("Code", _text_cell(academy.code)),
        ("Kind", _text_cell(academy.kind.value)),
        ("Région académique", _text_cell(academy.academic_region or "none")),
    ]
    return _fields_html(academy.name, fields)


def _key_text(key: object) -> str:
    if isinstance(key, (Academy, Region)):
        return key.name
    if isinstance(key, Status):
        return key.label
    if isinstance(key, TerritoryKind):
        return KIND_LABELS[key]
    return "no région (overseas collectivities)" if key is None else str(key)


def _figure_cells(row: SummaryRow[object]) -> str:
    share = f"{row.massive_share:.1%}" if row.territories else "–"
    numbers = (
        row.territories,
        *(row.by_status[status] for status in _STATUSES),
        row.colleges_with_ent,
        row.unknown_count,
        share,
    )
    return "".join(f'<td style="{_NUMBER}">{number}</td>' for number in numbers)


def summary_html(summary: Summary[object]) -> str:
    """Return *summary* as an HTML table: one row per group, the total in the footer."""
    keys = [_key_text(row.key) for row in summary.rows]
    markup_problems(
        f"summary by {summary.by}",
        ((f"rows[{index}].key", key) for index, key in enumerate(keys)),
    )
    head_cells = [
        (
            f'<th scope="col" style="{_CELL};text-align:left">'
            f"{markup(GROUP_HEADINGS[summary.by])}</th>"
        ),
        f'<th scope="col" style="{_CELL}">Territories</th>',
        *(_status_cell(status, tag="th") for status in _STATUSES),
        f'<th scope="col" style="{_CELL}">Collèges with an ENT</th>',
        f'<th scope="col" style="{_CELL}">Count not reported</th>',
        f'<th scope="col" style="{_CELL}">Share in massive deployment</th>',
    ]
    head = "<thead><tr>" + "".join(head_cells) + "</tr></thead>"
    key_style = f"{_CELL};text-align:left;font-weight:normal"
    body = "".join(
        "<tr>"
        + (
            _status_cell(row.key, tag="th")
            if isinstance(row.key, Status)
            else f'<th scope="row" style="{key_style}">{markup(key)}</th>'
        )
        + f"{_figure_cells(row)}</tr>"
        for row, key in zip(summary.rows, keys, strict=True)
    )
    total_key = f'<th scope="row" style="{_CELL};text-align:left">Total</th>'
    foot = f"<tfoot><tr>{total_key}{_figure_cells(summary.total)}</tr></tfoot>"
    heading = GROUP_HEADINGS[summary.by].lower()
    caption = f"Summary by {heading}: {len(summary)} groups"
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"{head}<tbody>{body}</tbody>{foot}</table>"
    )


def _cell(value: object, tag: str = "td") -> str:
    return f"<{tag}>{markup(value)}</{tag}>"


def diff_html(diff: EditionDiff) -> str:
    """Return *diff* as HTML: its two summary lines, then a table of the changes."""
    values: list[tuple[str, object]] = []
    for name in ("changes", "only_in_old", "only_in_new"):
        for index, row in enumerate(getattr(diff, name)):
            values.extend(shown(f"{name}[{index}].", row, ("code", "name")))
    markup_problems(f"comparison of {diff.old.id!r} with {diff.new.id!r}", values)
    first, second, *_ = str(diff).split("\n", 2)
    rows = "".join(
        "<tr>"
        + "".join(
            _cell(value)
            for value in (
                change.code,
                change.name,
                change.status_before.label,
                change.status_after.label,
                _count_text(change.count_before),
                _count_text(change.count_after),
                "" if change.count_delta is None else _signed(change.count_delta),
            )
        )
        + "</tr>"
        for change in diff.changes
    )
    head = "".join(_cell(heading, "th") for heading in DIFF_HEADINGS)
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else "<p>No territory in both editions changed.</p>"
    )
    only = "".join(
        f"<p>Only in {markup(repr(edition.id))}: "
        + markup(", ".join(f"{row.code} {row.name}" for row in one_side))
        + "</p>"
        for edition, one_side in (
            (diff.old, diff.only_in_old),
            (diff.new, diff.only_in_new),
        )
        if one_side
    )
    return (
        f'<div class="entdeploy-diff"><p><strong>{markup(first)}</strong>'
        f"<br>{markup(second)}</p>{table}{only}</div>"
    )
