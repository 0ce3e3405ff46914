"""The shapes of the départements, read from the ``pygal-maps-fr`` package.

``pygal-maps-fr`` (LGPL-3.0-or-later, the optional extra ``entdeploy[map]``)
ships ``fr.departments.svg``: one ``<g class="zCODE departement">`` holding one
``<path>`` per département, in three groups: ``departements`` (metropolitan
France, drawn with a translation), ``paris-petite-couronne`` (an enlarged inset
of Paris and its inner suburbs) and ``dom-com`` (971 to 976, each already placed
as an inset). It has no shapes for 986, 987 and 988.

The SVG file is read as a package resource. ``files("pygal_maps_fr")`` imports
the package's ``__init__.py``, which is empty; its ``maps.py``, which imports
pygal (and no longer works with current pygal releases), is never imported.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import TYPE_CHECKING

import attrs

from entdeploy.exceptions import DataError, MissingExtraError, Problem

if sys.version_info >= (3, 11):
    from importlib.resources import files
else:  # pragma: no cover - exercised on Python 3.10 only
    from importlib_resources import files

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = ["BBox", "Geometry", "Shape", "bbox", "load_geometry"]

PACKAGE = "pygal_maps_fr"
RESOURCE = "fr.departments.svg"
SOURCE = f"{PACKAGE}/{RESOURCE}"

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER_OR_COMMAND = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")
_TRANSLATE = re.compile(r"translate\(\s*([-+.\deE]+)[\s,]+([-+.\deE]+)\s*\)")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}


@attrs.frozen
class BBox:
    """A bounding box: left, top, right and bottom, in the SVG's units."""

    left: float
    top: float
    right: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        """Return the smallest box holding this one and *other*."""
        return BBox(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def moved(self, dx: float, dy: float) -> BBox:
        """Return this box translated by (*dx*, *dy*)."""
        return BBox(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)


@attrs.frozen
class Shape:
    """One département's outline: its INSEE code and its path data, verbatim."""

    code: str
    d: str


@attrs.frozen
class Geometry:
    """The shapes of ``fr.departments.svg``, by group, in the file's order.

    Attributes:
        mainland: Metropolitan France.
        mainland_offset: The translation the file applies to ``mainland``.
        paris: The inset of Paris and its inner suburbs (75, 92, 93, 94).
        overseas: 971 to 976, each placed as an inset.
    """

    mainland: tuple[Shape, ...]
    mainland_offset: tuple[float, float]
    paris: tuple[Shape, ...]
    overseas: tuple[Shape, ...]


def bbox(d: str) -> BBox:
    """Return a box holding the path *d* (its points and control points).

    Handles the commands M, L, H, V, C, S, Q, T and Z, absolute and relative;
    arcs are not used by the geometry.

    Raises:
        ValueError: *d* uses a command this function does not handle.
    """
    tokens = _NUMBER_OR_COMMAND.findall(d)
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        lower = command.lower()
        if lower not in _ARITY:
            msg = f"unsupported path command {command!r}"
            raise ValueError(msg)
        if lower == "z":
            x, y = start_x, start_y
            continue
        values = [float(t) for t in tokens[i : i + _ARITY[lower]]]
        i += _ARITY[lower]
        relative = command.islower()
        if lower == "h":
            x = x + values[0] if relative else values[0]
            points = [(x, y)]
        elif lower == "v":
            y = y + values[0] if relative else values[0]
            points = [(x, y)]
        else:
            pairs = list(zip(values[::2], values[1::2], strict=False))
            points = [(x + a, y + b) if relative else (a, b) for a, b in pairs]
            x, y = points[-1]
        xs.extend(p[0] for p in points)
        ys.extend(p[1] for p in points)
        if lower == "m":
            start_x, start_y = x, y
            command = "l" if relative else "L"
    return BBox(min(xs), min(ys), max(xs), max(ys))


def _problem(message: str) -> DataError:
    return DataError(
        [Problem(source=SOURCE, line=None, field=None, value=None, message=message)]
    )


def _shapes(group: Element) -> tuple[Shape, ...]:
    shapes = []
    for element in group:
        classes = (element.get("class") or "").split()
        path = element.find(f"{_SVG}path")
        if not classes or not classes[0].startswith("z") or path is None:
            msg = f"unexpected element {element.tag} {element.attrib}"
            raise _problem(msg)
        shapes.append(Shape(code=classes[0][1:], d=path.get("d", "")))
    return tuple(shapes)


@cache
def load_geometry() -> Geometry:
    """Return the shapes of ``pygal-maps-fr``'s départements, read once.

    Raises:
        MissingExtraError: ``pygal-maps-fr`` (the extra ``map``) is not installed.
        DataError: Its SVG file is missing or not shaped as expected.
    """
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - keeps `import entdeploy` light

    try:
        resource = files(PACKAGE) / RESOURCE
    except ModuleNotFoundError as error:
        raise MissingExtraError("the map", "map", "pygal-maps-fr") from error
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise _problem("the file is missing from pygal-maps-fr") from error
    # The file comes from an installed package, not from a user: no XML attack.
    root = ET.fromstring(text)  # noqa: S314
    groups = {g.get("id"): g for g in root.findall(f"{_SVG}g")}
    missing = {"departements", "paris-petite-couronne", "dom-com"} - set(groups)
    if missing:
        msg = f"the groups {sorted(missing)} are missing"
        raise _problem(msg)
    mainland = groups["departements"]
    offset = _TRANSLATE.fullmatch(mainland.get("transform", "translate(0,0)"))
    if offset is None:
        msg = f"unexpected transform {mainland.get('transform')!r}"
        raise _problem(msg)
    return Geometry(
        mainland=_shapes(mainland),
        mainland_offset=(float(offset[1]), float(offset[2])),
        paris=_shapes(groups["paris-petite-couronne"]),
        overseas=_shapes(groups["dom-com"]),
    )
