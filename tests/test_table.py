"""Dataset.to_table: the publication's table in four formats and two orders."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import attrs
import pytest

import entdeploy
from entdeploy._render.table import french_sort_key
from entdeploy.exceptions import DataError, EntdeployError, InvalidArgumentError

from .conftest import TESTS_DATA

HEADER = [
    "Département",
    "Académie",
    "Etat du déploiement",
    "Nombre de collèges publics ayant un ENT",
]
COLLECTIVITIES = [
    "Polynésie française",
    "Nouvelle-Calédonie",
    "Wallis-et-Futuna",
    "Saint-Pierre-et-Miquelon",
]


def source_table() -> list[list[str]]:
    text = (TESTS_DATA / "source_table.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def text_rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    assert set(lines[1]) == {"-", " "}  # the rule under the headings
    return [re.split(r"\s{2,}", line.strip()) for line in [lines[0], *lines[2:]]]


def test_source_order_and_labels_reproduce_the_source_table_exactly(ds):
    expected = source_table()

    actual = text_rows(ds.to_table("text", order="source", labels="source"))

    assert 106 == len(expected)
    assert expected == actual


def test_csv_with_source_order_and_labels_is_the_source_table(ds):
    actual = list(
        csv.reader(io.StringIO(ds.to_table("csv", order="source", labels="source")))
    )

    assert source_table() == actual


def test_the_text_table_aligns_its_columns(ds):
    lines = ds.to_table("text").splitlines()

    assert 1 == len({len(line) for line in lines})
    assert lines[2].startswith("Ain  ")
    assert lines[2].endswith(" 51")


def test_alphabetical_order_puts_departements_first_then_the_collectivities(ds):
    rows = list(csv.reader(io.StringIO(ds.to_table("csv"))))[1:]
    names = [row[0] for row in rows]

    assert COLLECTIVITIES == names[-4:]
    departements = names[:-4]
    assert 101 == len(departements)
    assert sorted(departements, key=french_sort_key) == departements


def test_alphabetical_order_differs_from_the_source_where_the_source_is_not_sorted(ds):
    names = [row[0] for row in csv.reader(io.StringIO(ds.to_table("csv")))][1:]

    # The source puts Haute-Savoie before Haute-Corse, Seine-Maritime before
    # Seine-et-Marne; French order ignores hyphens and spaces.
    assert names.index("Haute-Corse") < names.index("Haute-Savoie")
    assert (
        names.index("Haute-Saône")
        < names.index("Haute-Savoie")
        < names.index("Hautes-Pyrénées")
    )
    assert names.index("Seine-et-Marne") < names.index("Seine-Maritime")
    assert names.index("Loiret") < names.index("Loir-et-Cher")
    assert names.index("Val-de-Marne") < names.index("Val-d'Oise")
    # Letter by letter, "landes" < "lareunion"; the source has La Réunion first.
    assert names.index("Jura") < names.index("Landes") < names.index("La Réunion")
    assert names.index("Tarn-et-Garonne") < names.index("Territoire de Belfort")


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("Ardèche", "Ardennes"),  # accents ignored: "ardeche" < "ardennes"
        ("Corrèze", "Corse-du-Sud"),
        ("Côte-d'Or", "Côtes-d'Armor"),
        ("Eure", "Eure-et-Loir"),
        ("Loiret", "Loir-et-Cher"),  # hyphens ignored: "loiret" < "loiretcher"
        ("Val-de-Marne", "Val-d'Oise"),  # apostrophes ignored: "valdem" < "valdo"
        ("hérault", "Ille-et-Vilaine"),  # case ignored
    ],
)
def test_french_sort_key_ignores_accents_case_hyphens_and_apostrophes(earlier, later):
    assert french_sort_key(earlier) < french_sort_key(later)


def test_official_labels_show_the_official_names_and_counts(ds):
    rows = {row[0]: row for row in csv.reader(io.StringIO(ds.to_table("csv")))}

    assert ["Lot", "Toulouse", "Déploiement massif", "19"] == rows["Lot"]
    assert ["Cher", "Orléans-Tours", "Déploiement massif", "27"] == rows["Cher"]
    assert ["Corrèze", "Limoges", "Pas de projet ENT ou inconnu", "-"] == rows[
        "Corrèze"
    ]
    assert "Département du Lot" not in rows


def test_markdown_table(ds):
    lines = ds.to_table().splitlines()

    assert "| " + " | ".join(HEADER) + " |" == lines[0]
    assert "| --- | --- | --- | ---: |" == lines[1]
    assert "| Ain | Lyon | Déploiement massif | 51 |" == lines[2]
    assert 107 == len(lines)


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.caption = ""
        self.header: list[tuple[dict, str]] = []
        self.rows: list[dict] = []
        self.cells: list[tuple[str, dict, str]] = []
        self.current: tuple[str, dict] | None = None
        self.text = ""
        self.unbalanced = False

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        attributes = dict(attrs)
        if tag == "tr" and "tbody" in self.stack:
            self.rows.append({"attrs": attributes, "cells": []})
        if tag in {"td", "th", "caption"}:
            self.current = (tag, attributes)
            self.text = ""

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced = True
        if tag == "caption":
            self.caption = self.text
        elif tag in {"td", "th"} and self.current:
            if "thead" in self.stack:
                self.header.append((self.current[1], self.text))
            else:
                self.rows[-1]["cells"].append((tag, self.current[1], self.text))
            self.current = None

    def handle_data(self, data):
        self.text += data


def parse_table(html: str) -> _TableParser:
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    assert not parser.unbalanced
    assert [] == parser.stack
    return parser


def test_html_table_is_accessible(ds):
    table = parse_table(ds.to_table("html"))

    assert ds.edition.title == table.caption
    assert [({"scope": "col"}, heading) for heading in HEADER] == table.header
    assert 105 == len(table.rows)
    first = table.rows[0]
    assert {"data-code": "01", "data-status": "massive"} == first["attrs"]
    assert [
        ("th", {"scope": "row"}, "Ain"),
        ("td", {}, "Lyon"),
        ("td", {"class": "status-massive"}, "Déploiement massif"),
        ("td", {"class": "count"}, "51"),
    ] == first["cells"]


def test_html_table_in_source_order_has_the_source_cells(ds):
    table = parse_table(ds.to_table("html", order="source", labels="source"))

    assert source_table()[1:] == [[c[2] for c in row["cells"]] for row in table.rows]


def evil(ds) -> entdeploy.Dataset:
    first = ds.deployments[0]
    department = attrs.evolve(first.department, name='<b>Ain</b> & "co" | x')
    deployment = attrs.evolve(
        first, department=department, source_label="<script>alert(1)</script>"
    )
    return entdeploy.Dataset(ds.edition, (deployment, *ds.deployments[1:]))


def test_html_escapes_every_value(ds):
    dataset = evil(ds)

    html = dataset.to_table("html")
    source_html = dataset.to_table("html", labels="source")

    assert "<b>" not in html
    assert "&lt;b&gt;Ain&lt;/b&gt; &amp; &quot;co&quot; | x" in html
    assert "<script>" not in source_html
    assert '<b>Ain</b> & "co" | x' in [
        row["cells"][0][2] for row in parse_table(html).rows
    ]


def test_html_refuses_shown_text_xml_cannot_hold_other_formats_write_it(ds):
    first, *rest = ds.deployments
    dataset = entdeploy.Dataset(
        ds.edition, (attrs.evolve(first, source_academy="Lyon\x1b"), *rest)
    )

    with pytest.raises(DataError) as caught:
        dataset.to_table("html", labels="source")

    (problem,) = caught.value.problems
    assert ("deployments[0].source_academy", "Lyon\x1b") == (
        problem.field,
        problem.value,
    )
    assert dataset.to_table("html") == ds.to_table("html")  # labels not shown
    for table_format in ("markdown", "csv"):
        assert "Lyon\x1b" in dataset.to_table(table_format, labels="source")
    # The aligned text is for a terminal: it shows the control character escaped.
    assert "Lyon\\x1b" in dataset.to_table("text", labels="source")


def test_markdown_escapes_pipes_and_markup(ds):
    lines = evil(ds).to_table("markdown").splitlines()

    # Raw HTML would run in a CommonMark renderer: it is written as entities.
    assert (
        "| &lt;b&gt;Ain&lt;/b&gt; &amp; &quot;co&quot; \\| x | Lyon | "
        "Déploiement massif | 51 |"
    ) in lines


def test_csv_quotes_what_needs_quoting(ds):
    rows = list(csv.reader(io.StringIO(evil(ds).to_table("csv"))))

    assert '<b>Ain</b> & "co" | x' in [row[0] for row in rows]


def test_output_is_deterministic(ds):
    for fmt in ("markdown", "html", "text", "csv"):
        assert ds.to_table(fmt) == entdeploy.load().to_table(fmt)


def test_a_filtered_dataset_gives_a_smaller_table(ds):
    subset = entdeploy.Dataset(ds.edition, ds.deployments[:3])

    assert 5 == len(subset.to_table("text").splitlines())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"format": "xml"},
            "format='xml' is not accepted; expected one of 'markdown', 'html', 'text', 'csv'",
        ),
        (
            {"order": "alpha"},
            "order='alpha' is not accepted; expected one of 'alphabetical', 'source'",
        ),
        (
            {"labels": "French"},
            "labels='French' is not accepted; expected one of 'official', 'source'",
        ),
        ({"format": None}, "format=None is not accepted"),
    ],
)
def test_an_unknown_option_is_a_clear_error(ds, kwargs, message):
    with pytest.raises(InvalidArgumentError) as info:
        ds.to_table(**kwargs)

    assert str(info.value).startswith(message)
    assert isinstance(info.value, EntdeployError)
    assert isinstance(info.value, ValueError)
