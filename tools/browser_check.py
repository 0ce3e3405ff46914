"""Render the HTML report in headless Chromium: the docs' screenshots and the checks.

    python tools/browser_check.py [--out docs/screenshots]

Opens ``Dataset.to_html_report()`` in Debian's ``chromium`` through
``chromedriver`` (W3C WebDriver, spoken with the standard library alone) at a
phone's width (390 CSS px) and a desktop's (1400 CSS px), and at each width:
runs axe-core (``npm install --prefix .ci/node axe-core@4``, or the file named
by ``AXE_CORE_JS``), measures the smallest visible text (SVG text as drawn),
whether the table fits its width, and which elements the Tab key reaches with
what accessible name; prints the page to PDF and reads its page sizes and where
its headings fall; writes ``report-390.png`` and ``report-1400.png`` (the map
section) to *out*. Prints the findings as JSON; exits 1 if a check fails.
``tests/test_render_chromium.py`` runs this same script and asserts on them.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE_CORE_JS = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1400)
#: The sections that hold a map, and the name of their screenshots.
MAPS = {"carte": "report", "couverture": "coverage"}
#: The smallest text allowed on screen, in CSS pixels.
SMALLEST_TEXT = 12
#: A4 in PostScript points, as Chromium writes it.
A4 = (595.92, 842.88)

_KEY_TAB = "\ue004"
_ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def missing(*, axe: bool = True) -> str | None:
    """Return why the checks (with axe-core, if *axe*) cannot run here, or None."""
    if _executable("chromium", "chromium-browser", "google-chrome") is None:
        return "headless Chromium is not installed (Debian: apt-get install chromium)"
    if _executable("chromedriver") is None:
        return "chromedriver is not installed (Debian: apt-get install chromium-driver)"
    if axe and not axe_core().is_file():
        return f"axe-core is not installed ({axe_core()}; npm install axe-core@4)"
    return None


def axe_core() -> Path:
    """Return the path of ``axe.min.js``: ``$AXE_CORE_JS``, or under ``.ci/node``."""
    return Path(os.environ.get("AXE_CORE_JS", AXE_CORE_JS))


def _executable(*names: str) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


class Browser:
    """A headless Chromium session driven through chromedriver."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self._profile = tempfile.TemporaryDirectory()
        self._driver = subprocess.Popen(  # noqa: S603 - a fixed program
            [str(_executable("chromedriver")), f"--port={port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                self._call("GET", "/status")
                break
            except OSError:
                time.sleep(0.05)
        arguments = [
            "--headless=new",
            "--no-sandbox",  # the tests may run as root
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={self._profile.name}",
        ]
        options = {
            "binary": _executable("chromium", "chromium-browser", "google-chrome"),
            "args": arguments,
        }
        capabilities = {"browserName": "chrome", "goog:chromeOptions": options}
        created = self._call(
            "POST", "/session", {"capabilities": {"alwaysMatch": capabilities}}
        )
        self._session = f"/session/{created['sessionId']}"

    def _call(self, method: str, path: str, body: object = None) -> Any:  # noqa: ANN401 - JSON
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 - our own local chromedriver
            self._base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return json.loads(response.read())["value"]

    def command(self, method: str, path: str, body: object = None) -> Any:  # noqa: ANN401 - JSON
        """Send a WebDriver command of this session."""
        return self._call(method, self._session + path, body)

    def cdp(self, name: str, **params: object) -> Any:  # noqa: ANN401 - JSON
        """Send a Chrome DevTools Protocol command."""
        return self.command(
            "POST", "/goog/cdp/execute", {"cmd": name, "params": params}
        )

    def open(self, page: Path, width: int, height: int) -> None:
        """Show *page* in a viewport of *width* x *height* CSS px (a phone's if narrow)."""
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        # As if the window had the focus, even after Tab has left the page.
        self.cdp("Emulation.setFocusEmulationEnabled", enabled=True)
        self.command("POST", "/url", {"url": page.resolve().as_uri()})

    def run(self, script: str, *args: object) -> Any:  # noqa: ANN401 - JSON
        """Run *script* in the page and return its value."""
        return self.command(
            "POST", "/execute/sync", {"script": script, "args": list(args)}
        )

    def run_async(self, script: str, *args: object) -> Any:  # noqa: ANN401 - JSON
        """Run *script*, which calls ``arguments[arguments.length - 1]`` with its value."""
        return self.command(
            "POST", "/execute/async", {"script": script, "args": list(args)}
        )

    def close(self) -> None:
        """End the session and chromedriver."""
        try:
            self.command("DELETE", "")
        finally:
            self._driver.terminate()
            self._driver.wait(timeout=30)
            self._profile.cleanup()


_SMALL_TEXT = """
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const skip = new Set(["title", "desc", "style", "script"]);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const element = node.parentElement;
  if (!node.data.trim() || skip.has(element.localName)) continue;
  if (!element.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width === 0 || box.right <= 0 || box.left >= document.documentElement.scrollWidth) continue;
  let size = parseFloat(getComputedStyle(element).fontSize);
  if (element instanceof SVGElement) {
    const m = element.getScreenCTM();
    size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
  }
  found.push([node.data.trim().slice(0, 40), Math.round(size * 10) / 10]);
}
return found;
"""

_TABLE = """
const wrapper = document.querySelector(".table-wrapper");
const first = wrapper.querySelector("tbody th");
return {
  fits: wrapper.scrollWidth <= wrapper.clientWidth,
  scroll_width: wrapper.scrollWidth, width: wrapper.clientWidth,
  first_column_sticky: getComputedStyle(first).position === "sticky",
  tabindex: wrapper.getAttribute("tabindex"), role: wrapper.getAttribute("role"),
  caption_width: wrapper.querySelector("caption").getBoundingClientRect().width,
};
"""

_RECORD_FOCUS = """
window.entdeployFocus = [];
document.addEventListener("focusin", (event) => {
  const t = event.target;
  window.entdeployFocus.push([t.localName, t.getAttribute("class") || "",
    t.getAttribute("data-code") || "", [...document.querySelectorAll("*")].indexOf(t),
    (t.closest("section") || t).getAttribute("aria-labelledby") || ""]);
});
document.activeElement.blur();
window.scrollTo(0, 0);
"""


def _axe(browser: Browser) -> list[dict[str, object]]:
    browser.run(axe_core().read_text(encoding="utf-8") + "\nreturn true;")
    results = browser.run_async(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e)}]));"
    )
    return list(results)


