"""The colours that show each status, shared by every renderer.

The blue and the orange of Okabe and Ito's colour-blind-safe set (2008) show the
two deployed states, a light grey "no project or unknown": they differ in hue
*and* in lightness (CIELAB L* about 45, 72 and 86), so they stay distinct with
any colour blindness. The orange and the grey are close in greyscale, the grey
close to white: the map adds a pattern to both, and a dark outline to every shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from entdeploy._model import Status

__all__ = [
    "SHARE_BOUNDS",
    "SHARE_COLOURS",
    "STATUSES",
    "STATUS_COLOURS",
    "TEXT_ON_STATUS",
]

#: The statuses in the order the renderers list them: massive deployment first.
STATUSES = tuple(sorted(Status, reverse=True))

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

#: The coverage map's classes of share: below each bound, then from the last one.
SHARE_BOUNDS = (0.25, 0.5, 0.75, 1.0)
#: Their fills: ColorBrewer's five-class "Blues", one hue light to dark, safe
#: for colour blindness; the map's dark outlines separate neighbouring classes.
SHARE_COLOURS = ("#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C")
