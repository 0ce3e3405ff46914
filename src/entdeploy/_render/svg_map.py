"""The publication's map: SVG panels, in one SVG document or in the report's HTML.

The panels are metropolitan France, an enlarged Paris and its suburbs, and the
five overseas départements with Saint-Pierre-et-Miquelon, each an ``<svg>``
with its own ``viewBox``; 986, 987 and 988, which have no shape, are symbols.
Each territory is one focusable element of class ``territory``, with its INSEE
code in ``data-code``, its class in ``data-status`` (or ``data-share``) and
``fill``, and a ``<title>`` that names it; :data:`MAP_STYLE` adds the patterns
and outlines. The Paris inset's copies (``inset-copy``) are hidden from assistive
technology; shapes a filtered dataset does not hold are white (``no-data``).
"""

from __future__ import annotations

from bisect import bisect
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from entdeploy._checks import check_path, check_text
from entdeploy._escape import markup
from entdeploy._model import Deployment, Status
from entdeploy._write.files import write_files

from ._options import (
    ACADEMY_KINDS,
    check_option,
    check_renderable,
    counted,
    french_number,
)
from .geometry import BBox, load_geometry
from .palette import SHARE_BOUNDS, SHARE_COLOURS, STATUS_COLOURS, STATUSES
from .table import order_rows

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from entdeploy._dataset import Dataset

    from .geometry import Shape

__all__ = ["GEOMETRY_CREDIT", "MAP_STYLE", "Map", "map_html", "render_map"]

