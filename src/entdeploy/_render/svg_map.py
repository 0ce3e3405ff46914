"""The publication's map: SVG panels, in one SVG document or in the report's HTML.

The panels are metropolitan France, an enlarged Paris and its suburbs, and the
five overseas départements with Saint-Pierre-et-Miquelon, each an ``<svg>``
with its own ``viewBox``; 986, 987 and 988, which have no shape, are symbols.
Each territory is one focusable element of class ``territory``, with its INSEE
code in ``data-code``, its status in ``data-status`` and ``fill``, and a
``<title>`` that names it; :data:`MAP_STYLE` gives the two statuses other than
massive deployment a pattern, and every shape a dark outline. The Paris inset's
copies (class ``inset-copy``) are hidden from assistive technology; shapes a
filtered dataset does not hold are white (class ``no-data``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import attrs

from entdeploy._checks import check_path, check_text
from entdeploy._escape import markup
from entdeploy._model import Deployment, Status
from entdeploy._write.files import write_files

from ._options import ACADEMY_KINDS, check_renderable, counted, french_number
from .geometry import BBox, load_geometry
from .palette import STATUS_COLOURS, STATUSES
from .table import order_rows

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping, Sequence

    from entdeploy._dataset import Dataset

    from .geometry import Shape

__all__ = [
    "GEOMETRY_CREDIT",
    "MAP_STYLE",
    "Map",
    "map_html",
    "render_map",
    "territory_title",
]

#: The width of the whole map, in CSS pixels at its natural size.
WIDTH = 1000
MARGIN = 24
INK = "#1A1A1A"
MUTED = "#4D4D4D"
FRAME = "#8C8C8C"
NO_DATA = "#FFFFFF"
#: The edition's text the map shows.
MAP_EDITION_TEXT = ("title", "publisher")
#: The credit the geometry's licence asks for.
GEOMETRY_CREDIT = "Fond de carte : pygal-maps-fr (Kozea), licence LGPL-3.0-or-later"
_PYGAL = '<a href="https://pypi.org/project/pygal-maps-fr/">pygal-maps-fr</a>'
#: The names of the overseas insets, whether or not the dataset holds them.
INSETS = {
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
    "975": "Saint-Pierre-et-Miquelon",
}
#: The Paris inset: the view (in the file's units) and where its codes are written.
PARIS_VIEW = BBox(905, 345, 1045, 462)
PARIS_LABELS = {
    "95": (955, 376),
    "93": (1007, 413),
    "92": (980, 428),
    "75": (994, 424),
    "94": (1010, 442),
}
#: The style every map needs: outlines, patterns, focus; for the SVG and the page.
MAP_STYLE = f"""\
.territory, .inset-copy, .no-data, .swatch-shape {{ stroke: {INK};
  stroke-width: 0.6px; stroke-linejoin: round; vector-effect: non-scaling-stroke; }}