def _tab_stops(browser: Browser, presses: int) -> list[list[str]]:
    browser.run(_RECORD_FOCUS)
    keys = []
    for _ in range(presses):
        keys += [
            {"type": "keyDown", "value": _KEY_TAB},
            {"type": "keyUp", "value": _KEY_TAB},
        ]
    browser.command(
        "POST", "/actions", {"actions": [{"type": "key", "id": "k", "actions": keys}]}
    )
    return list(browser.run("return window.entdeployFocus;"))


def _territory_names(browser: Browser, section: str) -> dict[str, tuple[str, str]]:
    selector = f"section[aria-labelledby={section}] .territory"
    elements = browser.command(
        "POST", "/elements", {"using": "css selector", "value": selector}
    )
    names = {}
    for element in elements:
        eid = element[_ELEMENT]
        code = browser.command("GET", f"/element/{eid}/attribute/data-code")
        label = browser.command("GET", f"/element/{eid}/computedlabel")
        role = browser.command("GET", f"/element/{eid}/computedrole")
        names[code] = (label, role)
    return names


def _screenshot(browser: Browser, selector: str, png: Path) -> None:
    box = browser.run(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [r.left + scrollX, r.top + scrollY, r.width, r.height];",
        selector,
    )
    margin = 8
    clip = {
        "x": max(0, box[0] - margin),
        "y": max(0, box[1] - margin),
        "width": box[2] + 2 * margin,
        "height": box[3] + 2 * margin,
        "scale": 1,
    }
    shot = browser.cdp(
        "Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True
    )
    png.write_bytes(base64.b64decode(shot["data"]))


