"""The map, the table and the report rendered by headless Chromium, checked by pixel,
by axe-core, with the keyboard and on paper.

The screenshots are written to ``test-output/screenshots/`` at the root of the
repository (ignored by git), so a person can look at them. The report's checks
are those of ``tools/browser_check.py``, the script that makes the docs'
screenshots: this module runs it.
"""

from __future__ import annotations

import base64
import zlib
from collections import Counter

import pytest

from entdeploy import Status
from entdeploy._render.palette import STATUS_COLOURS

from ._chromium import SCREENSHOTS, browser_check, chromium, screenshot
from ._png import read_png
from ._svg import classes, interior_point, parse, placements

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


def main_colour(image, x, y, radius=4):
    """The most frequent colour around (x, y): the fill under a pattern's lines."""
    pixels = Counter(
        image[i, j]
        for i in range(max(0, x - radius), min(image.width, x + radius + 1))
        for j in range(max(0, y - radius), min(image.height, y + radius + 1))
    )
    return pixels.most_common(1)[0][0]


@pytest.fixture(scope="module")
def svg_map(ds):
    return ds.to_svg_map()


@pytest.fixture(scope="module")
def points(svg_map):
    """For each checked code: its status, a point inside it and its clearance, in
    CSS pixels of the map drawn at its natural size."""
    root = parse(svg_map.svg)
    wanted = {code: status for status, codes in CHECKED.items() for code in codes}
    found = {}
    for element, (scale, dx, dy) in placements(root):
        code = element.get("data-code")
        if "territory" not in classes(element) or code not in wanted:
            continue
        if element.tag.endswith("circle"):
            x, y, clearance = (float(element.get(a)) for a in ("cx", "cy", "r"))
        else:
            x, y, clearance = interior_point(element.get("d"))
        found[code] = (wanted[code], scale * x + dx, scale * y + dy, scale * clearance)
    assert set(wanted) == set(found)
    return found


def check_points(image, points, minimum_clearance_px=3):
    """Check the colour at each point; return how many were checked per status."""
    checked = dict.fromkeys(Status, 0)
    wrong = []
    for code, (status, x, y, clearance) in points.items():
        if clearance < minimum_clearance_px:
            continue
        actual = main_colour(image, round(x), round(y), min(4, int(clearance) - 1))
        if close(hex_rgb(STATUS_COLOURS[status]), actual):
            checked[status] += 1
        else:
            wrong.append((code, status.value, (round(x), round(y)), actual))
    assert [] == wrong
    return checked


@pytest.fixture(scope="module")
def map_screenshot(svg_map):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = SCREENSHOTS / "map.svg"
    svg_map.save(page)
    _, _, width, height = map(int, parse(svg_map.svg).get("viewBox").split())
    return read_png(screenshot(page, SCREENSHOTS / "map.png", width, height))


def test_the_rendered_map_fills_each_territory_with_its_status_colour(
    points, map_screenshot
):
    checked = check_points(map_screenshot, points)

    assert {
        Status.NONE_OR_UNKNOWN: 5,
        Status.IN_PROGRESS: 7,
        Status.MASSIVE: 10,
    } == checked


def test_the_rendered_map_shows_the_legend_swatches(map_screenshot, svg_map):
    swatches = 0
    for element, (scale, dx, dy) in placements(parse(svg_map.svg)):
        if "legend-item" not in classes(element):
            continue
        rect = next(iter(element))
        x = scale * (float(rect.get("x")) + 15) + dx
        y = scale * (float(rect.get("y")) + 10) + dy
        actual = main_colour(map_screenshot, round(x), round(y), 6)
        assert close(hex_rgb(rect.get("fill")), actual)
        swatches += 1

    assert 3 == swatches


# -- The report: tools/browser_check.py ----------------------------------------

TOOL = browser_check()
MISSING = "tools/browser_check.py is missing" if TOOL is None else TOOL.missing()
NO_DRIVER = MISSING if TOOL is None else TOOL.missing(axe=False)


@pytest.fixture(scope="module")
def findings(ds):
    """What tools/browser_check.py finds in the report, at 390 and 1400 CSS px."""
    if MISSING:
        pytest.skip(MISSING)
    page = SCREENSHOTS / "report.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(ds.to_html_report(), encoding="utf-8")
    return TOOL.check(page, SCREENSHOTS)


@pytest.mark.parametrize("width", [390, 1400])
def test_axe_core_finds_no_violation_in_the_report(findings, width):
    assert [] == findings[str(width)]["axe"]


def test_no_visible_text_is_smaller_than_12_css_px_on_a_phone(findings):
    texts = findings["390"]["texts"]

    assert [] == [(text, size) for text, size in texts if size < 12]
    # SVG text is measured as drawn: the Paris inset's codes are there.
    assert {"75", "92", "93", "94", "95"} <= {text for text, _ in texts}


def test_the_table_shows_every_column_without_scrolling_on_a_phone(findings):
    table = findings["390"]["table"]

    assert table["fits"], table
    # Where it does not fit (a narrower screen), its first column stays in view
    # and the keyboard reaches the named scroll area.
    assert table["first_column_sticky"]
    assert ("region", "0") == (table["role"], table["tabindex"])


