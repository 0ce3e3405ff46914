"""The publication's table, as Markdown, HTML, aligned text or CSV.

Rows come in one of two orders. ``"alphabetical"``: the départements by official
name in French dictionary order (:func:`french_sort_key`), then the overseas
collectivities in the source's order. ``"source"``: the publication's own order,
nearly but not strictly alphabetical (*Haute-Savoie* before *Haute-Corse*).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._escape import csv_text, markdown_cell, markup, terminal
from entdeploy._model import (
    PUBLICATION_HEADER,
    UNKNOWN_COUNT,
    Deployment,
    TerritoryKind,
)
from entdeploy._normalize import normalize

from ._options import OFFICIAL_TEXT, SOURCE_TEXT, check_option, check_renderable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from entdeploy._dataset import Dataset

__all__ = ["french_sort_key", "html_table", "order_rows", "render_table"]

#: The accepted values of ``format``, ``order`` and ``labels``.
FORMATS = ("markdown", "html", "text", "csv")
ORDERS = ("alphabetical", "source")
LABELS = ("official", "source")

Row = tuple[str, str, str, str]


def french_sort_key(name: str) -> tuple[str, str]:
    """Return the key that sorts *name* in French alphabetical order.

    Letter by letter, ignoring accents, case, spaces, hyphens and apostrophes
    (*Loiret* before *Loir-et-Cher*, *La Réunion* under L); ties are broken by
    the case-folded name.
    """
    return normalize(name).replace(" ", ""), name.casefold()


def order_rows(dataset: Dataset, order: str) -> tuple[Deployment, ...]:
    """Return the dataset's rows in *order*, or raise InvalidArgumentError."""
    if check_option("order", order, ORDERS) == "source":
        return dataset.deployments

    def key(row: Deployment) -> tuple[object, ...]:
        department = row.department
        if department.kind is TerritoryKind.OVERSEAS_COLLECTIVITY:
            return (True,)  # last, in the source's order
        return (False, *french_sort_key(department.name), department.code)

    return tuple(sorted(dataset.deployments, key=key))


def _cells(d: Deployment, labels: str) -> Row:
    """Return the row of *d*, in the *labels* it selects."""
    if labels == "source":
        return d.source_label, d.source_academy, d.source_status, d.source_count
    count = UNKNOWN_COUNT if d.colleges_with_ent is None else str(d.colleges_with_ent)
    return d.department.name, d.department.academy.name, d.status.label, count


def _markdown(rows: Iterable[Row]) -> str:
    rule = ("---", "---", "---", "---:")
    cells = (map(markdown_cell, row) for row in rows)
    return "".join(
        f"| {' | '.join(row)} |\n" for row in (PUBLICATION_HEADER, rule, *cells)
    )


def _text(rows: Iterable[Row]) -> str:
    shown = [PUBLICATION_HEADER, *(tuple(map(terminal, row)) for row in rows)]
    widths = [max(len(row[i]) for row in shown) for i in range(4)]
    shown.insert(1, tuple("-" * width for width in widths))
    return "".join(
        f"{name:<{widths[0]}}  {academy:<{widths[1]}}  {status:<{widths[2]}}  "
        f"{count:>{widths[3]}}\n"
        for name, academy, status, count in shown
    )


def html_table(
    caption: str,
    head: Iterable[str],
    rows: Iterable[str],
    foot: Iterable[str] = (),
    *,
    attributes: str,
    caption_attributes: str = "",
    sep: str = "\n",
) -> str:
    """Return a ``<table>`` of *caption*, escaped, and the markup of *rows*.

    *head* and *foot* are the cells of a row each, left out if empty.
    """
    head, foot = "".join(head), "".join(foot)
    return sep.join(
        [
            f"<table {attributes}>",
            f"<caption{caption_attributes}>{markup(caption)}</caption>",
            *(["<thead>", f"<tr>{head}</tr>", "</thead>"] if head else []),
            "<tbody>",
            *rows,
            "</tbody>",
            *(["<tfoot>", f"<tr>{foot}</tr>", "</tfoot>"] if foot else []),
            "</table>",
        ]
    )


def _html(dataset: Dataset, deployments: Iterable[Deployment], labels: str) -> str:
    check_renderable(
        dataset, ("title",), SOURCE_TEXT if labels == "source" else OFFICIAL_TEXT
    )
    body = []
    for deployment in deployments:
        name, academy, status, count = map(markup, _cells(deployment, labels))
        key = deployment.status.value
        body.append(
            f'<tr data-code="{markup(deployment.department.code)}" '
            f'data-status="{key}"><th scope="row">{name}</th><td>{academy}</td>'
            f'<td class="status-{key}">{status}</td><td class="count">{count}</td></tr>'
        )
    head = (f'<th scope="col">{markup(heading)}</th>' for heading in PUBLICATION_HEADER)
    title = dataset.edition.title
    return html_table(title, head, body, attributes='class="entdeploy-table"') + "\n"


def render_table(dataset: Dataset, format: str, *, order: str, labels: str) -> str:  # noqa: A002 - the public API's name
    """Return the publication's table of *dataset* in *format*, each cell escaped.

    Raises InvalidArgumentError for an option not accepted; DataError for shown
    HTML text XML cannot hold, or a CSV cell holding a NUL or a lone surrogate.
    """
    check_option("format", format, FORMATS)
    deployments = order_rows(dataset, order)
    check_option("labels", labels, LABELS)
    if format == "html":
        return _html(dataset, deployments, labels)
    rows = [_cells(d, labels) for d in deployments]
    if format == "markdown":
        return _markdown(rows)
    if format == "text":
        return _text(rows)
    source = f"edition {dataset.edition.id!r}"
    return csv_text(PUBLICATION_HEADER, rows, source=source, name="table")
