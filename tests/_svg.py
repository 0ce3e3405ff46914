"""Reading the map's SVG in tests: elements, transforms and a point inside a shape."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")
_TRANSLATE = re.compile(r"translate\(([-+.\deE]+),([-+.\deE]+)\)")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def placements(root: ET.Element):
    """Yield (element, (scale, dx, dy)): every element and how it is drawn, at the
    root's natural size (its viewBox in CSS pixels): a point (x, y) of the element
    is drawn at (scale * x + dx, scale * y + dy). Handles translations and nested
    ``<svg>`` elements with a viewBox (centred, as ``xMidYMid meet`` places them).
    """

    def walk(element, scale, dx, dy):
        match = _TRANSLATE.fullmatch(element.get("transform", ""))
        if match:
            dx, dy = dx + scale * float(match[1]), dy + scale * float(match[2])
        if element is not root and element.tag == f"{SVG}svg":
            vx, vy, vw, vh = map(float, element.get("viewBox").split())
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w, h = float(element.get("width")), float(element.get("height"))
            inner = min(w / vw, h / vh)
            dx += scale * (x + (w - vw * inner) / 2 - vx * inner)
            dy += scale * (y + (h - vh * inner) / 2 - vy * inner)
            scale *= inner
        yield element, (scale, dx, dy)
        for child in element:
            yield from walk(child, scale, dx, dy)

    yield from walk(root, 1.0, 0.0, 0.0)


def inside(x: float, y: float, d: str) -> bool:
    """Return whether the point (x, y) is inside the path *d* (even-odd rule)."""
    return _inside(x, y, polygons(d))


def polygons(d: str) -> list[list[tuple[float, float]]]:
    """Return the subpaths of *d* as polygons (curves sampled at 4 points)."""
    tokens = _TOKEN.findall(d)
    arity = {"m": 2, "l": 2, "c": 6, "z": 0}
    result: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        lower = command.lower()
        if lower == "z":
            if result and result[-1]:
                x, y = result[-1][0]
            continue
        values = [float(t) for t in tokens[i : i + arity[lower]]]
        i += arity[lower]
        base = (x, y) if command.islower() else (0.0, 0.0)
        points = [
            (base[0] + a, base[1] + b)
            for a, b in zip(values[::2], values[1::2], strict=True)
        ]
        if lower == "m":
            result.append([points[0]])
            command = "l" if command == "m" else "L"
        elif lower == "l":
            result[-1].append(points[0])
        else:
            (x1, y1), (x2, y2), (x3, y3) = points
            for t in (0.25, 0.5, 0.75, 1.0):
                u = 1 - t
                result[-1].append(
                    (
                        u**3 * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                        u**3 * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                    )
                )
        x, y = result[-1][-1]
    return result


def _inside(px: float, py: float, rings) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > py) != (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def _distance(px: float, py: float, rings) -> float:
    best = float("inf")
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            length = dx * dx + dy * dy
            t = (
                0.0
                if length == 0
                else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length))
            )
            cx, cy = x1 + t * dx, y1 + t * dy
            best = min(best, ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)
    return best


def interior_point(d: str, steps: int = 14) -> tuple[float, float, float]:
    """Return (x, y, clearance): a point inside the path, as far from its edges as found."""
    rings = polygons(d)
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    best = (left, top, -1.0)
    for i in range(1, steps):
        for j in range(1, steps):
            px = left + (right - left) * i / steps
            py = top + (bottom - top) * j / steps
            if _inside(px, py, rings):
                clearance = _distance(px, py, rings)
                if clearance > best[2]:
                    best = (px, py, clearance)
    return best
