"""HTML for notebooks: the ``_repr_html_`` of datasets, rows, entities and summaries.

Each function returns a small, self-contained ``<table>`` with inline styles (a
notebook has no stylesheet of ours). Every value that comes from the data goes
through :func:`html.escape`; a status is shown by its French label on its
colour from the shared palette.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from entdeploy._model import Academy, Region, Status, TerritoryKind

from .palette import STATUS_COLOURS, TEXT_ON_STATUS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from entdeploy._aggregate import Summary, SummaryRow
    from entdeploy._dataset import Dataset
    from entdeploy._model import Department, Deployment

__all__ = [
    "academy_html",
    "dataset_html",
    "department_html",
    "deployment_html",
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

_STATUSES = tuple(sorted(Status))

#: What a count shows when the source reports none.
UNKNOWN = "unknown"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _status_style(status: Status) -> str:
    return (
        f"{_CELL};background:{_e(STATUS_COLOURS[status])};"
        f"color:{_e(TEXT_ON_STATUS[status])}"
    )


def _status_cell(status: Status, tag: str = "td", text: str | None = None) -> str:
    label = status.label if text is None else text
    return (
        f'<{tag} style="{_status_style(status)}" data-status="{_e(status.value)}">'
        f"{_e(label)}</{tag}>"
    )


def _count_cell(count: int | None) -> str:
    if count is None:
        return f'<td style="{_NUMBER};color:#666" title="not reported">{UNKNOWN}</td>'
    return f'<td style="{_NUMBER}">{_e(count)}</td>'


def _head(headings: Iterable[str]) -> str:
    cells = "".join(
        f'<th scope="col" style="{_CELL};text-align:left">{_e(h)}</th>'
        for h in headings
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _region_name(region: Region | None) -> str:
    return "no région" if region is None else region.name


def dataset_html(dataset: Dataset) -> str:
    """Return *dataset* as an HTML table, one row per territory, in its order."""
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
        f'<td style="{_CELL}">{_e(d.department.code)}</td>'
        f'<th scope="row" style="{_CELL};text-align:left;font-weight:normal">'
        f"{_e(d.department.name)}</th>"
        f'<td style="{_CELL}">{_e(d.department.academy.name)}</td>'
        f"{_status_cell(d.status)}"
        f"{_count_cell(d.colleges_with_ent)}"
        "</tr>"
        for d in dataset.deployments
    )
    head = _head(("Code", "Territory", "Académie", "Status", "Collèges with an ENT"))
    return (
        f"{_TABLE}<caption {_CAPTION}>{_e(caption)}</caption>"
        f"{head}<tbody>{rows}</tbody></table>"
    )


def _fields_html(caption: str, fields: Iterable[tuple[str, str]]) -> str:
    """Return a two-column table of already escaped ``(heading, cell)`` pairs."""
    rows = "".join(
        f'<tr><th scope="row" style="{_CELL};text-align:left">{_e(heading)}</th>'
        f"{cell}</tr>"
        for heading, cell in fields
    )
    return (
        f"{_TABLE}<caption {_CAPTION}>{_e(caption)}</caption>"
        f"<tbody>{rows}</tbody></table>"
    )


def _text_cell(value: object) -> str:
    return f'<td style="{_CELL}">{_e(value)}</td>'


def _department_fields(department: Department) -> list[tuple[str, str]]:
    academy = department.academy
    return [
        ("Code", _text_cell(department.code)),
        ("ISO 3166-2", _text_cell(department.iso_code)),
        ("Kind", _text_cell(KIND_LABELS[department.kind])),
        ("Région", _text_cell(_region_name(department.region))),
        ("Académie", _text_cell(f"{academy.name} ({academy.code})")),
    ]


def deployment_html(deployment: Deployment) -> str:
    """Return *deployment* as a small HTML table of its fields."""
    fields = [
        *_department_fields(deployment.department),
        ("Status", _status_cell(deployment.status)),
        ("Collèges with an ENT", _count_cell(deployment.colleges_with_ent)),
    ]
    return _fields_html(deployment.department.name, fields)


def department_html(department: Department) -> str:
    """Return *department* as a small HTML table of its fields."""
    return _fields_html(department.name, _department_fields(department))


def academy_html(academy: Academy) -> str:
    """Return *academy* as a small HTML table of its fields."""
    fields = [
        ("Code", _text_cell(academy.code)),
        ("Kind", _text_cell(academy.kind.value)),
        ("Région académique", _text_cell(academy.academic_region or "none")),
    ]
    return _fields_html(academy.name, fields)


def _key_cell(key: object) -> str:
    style = f"{_CELL};text-align:left;font-weight:normal"
    if isinstance(key, Status):
        return _status_cell(key, tag="th")
    if isinstance(key, (Academy, Region)):
        text = key.name
    elif isinstance(key, TerritoryKind):
        text = KIND_LABELS[key]
    elif key is None:
        text = "no région (overseas collectivities)"
    else:
        text = str(key)
    return f'<th scope="row" style="{style}">{_e(text)}</th>'


def _figure_cells(row: SummaryRow[object]) -> str:
    share = f"{row.massive_share:.1%}" if row.territories else "–"
    numbers = (
        row.territories,
        *(row.by_status[status] for status in _STATUSES),
        row.colleges_with_ent,
        row.unknown_count,
        share,
    )
    return "".join(f'<td style="{_NUMBER}">{_e(number)}</td>' for number in numbers)


def summary_html(summary: Summary[object]) -> str:
    """Return *summary* as an HTML table: one row per group, the total in the footer."""
    head_cells = [
        (
            f'<th scope="col" style="{_CELL};text-align:left">'
            f"{_e(GROUP_HEADINGS[summary.by])}</th>"
        ),
        f'<th scope="col" style="{_CELL}">Territories</th>',
        *(_status_cell(status, tag="th") for status in _STATUSES),
        f'<th scope="col" style="{_CELL}">Collèges with an ENT</th>',
        f'<th scope="col" style="{_CELL}">Count not reported</th>',
        f'<th scope="col" style="{_CELL}">Share in massive deployment</th>',
    ]
    head = "<thead><tr>" + "".join(head_cells) + "</tr></thead>"
    body = "".join(
        f"<tr>{_key_cell(row.key)}{_figure_cells(row)}</tr>" for row in summary.rows
    )
    total_key = f'<th scope="row" style="{_CELL};text-align:left">Total</th>'
    foot = f"<tfoot><tr>{total_key}{_figure_cells(summary.total)}</tr></tfoot>"
    heading = GROUP_HEADINGS[summary.by].lower()
    caption = f"Summary by {heading}: {len(summary)} groups"
    return (
        f"{_TABLE}<caption {_CAPTION}>{_e(caption)}</caption>"
        f"{head}<tbody>{body}</tbody>{foot}</table>"
    )