_PDF_TOKEN = re.compile(
    rb"<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\)|/[^\s/<>\[\]()]+"
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+"
)


def _text_runs(content: bytes) -> list[tuple[float, bytes]]:
    """Return (y in page points, font) of each text run of a page's content stream."""
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[tuple[float, ...]] = []
    operands: list[bytes] = []
    text = ctm
    font = b""
    runs = []

    def times(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
        return (
            m[0] * n[0] + m[1] * n[2],
            m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4],
            m[4] * n[1] + m[5] * n[3] + n[5],
        )

    for token in _PDF_TOKEN.findall(content):
        if not token[:1].isalpha() and token[:1] not in b"'\"*":
            operands.append(token)
            continue
        numbers = [float(t) for t in operands if re.fullmatch(rb"[-+.\d]+", t)]
        if token == b"q":
            saved.append(ctm)
        elif token == b"Q" and saved:
            ctm = saved.pop()
        elif token == b"cm" and len(numbers) >= 6:
            ctm = times(tuple(numbers[-6:]), ctm)
        elif token == b"Tf":
            font = b" ".join(operands[-2:])
        elif token == b"Tm" and len(numbers) >= 6:
            text = tuple(numbers[-6:])
        elif token in {b"Td", b"TD"} and len(numbers) >= 2:
            text = times((1, 0, 0, 1, numbers[-2], numbers[-1]), text)
        elif token in {b"Tj", b"TJ", b"'", b'"'}:
            runs.append((times(text, ctm)[5], font))
        operands = []
    return runs


def pdf_layout(pdf: bytes) -> dict[str, object]:
    """Return the page sizes of *pdf* and its headings: title, page, followed.

    *followed* says whether text follows the heading on its page: False is a
    heading left at the foot of a page.
    """
    objects = {
        int(number): body
        for number, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.DOTALL)
    }
    pages = [n for n, body in objects.items() if re.search(rb"/Type\s*/Page\b", body)]
    sizes, runs = [], []
    for number in pages:
        box = re.search(rb"/MediaBox\s*\[([^\]]*)\]", objects[number])
        sizes.append(tuple(float(v) for v in box[1].split()[2:4]) if box else None)
        page_runs = []
        for ref in re.findall(rb"(\d+) 0 R", _after(objects[number], b"/Contents")):
            stream = re.search(
                rb"stream\r?\n(.*)endstream", objects[int(ref)], re.DOTALL
            )
            if stream:
                page_runs += _text_runs(zlib.decompress(stream[1]))
        runs.append(page_runs)
    headings = []
    for body in objects.values():
        dest = re.search(rb"/Dest\s*\[(\d+) 0 R /XYZ [-\d.]+ ([-\d.]+)", body)
        title = re.search(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:[^()\\]|\\.)*\))", body)
        if dest and title and b"/Parent" in body:
            page = pages.index(int(dest[1]))
            top = float(dest[2])
            below = sorted(
                (r for r in runs[page] if top - 60 < r[0] <= top + 1), reverse=True
            )
            font = below[0][1] if below else b""
            own = [y for y, f in runs[page] if f == font and top - 90 < y <= top + 1]
            followed = any(y < min(own, default=top) - 1 for y, _ in runs[page])
            headings.append((_pdf_text(title[1]), page + 1, followed))
    return {"page_sizes": sizes, "headings": headings}


def _after(body: bytes, key: bytes) -> bytes:
    found = re.search(re.escape(key) + rb"\s*(\[[^\]]*\]|\d+ 0 R)", body)
    return found[1] if found else b""


def _pdf_text(raw: bytes) -> str:
    if raw.startswith(b"<"):
        return bytes.fromhex(raw[1:-1].decode()).decode("utf-16-be").lstrip("\ufeff")
    return raw[1:-1].decode("latin-1")


def _pdf(browser: Browser) -> bytes:
    printed = browser.cdp(
        "Page.printToPDF", preferCSSPageSize=True, generateDocumentOutline=True
    )
    return base64.b64decode(printed["data"])


