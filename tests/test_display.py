"""Notebook display: _repr_html_ tables, parsed back, and readable reprs."""

from __future__ import annotations

import csv
from html.parser import HTMLParser

import attrs
from hypothesis import given

from entdeploy import Dataset, Status
from entdeploy._render.palette import STATUS_COLOURS, TEXT_ON_STATUS

from .conftest import PACKAGED_DATA
from .strategies import datasets

LABELS = {
    "massive": "Déploiement massif",
    "in-progress": "En cours de déploiement",
    "none-or-unknown": "Pas de projet ENT ou inconnu",
}
COLOURS = {"massive": "#0072B2", "in-progress": "#E69F00", "none-or-unknown": "#D9D9D9"}


class Table(HTMLParser):
    """The cells of an HTML table, by section, with each cell's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.caption = ""
        self.sections: dict[str, list[list[tuple[str, dict[str, str]]]]] = {}
        self.tables = 0
        self._section = "tbody"
        self._cell: tuple[str, dict[str, str]] | None = None
        self._in_caption = False
        self.stray_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        elif tag in {"thead", "tbody", "tfoot"}:
            self._section = tag
            self.sections.setdefault(tag, [])
        elif tag == "tr":
            self.sections.setdefault(self._section, []).append([])
        elif tag in {"td", "th"}:
            self._cell = ("", {name: value or "" for name, value in attrs})
        elif tag == "caption":
            self._in_caption = True
        else:
            self.stray_tags.append(tag)

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None:
            self.sections[self._section][-1].append(self._cell)
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell = (self._cell[0] + data, self._cell[1])
        elif self._in_caption:
            self.caption += data

    def texts(self, section: str) -> list[list[str]]:
        return [[text for text, _ in row] for row in self.sections.get(section, [])]


def parse(markup: str) -> Table:
    table = Table()
    table.feed(markup)
    table.close()
    assert 1 == table.tables
    assert [] == table.stray_tags
    return table


def style_of(cell: tuple[str, dict[str, str]]) -> dict[str, str]:
    declarations = (part.split(":", 1) for part in cell[1]["style"].split(";"))
    return {name.strip(): value.strip() for name, value in declarations}


def source_rows() -> list[dict[str, str]]:
    with (PACKAGED_DATA / "2025" / "deployments.csv").open(
        encoding="utf-8", newline=""
    ) as file:
        return list(csv.DictReader(file))


def test_a_dataset_displays_as_a_table_of_every_territory(ds):
    table = parse(ds._repr_html_())

    assert [
        ["Code", "Territory", "Académie", "Status", "Collèges with an ENT"]
    ] == table.texts("thead")
    rows = table.sections["tbody"]
    assert 105 == len(rows)
    expected = [
        [
            row["code"],
            row["source_status"],
            "unknown" if row["source_count"] == "-" else row["source_count"],
        ]
        for row in source_rows()
    ]
    assert expected == [[row[0][0], row[3][0], row[4][0]] for row in rows]
    assert "Ain" == rows[0][1][0]
    assert "Lyon" == rows[0][2][0]


def test_each_status_is_shown_by_its_label_on_its_colour(ds):
    rows = parse(ds._repr_html_()).sections["tbody"]

    for row in rows:
        text, attributes = row[3]
        key = attributes["data-status"]
        assert LABELS[key] == text
        style = style_of(row[3])
        assert COLOURS[key] == style["background"]
        assert TEXT_ON_STATUS[Status(key)] == style["color"]
        assert STATUS_COLOURS[Status(key)] == style["background"]


def test_the_caption_gives_the_edition_and_the_national_figures(ds):
    caption = parse(ds._repr_html_()).caption

    assert (
        "ENT collèges : état du déploiement – Rentrée scolaire 2025: 105 territories "
        "(93 Déploiement massif, 7 En cours de déploiement, 5 Pas de projet ENT ou "
        "inconnu); 4840 collèges with an ENT, 5 territories with no count reported"
    ) == caption


def test_data_is_escaped(ds):
    first = ds.deployments[0]
    hostile = attrs.evolve(
        first,
        department=attrs.evolve(
            first.department,
            name="<script>alert('x')</script> & co",
            academy=attrs.evolve(first.department.academy, name='"><img src=x>'),
        ),
    )
    edition = attrs.evolve(ds.edition, title="<b>title</b>")
    dataset = Dataset(edition, [hostile])

    markup = dataset._repr_html_()
    table = parse(markup)

    assert "<script>" not in markup
    assert "<img" not in markup
    assert "<b>" not in markup
    assert "<script>alert('x')</script> & co" == table.texts("tbody")[0][1]
    assert '"><img src=x>' == table.texts("tbody")[0][2]
    assert table.caption.startswith("<b>title</b>: 1 territories")
    for markup_of in (hostile._repr_html_, hostile.department._repr_html_):
        assert "<script>" not in markup_of()
        assert "<script>alert('x')</script> & co" == parse(markup_of()).caption
    assert '"><img src=x>' == parse(hostile.department.academy._repr_html_()).caption


@given(datasets())
def test_any_dataset_displays_every_row_with_its_text_intact(dataset):
    table = parse(dataset._repr_html_())

    rows = table.texts("tbody")
    assert [
        [d.department.code, d.department.name, d.department.academy.name]
        for d in dataset
    ] == [row[:3] for row in rows]


def test_a_deployment_displays_its_fields(ds):
    table = parse(ds.lookup("2A")._repr_html_())

    assert "Corse-du-Sud" == table.caption
    fields = dict(table.texts("tbody"))
    assert {
        "Code": "2A",
        "ISO 3166-2": "FR-2A",
        "Kind": "metropolitan département",
        "Région": "Corse",
        "Académie": "Corse (27)",
        "Status": "Déploiement massif",
        "Collèges with an ENT": next(
            row["source_count"] for row in source_rows() if row["code"] == "2A"
        ),
    } == fields


def test_a_deployment_with_no_count_displays_unknown(ds):
    fields = dict(parse(ds.lookup("33")._repr_html_()).texts("tbody"))

    assert "unknown" == fields["Collèges with an ENT"]
    assert "Pas de projet ENT ou inconnu" == fields["Status"]


def test_a_collectivity_displays_no_region(ds):
    fields = dict(parse(ds.lookup("987").department._repr_html_()).texts("tbody"))

    assert "no région" == fields["Région"]
    assert "overseas collectivity" == fields["Kind"]


def test_an_academy_displays_its_fields(ds):
    table = parse(ds.academy("Orléans-Tours")._repr_html_())

    assert "Orléans-Tours" == table.caption
    assert {
        "Code": "18",
        "Kind": "academie",
        "Région académique": "Centre-Val de Loire",
    } == dict(table.texts("tbody"))


def test_a_summary_displays_one_row_per_group_and_the_total(ds):
    summary = ds.summarize("academy")

    table = parse(summary._repr_html_())

    assert "Summary by académie: 34 groups" == table.caption
    assert [
        "Académie",
        "Territories",
        "Pas de projet ENT ou inconnu",
        "En cours de déploiement",
        "Déploiement massif",
        "Collèges with an ENT",
        "Count not reported",
        "Share in massive deployment",
    ] == table.texts("thead")[0]
    body = table.texts("tbody")
    assert 34 == len(body)
    assert ["Paris", "1", "0", "0", "1", "114", "0", "100.0%"] == body[0]
    assert [["Total", "105", "5", "7", "93", "4840", "5", "88.6%"]] == table.texts(
        "tfoot"
    )
    status_headers = table.sections["thead"][0][2:5]
    assert ["#D9D9D9", "#E69F00", "#0072B2"] == [
        style_of(cell)["background"] for cell in status_headers
    ]


def test_a_summary_by_status_shows_each_status_on_its_colour(ds):
    table = parse(ds.summarize("status")._repr_html_())

    keys = [row[0] for row in table.sections["tbody"]]
    assert list(LABELS.values())[::-1] == [text for text, _ in keys]
    assert [COLOURS[k] for k in ("none-or-unknown", "in-progress", "massive")] == [
        style_of(cell)["background"] for cell in keys
    ]


def test_a_summary_by_region_names_the_collectivities_group(ds):
    body = parse(ds.summarize("region")._repr_html_()).texts("tbody")

    assert "no région (overseas collectivities)" == body[-1][0]


def test_an_empty_summary_displays_a_dash_for_the_share(ds):
    table = parse(Dataset(ds.edition, []).summarize("kind")._repr_html_())

    assert [] == table.texts("tbody")
    assert [["Total", "0", "0", "0", "0", "0", "0", "–"]] == table.texts("tfoot")


def test_reprs_are_readable(ds):
    assert "<Deployment '01' Ain: massive, 51 collèges>" == repr(ds.deployments[0])
    assert "<Deployment '33' Gironde: none-or-unknown, count not reported>" == repr(
        ds.lookup("33")
    )
    assert "<Department '2A' Corse-du-Sud, académie Corse>" == repr(
        ds.lookup("2A").department
    )
    assert (
        "<Department '975' Saint-Pierre-et-Miquelon, service Saint-Pierre-et-Miquelon>"
        == repr(ds.lookup("975").department)
    )
    assert "<Dataset edition='2025': 105 territories>" == repr(ds)
    assert "<Deployment '17' Charente-Maritime: in-progress, 1 collège>" == repr(
        ds.lookup("17")
    )
