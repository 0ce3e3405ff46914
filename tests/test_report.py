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


def test_the_page_has_no_external_resources_and_no_scripts(page, report):
    tags = {tag for tag, _ in page.tags}

    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [attrs for _, attrs in page.tags if "src" in attrs or "href" in attrs]
    assert "url(" not in report
    assert "@import" not in report
    assert not re.search(r"(?:src|href)\s*=", report)


def test_the_page_holds_title_introduction_sources_and_edition(ds, page, report):
    assert ds.edition.title == page.text["title"][0]  # the others are the SVG's
    assert [ds.edition.title] == page.text["h1"]
    assert ["Présentation", "Carte", "Synthèse", "Tableau"] == page.text["h2"]
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


def test_the_page_holds_the_map_inline(ds, report):
    svg = re.search(r"<svg .*?</svg>", report, re.DOTALL)[0]

    assert ds.to_svg_map().svg.rstrip("\n") == svg
    root = parse(svg)
    assert 105 == sum(1 for e in root.iter() if "territory" in classes(e))
    assert root.find(f"{SVG}title") is not None


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
        "4840 collèges publics ont un ENT ; le nombre n&#x27;est pas renseigné pour "
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

    assert "<script>" not in report
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
        '<p class="total">4840 collèges publics ont un ENT.</p>'
        in known.to_html_report()
    )