#: The width of the whole map, in CSS pixels at its natural size.
WIDTH = 1000
MARGIN = 24
INK = "#1A1A1A"
MUTED = "#4D4D4D"
FRAME = "#8C8C8C"
NO_DATA = "#FFFFFF"
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
:is(path, circle):is([data-status="none-or-unknown"], [data-share="unknown"]) {{
  fill: url(#entdeploy-p-none-or-unknown); }}
:is(.inset-copy, rect)[data-status="in-progress"] {{
  fill: url(#entdeploy-p-in-progress-fine); }}
:is(.inset-copy, rect):is([data-status="none-or-unknown"], [data-share="unknown"]) {{
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
            InvalidArgumentError: *path* is not a path a file can have.
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
    department, academy = deployment.department, deployment.department.academy
    kind = ACADEMY_KINDS[academy.kind]
    count = deployment.colleges_with_ent
    colleges = "nombre de collèges non renseigné"
    if count is not None:
        colleges = f"{counted(count, 'collège{s} public{s}')} ayant un ENT"
    return (
        f"{department.name} ({department.code}) – {kind[0].upper()}{kind[1:]} : "
        f"{academy.name} – {deployment.status.label} – {colleges}"
    )


@attrs.frozen
class _Colouring:
    """How a map fills its territories, and the text that says so.

    *paint* gives a territory's data attribute, fill and name; *legend* each
    class's data attribute, fill, label and count; *shows* what a name tells.
    """

    prefix: str  # of the ids of the territories and of the report's info box
    paint: Callable[[Deployment], tuple[str, str, str]]
    heading: str
    legend: tuple[tuple[str, str, str, int], ...]
    description: str
    shows: str
    caveats: tuple[str, ...] = ()


def _by_status(dataset: Dataset) -> _Colouring:
    """Return the colouring by status, the publication's."""
    counts = dataset.count_by_status()
    data = {s: f'data-status="{s.value}"' for s in STATUSES}
    others = "; ".join(
        f"{status.label} : {', '.join(names)}"
        for status, names in _others(dataset.deployments).items()
    )
    return _Colouring(
        "",
        lambda d: (data[d.status], STATUS_COLOURS[d.status], territory_title(d)),
        "État du déploiement",
        tuple((data[s], STATUS_COLOURS[s], s.label, counts[s]) for s in STATUSES),
        f"Carte de {len(dataset)} territoires colorés selon l'état du déploiement "
        "de l'ENT dans leurs collèges publics : "
        + ", ".join(f"{s.label} : {counts[s]}" for s in STATUSES)
        + f". Hors déploiement massif : {others or 'aucun'}.",
        "son état et son nombre de collèges",
    )


def _by_coverage(dataset: Dataset) -> _Colouring:
    """Return the colouring by share of public collèges with an ENT, capped at 1."""
    coverage = dataset.coverage(by="territory")  # in the dataset's order
    rows = dict(zip((d.code for d in dataset.deployments), coverage, strict=True))
    year = coverage.reference.title.rsplit(", ", 1)[-1]  # "rentrée 2024"
    pct = [french_number(bound, percent=True) for bound in SHARE_BOUNDS]
    labels = [
        f"Moins de {pct[0]}",
        *(f"De {a} à moins de {b}" for a, b in pairwise(pct)),
        f"{pct[-1]} (au-delà : signalé)",
        "Part inconnue",
    ]
    fills = (*SHARE_COLOURS, STATUS_COLOURS[Status.NONE_OR_UNKNOWN])
    data = [f'data-share="{k}"' for k in (*range(len(SHARE_COLOURS)), "unknown")]
    unknown = {
        "Pas de nombre fiable de collèges publics": [
            c for c, r in rows.items() if r.public_colleges is None
        ],
        "Nombre de collèges ayant un ENT non renseigné": [
            c for c, r in rows.items() if r.share is None and r.public_colleges
        ],
    }

    def paint(d: Deployment) -> tuple[str, str, str]:
        row, name = rows[d.code], f"{d.department.name} ({d.code}) – "
        if row.share is None:
            why = next(w for w, codes in unknown.items() if d.code in codes)
            k, name = -1, f"{name}part inconnue ({why[0].lower()}{why[1:]})"
        else:
            k, share = bisect(SHARE_BOUNDS, row.share), min(row.share, 1)
            name += f"{french_number(share, 1, percent=True)} des collèges publics "
            name += f"ont un ENT ({row.colleges_with_ent} sur {row.public_colleges} "
            name += f"à la {year}{' : au-delà, signalé' * bool(row.over)})"
        return data[k], fills[k], name

    over = [c for c, r in rows.items() if r.over]
    names = {d.code: d.department.name for d in dataset.deployments}
    caveats = [
        (
            f"Parts rapportées au nombre de collèges publics de la {year}, un autre "
            f"millésime que la publication (édition {dataset.edition.id})."
        ),
        *(
            f"{what} : {', '.join(names[c] for c in codes)}."
            for what, codes in (
                (f"Comptes au-delà de ce nombre, montrés comme {pct[-1]}", over),
                *((f"{w}, part inconnue", codes) for w, codes in unknown.items()),
            )
            if codes
        ),
    ]
    levels = [data.index(paint(d)[0]) for d in dataset.deployments]
    legend = tuple(
        (data[k], fills[k], label, levels.count(k)) for k, label in enumerate(labels)
    )
    counts = ", ".join(f"{label} : {count}" for _, _, label, count in legend)
    return _Colouring(
        "coverage-",
        paint,
        "Part des collèges avec un ENT",
        legend,
        f"Carte de {len(dataset)} territoires colorés selon la part de leurs collèges "
        f"publics ayant un ENT : {counts}. {' '.join(caveats)}",
        "la part de ses collèges publics ayant un ENT",
        tuple(caveats),
    )


#: How a map can colour its territories, by the name of the option.
COLOURINGS = {"status": _by_status, "coverage": _by_coverage}


def _territory(
    tag: str, deployment: Deployment, shape: str, classes: str, colouring: _Colouring
) -> str:
    """Return the *tag* that draws *deployment*, focusable unless an inset's copy."""
    code = markup(deployment.department.code)
    identity = (
        f'id="entdeploy-{colouring.prefix}t-{code}" class="{classes}" tabindex="0"'
    )
    if classes == "inset-copy":
        identity = 'class="inset-copy" aria-hidden="true"'
    data, fill, name = colouring.paint(deployment)
    return (
        f'<{tag} {identity} data-code="{code}" {data} fill="{fill}" {shape}>'
        f"<title>{markup(name)}</title></{tag}>"
    )


def _shape(
    shape: Shape, rows: Mapping[str, Deployment], classes: str, colouring: _Colouring
) -> str:
    """Return the path of *shape*: its territory's, or white if *rows* lack it."""
    deployment = rows.get(shape.code)
    if deployment is not None:
        return _territory("path", deployment, f'd="{shape.d}"', classes, colouring)
    code = markup(shape.code)
    return (
        f'<path class="no-data" data-code="{code}" fill="{NO_DATA}" d="{shape.d}">'
        f"<title>{code} : hors de la sélection</title></path>"
    )


def _symbol(d: Deployment, cx: float, cy: float, r: float, c: _Colouring) -> str:
    """Return the circle that stands for a territory the geometry has no shape of."""
    return _territory(
        "circle", d, f'cx="{cx}" cy="{cy}" r="{r}"', "territory symbol", c
    )


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


def _panels(
    dataset: Dataset, colouring: _Colouring
) -> tuple[list[_Panel], list[Deployment], bool]:
    """Return the panels of *dataset*'s map: France, Paris, then each inset.

    Also the territories drawn as symbols, and whether a shape has no data.
    """
    mainland, overseas = load_geometry()
    mainland_view, near_paris, drawn = _static()
    rows = {d.department.code: d for d in dataset.deployments}
    paris = [_shape(shape, rows, "inset-copy", colouring) for shape in near_paris]
    paris.extend(
        f'<text class="panel-label" x="{x}" y="{y}" font-size="8.5" '
        f'text-anchor="middle" fill="{INK}">{code}</text>'
        for code, (x, y) in PARIS_LABELS.items()
    )
    france = "".join(_shape(s, rows, "territory", colouring) for s in mainland)
    panels = [
        _Panel("", mainland_view, france),
        _Panel("Paris et petite couronne", PARIS_VIEW, "".join(paris)),
    ]
    for shape in sorted(overseas, key=lambda s: s.code == "975"):
        view = _padded([shape.box], 0.06)
        body = _shape(shape, rows, "territory", colouring)
        panels.append(_Panel(INSETS[shape.code], view, body))
    symbols = [d for code, d in rows.items() if code not in drawn]
    return panels, symbols, not drawn.issubset(rows)


def _others(deployments: Iterable[Deployment]) -> dict[Status, list[str]]:
    """Return the names of the territories not in massive deployment, by status."""
    names: dict[Status, list[str]] = {status: [] for status in STATUSES[1:]}
    for deployment in deployments:
        names.get(deployment.status, []).append(deployment.department.name)
    return {status: found for status, found in names.items() if found}


def _source(dataset: Dataset) -> str:
    publisher = dataset.edition.publisher or "Ministère de l'Éducation nationale"
    return f"Source : {publisher}, « {dataset.edition.title} »"


def _swatch(data: str, fill: str, x: float = 0, y: float = 0) -> str:
    """Return the legend's 30 x 20 swatch of a class: its *data* attribute, *fill*."""
    box = f'x="{x}" y="{y}" width="30" height="20"'
    return f'<rect class="swatch-shape" {box} fill="{fill}" {data}/>'


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


def render_map(
    dataset: Dataset, *, title: str | None = None, colour: str = "status"
) -> Map:
    """Return the map of *dataset*, coloured by *colour*, titled *title* if given.

    Raises InvalidArgumentError for a bad *title* or *colour*, DataError for shown
    text XML cannot hold, MissingExtraError without ``pygal-maps-fr``.
    """
    check_text("title", title)
    check_option("colour", colour, COLOURINGS)
    check_renderable(dataset, ("title", "publisher"), source_fields=("name",))
    colouring = COLOURINGS[colour](dataset)
    (mainland, paris, *insets), symbols, no_data = _panels(dataset, colouring)
    if title is None:
        title = dataset.edition.title
        if colouring.prefix:
            title = f"Collèges publics ayant un ENT (édition {dataset.edition.id})"
    extra = 28 * (len(colouring.legend) - len(STATUSES))  # below the legend
    height = 880 + extra + 18 * len(colouring.caveats)
    total = french_number(dataset.total_colleges())
    subtitle = f"{len(dataset)} territoires · {total} collèges publics ayant un ENT"
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            'lang="fr" aria-labelledby="entdeploy-map-title" '
            'aria-describedby="entdeploy-map-desc" font-family="sans-serif">'
        ),
        f'<title id="entdeploy-map-title">{markup(title)}</title>',
        f'<desc id="entdeploy-map-desc">{markup(colouring.description)}</desc>',
        f"<style>\n{MAP_STYLE}</style>{PATTERNS}",
        f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
        _text(MARGIN, 40, title, 24, ' font-weight="bold" class="map-title"'),
        _text(MARGIN, 66, subtitle, 15, f' fill="{MUTED}"'),
        mainland.svg(f' x="{MARGIN}" y="84" width="600" height="560"'),
        _framed(paris, 648, 108, 328, 274),
    ]
    width = (WIDTH - 2 * MARGIN - 5 * 16) / 6
    for i, inset in enumerate(insets):
        x = round(MARGIN + i * (width + 16), 1)
        out.append(_framed(inset, x, 684 + extra, round(width, 1), 120))
    out.append('<g class="legend">')
    out.append(_text(648, 416, colouring.heading, 15, ' font-weight="bold"'))
    for i, (data, fill, label, count) in enumerate(colouring.legend):
        swatch = _swatch(data, fill, 648, 430 + 28 * i)
        text = _text(688, 445 + 28 * i, f"{label} ({count})", 14)
        out.append(
            f'<g class="legend-item" {data} data-count="{count}">{swatch}{text}</g>'
        )
    if no_data:
        label = _text(688, 529 + extra, "Hors de la sélection (non représenté)", 14)
        swatch = _swatch("", NO_DATA, 648, 514 + extra)
        out.append(f'<g class="legend-no-data">{swatch}{label}</g>')
    out.append("</g>")
    for i, deployment in enumerate(symbols):
        out.append(_symbol(deployment, 663, 568 + extra + 28 * i, 10, colouring))
        out.append(_text(688, 573 + extra + 28 * i, deployment.department.name, 14))
    out.extend(
        _text(MARGIN, 836 + extra + 18 * i, caveat, 12, f' fill="{INK}"')
        for i, caveat in enumerate(colouring.caveats)
    )
    sources = ", ".join(source.name for source in dataset.edition.sources)
    source = _source(dataset) + (f", d'après {sources}" if sources else "") + "."
    credit = f"{GEOMETRY_CREDIT}. Carte : entdeploy."
    out.append(_text(MARGIN, height - 40, source, 12, f' fill="{MUTED}"'))
    out.append(
        _text(MARGIN, height - 20, credit, 12, f' fill="{MUTED}" class="credit"')
    )
    return Map("\n".join(out) + "\n</svg>\n")


def _html_swatch(data: str, fill: str) -> str:
    return (
        '<svg class="swatch" viewBox="0 0 30 20" aria-hidden="true">'
        f"{_swatch(data, fill)}</svg>"
    )


def map_html(dataset: Dataset, colour: str = "status", skip: str = "synthese") -> str:
    """Return the map of *dataset* for the HTML report: legend, panels, text, source.

    *colour* is as :func:`render_map`'s; *skip* the id the skip link goes to.
    Raises MissingExtraError without ``pygal-maps-fr``.
    """
    colouring = COLOURINGS[colour](dataset)
    (mainland, paris, *insets), symbols, no_data = _panels(dataset, colouring)
    share = not colouring.caveats  # of territories: not beside shares of collèges
    items = [
        f"<li>{_html_swatch(data, fill)}{markup(label)} : "
        f"{counted(count, 'territoire{s}')}"
        + (f" ({french_number(count / (len(dataset) or 1), 1, percent=True)})" * share)
        + "</li>"
        for data, fill, label, count in colouring.legend
    ]
    if no_data:
        items.append(
            f"<li>{_html_swatch('', NO_DATA)}Hors de la sélection (non représenté)</li>"
        )
    legend = "\n".join(items)
    figures = "\n".join(
        f'<figure class="inset{" paris" if inset is paris else ""}">{inset.svg()}'
        f"<figcaption>{markup(inset.name)}</figcaption></figure>"
        for inset in (paris, *insets)
    )
    symbols_html = "".join(
        f'\n<li><svg viewBox="0 0 20 20">{_symbol(d, 10, 10, 8.5, colouring)}</svg>'
        f"{markup(d.department.name)}</li>"
        for d in symbols
    )
    others = _others(order_rows(dataset, "alphabetical"))
    exceptions = "".join(
        f"\n<p>{_html_swatch(data, STATUS_COLOURS[status])}"
        f"{markup(status.label)} ({len(names)})</p>\n"
        f'<ul class="names"><li>{"</li><li>".join(map(markup, names))}</li></ul>'
        for status, names in others.items()
        for data in [f'data-status="{status.value}"']
    )
    hidden = counted(sum(map(len, others.values())), "territoire{s}")
    heading = f"Hors déploiement massif : {hidden}"
    if colouring.caveats:
        heading = "Précautions de lecture"
        exceptions = "".join(f"\n<p>{markup(c)}</p>" for c in colouring.caveats)
    main = attrs.evolve(mainland, body=PATTERNS * share + mainland.body)
    credit = markup(GEOMETRY_CREDIT).replace("pygal-maps-fr", _PYGAL, 1)
    return f"""\
<a class="skip" href="#{skip}">Passer la carte{" des parts" * (not share)} et ses \
{len(dataset)} territoires</a>
<div class="map">
<div class="map-legend">
<h3>{colouring.heading}</h3>
<ul>
{legend}
</ul>
</div>
<div class="map-main">
{main.svg(' role="group" aria-label="France métropolitaine"')}
</div>
<p class="map-info" id="entdeploy-{colouring.prefix}map-info" hidden>Touchez un \
territoire, ou parcourez la carte avec la touche Tab, pour afficher ici son nom,
{colouring.shows}.</p>
<div class="map-insets">
{figures}
<figure class="inset symbols"><figcaption>Pacifique, sans fond de
carte</figcaption><ul>{symbols_html}
</ul></figure>
</div>
<div class="map-exceptions">
<h3>{heading}</h3>{exceptions}
</div>
<p class="map-source">{markup(_source(dataset))}. {credit}.</p>
</div>"""
