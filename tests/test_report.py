"""Dataset.to_html_report: the publication as one self-contained page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs
import pytest

import entdeploy
from entdeploy.exceptions import DataError

from ._svg import SVG, classes, parse

#: Elements HTML5 defines as void (no end tag).
VOID = {"meta", "link", "br", "hr", "img", "input", "source", "col", "area", "wbr"}


class _PageParser(HTMLParser):
    """Collects the page's tags and checks that they nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.doctype = None
        self.text: dict[str, list[str]] = {}
        self.in_svg = 0

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.text.setdefault(self.stack[-1], []).append(data)


@pytest.fixture(scope="module")
def report(ds) -> str:
    return ds.to_html_report()


@pytest.fixture(scope="module")
def page(report) -> _PageParser:
    parser = _PageParser()
    parser.feed(report)
    parser.close()
    return parser


def test_the_page_is_well_formed_html5(report, page):
    assert report.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "DOCTYPE html" == page.doctype
    assert [] == page.errors
    assert [] == page.stack
    assert ("meta", {"charset": "utf-8"}) == page.tags[2]
    assert 1 == sum(1 for tag, _ in page.tags if tag == "h1")
    assert 1 == sum(1 for tag, _ in page.tags if tag == "main")


def test_the_page_is_responsive(page, report):
    assert (
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    ) in page.tags
    assert "figure svg { display: block; width: 100%;" in report
    assert "@media print" in report


def test_the_page_fetches_nothing_and_runs_only_its_own_short_script(page, report):
    tags = {tag for tag, _ in page.tags}

    assert not tags & {"link", "img", "iframe", "object", "embed"}
    assert not [attrs for _, attrs in page.tags if "src" in attrs]
    assert not re.search(r"\bsrc\s*=", report)
    assert "@import" not in report
    # url() only names the map's own patterns.
    assert set(re.findall(r"url\(([^)]*)\)", report)) == {
        "#entdeploy-p-in-progress",
        "#entdeploy-p-none-or-unknown",
        "#entdeploy-p-in-progress-fine",
        "#entdeploy-p-none-or-unknown-fine",
    }
    # Links are links, to a page of this document or to the web.
    hrefs = [attrs["href"] for tag, attrs in page.tags if "href" in attrs]
    assert {tag for tag, attrs in page.tags if "href" in attrs} == {"a"}
    assert all(h.startswith(("#", "https://")) for h in hrefs)
    # One inline script, at the end: it shows the territory focused or tapped.
    assert 1 == report.count("<script")
    script = report[report.index("<script>") : report.index("</script>")]
    assert len(script.splitlines()) <= 15
    assert "fetch" not in script
    assert "import" not in script


def test_the_page_holds_title_introduction_sources_and_edition(ds, page, report):
    assert ds.edition.title == page.text["title"][0]  # the others are the SVG's
    assert [ds.edition.title] == page.text["h1"]
    assert [
        "Présentation",
        "Carte",
        "Synthèse",
        "Couverture des collèges publics",
        "Tableau",
    ] == page.text["h2"]
    assert "Cette carte caractérise, pour chaque département" in report
    assert (
        "Ministère de l&#x27;Éducation nationale, année scolaire 2025-2026, édition 2025"
        in report
    )
    assert "DNMA : Dispositif national de mesure" in report
    states = [
        attrs["data-status"]
        for tag, attrs in page.tags
        if tag == "li" and "data-status" in attrs
    ]
    assert ["massive", "in-progress", "none-or-unknown"] == states
    assert "La publication n&#x27;indique pas de licence." in report


def test_the_page_holds_the_panels_of_the_map(ds, report):
    svgs = re.findall(r"<svg .*?</svg>", report, re.DOTALL)
    standalone = parse(ds.to_svg_map().svg)

    roots = [
        parse(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)) for svg in svgs
    ]
    shown = [e for root in roots for e in root.iter() if "territory" in classes(e)]
    coverage = [e for e in shown if e.get("data-share")]
    shown = [e for e in shown if not e.get("data-share")]
    assert 105 == len(shown) == len({e.get("data-code") for e in shown})
    assert 105 == len(coverage) == len({e.get("data-code") for e in coverage})
    drawn = {
        e.get("data-code"): e for e in standalone.iter() if "territory" in classes(e)
    }
    for element in shown:
        same = drawn[element.get("data-code")]
        position = {"cx", "cy", "r"}  # of the circles that stand for 986, 987, 988
        assert {k: v for k, v in same.attrib.items() if k not in position} == {
            k: v for k, v in element.attrib.items() if k not in position
        }
        assert same.find(f"{SVG}title").text == element.find(f"{SVG}title").text


