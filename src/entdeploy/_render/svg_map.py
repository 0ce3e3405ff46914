"""The publication's choropleth map, as SVG panels and as one SVG document.

The map is drawn in panels, each an ``<svg>`` with its own ``viewBox``:
metropolitan France, an enlarged Paris and its suburbs, and the five overseas
départements with Saint-Pierre-et-Miquelon. :func:`render_map` places them in
one document with a title, a legend, symbols for 986, 987 and 988 (which have
no shape) and the source; the HTML report lays the same panels out in a grid
and writes that text in HTML. Each territory is one focusable element with the
class ``territory``, its INSEE code in ``data-code``, its status key in
``data-status``, its status's colour in ``fill`` and a ``<title>`` that names
it; :data:`MAP_STYLE` adds a pattern to the two statuses other than massive
deployment and a dark outline to every shape. The copies in the Paris inset
(class ``inset-copy``) are hidden from assistive technology; shapes of
territories a filtered dataset does not hold are white (class ``no-data``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import attrs

from entdeploy._checks import check_path, check_text
from entdeploy._escape import markup
from entdeploy._model import AcademyKind, Deployment, Status
from entdeploy._render._options import OFFICIAL_TEXT, check_renderable, french_number
from entdeploy._render.geometry import BBox, load_geometry
from entdeploy._render.palette import STATUS_COLOURS
from entdeploy._write.files import write_files

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    from entdeploy._dataset import Dataset
    from entdeploy._render.geometry import Shape

__all__ = [
    "GEOMETRY_CREDIT",
    "MAP_EDITION_TEXT",
    "MAP_STYLE",
    "PATTERNS",
    "Map",
    "Panel",
    "has_no_data",
    "map_panels",
    "render_map",
    "swatch",
    "symbol",
    "territory_title",
    "without_shape",
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
    """The patterns of :data:`MAP_STYLE`, in tiles of *size* units."""
    return (
        f'<pattern id="entdeploy-p-in-progress{suffix}" patternUnits="userSpaceOnUse" '
        f'width="{size}" height="{size}" patternTransform="rotate(45)">'
        f'<rect width="{size}" height="{size}" '
        f'fill="{STATUS_COLOURS[Status.IN_PROGRESS]}"/>'
        f'<rect width="{size * 0.3:.2f}" height="{size}" fill="{INK}"/></pattern>'
        f'<pattern id="entdeploy-p-none-or-unknown{suffix}" '
        f'patternUnits="userSpaceOnUse" width="{size}" height="{size}">'
        f'<rect width="{size}" height="{size}" '
        f'fill="{STATUS_COLOURS[Status.NONE_OR_UNKNOWN]}"/>'
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
            InvalidArgumentError: *path* is not a path (a ``str`` or
                :class:`os.PathLike`), or is one no file can have (empty, or
                holding a NUL character or a lone surrogate).
            DataError: The document holds a lone surrogate: nothing is written.
            OSError: The file cannot be written; a file already there is kept.
        """
        write_files({check_path("path", path, "a path to a file"): self.svg})

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<Map: {len(self.svg)} characters of SVG>"


@attrs.frozen
class Panel:
    """A part of the map drawn in its own ``<svg>``.

    Attributes:
        name: What it shows (``"Guadeloupe"``), or ``""`` for metropolitan France.
        view: Its ``viewBox``.
        body: Its SVG content.
    """

    name: str
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
    prefix = {
        AcademyKind.ACADEMY: "Académie",
        AcademyKind.VICE_RECTORATE: "Vice-rectorat",
        AcademyKind.SERVICE: "Service de l'Éducation nationale",
    }[academy.kind]
    count = deployment.colleges_with_ent
    if count is None:
        count_text = "nombre de collèges non renseigné"
    elif count == 1:
        count_text = "1 collège public ayant un ENT"
    else:
        count_text = f"{french_number(count)} collèges publics ayant un ENT"
    return (
        f"{department.name} ({department.code}) – {prefix} : {academy.name} – "
        f"{deployment.status.label} – {count_text}"
    )


