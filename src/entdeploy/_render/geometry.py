"""The shapes of the départements, read from the ``pygal-maps-fr`` package.

``pygal-maps-fr`` (LGPL-3.0-or-later, the optional extra ``entdeploy[map]``)
ships ``fr.departments.svg``: one ``<g class="zCODE departement">`` holding one
``<path>`` per département, in the groups ``departements`` (metropolitan
France) and ``dom-com`` (971 to 976, each already placed as an inset). It has
no shapes for 986, 987 and 988.

The file is read once per process: each path is rewritten with its points
rounded to 0.1 unit (relative to the previous rounded point, so that errors do
not add up) and its bounding box computed. ``files("pygal_maps_fr")`` imports
the package's ``__init__.py``, which is empty; its ``maps.py``, which imports
pygal (and no longer works with current pygal releases), is never imported.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

import attrs

from entdeploy._escape import markup
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
_COMMAND = re.compile(r"([A-DF-Za-df-z])")  # a letter, but not the e of 1e-5
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class _Tenths(dict[int, str]):
    """Numbers of tenths as path data writes them: 123 is "12.3", -5 is "-.5"."""

    def __missing__(self, tenths: int) -> str:
        whole, tenth = divmod(abs(tenths), 10)
        text = f"{whole or ''}.{tenth}" if tenth else str(whole)
        self[tenths] = text = "-" + text if tenths < 0 else text
        return text


_TENTHS = _Tenths()
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


@attrs.frozen
class Shape:
    """One département's outline.

    Attributes:
        code: Its INSEE code.
        d: Its path data, rounded to 0.1 unit and escaped for SVG.
        box: Its bounding box.
    """

    code: str
    d: str
    box: BBox


@attrs.frozen
class Geometry:
    """The shapes of ``fr.departments.svg``, by group, sorted by code.

    Attributes:
        mainland: Metropolitan France, in the file's coordinates (without the
            translation the file applies to the group).
        overseas: 971 to 976, each placed as an inset.
    """

    mainland: tuple[Shape, ...]
    overseas: tuple[Shape, ...]


def _read(d: str) -> tuple[str, BBox]:
    """Return the path *d* rounded to 0.1 unit, and the box of its rounded points.

    The path is written with relative commands: each point (control points
    too) is rounded where it is, then written relative to the previous rounded
    end point, so that rounding errors do not add up along the path. A segment
    that rounding leaves empty is left out.

    Raises:
        ValueError: *d* uses a command this function does not handle (arcs).
    """
    out: list[str] = []
    xs: list[int] = []
    ys: list[int] = []
    x = y = start_x = start_y = 0.0  # the current point and the subpath's start
    last = ""  # the command written last
    parts = _COMMAND.split(d)
    for command, text in zip(parts[1::2], parts[2::2], strict=True):
        lower, relative = command.lower(), command.islower()
        if lower not in _ARITY:
            msg = f"unsupported path command {command!r}"
            raise ValueError(msg)
        if lower == "z":
            x, y, last = start_x, start_y, "z"
            out.append("z")
            continue
        values = list(map(float, _NUMBER.findall(text)))
        if lower in "hv":  # a line that moves along one axis only
            keep = 0.0 if relative else (y if lower == "h" else x)
            pairs = ((v, keep) if lower == "h" else (keep, v) for v in values)
            values, lower = [c for pair in pairs for c in pair], "l"
        per = _ARITY[lower] // 2  # points per segment
        count = len(values) // (2 * per)
        if not count:
            continue
        px, py = values[0 : 2 * per * count : 2], values[1 : 2 * per * count : 2]
        if relative:  # before each segment, the current point is the sum of the ends
            at_x = list(accumulate(px[per - 1 :: per], initial=x))
            at_y = list(accumulate(py[per - 1 :: per], initial=y))
            px = [v + at_x[i // per] for i, v in enumerate(px)]
            py = [v + at_y[i // per] for i, v in enumerate(py)]
        else:
            at_x, at_y = [x, *px[per - 1 :: per]], [y, *py[per - 1 :: per]]
        tx, ty = [round(v * 10) for v in px], [round(v * 10) for v in py]
        from_x, from_y = [round(v * 10) for v in at_x], [round(v * 10) for v in at_y]
        deltas = [
            n
            for i in range(per * count)
            for n in (tx[i] - from_x[i // per], ty[i] - from_y[i // per])
        ]
        numbers = list(map(_TENTHS.__getitem__, deltas))
        segments = [
            " ".join(numbers[k * 2 * per : (k + 1) * 2 * per])
            for k in range(count)
            if lower == "m" or any(deltas[k * 2 * per : (k + 1) * 2 * per])
        ]
        if segments:
            out.append((" " if lower == last else lower) + " ".join(segments))
            last = "l" if lower == "m" else lower
        xs += tx
        ys += ty
        x, y = px[-1], py[-1]
        if lower == "m":
            start_x, start_y = px[0], py[0]
    text = "".join(out).replace(" -", "-")
    box = BBox(min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10)
    return text, box


def bbox(d: str) -> BBox:
    """Return a box holding the path *d* (its points and control points, to 0.1).

    Handles the commands M, L, H, V, C, S, Q, T and Z, absolute and relative;
    arcs are not used by the geometry.

    Raises:
        ValueError: *d* uses a command this function does not handle.
    """
    return _read(d)[1]


def rounded(d: str) -> str:
    """Return the path *d* with relative commands and points rounded to 0.1 unit.

    Raises:
        ValueError: *d* uses a command :func:`bbox` does not handle.
    """
    return _read(d)[0]


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
        d, box = _read(path.get("d", ""))
        shapes.append(Shape(code=classes[0][1:], d=markup(d), box=box))
    return tuple(sorted(shapes, key=lambda shape: shape.code))


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
    missing = {"departements", "dom-com"} - set(groups)
    if missing:
        msg = f"the groups {sorted(missing)} are missing"
        raise _problem(msg)
    return Geometry(
        mainland=_shapes(groups["departements"]), overseas=_shapes(groups["dom-com"])
    )
