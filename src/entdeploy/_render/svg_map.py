"""The publication's choropleth map, as SVG.

Each territory is one element with the class ``territory``, its INSEE code in
``data-code``, its status key in ``data-status``, its status's fill colour
(:mod:`entdeploy._render.palette`) and a ``<title>``. Départements are the shapes of
``pygal-maps-fr``; the enlarged copies in the Paris inset are marked
``inset-copy`` and hidden from assistive technology; territories without a shape
(986, 987, 988) are labelled circles. Shapes of territories the dataset does not
hold (a filtered dataset) are drawn as white outlines with the class ``no-data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from entdeploy._checks import check_path, check_text
from entdeploy._escape import markup
from entdeploy._model import AcademyKind, Deployment, Status
from entdeploy._render._options import OFFICIAL_TEXT, check_renderable
from entdeploy._render.palette import STATUS_COLOURS

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    from entdeploy._dataset import Dataset
    from entdeploy._render.geometry import BBox, Geometry, Shape

__all__ = ["Map", "render_map"]

#: The width of the drawing, in the units of the geometry's SVG.
WIDTH = 2000
#: Where the geometry starts, below the title.
TOP = 170
#: The displayed size is the drawing's divided by this.
DISPLAY_SCALE = 2
#: Colours of everything that is not a status.
INK = "#1A1A1A"
MUTED = "#4D4D4D"
FRAME = "#8C8C8C"
OUTLINE = "#595959"
BORDER = "#FFFFFF"
NO_DATA = "#FFFFFF"
NO_DATA_BORDER = "#9E9E9E"
#: The edition's text the map shows.
MAP_EDITION_TEXT = ("title", "publisher")
#: The credit the geometry's licence asks for.
GEOMETRY_CREDIT = "Fond de carte : pygal-maps-fr (Kozea), licence LGPL-3.0-or-later"


@attrs.frozen(repr=False)
class Map:
    """An SVG map, shown inline by notebooks.

    Attributes:
        svg: The SVG document, a ``str``.
    """

    svg: str

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the SVG document to *path*, in UTF-8.

        Raises:
            InvalidArgumentError: *path* is not a path (a ``str`` or
                :class:`os.PathLike`), or is one no file can have (empty, or
                holding a NUL character or a lone surrogate).
            OSError: The file cannot be written.
        """
        target = check_path("path", path, "a path to a file")
        target.write_text(self.svg, encoding="utf-8", newline="")

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<Map: {len(self.svg)} characters of SVG>"


def _academy_text(deployment: Deployment) -> str:
    academy = deployment.department.academy
    prefix = {
        AcademyKind.ACADEMY: "Académie",
        AcademyKind.VICE_RECTORATE: "Vice-rectorat",
        AcademyKind.SERVICE: "Service de l'Éducation nationale",
    }[academy.kind]
    return f"{prefix} : {academy.name}"


def _count_text(count: int | None) -> str:
    if count is None:
        return "nombre de collèges non renseigné"
    if count == 1:
        return "1 collège public ayant un ENT"
    return f"{count} collèges publics ayant un ENT"


def territory_title(deployment: Deployment) -> str:
    """Return the tooltip of a territory: name, code, académie, status, count."""
    department = deployment.department
    return (
        f"{department.name} ({department.code}) – {_academy_text(deployment)} – "
        f"{deployment.status.label} – {_count_text(deployment.colleges_with_ent)}"
    )


def _n(value: float) -> str:
    """Format a coordinate: at most one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


class _Canvas:
    """The SVG being written, a list of lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: int,
        anchor: str = "start",
        weight: str | None = None,
        fill: str = INK,
        css_class: str | None = None,
    ) -> None:
        attributes = f'x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}"'
        if anchor != "start":
            attributes += f' text-anchor="{anchor}"'
        if weight:
            attributes += f' font-weight="{weight}"'
        if css_class:
            attributes += f' class="{css_class}"'
        self.add(f"<text {attributes}>{markup(content)}</text>")

    def frame(self, box: BBox, padding: float) -> None:
        self.add(
            f'<rect class="inset-frame" x="{_n(box.left - padding)}" '
            f'y="{_n(box.top - padding)}" '
            f'width="{_n(box.right - box.left + 2 * padding)}" '
            f'height="{_n(box.bottom - box.top + 2 * padding)}" fill="none" '
            f'stroke="{FRAME}" stroke-width="2" rx="8"/>'
        )


