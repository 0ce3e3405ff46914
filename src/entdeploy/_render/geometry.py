"""The shapes of the départements, read from the ``pygal-maps-fr`` package.

``pygal-maps-fr`` (LGPL-3.0-or-later, the extra ``entdeploy[map]``) ships
``fr.departments.svg``: a ``<g class="zCODE departement">`` and its ``<path>``
per département, in the groups ``departements`` (metropolitan France) and
``dom-com`` (971 to 976, placed as insets); none for 986, 987 and 988. The file
is read once per process, each path rounded to 0.1 unit; the package's
``maps.py``, which imports pygal (broken in current releases), is never imported.
"""

from __future__ import annotations

import re
import sys
from functools import cache
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

__all__ = ["BBox", "Shape", "bbox", "load_geometry", "rounded"]

PACKAGE = "pygal_maps_fr"
RESOURCE = "fr.departments.svg"
SOURCE = f"{PACKAGE}/{RESOURCE}"

_SVG = "{http://www.w3.org/2000/svg}"
_COMMAND = re.compile(r"([A-DF-Za-df-z])")  # a letter, but not the e of 1e-5
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}


@attrs.frozen
class BBox:
    """A bounding box: left, top, right and bottom, in the SVG's units."""

    left: float
    top: float
    right: float
    bottom: float


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


@cache
def _tenths(tenths: int) -> str:
    """Return a number of tenths as path data writes it: 123 is "12.3", -5 is "-.5"."""
    whole, tenth = divmod(abs(tenths), 10)
    text = f"{whole or ''}.{tenth}" if tenth else str(whole)
    return "-" + text if tenths < 0 else text


def _read(d: str) -> tuple[str, BBox]:
    """Return the path *d* rounded (see :func:`rounded`), and the box of its points."""
    out: list[str] = []
    seen: list[int] = []  # every point's x and y, in tenths
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
        size = _ARITY[lower]
        for k in range(len(values) // size):
            points = values[k * size : (k + 1) * size]
            if relative:
                points = [v + (x, y)[i % 2] for i, v in enumerate(points)]
            tenths = [round(v * 10) for v in points]
            start = (round(x * 10), round(y * 10))
            deltas = [t - start[i % 2] for i, t in enumerate(tenths)]
            seen += tenths
            x, y = points[-2:]
            if lower == "m" or any(deltas):  # a segment rounded to nothing is left out
                out.append(
                    (" " if lower == last else lower) + " ".join(map(_tenths, deltas))
                )
                last = "l" if lower == "m" else lower
            if lower == "m":  # the pairs after a move are lines
                start_x, start_y = points
                lower = "l"
    xs, ys = seen[::2], seen[1::2]
    text = "".join(out).replace(" -", "-")
    return text, BBox(min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10)


def bbox(d: str) -> BBox:
    """Return the box of the path *d*'s points and control points, rounded to 0.1.

    Raises ValueError for a command other than M, L, H, V, C, S, Q, T and Z.
    """
    return _read(d)[1]


def rounded(d: str) -> str:
    """Return the path *d* in relative commands, each point rounded to 0.1 unit.

    Each point is rounded where it is, then written relative to the previous
    rounded one, so that errors do not add up; an empty segment is left out.
    Raises ValueError as :func:`bbox` does.
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
def load_geometry() -> tuple[tuple[Shape, ...], tuple[Shape, ...]]:
    """Return the shapes of metropolitan France and of 971 to 976 (placed as insets).

    Metropolitan France is in the file's coordinates, without its translation.
    Raises MissingExtraError without ``pygal-maps-fr`` (the extra ``map``), and
    DataError if its SVG file is missing or not shaped as expected.
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
    return _shapes(groups["departements"]), _shapes(groups["dom-com"])
