"""The publication as one self-contained HTML page: text, map, summary, table.

The page fetches nothing: one inline ``<style>``, inline SVG, and a short
inline script that shows the territory focused or tapped (without it, each
territory's ``<title>`` is its tooltip and accessible name). Its text is HTML
in French, which keeps its size on a phone while the drawing shrinks; it
prints on A4.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from entdeploy._escape import markup
from entdeploy._render._options import check_renderable, counted, french_number
from entdeploy._render.palette import STATUS_COLOURS, STATUSES
from entdeploy._render.svg_map import GEOMETRY_CREDIT, MAP_STYLE, map_html
from entdeploy._render.table import html_table, render_table

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
.skip:not(:focus) {{ position: absolute; left: -100vw; }}
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
  const show = (event) => {
    const shape = event.target.closest && event.target.closest(".map [data-code]");
    const title = shape && shape.querySelector("title");
    if (title) shape.closest(".map").querySelector(".map-info").textContent =
      title.textContent;
  };
  for (const info of document.querySelectorAll(".map-info")) info.hidden = false;
  document.addEventListener("focusin", show);
  document.addEventListener("click", show);
})();
"""

#: The edition's text the page shows (the map's included).
EDITION_TEXT = (
    "id",
    "title",
    "school_year",
    "publisher",
    "description",
    "statuses_description",
    "licence",
)

_URL = re.compile(r"<?(https?://[^\s<>]*[^\s<>.,;:)])>?")


def _linked(text: str) -> str:
    """Return *text* escaped, each ``https://`` address (brackets dropped) a link."""
    parts = _URL.split(text)
    return "".join(
        f'<a href="{markup(part)}">{markup(part)}</a>' if i % 2 else markup(part)
        for i, part in enumerate(parts)
    )


def render_report(dataset: Dataset) -> str:
    """Return the HTML page of *dataset*: introduction, map, summary and table.

    Raises DataError listing every shown field XML cannot hold, MissingExtraError
    without ``pygal-maps-fr`` (the extra ``map``).
    """
    check_renderable(dataset, EDITION_TEXT, source_fields=("name", "description"))
    edition = dataset.edition
    counts = dataset.count_by_status()
    year = edition.school_year and f"année scolaire {edition.school_year}"
    subtitle = ", ".join(
        filter(None, (edition.publisher, year, f"édition {edition.id}"))
    )
    introduction = "\n".join(
        f"<p>{_linked(text)}</p>"
        for text in (edition.description, edition.statuses_description)
        if text
    )
    states = "\n".join(
        f'<li data-status="{status.value}">{markup(status.label)}</li>'
        for status in STATUSES
    )
    sources = "".join(
        f"\n<li>{markup(source.name)} : {_linked(source.description)}</li>"
        for source in edition.sources
    )
    if sources:
        sources = f"\n<p>Sources :</p>\n<ul>{sources}\n</ul>"
    summary = html_table(
        "Territoires par état du déploiement",
        [
            '<th scope="col">Etat du déploiement</th>',
            '<th scope="col">Territoires</th>',
        ],
        (
            f'<tr data-status="{status.value}"><th scope="row">{markup(status.label)}'
            f'</th><td class="count">{counts[status]}</td></tr>'
            for status in STATUSES
        ),
        ['<th scope="row">Total</th>', f'<td class="count">{len(dataset)}</td>'],
        attributes='class="summary"',
    )
    total = f"{french_number(dataset.total_colleges())} collèges publics ont un ENT"
    if dataset.unknown_count:
        unknown = counted(dataset.unknown_count, "territoire{s}")
        total += f" ; le nombre n'est pas renseigné pour {unknown}"
    licence = "La publication n'indique pas de licence."
    if edition.licence is not None:
        licence = f"Licence de la publication : {edition.licence}."
    table = render_table(dataset, "html", order="alphabetical", labels="official")
    title = markup(edition.title)
    scrolled = "Tableau des territoires, à faire défiler"
    return f"""\
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{STYLE}</style>
</head>
<body>
<main>
<header>
<h1>{title}</h1>
<p>{markup(subtitle)}</p>
</header>
<section aria-labelledby="presentation">
<h2 id="presentation">Présentation</h2>
{introduction}
<p>Les trois états de la carte et du tableau :</p>
<ul>
{states}
</ul>{sources}
</section>
<section aria-labelledby="carte">
<h2 id="carte">Carte</h2>
{map_html(dataset)}
</section>
<section aria-labelledby="synthese">
<h2 id="synthese">Synthèse</h2>
{summary}
<p class="total">{markup(total)}.</p>
</section>
<section aria-labelledby="couverture">
<h2 id="couverture">Couverture des collèges publics</h2>
<p>La part des collèges publics de chaque territoire qui ont un ENT.</p>
{map_html(dataset, "coverage", "tableau")}
</section>
<section aria-labelledby="tableau">
<h2 id="tableau">Tableau</h2>
<p class="note">Un tiret (-) dans la dernière colonne signale un nombre que la
publication ne donne pas.</p>
<div class="table-wrapper" role="region" tabindex="0" aria-label="{scrolled}">
{table}</div>
</section>
<footer>
<p>{markup(licence)}</p>
<p>{markup(GEOMETRY_CREDIT)}. Page produite avec entdeploy.</p>
</footer>
</main>
<script>
{SCRIPT}</script>
</body>
</html>
"""
