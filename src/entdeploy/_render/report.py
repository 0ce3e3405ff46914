"""The publication as one self-contained HTML page: text, map, summary, table.

The page fetches nothing: its style is one inline ``<style>``, the map is inline
SVG, and a few lines of inline script show the name, status and count of the
territory focused or tapped (without them, each territory's ``<title>`` is its
tooltip and accessible name). It is in French, like the publication; its text
(title, legend, the territories not in massive deployment, source) is HTML,
which keeps its size on a phone while the drawing shrinks; it prints on A4.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from entdeploy._escape import markup
from entdeploy._model import Status
from entdeploy._render._options import OFFICIAL_TEXT, check_renderable, french_number
from entdeploy._render.palette import STATUS_COLOURS
from entdeploy._render.svg_map import (
    GEOMETRY_CREDIT,
    MAP_EDITION_TEXT,
    MAP_STYLE,
    PATTERNS,
    has_no_data,
    map_panels,
    swatch,
    symbol,
    without_shape,
)
from entdeploy._render.table import order_rows, render_table

if TYPE_CHECKING:
    from entdeploy._dataset import Dataset

__all__ = ["render_report"]

_COLOUR = {status.value: colour for status, colour in STATUS_COLOURS.items()}
STYLE = f"""\
:root {{ color-scheme: light; }}
body {{ margin: 0; background: #fff; color: #1a1a1a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.5; }}
main {{ max-width: 72rem; margin: 0 auto; padding: 1rem; }}
h1 {{ font-size: 1.75rem; line-height: 1.25; }}
h3 {{ font-size: 1rem; margin: 0; }}
a {{ color: #0050a0; overflow-wrap: anywhere; }}
.skip {{ position: absolute; left: -100vw; }}
.skip:focus {{ position: static; }}
.map {{ display: grid; gap: 0.75rem 2rem; grid-template-columns: minmax(0, 1fr);
  grid-template-areas: "legend" "main" "info" "insets" "exceptions" "source"; }}
.map-legend {{ grid-area: legend; }} .map-main {{ grid-area: main; }}
.map-info {{ grid-area: info; }} .map-insets {{ grid-area: insets; }}
.map-exceptions {{ grid-area: exceptions; }} .map-source {{ grid-area: source; }}
.map ul {{ margin: 0.25rem 0; padding: 0; list-style: none; }}
.map p {{ margin: 0; }}
.map-legend li, .map-exceptions p {{ display: flex; align-items: flex-start; }}
.map-main svg {{ display: block; width: 100%; height: auto; }}
.map-info {{ position: sticky; top: 0; bottom: 0; z-index: 1; min-height: 3em;
  padding: 0.5rem 0.75rem; background: #fff; border: 2px solid #1a1a1a; }}
.map-insets {{ display: grid; gap: 0.75rem;
  grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); }}
.inset {{ margin: 0; font-size: 0.875rem; }}
figure svg {{ display: block; width: 100%; height: 6rem; border: 1px solid #8c8c8c; }}
.inset.paris, .inset.symbols {{ grid-column: span 2; }}
.inset.paris svg {{ height: auto; }}
.symbols li {{ display: flex; gap: 0.4rem; align-items: center; }}
.symbols svg {{ width: 1.25rem; height: 1.25rem; flex: none; border: 0; }}
.swatch {{ width: 1.9rem; height: 1.25rem; flex: none; margin-right: 0.4rem; }}
.names {{ columns: 2; }}
.map-source, figcaption, footer {{ color: #4d4d4d; font-size: 0.875rem; }}
.table-wrapper {{ overflow-x: auto; }}
table {{ border-collapse: collapse; }}
caption {{ text-align: left; font-weight: bold; padding: 0.5rem 0; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.25rem 0.4rem;
  border-bottom: 1px solid #c8c8c8; }}
thead th {{ border-bottom: 2px solid #1a1a1a; vertical-align: bottom; }}
.entdeploy-table {{ font-size: 0.8125rem; }}
.entdeploy-table :is(th, td) {{ padding: 0.25rem; }}
.entdeploy-table thead th {{ font-size: 0.75rem; }}
.entdeploy-table th[scope="row"] {{ position: sticky; left: 0; background: #fff; }}
td[class^="status-"]::before {{ content: ""; display: inline-block; width: 0.9em;
  height: 0.8em; margin-right: 0.25em; vertical-align: -0.05em;
  border: 1px solid #1a1a1a; print-color-adjust: exact; }}
td.status-massive::before {{ background: {_COLOUR["massive"]}; }}
td.status-in-progress::before {{ background: repeating-linear-gradient(45deg,
  #1a1a1a 0 1.3px, {_COLOUR["in-progress"]} 1.3px 4.3px); }}
td.status-none-or-unknown::before {{ background: radial-gradient(circle,
  #1a1a1a 0 0.9px, transparent 1.1px) 0 0 / 4.5px 4.5px,
  {_COLOUR["none-or-unknown"]}; }}
td.count {{ text-align: right; font-variant-numeric: tabular-nums; }}
footer {{ margin-top: 2rem; }}
@media print, (min-width: 56rem) {{
  .map {{ grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    grid-template-rows: auto auto 1fr auto auto;
    grid-template-areas: "main legend" "main info" "main exceptions"
      "insets insets" "source source"; }}
  .map-info {{ position: static; }}
}}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  body {{ font-size: 10pt; }}
  main {{ max-width: none; padding: 0; }}
  h1, h2, h3, caption, .note {{ break-after: avoid; }}
  section:has(.map, .summary), tr, .inset {{ break-inside: avoid; }}
  .map-info, .skip {{ display: none; }}
  .table-wrapper {{ overflow: visible; }}
}}
{MAP_STYLE}"""

SCRIPT = """\
(() => {
  const info = document.getElementById("entdeploy-map-info");
  const show = (event) => {
    const shape = event.target.closest && event.target.closest(".map [data-code]");
    const title = shape && shape.querySelector("title");
    if (title) info.textContent = title.textContent;
  };
  info.hidden = false;
  document.addEventListener("focusin", show);
  document.addEventListener("click", show);
})();
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

#: French text for the 2025 edition's source descriptions, which are in English.
_PYGAL = '<a href="https://pypi.org/project/pygal-maps-fr/">pygal-maps-fr</a>'
_URL = re.compile(r"<?(https?://[^\s<>]*[^\s<>.,;:)])>?")


def _linked(text: str) -> str:
    """Return *text* escaped, each ``https://`` address (brackets dropped) a link."""
    parts = _URL.split(text)
    return "".join(
        f'<a href="{markup(part)}">{markup(part)}</a>' if i % 2 else markup(part)
        for i, part in enumerate(parts)
    )


def _swatch(status: Status | None) -> str:
    return (
        '<svg class="swatch" viewBox="0 0 30 20" aria-hidden="true">'
        f"{swatch(status)}</svg>"
    )


def _count(number: int, noun: str) -> str:
    return f"{french_number(number)} {noun}{'s' if number > 1 else ''}"


def _map(dataset: Dataset) -> list[str]:
    mainland, paris, *insets = map_panels(dataset)
    counts = dataset.count_by_status()
    statuses = sorted(Status, reverse=True)
    lines = [
        (
            f'<a class="skip" href="#synthese">Passer la carte et ses {len(dataset)} '
            "territoires</a>"
        ),
        '<div class="map">',
        '<div class="map-legend">',
        "<h3>État du déploiement</h3>",
        "<ul>",
    ]
    for status in statuses:
        share = counts[status] / (len(dataset) or 1)
        lines.append(
            f"<li>{_swatch(status)}{markup(status.label)} : "
            f"{_count(counts[status], 'territoire')} "
            f"({french_number(share, decimals=1, percent=True)})</li>"
        )
    if has_no_data(dataset):
        lines.append(f"<li>{_swatch(None)}Hors de la sélection (non représenté)</li>")
    lines.extend(
        [
            "</ul>",
            "</div>",
            '<div class="map-main">',
            attrs.evolve(mainland, body=PATTERNS + mainland.body).svg(
                ' role="group" aria-label="France métropolitaine"'
            ),
            "</div>",
            (
                '<p class="map-info" id="entdeploy-map-info" hidden>Touchez un '
                "territoire, ou parcourez la carte avec la touche Tab, pour afficher "
                "ici son nom, son état et son nombre de collèges.</p>"
            ),
            '<div class="map-insets">',
        ]
    )
    lines.extend(
        f'<figure class="inset{" paris" if inset is paris else ""}">{inset.svg()}'
        f"<figcaption>{markup(inset.name)}</figcaption></figure>"
        for inset in (paris, *insets)
    )
    lines.append('<figure class="inset symbols"><figcaption>Pacifique, sans fond de ')
    lines.append("carte</figcaption><ul>")
    lines.extend(
        f'<li><svg viewBox="0 0 20 20">{symbol(d, 10, 10, 8.5)}</svg>'
        f"{markup(d.department.name)}</li>"
        for d in without_shape(dataset)
    )
    lines.extend(["</ul></figure>", "</div>", '<div class="map-exceptions">'])
    others = [
        d for d in order_rows(dataset, "alphabetical") if d.status is not Status.MASSIVE
    ]
    lines.append(
        f"<h3>Hors déploiement massif : {_count(len(others), 'territoire')}</h3>"
    )
    for status in statuses[1:]:
        names = [markup(d.department.name) for d in others if d.status is status]
        if names:
            lines.append(
                f"<p>{_swatch(status)}{markup(status.label)} ({len(names)})</p>"
            )
            lines.append(f'<ul class="names"><li>{"</li><li>".join(names)}</li></ul>')
    publisher = dataset.edition.publisher or "Ministère de l'Éducation nationale"
    lines.extend(
        [
            "</div>",
            f'<p class="map-source">Source : {markup(publisher)}, '
            f"« {markup(dataset.edition.title)} ». "
            + markup(GEOMETRY_CREDIT).replace("pygal-maps-fr", _PYGAL, 1)
            + ".</p>",
            "</div>",
        ]
    )
    return lines


def render_report(dataset: Dataset) -> str:
    """Return the HTML page of *dataset*: introduction, map, summary and table.

    Raises:
        DataError: Text of *dataset* the page shows (the edition's metadata,
            its sources; a territory's code, name or académie) holds a
            character XML cannot hold; every such field is listed.
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    check_renderable(
        dataset,
        (*REPORT_EDITION_TEXT, *MAP_EDITION_TEXT),
        OFFICIAL_TEXT,
        ("name", "description"),
    )
    edition = dataset.edition
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
        lines.append(f"<p>{_linked(edition.description)}</p>")
    if edition.statuses_description:
        lines.append(f"<p>{_linked(edition.statuses_description)}</p>")
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
            f"<li>{markup(source.name)} : {_linked(source.description)}</li>"
            for source in edition.sources
        )
        lines.append("</ul>")
    lines.extend(
        [
            "</section>",
            '<section aria-labelledby="carte">',
            '<h2 id="carte">Carte</h2>',
            *_map(dataset),
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
            (
                '<p class="note">Un tiret (-) dans la dernière colonne signale un '
                "nombre que la publication ne donne pas.</p>"
            ),
            (
                '<div class="table-wrapper" role="region" tabindex="0" '
                'aria-label="Tableau des territoires, à faire défiler">'
            ),
            table.rstrip("\n"),
            "</div>",
            "</section>",
            "<footer>",
            f"<p>{markup(_licence_text(dataset))}</p>",
            f"<p>{markup(GEOMETRY_CREDIT)}. Page produite avec entdeploy.</p>",
            "</footer>",
            "</main>",
            f"<script>\n{SCRIPT}</script>",
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
    text = f"{french_number(dataset.total_colleges())} collèges publics ont un ENT"
    unknown = dataset.unknown_count
    if unknown == 0:
        return text + "."
    territories = "territoire" if unknown == 1 else "territoires"
    return f"{text} ; le nombre n'est pas renseigné pour {unknown} {territories}."