def check(page: Path, out: Path) -> dict[str, Any]:
    """Open *page* at each width, check it, and write the screenshots to *out*."""
    out.mkdir(parents=True, exist_ok=True)
    findings: dict[str, Any] = {}
    browser = Browser()
    try:
        for width in WIDTHS:
            browser.open(page, width, 900)
            # The screenshot shows what focusing (or tapping) a territory does.
            browser.run(
                "document.querySelector(\".territory[data-code='17']\").focus()"
            )
            for section, name in MAPS.items():
                png = out / f"{name}-{width}.png"
                _screenshot(browser, f"section[aria-labelledby={section}]", png)
            browser.open(page, width, 900)
            result: dict[str, Any] = {
                "axe": _axe(browser),
                "texts": browser.run(_SMALL_TEXT),
                "table": browser.run(_TABLE),
            }
            browser.open(page, width, 900)
            result["tab_stops"] = _tab_stops(browser, 280)
            for section in MAPS:
                result[f"names-{section}"] = _territory_names(browser, section)
            findings[str(width)] = result
        findings["pdf"] = pdf_layout(_pdf(browser))
    finally:
        browser.close()
    return findings


def failures(
    findings: dict[str, Any], expected: dict[str, dict[str, list[str]]]
) -> list[str]:
    """Return what the findings of :func:`check` show to be wrong.

    *expected* maps each map's section, then each territory's code, to what
    its accessible name must hold (its name and its status, or its share).
    """
    wrong = []
    for width in WIDTHS:
        result = findings[str(width)]
        wrong += [f"{width}px: axe {v['id']}: {v['help']}" for v in result["axe"]]
        if width < 600:  # a phone's
            wrong += [
                f"{width}px: text {text!r} at {size}px"
                for text, size in result["texts"]
                if size < SMALLEST_TEXT
            ]
            if not result["table"]["fits"]:
                wrong.append(f"{width}px: the table scrolls: {result['table']}")
        stops = result["tab_stops"]
        once = stops[: next((i for i, s in enumerate(stops) if s in stops[:i]), None)]
        for section, words_of in expected.items():
            reached = [
                code
                for _, kind, code, _, where in once
                if "territory" in kind.split() and where == section
            ]
            if sorted(reached) != sorted(words_of):
                wrong.append(f"{width}px: a Tab round reaches {sorted(reached)}")
            names = result[f"names-{section}"]
            wrong += [
                f"{width}px: {code} is named {names.get(code)!r}"
                for code, words in words_of.items()
                if not all(w in names.get(code, ("",))[0] for w in words)
            ]
    layout = findings["pdf"]
    wrong += [
        f"PDF page of {size} pt, not A4"
        for size in layout["page_sizes"]
        if not _a4(size)
    ]
    wrong += [
        f"PDF: heading {title!r} left at the foot of page {page}"
        for title, page, followed in layout["headings"]
        if not followed
    ]
    return wrong


def expected_names(dataset: Any) -> dict[str, dict[str, list[str]]]:  # noqa: ANN401
    """Return what each map's territories' names must hold: status, or share."""
    shares = dataset.coverage(by="territory")
    return {
        "carte": {d.code: [d.department.name, d.status.label] for d in dataset},
        "couverture": {
            d.code: [d.department.name, "part inconnue" if r.share is None else "%"]
            for d, r in zip(dataset, shares, strict=True)
        },
    }


def _a4(size: tuple[float, float] | None) -> bool:
    return size is not None and all(
        abs(a - b) < 2 for a, b in zip(size, A4, strict=True)
    )


def main(argv: list[str] | None = None) -> int:
    """Write the report, check it in Chromium, write the screenshots; return 0 if all pass."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    import entdeploy  # noqa: PLC0415 - from this checkout

    dataset = entdeploy.load()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(dataset.to_html_report(), encoding="utf-8")
        findings = check(page, args.out)
    wrong = failures(findings, expected_names(dataset))
    summary = {
        "failures": wrong,
        "smallest_text_px": {
            w: min(s for _, s in findings[str(w)]["texts"]) for w in WIDTHS
        },
        "table": {w: findings[str(w)]["table"] for w in WIDTHS},
        "pdf": findings["pdf"],
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