def _shape(shape: Shape, rows: Mapping[str, Deployment], *, copy: bool = False) -> str:
    deployment = rows.get(shape.code)
    code = markup(shape.code)
    if deployment is None:
        return (
            f'<path class="no-data" data-code="{code}" fill="{NO_DATA}" d="{shape.d}">'
            f"<title>{code} : hors de la sélection</title></path>"
        )
    if copy:
        identity = 'class="inset-copy" aria-hidden="true"'
    else:
        identity = f'id="entdeploy-t-{code}" class="territory" tabindex="0"'
    status = deployment.status
    return (
        f'<path {identity} data-code="{code}" data-status="{status.value}" '
        f'fill="{STATUS_COLOURS[status]}" d="{shape.d}">'
        f"<title>{markup(territory_title(deployment))}</title></path>"
    )


def symbol(deployment: Deployment, cx: float, cy: float, r: float) -> str:
    """Return the circle that stands for a territory the geometry has no shape of."""
    status = deployment.status
    code = markup(deployment.department.code)
    return (
        f'<circle id="entdeploy-t-{code}" class="territory symbol" tabindex="0" '
        f'data-code="{code}" data-status="{status.value}" cx="{cx}" cy="{cy}" '
        f'r="{r}" fill="{STATUS_COLOURS[status]}">'
        f"<title>{markup(territory_title(deployment))}</title></circle>"
    )


def _padded(box: BBox, ratio: float) -> BBox:
    pad = round(ratio * max(box.right - box.left, box.bottom - box.top))
    return BBox(
        round(box.left) - pad,
        round(box.top) - pad,
        round(box.right) + pad,
        round(box.bottom) + pad,
    )


@cache
def _static() -> tuple[BBox, tuple[Shape, ...], frozenset[str]]:
    """Return what depends on the geometry alone, computed once per process.

    That is the view of metropolitan France, the shapes of the Paris inset and
    the codes of every shape.
    """
    geometry = load_geometry()
    mainland = geometry.mainland
    box = mainland[0].box
    for shape in mainland[1:]:
        box = box.union(shape.box)
    near_paris = tuple(
        shape
        for shape in sorted(mainland, key=lambda s: s.code in PARIS_LABELS)
        if shape.box.left < PARIS_VIEW.right
        and shape.box.right > PARIS_VIEW.left
        and shape.box.top < PARIS_VIEW.bottom
        and shape.box.bottom > PARIS_VIEW.top
    )
    drawn = frozenset(s.code for s in (*mainland, *geometry.overseas))
    return _padded(box, 0.01), near_paris, drawn


def map_panels(dataset: Dataset) -> tuple[Panel, ...]:
    """Return the panels of *dataset*'s map: France, Paris, then each inset.

    Raises:
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    geometry = load_geometry()
    mainland_view, near_paris, _ = _static()
    rows = {d.department.code: d for d in dataset.deployments}
    paris = [_shape(shape, rows, copy=True) for shape in near_paris]
    paris.extend(
        f'<text class="panel-label" x="{x}" y="{y}" font-size="8.5" '
        f'text-anchor="middle" fill="{INK}">{code}</text>'
        for code, (x, y) in PARIS_LABELS.items()
    )
    panels = [
        Panel("", mainland_view, "".join(_shape(s, rows) for s in geometry.mainland)),
        Panel("Paris et petite couronne", PARIS_VIEW, "".join(paris)),
    ]
    for shape in sorted(geometry.overseas, key=lambda s: s.code == "975"):
        name = INSETS.get(shape.code, shape.code)
        panels.append(Panel(name, _padded(shape.box, 0.06), _shape(shape, rows)))
    return tuple(panels)


def _text(x: float, y: float, content: str, size: int, extra: str = "") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}"{extra}>{markup(content)}</text>'
    )


def _framed(panel: Panel, x: float, y: float, width: float, height: float) -> str:
    """Return *panel* placed in a frame, its name above."""
    box = f'x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"'
    return (
        _text(x, y - 8, panel.name, 14)
        + f'<rect {box} fill="none" stroke="{FRAME}"/>'
        + panel.svg(" " + box)
    )


def swatch(status: Status | None, x: float = 0, y: float = 0) -> str:
    """Return the legend's 30 x 20 swatch of *status* (None: outside the data)."""
    fill = (
        f'fill="{NO_DATA}"'
        if status is None
        else f'fill="{STATUS_COLOURS[status]}" data-status="{status.value}"'
    )
    return f'<rect class="swatch-shape" x="{x}" y="{y}" width="30" height="20" {fill}/>'


