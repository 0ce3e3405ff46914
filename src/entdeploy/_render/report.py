"""The publication as one self-contained HTML page: text, map, summary, table.

The page has no external resource (no stylesheet, font, image or script to
fetch): its style is one inline ``<style>`` element, the map is inline SVG. It
is in French, like the publication, reads on a phone (the map and the table
shrink or scroll within the width) and prints (no background, no page break
inside the map or a row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entdeploy._escape import markup
from entdeploy._model import Status
from entdeploy._render._options import OFFICIAL_TEXT, check_renderable
from entdeploy._render.svg_map import GEOMETRY_CREDIT, render_map
from entdeploy._render.table import render_table

if TYPE_CHECKING:
    from entdeploy._dataset import Dataset

__all__ = ["render_report"]

STYLE = """\
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.5; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
figure { margin: 1.5rem 0; }
figure svg { display: block; width: 100%; max-width: 1000px; height: auto; }
figcaption { color: #4d4d4d; font-size: 0.9rem; }
.table-wrapper { overflow-x: auto; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem;
  border-bottom: 1px solid #c8c8c8; }
thead th { border-bottom: 2px solid #1a1a1a; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 2rem; color: #4d4d4d; font-size: 0.9rem; }
@media print {
  main { max-width: none; padding: 0; }
  figure, tr { break-inside: avoid; }
  .table-wrapper { overflow: visible; }
}
"""


#: The edition's text the page shows.
REPORT_EDITION_TEXT = (
    "id",
    "title",
    "school_year",
    "publisher",
    "description",
    "statuses_description",
    "licence",
)


def render_report(dataset: Dataset) -> str:
    """Return the HTML page of *dataset*: introduction, map, summary and table.

    Raises:
        DataError: Text of *dataset* the page shows (the edition's metadata,
            its sources; a territory's code, name or académie) holds a
            character XML cannot hold; every such field is listed.
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    check_renderable(
        dataset, REPORT_EDITION_TEXT, OFFICIAL_TEXT, ("name", "description")
    )

    edition = dataset.edition
    svg = render_map(dataset).svg
    table = render_table(dataset, "html", order="alphabetical", labels="official")
    counts = dataset.count_by_status()

    subtitle = ", ".join(
        part
        for part in (
            edition.publisher,
            f"année scolaire {edition.school_year}" if edition.school_year else None,
            f"édition {edition.id}",
        )
        if part
    )
    lines = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{markup(edition.title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{markup(edition.title)}</h1>",
        f"<p>{markup(subtitle)}</p>",
        "</header>",
        '<section aria-labelledby="presentation">',
        '<h2 id="presentation">Présentation</h2>',
    ]
    if edition.description:
        lines.append(f"<p>{markup(edition.description)}</p>")
    if edition.statuses_description:
        lines.append(f"<p>{markup(edition.statuses_description)}</p>")
    lines.append("<p>Les trois états de la carte et du tableau :</p>")
    lines.append("<ul>")
    lines.extend(
        f'<li data-status="{status.value}">{markup(status.label)}</li>'
        for status in sorted(Status, reverse=True)
    )
    lines.append("</ul>")
    if edition.sources:
        lines.append("<p>Sources :</p>")
        lines.append("<ul>")
        lines.extend(
            f"<li>{markup(source.name)} : {markup(source.description)}</li>"
            for source in edition.sources
        )
        lines.append("</ul>")
    lines.extend(
        [
            "</section>",
            '<section aria-labelledby="carte">',
            '<h2 id="carte">Carte</h2>',
            "<figure>",
            svg.rstrip("\n"),
            (
                "<figcaption>Chaque territoire est coloré selon l'état du déploiement "
                "de son ENT ; le tableau ci-dessous donne les mêmes données en "
                "texte.</figcaption>"
            ),
            "</figure>",
            "</section>",
            '<section aria-labelledby="synthese">',
            '<h2 id="synthese">Synthèse</h2>',
            '<table class="summary">',
            "<caption>Territoires par état du déploiement</caption>",
            (
                '<thead><tr><th scope="col">Etat du déploiement</th>'
                '<th scope="col">Territoires</th></tr></thead>'
            ),
            "<tbody>",
        ]
    )
    lines.extend(
        f'<tr data-status="{status.value}"><th scope="row">{markup(status.label)}'
        f'</th><td class="count">{counts[status]}</td></tr>'
        for status in sorted(Status, reverse=True)
    )
    lines.extend(
        [
            "</tbody>",
            (
                '<tfoot><tr><th scope="row">Total</th>'
                f'<td class="count">{len(dataset)}</td></tr></tfoot>'
            ),
            "</table>",
            f'<p class="total">{markup(_total_text(dataset))}</p>',
            "</section>",
            '<section aria-labelledby="tableau">',
            '<h2 id="tableau">Tableau</h2>',
            '<div class="table-wrapper">',
            table.rstrip("\n"),
            "</div>",
            "</section>",
            "<footer>",
            f"<p>{markup(_licence_text(dataset))}</p>",
            f"<p>{markup(GEOMETRY_CREDIT)}. Page produite avec entdeploy.</p>",
            "</footer>",
            "</main>",
            "</body>",
            "</html>",
        ]
    )
    return "\n".join(lines) + "\n"


def _licence_text(dataset: Dataset) -> str:
    licence = dataset.edition.licence
    if licence is None:
        return "La publication n'indique pas de licence."
    return f"Licence de la publication : {licence}."


def _total_text(dataset: Dataset) -> str:
    text = f"{dataset.total_colleges()} collèges publics ont un ENT"
    unknown = dataset.unknown_count
    if unknown == 0:
        return text + "."
    territories = "territoire" if unknown == 1 else "territoires"
    return f"{text} ; le nombre n'est pas renseigné pour {unknown} {territories}."
