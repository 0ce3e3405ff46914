"""Notebook display: _repr_html_ tables, parsed back, and readable reprs."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given

from entdeploy import Dataset, Edition, Status, compare
from entdeploy._render._options import french_number
from entdeploy._render.palette import STATUS_COLOURS, TEXT_ON_STATUS

from .conftest import PACKAGED_DATA
from .strategies import datasets

LABELS = {
    "massive": "Déploiement massif",
    "in-progress": "En cours de déploiement",
    "none-or-unknown": "Pas de projet ENT ou inconnu",
}
COLOURS = {"massive": "#0072B2", "in-progress": "#E69F00", "none-or-unknown": "#D9D9D9"}
#: The narrow no-break space of French numbers: "4 840", "88,6 %".
NNBSP = "\u202f"


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


def test_a_dataset_displays_its_first_and_last_five_territories(ds):
    table = parse(ds._repr_html_())

    assert [
        [
            "Code",
            "Territoire",
            "Académie",
            "État du déploiement",
            "Collèges publics ayant un ENT",
        ]
    ] == table.texts("thead")
    rows = table.sections["tbody"]
    assert 11 == len(rows)
    expected = [
        [
            row["code"],
            row["source_status"],
            "non renseigné" if row["source_count"] == "-" else row["source_count"],
        ]
        for row in source_rows()
    ]
    shown = rows[:5] + rows[-5:]
    assert expected[:5] + expected[-5:] == [
        [row[0][0], row[3][0], row[4][0]] for row in shown
    ]
    assert "Ain" == rows[0][1][0]
    assert "Lyon" == rows[0][2][0]
    assert [
        [
            '… 95 territoires non affichés ; liste complète : ds.to_table("html")',
        ]
    ] == [[text for text, _ in rows[5]]]
    assert "5" == rows[5][0][1]["colspan"]


def test_a_105_row_dataset_displays_in_a_few_kilobytes(ds):
    markup = ds._repr_html_()

    assert len(markup.encode()) < 10_000
    assert 12 == markup.count("<tr>")
    assert "95 territoires non affichés" in markup
    assert "ds.to_table(&quot;html&quot;)" in markup


@pytest.mark.parametrize("size", [1, 10, 20])
def test_a_small_dataset_displays_every_row(ds, size):
    small = Dataset(ds.edition, ds.deployments[:size])

    rows = parse(small._repr_html_()).texts("tbody")

    assert [d.code for d in small] == [row[0] for row in rows]
    assert "non affichés" not in small._repr_html_()


def test_a_dataset_of_21_rows_hides_11(ds):
    rows = parse(Dataset(ds.edition, ds.deployments[:21])._repr_html_()).texts("tbody")

    assert 11 == len(rows)
    assert rows[5][0].startswith("… 11 territoires non affichés ; ")
    assert [d.code for d in ds.deployments[:5] + ds.deployments[16:21]] == [
        row[0] for row in rows[:5] + rows[6:]
    ]


def test_each_status_is_shown_by_its_label_on_its_colour(ds):
    # Each académie shows every row, so every territory's status is checked.
    rows = [
        row
        for academy in ds.group_by("academy").values()
        for row in parse(academy._repr_html_()).sections["tbody"]
    ]

    assert 105 == len(rows)
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
        "ENT collèges : état du déploiement – Rentrée scolaire 2025 : 105 territoires "
        "(93 Déploiement massif, 7 En cours de déploiement, 5 Pas de projet ENT ou "
        f"inconnu) ; 4{NNBSP}840 collèges publics ayant un ENT, nombre non renseigné "
        "pour 5 territoires"
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
    assert table.caption.startswith("<b>title</b> : 1 territoire (")
    for markup_of in (hostile._repr_html_, hostile.department._repr_html_):
        assert "<script>" not in markup_of()
        assert "<script>alert('x')</script> & co" == parse(markup_of()).caption
    assert '"><img src=x>' == parse(hostile.department.academy._repr_html_()).caption


@given(datasets(max_size=30))
def test_any_dataset_displays_its_rows_with_their_text_intact(dataset):
    table = parse(dataset._repr_html_())

    rows = table.texts("tbody")
    expected = [
        [d.department.code, d.department.name, d.department.academy.name]
        for d in dataset
    ]
    if len(dataset) > 20:
        expected = [*expected[:5], [], *expected[-5:]]
        rows[5] = []
    assert expected == [row[:3] for row in rows]


def test_a_deployment_displays_its_fields(ds):
    table = parse(ds.lookup("2A")._repr_html_())

    assert "Corse-du-Sud" == table.caption
    fields = dict(table.texts("tbody"))
    assert {
        "Code": "2A",
        "ISO 3166-2": "FR-2A",
        "Type": "département de métropole",
        "Région": "Corse",
        "Académie": "Corse (27)",
        "État du déploiement": "Déploiement massif",
        "Collèges publics ayant un ENT": next(
            row["source_count"] for row in source_rows() if row["code"] == "2A"
        ),
    } == fields


def test_a_deployment_with_no_count_displays_non_renseigne(ds):
    fields = dict(parse(ds.lookup("33")._repr_html_()).texts("tbody"))

    assert "non renseigné" == fields["Collèges publics ayant un ENT"]
    assert "Pas de projet ENT ou inconnu" == fields["État du déploiement"]


def test_a_collectivity_displays_no_region(ds):
    fields = dict(parse(ds.lookup("987").department._repr_html_()).texts("tbody"))

    assert "aucune" == fields["Région"]
    assert "collectivité d'outre-mer" == fields["Type"]


def test_an_academy_displays_its_fields(ds):
    table = parse(ds.academy("Orléans-Tours")._repr_html_())

    assert "Orléans-Tours" == table.caption
    assert {
        "Code": "18",
        "Type": "académie",
        "Région académique": "Centre-Val de Loire",
    } == dict(table.texts("tbody"))


def test_a_summary_displays_one_row_per_group_and_the_total(ds):
    summary = ds.summarize("academy")

    table = parse(summary._repr_html_())

    assert "Synthèse par académie : 34 groupes" == table.caption
    assert [
        "Académie",
        "Territoires",
        "Pas de projet ENT ou inconnu",
        "En cours de déploiement",
        "Déploiement massif",
        "Collèges publics ayant un ENT",
        "Nombre non renseigné",
        "Part en déploiement massif",
    ] == table.texts("thead")[0]
    body = table.texts("tbody")
    assert 34 == len(body)
    assert ["Paris", "1", "0", "0", "1", "114", "0", f"100,0{NNBSP}%"] == body[0]
    assert [
        ["Total", "105", "5", "7", "93", f"4{NNBSP}840", "5", f"88,6{NNBSP}%"]
    ] == table.texts("tfoot")
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

    assert "sans région (collectivités d'outre-mer)" == body[-1][0]


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


# -- The comparison of two editions ------------------------------------------------


def edited(ds: Dataset, counts: dict[str, tuple[Status, int | None]]) -> Dataset:
    """An edition '2026': the 2025 rows but the last, with *counts* by code."""
    rows = []
    for row in ds.deployments[:-1]:
        status, count = counts.get(row.code, (row.status, row.colleges_with_ent))
        rows.append(
            attrs.evolve(
                row,
                status=status,
                colleges_with_ent=count,
                source_status=status.label,
                source_count="-" if count is None else str(count),
            )
        )
    return Dataset(Edition(id="2026", title="A synthetic edition"), rows)


def test_a_diff_displays_like_the_other_tables(ds):
    diff = compare(
        ds, edited(ds, {"02": (Status.IN_PROGRESS, 20), "33": (Status.IN_PROGRESS, 4)})
    )
    markup = diff._repr_html_()

    table = parse(markup)

    assert markup.startswith('<table class="entdeploy" style="border-collapse:')
    assert (
        "Éditions 2025 → 2026 : 2 territoires modifiés, 1 seulement dans 2025, "
        "0 seulement dans 2026 ; statut amélioré pour 1, dégradé pour 1, inchangé "
        f"pour 102 territoires ; collèges publics ayant un ENT : 4{NNBSP}840 → "
        f"4{NNBSP}805 (-35)"
    ) == table.caption
    assert [
        "Code",
        "Territoire",
        "État avant",
        "État après",
        "Collèges avant",
        "Collèges après",
        "Écart",
    ] == table.texts("thead")[0]
    last = ds.deployments[-1]
    assert [
        ["02", "Aisne", LABELS["massive"], LABELS["in-progress"], "58", "20", "-38"],
        [
            "33",
            "Gironde",
            LABELS["none-or-unknown"],
            LABELS["in-progress"],
            "non renseigné",
            "4",
            "",
        ],
        [last.code, last.name, last.status.label, "absent", "1", "", ""],
    ] == table.texts("tbody")
    for row in table.sections["tbody"]:
        for cell in row[2:4]:
            if "data-status" in cell[1]:
                status = Status(cell[1]["data-status"])
                assert STATUS_COLOURS[status] == style_of(cell)["background"]
                assert TEXT_ON_STATUS[status] == style_of(cell)["color"]


def test_a_diff_of_many_changes_is_compact(ds):
    counts = {
        r.code: (r.status, r.colleges_with_ent + 1) for r in ds if r.colleges_with_ent
    }
    diff = compare(ds, edited(ds, counts))
    markup = diff._repr_html_()

    rows = parse(markup).texts("tbody")

    assert 100 == len(diff.changes) + len(diff.only_in_old)
    assert 11 == len(rows)
    assert ["… 90 territoires non affichés ; liste complète : print(diff)"] == rows[5]
    assert ["01", "Ain", LABELS["massive"], LABELS["massive"], "51", "52", "+1"] == (
        rows[0]
    )
    assert len(markup.encode()) < 10_000


def test_an_empty_diff_says_the_editions_agree(ds):
    rows = parse(compare(ds, ds)._repr_html_()).texts("tbody")

    assert [["Les deux éditions concordent pour chaque territoire."]] == rows


# -- One language, one number format -----------------------------------------------


class _Text(HTMLParser):
    """The text a reader sees or hears: element content and ``title`` attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, _tag, attrs):
        self.parts.extend(value or "" for name, value in attrs if name == "title")

    def handle_data(self, data):
        self.parts.append(data)


