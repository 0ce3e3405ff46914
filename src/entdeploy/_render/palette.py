"""The colours that show each status, shared by every renderer.

The palette takes the blue and the orange of Okabe and Ito's colour-blind-safe
set ("Color Universal Design", 2008) for the two deployed states, and a light
neutral grey for "no project or unknown". The three differ in hue *and* in
lightness (about 45, 72 and 86 on CIELAB L*), so they stay distinct for people
with protanopia, deuteranopia or tritanopia. The orange and the grey are close
in greyscale and the grey is close to white: the map adds a pattern to both and
a dark outline to every shape (:data:`entdeploy._render.svg_map.MAP_STYLE`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from entdeploy._model import Status

__all__ = ["STATUS_COLOURS", "TEXT_ON_STATUS"]

#: The fill colour of each status, as a CSS hex colour.
STATUS_COLOURS: Mapping[Status, str] = MappingProxyType(
    {
        Status.MASSIVE: "#0072B2",
        Status.IN_PROGRESS: "#E69F00",
        Status.NONE_OR_UNKNOWN: "#D9D9D9",
    }
)

#: A text colour readable on each status's fill.
TEXT_ON_STATUS: Mapping[Status, str] = MappingProxyType(
    {
        Status.MASSIVE: "#FFFFFF",
        Status.IN_PROGRESS: "#000000",
        Status.NONE_OR_UNKNOWN: "#000000",
    }
)