def without_shape(dataset: Dataset) -> list[Deployment]:
    """Return the territories of *dataset* the geometry has no shape of."""
    return [d for d in dataset.deployments if d.department.code not in _static()[2]]


def has_no_data(dataset: Dataset) -> bool:
    """Return whether the map of *dataset* draws territories it does not hold."""
    return not _static()[2] <= {d.department.code for d in dataset.deployments}


def _description(dataset: Dataset) -> str:
    counts = dataset.count_by_status()
    statuses = sorted(Status, reverse=True)
    others = [
        f"{status.label} : "
        + ", ".join(
            d.department.name for d in dataset.deployments if d.status is status
        )
        for status in statuses[1:]
        if counts[status]
    ]
    return (
        f"Carte de {len(dataset)} territoires colorés selon l'état du déploiement "
        "de l'ENT dans leurs collèges publics : "
        + ", ".join(f"{s.label} : {counts[s]}" for s in statuses)
        + ". Hors déploiement massif : "
        + ("; ".join(others) or "aucun")
        + "."
    )


def render_map(dataset: Dataset, *, title: str | None = None) -> Map:
    """Return the choropleth map of *dataset*, titled *title* (default: the edition's).

    Raises:
        InvalidArgumentError: *title* is neither a ``str`` nor None, or holds a
            character XML cannot hold (:data:`entdeploy._escape.XML_FORBIDDEN`).
        DataError: Text of *dataset* the map shows (the edition's title,
            publisher or source names; a territory's code, name or académie)
            holds such a character; every such field is listed.
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
    """
    check_text("title", title)
    check_renderable(dataset, MAP_EDITION_TEXT, OFFICIAL_TEXT, ("name",))
    mainland, paris, *insets = map_panels(dataset)
    title = dataset.edition.title if title is None else title
    counts = dataset.count_by_status()
    total = french_number(dataset.total_colleges())
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
        _text(
            MARGIN,
            66,
            f"{len(dataset)} territoires · {total} collèges publics ayant un ENT",
            15,
            f' fill="{MUTED}"',
        ),
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
    for i, status in enumerate(sorted(Status, reverse=True)):
        out.append(
            f'<g class="legend-item" data-status="{status.value}" '
            f'data-count="{counts[status]}">{swatch(status, 648, 430 + 28 * i)}'
            + _text(688, 445 + 28 * i, f"{status.label} ({counts[status]})", 14)
            + "</g>"
        )
    if has_no_data(dataset):
        label = "Hors de la sélection (non représenté)"
        out.append(
            f'<g class="legend-no-data">{swatch(None, 648, 514)}'
            f"{_text(688, 529, label, 14)}</g>"
        )
    out.append("</g>")
    for i, deployment in enumerate(without_shape(dataset)):
        out.append(symbol(deployment, 663, 568 + 28 * i, 10))
        out.append(_text(688, 573 + 28 * i, deployment.department.name, 14))
    publisher = dataset.edition.publisher or "Ministère de l'Éducation nationale"
    sources = ", ".join(source.name for source in dataset.edition.sources)
    source_line = f"Source : {publisher}, « {dataset.edition.title} »"
    if sources:
        source_line += f", d'après {sources}"
    credit = f"{GEOMETRY_CREDIT}. Carte : entdeploy."
    out.append(_text(MARGIN, 840, source_line + ".", 12, f' fill="{MUTED}"'))
    out.append(_text(MARGIN, 860, credit, 12, f' fill="{MUTED}" class="credit"'))
    out.append("</svg>")
    return Map("\n".join(out) + "\n")
