"""The map, the table and the report rendered by headless Chromium, checked by pixel.

The screenshots are written to ``test-output/screenshots/`` at the root of the
repository (ignored by git), so a person can look at them.
"""

from __future__ import annotations

import pytest

from entdeploy import Status
from entdeploy._render.palette import STATUS_COLOURS

from ._chromium import SCREENSHOTS, chromium, screenshot
from ._png import read_png
from ._svg import classes, interior_point, parse, with_offsets

pytestmark = pytest.mark.skipif(
    chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium)",
)

#: Territories checked by pixel: every one in progress or without a project, and
#: a spread of those in massive deployment (large and small, overseas, symbols).
CHECKED = {
    Status.NONE_OR_UNKNOWN: ("19", "33", "40", "79", "95"),
    Status.IN_PROGRESS: ("17", "24", "26", "47", "64", "71", "87"),
    Status.MASSIVE: ("29", "2A", "59", "63", "12", "973", "974", "975", "987", "988"),
}


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def close(a, b, tolerance=6):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def svg_map(ds):
    return ds.to_svg_map()


@pytest.fixture(scope="module")
def points(svg_map):
    """For each checked code: its status and a point inside it, in drawing units."""
    root = parse(svg_map.svg)
    wanted = {code: status for status, codes in CHECKED.items() for code in codes}
    found = {}
    for element, (dx, dy) in with_offsets(root):
        code = element.get("data-code")
        if "territory" not in classes(element) or code not in wanted:
            continue
        if element.tag.endswith("circle"):
            x, y, clearance = (
                float(element.get("cx")),
                float(element.get("cy")),
                float(element.get("r")),
            )
        else:
            x, y, clearance = interior_point(element.get("d"))
        found[code] = (wanted[code], x + dx, y + dy, clearance)
    assert set(wanted) == set(found)
    return found


def blue_box(image):
    """Return the box (left, top, right, bottom) of the pixels in the massive colour."""
    blue = hex_rgb(STATUS_COLOURS[Status.MASSIVE])
    xs, ys = [], []
    for y in range(0, image.height, 2):
        for x in range(0, image.width, 2):
            if close(image[x, y], blue, 2):
                xs.append(x)
                ys.append(y)
    assert xs, "no pixel in the colour of massive deployment"
    return min(xs), min(ys), max(xs), max(ys)


def check_points(image, points, scale, offset_x, offset_y, minimum_clearance_px=3):
    """Check the pixel colour at each point; return how many were checked per status."""
    checked = dict.fromkeys(Status, 0)
    wrong = []
    for code, (status, x, y, clearance) in points.items():
        if clearance * scale < minimum_clearance_px:
            continue
        px, py = round(offset_x + x * scale), round(offset_y + y * scale)
        actual = image[px, py]
        if close(hex_rgb(STATUS_COLOURS[status]), actual):
            checked[status] += 1
        else:
            wrong.append((code, status.value, (px, py), actual))
    assert [] == wrong
    return checked


@pytest.fixture(scope="module")
def map_screenshot(svg_map):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = SCREENSHOTS / "map.svg"
    svg_map.save(page)
    root = parse(svg_map.svg)
    width, height = int(root.get("width")), int(root.get("height"))
    return read_png(screenshot(page, SCREENSHOTS / "map.png", width, height))


def test_the_rendered_map_fills_each_territory_with_its_status_colour(
    svg_map, points, map_screenshot
):
    root = parse(svg_map.svg)
    scale = int(root.get("width")) / float(root.get("viewBox").split()[2])

    checked = check_points(map_screenshot, points, scale, 0, 0)

    assert {
        Status.NONE_OR_UNKNOWN: 5,
        Status.IN_PROGRESS: 7,
        Status.MASSIVE: 10,
    } == checked


def test_the_rendered_map_shows_the_legend_swatches(map_screenshot, svg_map):
    root = parse(svg_map.svg)
    scale = int(root.get("width")) / float(root.get("viewBox").split()[2])
    for element, (dx, dy) in with_offsets(root):
        if "legend-item" not in classes(element):
            continue
        rect = next(iter(element))
        x = (float(rect.get("x")) + dx + 22) * scale
        y = (float(rect.get("y")) + dy + 20) * scale
        assert close(hex_rgb(rect.get("fill")), map_screenshot[round(x), round(y)])


def report_points_check(ds, points, map_screenshot, width, height, name):
    page = SCREENSHOTS / f"{name}.html"
    page.write_text(ds.to_html_report(), encoding="utf-8")
    image = read_png(screenshot(page, SCREENSHOTS / f"{name}.png", width, height))
    # The same SVG is drawn in both screenshots: its blue pixels span the same
    # drawing units, so their boxes give the report's scale and offset.
    left, top, right, _ = blue_box(map_screenshot)
    r_left, r_top, r_right, _ = blue_box(image)
    ratio = (r_right - r_left) / (right - left)
    scale = 0.5 * ratio
    offset_x = r_left - left * ratio
    offset_y = r_top - top * ratio
    return image, scale, check_points(image, points, scale, offset_x, offset_y)


def test_the_report_shows_the_map_in_colour_on_a_wide_screen(
    ds, points, map_screenshot
):
    _, scale, checked = report_points_check(
        ds, points, map_screenshot, 1280, 2000, "report"
    )

    assert 0.45 < scale <= 0.51  # the map at (about) its own size
    assert all(count >= 3 for count in checked.values())


def test_the_report_fits_a_phone_screen(ds, points, map_screenshot):
    _, scale, checked = report_points_check(
        ds, points, map_screenshot, 390, 1800, "report-phone"
    )

    assert scale < 0.2  # the map shrinks to the screen's width
    assert all(count >= 2 for count in checked.values())


def test_the_html_table_renders_readably_unstyled(ds):
    page = SCREENSHOTS / "table.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Table</title>'
        f"</head><body>\n{ds.to_table('html')}</body></html>\n",
        encoding="utf-8",
    )
    image = read_png(screenshot(page, SCREENSHOTS / "table.png", 900, 600))

    dark_rows = [
        y
        for y in range(image.height)
        if any(sum(image[x, y]) < 200 for x in range(0, image.width, 2))
    ]
    # Text is drawn from the top (caption, headings, rows) down the whole window.
    assert dark_rows
    assert dark_rows[0] < 40
    assert dark_rows[-1] > image.height - 40
    assert 20 < len({y // 20 for y in dark_rows})
