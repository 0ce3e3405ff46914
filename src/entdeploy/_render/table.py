"""The publication's table, as Markdown, HTML, aligned text or CSV.

Rows come in one of two orders:

``"alphabetical"``
    The départements (metropolitan and overseas) sorted by their official name
    in French alphabetical order, then the overseas collectivities in the
    source's order. The French order compares names as
    :func:`entdeploy._normalize.normalize` does (accents and case ignored) and
    ignores spaces, hyphens and apostrophes altogether, letter by letter, as
    French dictionaries do: *Loiret* comes before *Loir-et-Cher*, *Val-de-Marne*
    before *Val-d'Oise*. Articles are part of the name (*La Réunion* is under L,
    *Territoire de Belfort* under T). Equal keys, which the data does not
    have, fall back to the case-folded name and then the INSEE code.
``"source"``
    The publication's own order, which is nearly but not strictly alphabetical
    (*Haute-Savoie* comes before *Haute-Corse*, *Seine-Maritime* before
    *Seine-et-Marne*).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from entdeploy._escape import csv_text, markdown_cell, markup, terminal
from entdeploy._model import (
    PUBLICATION_HEADER,
    UNKNOWN_COUNT,
    Deployment,
    TerritoryKind,
)
from entdeploy._normalize import normalize
from entdeploy._render._options import (
    OFFICIAL_TEXT,
    SOURCE_TEXT,
    check_option,
    check_renderable,
)

if TYPE_CHECKING:
    from entdeploy._dataset import Dataset

__all__ = [
    "FORMATS",
    "HEADER",
    "LABELS",
    "ORDERS",
    "french_sort_key",
    "order_rows",
    "publication_rows",
    "render_table",
]

TableFormat = Literal["markdown", "html", "text", "csv"]
TableOrder = Literal["alphabetical", "source"]
TableLabels = Literal["official", "source"]

#: The accepted values of ``format``, ``order`` and ``labels``.
FORMATS: tuple[TableFormat, ...] = ("markdown", "html", "text", "csv")
ORDERS: tuple[TableOrder, ...] = ("alphabetical", "source")
LABELS: tuple[TableLabels, ...] = ("official", "source")

#: The publication's column headings, verbatim.
HEADER = PUBLICATION_HEADER

Row = tuple[str, str, str, str]


def french_sort_key(name: str) -> tuple[str, str]:
    """Return the key that sorts *name* in French alphabetical order.

    Accents, case, spaces, hyphens and apostrophes are ignored; the case-folded
    name breaks ties.
    """
    return normalize(name).replace(" ", ""), name.casefold()


def order_rows(dataset: Dataset, order: str) -> tuple[Deployment, ...]:
    """Return the dataset's rows in *order* (``"alphabetical"`` or ``"source"``).

    Raises:
        InvalidArgumentError: *order* is neither.
    """
    check_option("order", order, ORDERS)
    if order == "source":
        return dataset.deployments
    collectivities = tuple(
        d
        for d in dataset.deployments
        if d.department.kind is TerritoryKind.OVERSEAS_COLLECTIVITY
    )
    departments = sorted(
        (
            d
            for d in dataset.deployments
            if d.department.kind is not TerritoryKind.OVERSEAS_COLLECTIVITY
        ),
        key=lambda d: (*french_sort_key(d.department.name), d.department.code),
    )
    return (*departments, *collectivities)


def _official(deployment: Deployment) -> Row:
    count = deployment.colleges_with_ent
    return (
        deployment.department.name,
        deployment.department.academy.name,
        deployment.status.label,
        UNKNOWN_COUNT if count is None else str(count),
    )


def _source(deployment: Deployment) -> Row:
    return (
        deployment.source_label,
        deployment.source_academy,
        deployment.source_status,
        deployment.source_count,
    )


_CELLS = {"official": _official, "source": _source}
_SHOWN = {"official": OFFICIAL_TEXT, "source": SOURCE_TEXT}


def publication_rows(dataset: Dataset, *, order: str, labels: str) -> tuple[Row, ...]:
    """Return the publication's table's body rows as tuples of four cells.

    Raises:
        InvalidArgumentError: *order* or *labels* is not an accepted value.
    """
    deployments = order_rows(dataset, order)
    return tuple(map(_CELLS[check_option("labels", labels, LABELS)], deployments))


def _markdown(rows: tuple[Row, ...]) -> str:
    rule = ("---", "---", "---", "---:")
    cells = (map(markdown_cell, row) for row in rows)
    return "".join(f"| {' | '.join(row)} |\n" for row in (HEADER, rule, *cells))


def _text(rows: tuple[Row, ...]) -> str:
    shown = [tuple(map(terminal, row)) for row in rows]
    widths = [max(len(row[i]) for row in (HEADER, *shown)) for i in range(4)]

    def line(row: Sequence[str]) -> str:
        left = "  ".join(f"{c:<{w}}" for c, w in zip(row[:3], widths[:3], strict=False))
        return f"{left}  {row[3]:>{widths[3]}}\n"

    return "".join(map(line, (HEADER, ["-" * w for w in widths], *shown)))


def _html(dataset: Dataset, order: str, labels: str) -> str:
    check_renderable(dataset, ("title",), _SHOWN[labels])
    lines = [
        '<table class="entdeploy-table">',
        f"<caption>{markup(dataset.edition.title)}</caption>",
        "<thead>",
        "<tr>"
        + "".join(f'<th scope="col">{markup(heading)}</th>' for heading in HEADER)
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for deployment in order_rows(dataset, order):
        name, academy, status, count = map(markup, _CELLS[labels](deployment))
        key = deployment.status.value
        lines.append(
            f'<tr data-code="{markup(deployment.department.code)}" '
            f'data-status="{key}">'
            f'<th scope="row">{name}</th><td>{academy}</td>'
            f'<td class="status-{key}">{status}</td>'
            f'<td class="count">{count}</td></tr>'
        )
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines) + "\n"


def render_table(dataset: Dataset, format: str, *, order: str, labels: str) -> str:  # noqa: A002 - the public API's name
    """Return the publication's table of *dataset* in *format*.

    Cells are escaped by the format's rule (:mod:`entdeploy._escape`).

    Raises:
        InvalidArgumentError: *format*, *order* or *labels* is not accepted.
        DataError: For ``"html"``, text the table shows (the edition's title;
            a territory's code and the labels *labels* selects) holds a
            character XML cannot hold; for ``"csv"``, a cell holds a NUL or a
            lone surrogate. Every such field is listed.
    """
    check_option("format", format, FORMATS)
    check_option("order", order, ORDERS)
    check_option("labels", labels, LABELS)
    if format == "html":
        return _html(dataset, order, labels)
    rows = publication_rows(dataset, order=order, labels=labels)
    if format == "markdown":
        return _markdown(rows)
    if format == "text":
        return _text(rows)
    return csv_text(
        HEADER, rows, source=f"edition {dataset.edition.id!r}", name="table"
    )
