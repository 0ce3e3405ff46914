"""HTML for notebooks: the ``_repr_html_`` of every displayable object.

Each function returns a small, self-contained ``<table>`` with inline styles (a
notebook has no stylesheet of ours), in French like the publication: a status
is shown by its label on its colour from the shared palette, a number as
:func:`french_number` writes it. Beyond :data:`MAX_ROWS` rows, a dataset or a
comparison shows its first and last :data:`SHOWN_ROWS` and says how many are
hidden. Like every HTML producer, each function escapes what it shows with
:func:`entdeploy._escape.markup`, after refusing, with one
:class:`~entdeploy.exceptions.DataError` naming every field at fault, shown
text that XML cannot hold (:func:`entdeploy._escape.markup_problems`), hidden
rows included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._escape import markup, markup_problems
from entdeploy._model import Academy, AcademyKind, Region, Status, TerritoryKind

from ._options import OFFICIAL_TEXT, check_renderable, shown
from .palette import STATUS_COLOURS, TEXT_ON_STATUS

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

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
    "french_number",
    "summary_html",
]

#: Up to this many rows, a dataset or a comparison shows every row; beyond,
#: the first and the last SHOWN_ROWS, as pandas does (its max_rows, min_rows).
MAX_ROWS = 20
SHOWN_ROWS = 5

#: The thousands separator, and the space before "%": a narrow no-break space
#: (U+202F), as French typography and the "fr" locale of CLDR write them.
NARROW_NBSP = "\u202f"

_TABLE = '<table class="entdeploy" style="border-collapse:collapse">'
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"
_NUMBER = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"
_CAPTION = 'style="caption-side:top;text-align:left;font-weight:bold"'
_NOTE = _CELL + ";color:#555;font-style:italic"
_ROW_HEADING = f'<th scope="row" style="{_CELL};text-align:left;font-weight:normal">'

KIND_LABELS = {
    TerritoryKind.METROPOLITAN_DEPARTMENT: "département de métropole",
    TerritoryKind.OVERSEAS_DEPARTMENT: "département d'outre-mer",
    TerritoryKind.OVERSEAS_COLLECTIVITY: "collectivité d'outre-mer",
}
ACADEMY_KIND_LABELS = {
    AcademyKind.ACADEMY: "académie",
    AcademyKind.VICE_RECTORATE: "vice-rectorat",
    AcademyKind.SERVICE: "service de l'Éducation nationale",
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

_STATUSES = tuple(sorted(Status))

#: What a count shows when the source reports none.
UNKNOWN = "non renseigné"


def french_number(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """Return *value* written the French way: "4 840", "88,6", "+1 200", "-38".

    Thousands are separated by :data:`NARROW_NBSP`, decimals by a comma.
    """
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def _counted(count: int, noun: str) -> str:
    """Return *count* and *noun* ("territoire{s}"), singular for 0 and 1."""
    return f"{french_number(count)} {noun.format(s='' if count < 2 else 's')}"


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
        title = "nombre non renseigné par la source"
        return f'<td style="{_NUMBER};color:#555" title="{title}">{UNKNOWN}</td>'
    return f'<td style="{_NUMBER}">{french_number(count)}</td>'


def _heading_row(headings: Iterable[str]) -> str:
    cells = "".join(
        f'<th scope="col" style="{_CELL};text-align:left">{markup(h)}</th>'
        for h in headings
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _compact(rows: Sequence[str], columns: int, full: str) -> str:
    """Return *rows* (one per territory), or the first and last SHOWN_ROWS of them.

    Beyond MAX_ROWS, a row between the two says how many are hidden and that
    *full* shows them all.
    """
    if len(rows) <= MAX_ROWS:
        return "".join(rows)
    hidden = french_number(len(rows) - 2 * SHOWN_ROWS)
    note = (
        f'<tr><td colspan="{columns}" style="{_NOTE}">'
        f"… {hidden} territoires non affichés ; liste complète : {markup(full)}"
        "</td></tr>"
    )
    return "".join(rows[:SHOWN_ROWS]) + note + "".join(rows[-SHOWN_ROWS:])


def dataset_html(dataset: Dataset) -> str:
    """Return *dataset* as an HTML table, one row per territory, in its order.

    Beyond MAX_ROWS territories, only the first and last SHOWN_ROWS show.
    """
    check_renderable(dataset, ("title",), OFFICIAL_TEXT)
    counts = dataset.count_by_status()
    tally = ", ".join(
        f"{french_number(counts[status])} {status.label}"
        for status in reversed(_STATUSES)
    )
    caption = (
        f"{dataset.edition.title} : {_counted(len(dataset), 'territoire{s}')} "
        f"({tally}) ; {_counted(dataset.total_colleges(), 'collège{s} public{s}')} "
        "ayant un ENT"
    )
    if dataset.unknown_count:
        unknown = _counted(dataset.unknown_count, "territoire{s}")
        caption += f", nombre non renseigné pour {unknown}"
    rows = [
        "<tr>"
        f'<td style="{_CELL}">{markup(d.department.code)}</td>'
        f"{_ROW_HEADING}{markup(d.department.name)}</th>"
        f'<td style="{_CELL}">{markup(d.department.academy.name)}</td>'
        f"{_status_cell(d.status)}"
        f"{_count_cell(d.colleges_with_ent)}"
        "</tr>"
        for d in dataset.deployments
    ]
    head = _heading_row(
        ("Code", "Territoire", "Académie", "État du déploiement", COLLEGES)
    )
    body = _compact(rows, 5, 'ds.to_table("html")')
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"{head}<tbody>{body}</tbody></table>"
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
        ("Type", _text_cell(KIND_LABELS[department.kind])),
        ("Région", _text_cell("aucune" if region is None else region.name)),
        ("Académie", _text_cell(f"{academy.name} ({academy.code})")),
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
        ("Code", _text_cell(academy.code)),
        ("Type", _text_cell(ACADEMY_KIND_LABELS[academy.kind])),
        ("Région académique", _text_cell(academy.academic_region or "aucune")),
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


def _figure_cells(row: SummaryRow[object]) -> str:
    numbers = (
        row.territories,
        *(row.by_status[status] for status in _STATUSES),
        row.colleges_with_ent,
        row.unknown_count,
    )
    share = "–"  # an empty group has no share
    if row.territories:
        share = f"{french_number(row.massive_share * 100, 1)}{NARROW_NBSP}%"
    return "".join(
        f'<td style="{_NUMBER}">{text}</td>'
        for text in (*(french_number(n) for n in numbers), share)
    )


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
        f'<th scope="col" style="{_CELL}">Territoires</th>',
        *(_status_cell(status, tag="th") for status in _STATUSES),
        f'<th scope="col" style="{_CELL}">{COLLEGES}</th>',
        f'<th scope="col" style="{_CELL}">Nombre non renseigné</th>',
        f'<th scope="col" style="{_CELL}">Part en déploiement massif</th>',
    ]
    head = "<thead><tr>" + "".join(head_cells) + "</tr></thead>"
    body = "".join(
        "<tr>"
        + (
            _status_cell(row.key, tag="th")
            if isinstance(row.key, Status)
            else f"{_ROW_HEADING}{markup(key)}</th>"
        )
        + f"{_figure_cells(row)}</tr>"
        for row, key in zip(summary.rows, keys, strict=True)
    )
    total_key = f'<th scope="row" style="{_CELL};text-align:left">Total</th>'
    foot = f"<tfoot><tr>{total_key}{_figure_cells(summary.total)}</tr></tfoot>"
    heading = GROUP_HEADINGS[summary.by].lower()
    groups = _counted(len(summary), "groupe{s}")
    caption = f"Synthèse par {heading} : {groups}"
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"{head}<tbody>{body}</tbody>{foot}</table>"
    )


def _diff_row(
    code: str, name: str, before: Deployment | None, after: Deployment | None
) -> str:
    """Return the row of a territory in *before*'s edition, *after*'s, or both."""
    sides = (before, after)
    old, new = (None if d is None else d.colleges_with_ent for d in sides)
    delta = "" if old is None or new is None else french_number(new - old, signed=True)
    return (
        f"<tr>{_text_cell(code)}{_ROW_HEADING}{markup(name)}</th>"
        + "".join(
            _text_cell("absent") if d is None else _status_cell(d.status) for d in sides
        )
        + "".join(
            _text_cell("") if d is None else _count_cell(d.colleges_with_ent)
            for d in sides
        )
        + f'<td style="{_NUMBER}">{delta}</td></tr>'
    )


def diff_html(diff: EditionDiff) -> str:
    """Return *diff* as an HTML table: its totals in the caption, a row per change.

    The territories only one edition has follow the changes; beyond MAX_ROWS
    rows, only the first and last SHOWN_ROWS show.
    """
    values: list[tuple[str, object]] = []
    for name in ("changes", "only_in_old", "only_in_new"):
        for index, row in enumerate(getattr(diff, name)):
            values.extend(shown(f"{name}[{index}].", row, ("code", "name")))
    markup_problems(f"comparison of {diff.old.id!r} with {diff.new.id!r}", values)
    old, new, totals = diff.old.id, diff.new.id, diff.summary
    changed = _counted(len(diff.changes), "territoire{s} modifié{s}")
    unchanged = _counted(totals.unchanged, "territoire{s}")
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
    body = _compact(rows, len(DIFF_HEADINGS), "print(diff)") or (
        f'<tr><td colspan="{len(DIFF_HEADINGS)}" style="{_NOTE}">'
        "Les deux éditions concordent pour chaque territoire.</td></tr>"
    )
    return (
        f"{_TABLE}<caption {_CAPTION}>{markup(caption)}</caption>"
        f"{_heading_row(DIFF_HEADINGS)}<tbody>{body}</tbody></table>"
    )