def text_of(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "\n".join(parser.parts)


def every_display(ds: Dataset) -> dict[str, str]:
    gironde = ds.lookup("33")
    wallis = ds.lookup("986")
    return {
        "dataset": ds._repr_html_(),
        "small dataset": Dataset(ds.edition, [gironde, wallis])._repr_html_(),
        "deployment": gironde._repr_html_(),
        "collectivity": wallis._repr_html_(),
        "department": wallis.department._repr_html_(),
        "academy": wallis.academy._repr_html_(),
        **{
            f"summary by {by}": ds.summarize(by)._repr_html_()
            for by in ("academy", "region", "academic_region", "kind", "status")
        },
        "diff": compare(ds, edited(ds, {"02": (Status.IN_PROGRESS, 20)}))._repr_html_(),
        "empty diff": compare(ds, ds)._repr_html_(),
    }


ENGLISH = re.compile(
    r"\b(territor(y|ies)|with an|collèges with|unknown|not reported|status|kind|"
    r"summary|groups?|metropolitan|overseas|no région|none|changed|only in|"
    r"improved|regressed|share|count|before|after|hidden|rows?)\b",
    re.IGNORECASE,
)


def test_every_display_is_in_french(ds):
    english = {
        name: ENGLISH.findall(text_of(markup))
        for name, markup in every_display(ds).items()
    }

    assert {name: [] for name in english} == english


def test_every_display_writes_numbers_the_french_way(ds):
    for name, markup in every_display(ds).items():
        text = text_of(markup)
        # No decimal point, no "%" glued to its number, no thousands unseparated
        # but for years (the edition's title and id) and "ISO 3166-2".
        assert not re.search(r"\d\.\d|\d%|\d \d{3}\b", text), name
        assert not re.search(r"\d{4}", re.sub("2025|2026|3166", "", text)), name
    displays = every_display(ds)
    assert f"4{NNBSP}840 collèges publics ayant un ENT" in text_of(displays["dataset"])
    assert f"88,6{NNBSP}%" in text_of(displays["summary by kind"])
    assert f"4{NNBSP}840 → 4{NNBSP}801 (-39)" in text_of(displays["diff"])


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        (0, {}, "0"),
        (114, {}, "114"),
        (4840, {}, f"4{NNBSP}840"),
        (1234567, {}, f"1{NNBSP}234{NNBSP}567"),
        (88.57, {"decimals": 1}, "88,6"),
        (1234.5, {"decimals": 2}, f"1{NNBSP}234,50"),
        (-38, {"signed": True}, "-38"),
        (1200, {"signed": True}, f"+1{NNBSP}200"),
        (0, {"signed": True}, "+0"),
    ],
)
def test_french_number(value, options, expected):
    assert expected == french_number(value, **options)
