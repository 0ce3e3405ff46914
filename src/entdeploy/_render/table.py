"""The publication's table, as Markdown, HTML, aligned text or CSV.

Rows come in one of two orders. ``"alphabetical"``: the départements
(metropolitan and overseas) by official name in French dictionary order
(:func:`french_sort_key`, letter by letter: *Loiret* before *Loir-et-Cher*,
*Val-de-Marne* before *Val-d'Oise*; articles count, *La Réunion* is under L),
then the overseas collectivities in the source's order. ``"source"``: the
publication's own order, nearly but not strictly alphabetical (*Haute-Savoie*
before *Haute-Corse*, *Seine-Maritime* before *Seine-et-Marne*).
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

__all__ = [
    "FORMATS",
    "LABELS",
    "ORDERS",
    "french_sort_key",
    "html_table",
    "order_rows",
    "publication_rows",
    "render_table",
]

#: The accepted values of ``format``, ``order`` and ``labels``.
FORMATS = ("markdown", "html", "text", "csv")
ORDERS = ("alphabetical", "source")
LABELS = ("official", "source")

Row = tuple[str, str, str, str]


def french_sort_key(name: str) -> tuple[str, str]:
    """Return the key that sorts *name* in French alphabetical order.

    Accents, case, spaces, hyphens and apostrophes are ignored; ties are broken
    by the case-folded name.
    """
    return normalize(name).replace(" ", ""), name.casefold()


def order_rows(dataset: Dataset, order: str) -> tuple[Deployment, ...]:
    """Return the dataset's rows in *order* (``"alphabetical"`` or ``"source"``).

    Raises:
        InvalidArgumentError: *order* is neither.
    """
    if check_option("order", order, ORDERS) == "source":
        return dataset.deployments

    def key(row: Deployment) -> tuple[object, ...]:
        department = row.department
        if department.kind is TerritoryKind.OVERSEAS_COLLECTIVITY:
            return (True,)  # last, in the source's order
        return (False, *french_sort_key(department.name), department.code)

    return tuple(sorted(dataset.deployments, key=key))


def _cells(deployment: Deployment, labels: str) -> Row:
    """Return the row of *deployment*, in the *labels* it selects."""
    if labels == "source":
        d = deployment
        return d.source_label, d.source_academy, d.source_status, d.source_count
    count = deployment.colleges_with_ent
    return (
        deployment.department.name,
        deployment.department.academy.name,
        deployment.status.label,
        UNKNOWN_COUNT if count is None else str(count),
    )


def publication_rows(dataset: Dataset, *, order: str, labels: str) -> tuple[Row, ...]:
    """Return the publication's table's body rows as tuples of four cells.

    Raises:
        InvalidArgumentError: *order* or *labels* is not an accepted value.
    """
    deployments = order_rows(dataset, order)
    check_option("labels", labels, LABELS)
    return tuple(_cells(d, labels) for d in deployments)


def _markdown(rows: tuple[Row, ...]) -> str:
    rule = ("---", "---", "---", "---:")
    cells = (map(markdown_cell, row) for row in rows)
    return "".join(
        f"| {' | '.join(row)} |\n" for row in (PUBLICATION_HEADER, rule, *cells)
    )


def _text(rows: tuple[Row, ...]) -> str:
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


def _html(dataset: Dataset, order: str, labels: str, rows: Iterable[Row]) -> str:
    check_renderable(
        dataset, ("title",), SOURCE_TEXT if labels == "source" else OFFICIAL_TEXT
    )
    body = []
    for deployment, row in zip(order_rows(dataset, order), rows, strict=True):
        name, academy, status, count = map(markup, row)
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
    """Return the publication's table of *dataset* in *format*.

    Cells are escaped by the format's rule (:mod:`entdeploy._escape`).

    Raises:
        InvalidArgumentError: *format*, *order* or *labels* is not accepted.
        DataError: For ``"html"``, shown text (the title; a territory's code
            and labels) holds a character XML cannot hold; for ``"csv"``, a
            cell holds a NUL or a lone surrogate. Every such field is listed.
    """
    check_option("format", format, FORMATS)
    rows = publication_rows(dataset, order=order, labels=labels)
    if format == "html":
        return _html(dataset, order, labels, rows)
    if format == "markdown":
        return _markdown(rows)
    if format == "text":
        return _text(rows)
    source = f"edition {dataset.edition.id!r}"
    return csv_text(PUBLICATION_HEADER, rows, source=source, name="table")