def _shape(
    canvas: _Canvas,
    shape: Shape,
    rows: Mapping[str, Deployment],
    *,
    copy: bool = False,
) -> None:
    deployment = rows.get(shape.code)
    code = markup(shape.code)
    if deployment is None:
        canvas.add(
            f'<path class="no-data" data-code="{code}" '
            f'fill="{NO_DATA}" stroke="{NO_DATA_BORDER}" d="{markup(shape.d)}">'
            f"<title>{code} : hors du jeu de données</title></path>"
        )
        return
    status = deployment.status
    if copy:
        identity = 'class="inset-copy" aria-hidden="true"'
    else:
        identity = f'id="entdeploy-t-{code}" class="territory"'
    canvas.add(
        f'<path {identity} data-code="{code}" '
        f'data-status="{status.value}" fill="{STATUS_COLOURS[status]}" '
        f'd="{markup(shape.d)}"><title>{markup(territory_title(deployment))}'
        "</title></path>"
    )


def _legend(canvas: _Canvas, dataset: Dataset, x: float, y: float) -> None:
    counts = dataset.count_by_status()
    canvas.add('<g class="legend">')
    canvas.text(x, y, "État du déploiement", size=30, weight="bold")
    for i, status in enumerate(sorted(Status, reverse=True)):
        top = y + 26 + i * 58
        canvas.add(
            f'<g class="legend-item" data-status="{status.value}" '
            f'data-count="{counts[status]}">'
        )
        canvas.add(
            f'<rect x="{_n(x)}" y="{_n(top)}" width="44" height="40" '
            f'fill="{STATUS_COLOURS[status]}" stroke="{OUTLINE}" stroke-width="1.5"/>'
        )
        canvas.text(x + 60, top + 30, f"{status.label} ({counts[status]})", size=30)
        canvas.add("</g>")
    canvas.add("</g>")


@attrs.frozen
class _Layout:
    """Where things go, in the drawing's units (the geometry's, below ``TOP``)."""

    mainland_box: BBox
    paris_box: BBox
    overseas: tuple[tuple[Shape, BBox], ...]
    symbols_top: float
    content_bottom: float
    height: int


def _layout(geometry: Geometry, symbol_count: int) -> _Layout:
    from entdeploy._render.geometry import bbox  # noqa: PLC0415 - see render_map

    def union(shapes: tuple[Shape, ...]) -> BBox:
        box = bbox(shapes[0].d)
        for shape in shapes[1:]:
            box = box.union(bbox(shape.d))
        return box

    mainland_box = union(geometry.mainland).moved(*geometry.mainland_offset)
    overseas = tuple((shape, bbox(shape.d)) for shape in geometry.overseas)
    left_insets = [box for _, box in overseas if box.right < WIDTH / 2]
    symbols_top = max((box.bottom for box in left_insets), default=0) + 70
    symbols_bottom = symbols_top + 64 * symbol_count
    content_bottom = max(mainland_box.bottom, symbols_bottom) + TOP
    height = int(content_bottom + 130)
    height += height % DISPLAY_SCALE
    return _Layout(
        mainland_box=mainland_box,
        paris_box=union(geometry.paris),
        overseas=overseas,
        symbols_top=symbols_top,
        content_bottom=content_bottom,
        height=height,
    )