def test_the_text_of_the_map_is_html_beside_the_drawing(ds, report):
    legend = re.search(r'<div class="map-legend">.*?</div>', report, re.DOTALL)[0]
    others = re.search(r'<div class="map-exceptions">.*?</div>', report, re.DOTALL)[0]
    names = re.findall(r"<li>([^<]*)</li>", others)

    assert "<h3>État du déploiement</h3>" in legend
    assert "Déploiement massif : 93 territoires (88,6\u202f%)" in legend
    assert "En cours de déploiement : 7 territoires (6,7\u202f%)" in legend
    assert "Hors déploiement massif : 12 territoires" in others
    assert sorted(
        d.department.name.replace("'", "&#x27;")
        for d in ds
        if d.status.value != "massive"
    ) == sorted(names)
    assert "Val-d&#x27;Oise" in names
    for name in ("Paris et petite couronne", "Guadeloupe", "Saint-Pierre-et-Miquelon"):
        assert f"<figcaption>{name}</figcaption>" in report
    assert re.search(r'<p class="map-source">Source : Minist', report)


def test_the_page_is_in_french_with_real_links(report):
    assert "audience data of the ENT" not in report
    assert "open data portal" not in report
    assert "&lt;https://" not in report
    assert (
        'l&#x27;open data <a href="https://data.education.gouv.fr">'
        "https://data.education.gouv.fr</a> à la rentrée"
    ) in report
    assert "DNMA : Dispositif national de mesure d&#x27;audience des ENT</li>" in report
    assert (
        '<a href="https://pypi.org/project/pygal-maps-fr/">pygal-maps-fr</a>' in report
    )


def test_the_page_shows_what_it_needs_for_a_phone_a_keyboard_and_paper(report):
    # The focused or tapped territory is shown in a box the script reveals.
    assert 'id="entdeploy-map-info" hidden>' in report
    assert '<a class="skip" href="#synthese">' in report
    # The table scrolls, if it must, in a named area the keyboard reaches, and
    # says what its dashes mean; its status cells have a colour and a pattern.
    assert (
        '<div class="table-wrapper" role="region" tabindex="0" aria-label="' in report
    )
    assert "Un tiret (-) dans la dernière colonne signale un nombre" in report
    assert 'td[class^="status-"]::before' in report
    assert (
        "td.status-in-progress::before { background: repeating-linear-gradient"
        in report
    )
    # Print: A4, and no heading alone at the foot of a page.
    assert "@page { size: A4;" in report
    assert "h1, h2, h3, caption, .note { break-after: avoid; }" in report


def test_a_filtered_page_says_what_the_white_shapes_are(ds):
    report = ds.filter(academy="Bordeaux").to_html_report()

    assert "Hors de la sélection (non représenté)</li>" in report
    assert "Hors de la sélection" not in ds.to_html_report()


def test_the_page_summarises_the_counts(report):
    summary = re.search(r'<table class="summary">.*?</table>', report, re.DOTALL)[0]

    cells = re.findall(r"<(?:th|td)[^>]*>([^<]*)</", summary)
    assert [
        "Etat du déploiement",
        "Territoires",
        "Déploiement massif",
        "93",
        "En cours de déploiement",
        "7",
        "Pas de projet ENT ou inconnu",
        "5",
        "Total",
        "105",
    ] == cells
    assert (
        "4\u202f840 collèges publics ont un ENT ; le nombre n&#x27;est pas renseigné pour "
        "5 territoires." in report
    )


def test_the_page_holds_the_table_in_alphabetical_order(ds, report):
    assert ds.to_table("html").rstrip("\n") in report


def test_the_page_is_deterministic(report):
    assert report == entdeploy.load().to_html_report()


def test_the_page_escapes_the_edition_text(ds):
    edition = attrs.evolve(
        ds.edition,
        title="<script>alert(1)</script>",
        description="<img src=x onerror=alert(1)>",
        publisher="A & B",
    )
    dataset = entdeploy.Dataset(edition, ds.deployments)

    report = dataset.to_html_report()

    assert 1 == report.count("<script>")  # the page's own, at its end
    assert report.index("<script>") > report.index("</main>")
    assert "<img" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "A &amp; B" in report


def test_the_page_refuses_text_xml_cannot_hold_listing_every_field(ds):
    edition = attrs.evolve(
        ds.edition,
        school_year="2025\x00",
        licence="\ud800",
        sources=(entdeploy.Source(name="DNE", description="\x0c"),),
    )
    dataset = entdeploy.Dataset(edition, ds.deployments)

    with pytest.raises(DataError) as caught:
        dataset.to_html_report()

    assert [
        "edition.school_year",
        "edition.licence",
        "edition.sources[0].description",
    ] == [problem.field for problem in caught.value.problems]


def test_a_dataset_with_every_count_known_says_so(ds):
    known = entdeploy.Dataset(
        ds.edition, [d for d in ds if d.colleges_with_ent is not None]
    )

    assert (
        '<p class="total">4\u202f840 collèges publics ont un ENT.</p>'
        in known.to_html_report()
    )