.no-data {{ stroke: {FRAME}; }}
:is(path, circle)[data-status="in-progress"] {{ fill: url(#entdeploy-p-in-progress); }}
:is(path, circle)[data-status="none-or-unknown"] {{
  fill: url(#entdeploy-p-none-or-unknown); }}
:is(.inset-copy, rect)[data-status="in-progress"] {{
  fill: url(#entdeploy-p-in-progress-fine); }}
:is(.inset-copy, rect)[data-status="none-or-unknown"] {{
  fill: url(#entdeploy-p-none-or-unknown-fine); }}
.territory {{ cursor: pointer; scroll-margin: 7rem 0; }}
.territory:hover {{ stroke: #000; stroke-width: 2px; }}
.territory:focus {{ outline: none; stroke: #000; stroke-width: 3px; }}
.panel-label {{ paint-order: stroke; stroke: #fff; stroke-width: 2.5px; }}
"""


def _patterns(suffix: str, size: float) -> str:
    """Return the patterns of :data:`MAP_STYLE`, in tiles of *size* units."""
    tile = f'patternUnits="userSpaceOnUse" width="{size}" height="{size}"'
    in_progress, none = (
        f'<rect width="{size}" height="{size}" fill="{STATUS_COLOURS[status]}"/>'
        for status in STATUSES[1:]
    )
    return (
        f'<pattern id="entdeploy-p-in-progress{suffix}" {tile} '
        f'patternTransform="rotate(45)">{in_progress}'
        f'<rect width="{size * 0.3:.2f}" height="{size}" fill="{INK}"/></pattern>'
        f'<pattern id="entdeploy-p-none-or-unknown{suffix}" {tile}>{none}'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{size * 0.2:.2f}" fill="{INK}"/>'
        "</pattern>"
    )


#: The patterns, defined once in each document: on the map, and finer for the
#: Paris inset and the legend's swatches.
PATTERNS = f"<defs>{_patterns('', 18)}{_patterns('-fine', 4.5)}</defs>"


@attrs.frozen(repr=False)
class Map:
    """An SVG map, shown inline by notebooks.

    Attributes:
        svg: The SVG document, a ``str``.
    """

    svg: str

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the SVG document to *path*, in UTF-8, all or nothing.

        Raises:
            InvalidArgumentError: *path* is not a ``str`` or :class:`os.PathLike`,
                or no file can have it (empty, or holding a NUL or a lone surrogate).
            DataError: The document holds a lone surrogate: nothing is written.
            OSError: The file cannot be written; a file already there is kept.
        """
        write_files({check_path("path", path, "a path to a file"): self.svg})

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<Map: {len(self.svg)} characters of SVG>"


@attrs.frozen
class _Panel:
    """A part of the map drawn in its own ``<svg>``: its name, view and content."""

    name: str  # "" for metropolitan France
    view: BBox
    body: str

    def svg(self, placement: str = "") -> str:
        """Return the panel as an ``<svg>`` element, with *placement* attributes."""
        v = self.view
        return (
            f'<svg class="panel" viewBox="{v.left} {v.top} {v.right - v.left} '
            f'{v.bottom - v.top}"{placement}>{self.body}</svg>'
        )


def territory_title(deployment: Deployment) -> str:
    """Return the tooltip of a territory: name, code, académie, status, count."""
    department = deployment.department
    academy = department.academy
    kind = ACADEMY_KINDS[academy.kind]
    count = deployment.colleges_with_ent
    colleges = "nombre de collèges non renseigné"
    if count is not None:
        colleges = f"{counted(count, 'collège{s} public{s}')} ayant un ENT"
    return (
        f"{department.name} ({department.code}) – {kind[0].upper()}{kind[1:]} : "
        f"{academy.name} – {deployment.status.label} – {colleges}"
    )


def _territory(tag: str, deployment: Deployment, shape: str, classes: str) -> str:
    """Return the *tag* that draws *deployment*, focusable unless an inset's copy."""
    code = markup(deployment.department.code)
    identity = f'id="entdeploy-t-{code}" class="{classes}" tabindex="0"'
    if classes == "inset-copy":
        identity = 'class="inset-copy" aria-hidden="true"'
    status = deployment.status
    return (
        f'<{tag} {identity} data-code="{code}" data-status="{status.value}" '
        f'fill="{STATUS_COLOURS[status]}" {shape}>'
        f"<title>{markup(territory_title(deployment))}</title></{tag}>"
    )


def _shape(shape: Shape, rows: Mapping[str, Deployment], classes: str) -> str:
    deployment = rows.get(shape.code)
    if deployment is not None:
        return _territory("path", deployment, f'd="{shape.d}"', classes)
    code = markup(shape.code)
    return (
        f'<path class="no-data" data-code="{code}" fill="{NO_DATA}" d="{shape.d}">'
        f"<title>{code} : hors de la sélection</title></path>"
    )


def _symbol(deployment: Deployment, cx: float, cy: float, r: float) -> str:
    """Return the circle that stands for a territory the geometry has no shape of."""
    circle = f'cx="{cx}" cy="{cy}" r="{r}"'
    return _territory("circle", deployment, circle, "territory symbol")


def _padded(boxes: Sequence[BBox], ratio: float) -> BBox:
    """Return the rounded box around *boxes*, with a margin of *ratio* of its size."""
    left, top = min(b.left for b in boxes), min(b.top for b in boxes)
    right, bottom = max(b.right for b in boxes), max(b.bottom for b in boxes)
    pad = round(ratio * max(right - left, bottom - top))
    return BBox(
        round(left) - pad, round(top) - pad, round(right) + pad, round(bottom) + pad
    )


@cache
def _static() -> tuple[BBox, tuple[Shape, ...], frozenset[str]]:
    """Return the view of metropolitan France, the Paris inset's shapes, every code."""
    mainland, overseas = load_geometry()
    near_paris = tuple(
        shape
        for shape in sorted(mainland, key=lambda s: s.code in PARIS_LABELS)
        if shape.box.left < PARIS_VIEW.right
        and shape.box.right > PARIS_VIEW.left
        and shape.box.top < PARIS_VIEW.bottom
        and shape.box.bottom > PARIS_VIEW.top
    )
    drawn = frozenset(s.code for s in (*mainland, *overseas))
    return _padded([s.box for s in mainland], 0.01), near_paris, drawn


def _panels(dataset: Dataset) -> list[_Panel]:
    """Return the panels of *dataset*'s map: France, Paris, then each inset."""
    mainland, overseas = load_geometry()
    mainland_view, near_paris, _ = _static()
    rows = {d.department.code: d for d in dataset.deployments}
    paris = [_shape(shape, rows, "inset-copy") for shape in near_paris]
    paris.extend(
        f'<text class="panel-label" x="{x}" y="{y}" font-size="8.5" '
        f'text-anchor="middle" fill="{INK}">{code}</text>'
        for code, (x, y) in PARIS_LABELS.items()
    )
    france = "".join(_shape(s, rows, "territory") for s in mainland)
    panels = [
        _Panel("", mainland_view, france),
        _Panel("Paris et petite couronne", PARIS_VIEW, "".join(paris)),
    ]
    for shape in sorted(overseas, key=lambda s: s.code == "975"):
        view = _padded([shape.box], 0.06)
        body = _shape(shape, rows, "territory")
        panels.append(_Panel(INSETS.get(shape.code, shape.code), view, body))
    return panels


def _without_shape(dataset: Dataset) -> list[Deployment]:
    """Return the territories of *dataset* the geometry has no shape of."""
    return [d for d in dataset.deployments if d.department.code not in _static()[2]]


def _has_no_data(dataset: Dataset) -> bool:
    """Return whether the map of *dataset* draws territories it does not hold."""
    return not _static()[2] <= {d.department.code for d in dataset.deployments}


def _others(deployments: Iterable[Deployment]) -> dict[Status, list[str]]:
    """Return the names of the territories not in massive deployment, by status."""
    names: dict[Status, list[str]] = {status: [] for status in STATUSES[1:]}
    for deployment in deployments:
        names.get(deployment.status, []).append(deployment.department.name)
    return {status: found for status, found in names.items() if found}


def _source(dataset: Dataset) -> str:
    publisher = dataset.edition.publisher or "Ministère de l'Éducation nationale"
    return f"Source : {publisher}, « {dataset.edition.title} »"


def _swatch(status: Status | None, x: float = 0, y: float = 0) -> str:
    """Return the legend's 30 x 20 swatch of *status* (None: outside the data)."""
    fill = (
        f'fill="{NO_DATA}"'
        if status is None
        else f'fill="{STATUS_COLOURS[status]}" data-status="{status.value}"'
    )
    return f'<rect class="swatch-shape" x="{x}" y="{y}" width="30" height="20" {fill}/>'


def _text(x: float, y: float, content: str, size: int, extra: str = "") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}"{extra}>{markup(content)}</text>'
    )


def _framed(panel: _Panel, x: float, y: float, width: float, height: float) -> str:
    """Return *panel* placed in a frame, its name above."""
    box = f'x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"'
    return (
        _text(x, y - 8, panel.name, 14)
        + f'<rect {box} fill="none" stroke="{FRAME}"/>'
        + panel.svg(" " + box)
    )


def _description(dataset: Dataset) -> str:
    counts = dataset.count_by_status()
    others = "; ".join(
        f"{status.label} : {', '.join(names)}"
        for status, names in _others(dataset.deployments).items()
    )
    return (
        f"Carte de {len(dataset)} territoires colorés selon l'état du déploiement "
        "de l'ENT dans leurs collèges publics : "
        + ", ".join(f"{s.label} : {counts[s]}" for s in STATUSES)
        + f". Hors déploiement massif : {others or 'aucun'}."
    )


def render_map(dataset: Dataset, *, title: str | None = None) -> Map:
    """Return the choropleth map of *dataset*, titled *title* (default: the edition's).

    Raises:
        InvalidArgumentError: *title* is not a ``str`` or None, or holds a
            character XML cannot hold (:data:`entdeploy._escape.XML_FORBIDDEN`).
        DataError: Text the map shows holds such a character; all are listed.
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    check_text("title", title)
    check_renderable(dataset, MAP_EDITION_TEXT, source_fields=("name",))
    mainland, paris, *insets = _panels(dataset)
    title = dataset.edition.title if title is None else title
    counts = dataset.count_by_status()
    total = french_number(dataset.total_colleges())
    subtitle = f"{len(dataset)} territoires · {total} collèges publics ayant un ENT"
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 880" '
            'lang="fr" aria-labelledby="entdeploy-map-title" '
            'aria-describedby="entdeploy-map-desc" font-family="sans-serif">'
        ),
        f'<title id="entdeploy-map-title">{markup(title)}</title>',
        f'<desc id="entdeploy-map-desc">{markup(_description(dataset))}</desc>',
        f"<style>\n{MAP_STYLE}</style>{PATTERNS}",
        f'<rect width="{WIDTH}" height="880" fill="#FFFFFF"/>',
        _text(MARGIN, 40, title, 24, ' font-weight="bold" class="map-title"'),
        _text(MARGIN, 66, subtitle, 15, f' fill="{MUTED}"'),
        mainland.svg(f' x="{MARGIN}" y="84" width="600" height="560"'),
        _framed(paris, 648, 108, 328, 274),
    ]
    width = (WIDTH - 2 * MARGIN - 5 * 16) / 6
    out.extend(
        _framed(inset, round(MARGIN + i * (width + 16), 1), 684, round(width, 1), 120)
        for i, inset in enumerate(insets)
    )
    out.append('<g class="legend">')
    out.append(_text(648, 416, "État du déploiement", 15, ' font-weight="bold"'))
    for i, status in enumerate(STATUSES):
        swatch = _swatch(status, 648, 430 + 28 * i)
        label = _text(688, 445 + 28 * i, f"{status.label} ({counts[status]})", 14)
        out.append(
            f'<g class="legend-item" data-status="{status.value}" '
            f'data-count="{counts[status]}">{swatch}{label}</g>'
        )
    if _has_no_data(dataset):
        label = _text(688, 529, "Hors de la sélection (non représenté)", 14)
        out.append(f'<g class="legend-no-data">{_swatch(None, 648, 514)}{label}</g>')
    out.append("</g>")
    for i, deployment in enumerate(_without_shape(dataset)):
        out.append(_symbol(deployment, 663, 568 + 28 * i, 10))
        out.append(_text(688, 573 + 28 * i, deployment.department.name, 14))
    sources = ", ".join(source.name for source in dataset.edition.sources)
    source = _source(dataset) + (f", d'après {sources}" if sources else "") + "."
    credit = f"{GEOMETRY_CREDIT}. Carte : entdeploy."
    out.append(_text(MARGIN, 840, source, 12, f' fill="{MUTED}"'))
    out.append(_text(MARGIN, 860, credit, 12, f' fill="{MUTED}" class="credit"'))
    return Map("\n".join(out) + "\n</svg>\n")


def _html_swatch(status: Status | None) -> str:
    return (
        '<svg class="swatch" viewBox="0 0 30 20" aria-hidden="true">'
        f"{_swatch(status)}</svg>"
    )


def map_html(dataset: Dataset) -> str:
    """Return the map of *dataset* for the HTML report: legend, panels, text, source.

    Raises:
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    mainland, paris, *insets = _panels(dataset)
    counts = dataset.count_by_status()
    items = [
        f"<li>{_html_swatch(status)}{markup(status.label)} : "
        f"{counted(counts[status], 'territoire{s}')} "
        f"({french_number(counts[status] / (len(dataset) or 1), 1, percent=True)})</li>"
        for status in STATUSES
    ]
    if _has_no_data(dataset):
        items.append(
            f"<li>{_html_swatch(None)}Hors de la sélection (non représenté)</li>"
        )
    legend = "\n".join(items)
    figures = "\n".join(
        f'<figure class="inset{" paris" if inset is paris else ""}">{inset.svg()}'
        f"<figcaption>{markup(inset.name)}</figcaption></figure>"
        for inset in (paris, *insets)
    )
    symbols = "".join(
        f'\n<li><svg viewBox="0 0 20 20">{_symbol(d, 10, 10, 8.5)}</svg>'
        f"{markup(d.department.name)}</li>"
        for d in _without_shape(dataset)
    )
    others = _others(order_rows(dataset, "alphabetical"))
    exceptions = "".join(
        f"\n<p>{_html_swatch(status)}{markup(status.label)} ({len(names)})</p>\n"
        f'<ul class="names"><li>{"</li><li>".join(map(markup, names))}</li></ul>'
        for status, names in others.items()
    )
    hidden = counted(sum(map(len, others.values())), "territoire{s}")
    main = attrs.evolve(mainland, body=PATTERNS + mainland.body)
    credit = markup(GEOMETRY_CREDIT).replace("pygal-maps-fr", _PYGAL, 1)
    return f"""\
<a class="skip" href="#synthese">Passer la carte et ses {len(dataset)} territoires</a>
<div class="map">
<div class="map-legend">
<h3>État du déploiement</h3>
<ul>
{legend}
</ul>
</div>
<div class="map-main">
{main.svg(' role="group" aria-label="France métropolitaine"')}
</div>
<p class="map-info" id="entdeploy-map-info" hidden>Touchez un territoire, ou parcourez
la carte avec la touche Tab, pour afficher ici son nom, son état et son nombre de
collèges.</p>
<div class="map-insets">
{figures}
<figure class="inset symbols"><figcaption>Pacifique, sans fond de
carte</figcaption><ul>{symbols}
</ul></figure>
</div>
<div class="map-exceptions">
<h3>Hors déploiement massif : {hidden}</h3>{exceptions}
</div>
<p class="map-source">{markup(_source(dataset))}. {credit}.</p>
</div>"""