@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize("section", ["carte", "couverture"])
def test_tab_reaches_the_105_territories_of_each_map_each_named(
    ds, findings, width, section
):
    stops = findings[str(width)]["tab_stops"]
    names = findings[str(width)][f"names-{section}"]
    # One round of the page: the 280 presses go round it more than once.
    once = stops[: next(i for i, stop in enumerate(stops) if stop in stops[:i])]
    territories = [
        code
        for _, kind, code, _, where in once
        if "territory" in kind.split() and where == section
    ]

    assert sorted(d.code for d in ds) == sorted(territories)
    shares = {r.key.code: r.share for r in ds.coverage(by="territory")}
    for deployment in ds:
        label, _ = names[deployment.code]
        assert deployment.department.name in label
        if section == "carte":
            assert deployment.status.label in label
        elif shares[deployment.code] is None:
            assert "part inconnue" in label
        else:
            assert "\u202f% des collèges publics ont un ENT" in label
    # The script's own verdict agrees.
    expected = TOOL.expected_names(ds)
    assert [] == [f for f in TOOL.failures(findings, expected) if f"{width}px" in f]


def test_the_printed_report_is_a4_with_no_heading_at_the_foot_of_a_page(findings):
    layout = findings["pdf"]

    assert layout["page_sizes"]
    assert all(TOOL._a4(size) for size in layout["page_sizes"])
    assert {"Carte", "Synthèse", "Couverture des collèges publics", "Tableau"} <= {
        title for title, _, _ in layout["headings"]
    }
    assert [] == [(t, p) for t, p, followed in layout["headings"] if not followed]


def test_the_check_finds_a_heading_left_at_the_foot_of_a_page():
    # pdf_layout on a hand-made PDF: one heading with text below it, one without.
    def page(number, content):
        stream = zlib.compress(content)
        return (
            f"{number} 0 obj\n<</Type /Page /MediaBox [0 0 595.92 842.88] "
            f"/Contents {number + 1} 0 R>>\nendobj\n{number + 1} 0 obj\n"
            f"<</Length {len(stream)} /Filter /FlateDecode>> stream\n".encode()
            + stream
            + b"\nendstream\nendobj\n"
        )

    def text(font, y):
        return f"BT /{font} 20 Tf 1 0 0 1 40 {y} Tm <0001> Tj ET\n".encode()

    pdf = (
        page(1, text("H", 800) + text("B", 760))
        + page(3, text("H", 90))
        + b"5 0 obj\n<</Title (Kept) /Parent 9 0 R /Dest [1 0 R /XYZ 0 820 0]>>\nendobj\n"
        + b"6 0 obj\n<</Title (Left) /Parent 9 0 R /Dest [3 0 R /XYZ 0 110 0]>>\nendobj\n"
    )

    assert [("Kept", 1, True), ("Left", 2, False)] == TOOL.pdf_layout(pdf)["headings"]


@pytest.mark.usefixtures("findings")
def test_the_screenshots_of_the_docs_are_those_of_the_script():
    for width in (390, 1400):
        for name in ("report", "coverage"):
            image = read_png(SCREENSHOTS / f"{name}-{width}.png")
            assert 300 < image.width <= width
            assert image.height > (1000 if width == 390 else 600)


def territory_points(browser):
    """For each checked code: a point inside the territory, in the viewport, found
    by the browser (the shape's own fill, not a neighbour's or the text's)."""
    script = """
    const found = {};
    for (const code of arguments[0]) {
      const shape = document.querySelector(`.territory[data-code="${code}"]`);
      shape.scrollIntoView({block: "center"});
      const box = shape.getBBox(), m = shape.getScreenCTM();
      let best = null;
      for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
        const p = new DOMPoint(box.x + box.width * i / 12, box.y + box.height * j / 12);
        const s = p.matrixTransform(m);
        const ok = [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]].every(([a, b]) =>
          document.elementFromPoint(s.x + a, s.y + b) === shape);
        if (ok) { best = [s.x, s.y]; break; }
      }
      found[code] = best && [best[0] + scrollX, best[1] + scrollY];
    }
    return found;
    """
    codes = [code for codes in CHECKED.values() for code in codes]
    return browser.run(script, codes)


@pytest.mark.parametrize("width", [390, 1400])
def test_the_report_shows_each_territory_in_its_status_colour(ds, width):
    if NO_DRIVER:
        pytest.skip(NO_DRIVER)
    page = SCREENSHOTS / "report-pixels.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(ds.to_html_report(), encoding="utf-8")
    status = {code: s for s, codes in CHECKED.items() for code in codes}
    browser = TOOL.Browser()
    checked = dict.fromkeys(Status, 0)
    wrong = []
    try:
        browser.open(page, width, 900)
        mainland = browser.run(
            "return document.querySelector('.map-main svg').getBoundingClientRect().width"
        )
        points = territory_points(browser)
        top, height = browser.run(
            "const r = document.querySelector('.map').getBoundingClientRect();"
            "return [r.top + scrollY, r.height];"
        )
        clip = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
        shot = browser.cdp(
            "Page.captureScreenshot",
            format="png",
            clip=clip,
            captureBeyondViewport=True,
        )
        png = SCREENSHOTS / f"report-pixels-{width}.png"
        png.write_bytes(base64.b64decode(shot["data"]))
        image = read_png(png)
        for code, point in points.items():
            if point is None:  # too small to hold a 9 px cross at this width
                continue
            x, y = point
            actual = main_colour(image, round(x), round(y - top), 3)
            if close(hex_rgb(STATUS_COLOURS[status[code]]), actual):
                checked[status[code]] += 1
            else:
                wrong.append((code, (x, y), actual))
    finally:
        browser.close()

    assert [] == wrong
    assert all(count >= 3 for count in checked.values()), checked
    # The map of metropolitan France takes the phone's whole width.
    assert mainland >= (350 if width == 390 else 600)


def test_the_html_table_renders_readably_unstyled(ds):
    page = SCREENSHOTS / "table.html"
    page.parent.mkdir(parents=True, exist_ok=True)
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