def _header(canvas: _Canvas, dataset: Dataset, title: str, height: int) -> None:
    counts = dataset.count_by_status()
    description = (
        f"Carte de {len(dataset)} territoires colorés selon l'état du déploiement "
        "de l'ENT dans leurs collèges publics : "
        + ", ".join(
            f"{status.label} : {counts[status]}"
            for status in sorted(Status, reverse=True)
        )
        + "."
    )
    canvas.add(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH // DISPLAY_SCALE}" height="{height // DISPLAY_SCALE}" '
        'role="img" aria-labelledby="entdeploy-map-title entdeploy-map-desc" '
        'font-family="sans-serif">'
    )
    canvas.add(f'<title id="entdeploy-map-title">{markup(title)}</title>')
    canvas.add(f'<desc id="entdeploy-map-desc">{markup(description)}</desc>')
    canvas.add(f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>')
    canvas.text(40, 72, title, size=52, weight="bold", css_class="map-title")
    canvas.text(
        40,
        124,
        f"{len(dataset)} territoires · {dataset.total_colleges()} collèges publics "
        "ayant un ENT",
        size=30,
        fill=MUTED,
    )


def _territories(
    canvas: _Canvas,
    geometry: Geometry,
    layout: _Layout,
    rows: Mapping[str, Deployment],
) -> None:
    dx, dy = geometry.mainland_offset
    canvas.add(
        f'<g class="territories" stroke="{BORDER}" stroke-width="1.5" '
        'stroke-linejoin="round">'
    )
    canvas.add(f'<g class="mainland" transform="translate({_n(dx)},{_n(dy)})">')
    for shape in geometry.mainland:
        _shape(canvas, shape, rows)
    canvas.add("</g>")
    canvas.add('<g class="inset paris">')
    for shape in geometry.paris:
        _shape(canvas, shape, rows, copy=True)
    canvas.add("</g>")
    canvas.add('<g class="overseas">')
    for shape, _ in layout.overseas:
        _shape(canvas, shape, rows)
    canvas.add("</g>")
    canvas.add("</g>")


def _inset_labels(
    canvas: _Canvas, layout: _Layout, rows: Mapping[str, Deployment]
) -> None:
    canvas.add('<g class="inset-labels">')
    canvas.frame(layout.paris_box, 10)
    canvas.text(
        layout.paris_box.right + 10,
        layout.paris_box.top - 20,
        "Paris et petite couronne",
        size=26,
        anchor="end",
    )
    for shape, box in layout.overseas:
        canvas.frame(box, 10)
        deployment = rows.get(shape.code)
        name = shape.code if deployment is None else deployment.department.name
        if box.right < WIDTH / 2:
            canvas.text(box.right + 20, box.top + 24, name, size=24)
        else:
            canvas.text(box.left - 20, box.top + 24, name, size=24, anchor="end")
    canvas.add("</g>")


def _symbols(canvas: _Canvas, symbols: list[Deployment], top: float) -> None:
    canvas.add('<g class="symbols">')
    for i, deployment in enumerate(symbols):
        cx, cy = 84, top + 32 + 64 * i
        status = deployment.status
        code = markup(deployment.department.code)
        canvas.add(
            f'<circle id="entdeploy-t-{code}" class="territory symbol" '
            f'data-code="{code}" data-status="{status.value}" cx="{_n(cx)}" '
            f'cy="{_n(cy)}" r="26" fill="{STATUS_COLOURS[status]}" '
            f'stroke="{OUTLINE}" stroke-width="1.5">'
            f"<title>{markup(territory_title(deployment))}</title></circle>"
        )
        canvas.text(cx + 44, cy + 9, deployment.department.name, size=26)
    canvas.add("</g>")


def _footer(canvas: _Canvas, dataset: Dataset, bottom: float) -> None:
    publisher = dataset.edition.publisher or "Ministère de l'Éducation nationale"
    sources = ", ".join(source.name for source in dataset.edition.sources)
    source_line = f"Source : {publisher}, « {dataset.edition.title} »"
    if sources:
        source_line += f", d'après {sources}"
    canvas.text(40, bottom + 60, source_line + ".", size=24, fill=MUTED)
    canvas.text(
        40,
        bottom + 100,
        f"{GEOMETRY_CREDIT}. Carte : entdeploy.",
        size=24,
        fill=MUTED,
        css_class="credit",
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
    from entdeploy._render.geometry import load_geometry  # noqa: PLC0415 - parses XML

    check_text("title", title)
    check_renderable(dataset, MAP_EDITION_TEXT, OFFICIAL_TEXT, ("name",))

    geometry = load_geometry()
    rows = {d.department.code: d for d in dataset.deployments}
    drawn = {s.code for s in (*geometry.mainland, *geometry.overseas)}
    symbols = [d for d in dataset.deployments if d.department.code not in drawn]
    layout = _layout(geometry, len(symbols))

    canvas = _Canvas()
    _header(
        canvas,
        dataset,
        dataset.edition.title if title is None else title,
        layout.height,
    )
    canvas.add(f'<g transform="translate(0,{TOP})">')
    _territories(canvas, geometry, layout, rows)
    _inset_labels(canvas, layout, rows)
    _symbols(canvas, symbols, layout.symbols_top)
    _legend(canvas, dataset, 1120, layout.mainland_box.bottom - 190)
    canvas.add("</g>")
    _footer(canvas, dataset, layout.content_bottom)
    canvas.add("</svg>")
    return Map("\n".join(canvas.lines) + "\n")
