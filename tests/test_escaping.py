"""One escaping rule per output format, fed hostile text through every producer.

- CSV (``to_csv``, ``to_table("csv")``, ``to_datapackage``, ``entdeploy table
  --format csv``): no cell starts a formula, the text reads back, and NUL or a
  lone surrogate is refused with a ``DataError``.
- Markdown (``to_table("markdown")``): one line per row, no markup from the data.
- Text (``to_table("text")``): one line per row, control characters shown escaped.
- HTML and SVG (every ``_repr_html_``, ``to_table("html")``, ``to_svg_map``,
  ``to_html_report``): escaped, or a ``DataError`` naming every field when the
  text holds what XML cannot hold, alike for every producer.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import entdeploy
from entdeploy import Dataset, Source, compare
from entdeploy.cli import main
from entdeploy.exceptions import DataError

from ._svg import SVG
from .strategies import HOSTILE_LABELS, hostile_labels

#: What makes a spreadsheet run a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What XML 1.0 cannot hold: the HTML and SVG producers refuse it.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What a CSV file cannot hold: NUL (Python's csv module) and lone surrogates (UTF-8).
CSV_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


def with_labels(text: str) -> Dataset:
    """The packaged edition with *text* as its title and its first row's labels."""
    ds = entdeploy.load()
    first, *rest = ds.deployments
    row = attrs.evolve(first, source_label=text, source_academy=text)
    return Dataset(attrs.evolve(ds.edition, title=text), (row, *rest))


def hostile(text: str) -> Dataset:
    """The packaged edition with *text* in every text field a producer shows.

    The edition's metadata and sources; the first territory's name, ISO code
    and labels; its académie's name and région académique; its région's name
    (for every territory that shares them). Its count rises by one, so that
    comparing with the packaged edition shows it as a change.
    """
    ds = entdeploy.load()
    edition = attrs.evolve(
        ds.edition,
        title=text,
        school_year=text,
        publisher=text,
        sources=(Source(name=text, description=text),),
        description=text,
        statuses_description=text,
        licence=text,
    )
    first = ds.deployments[0]
    academy = attrs.evolve(first.academy, name=text, academic_region=text)
    region = attrs.evolve(first.department.region, name=text)
    rows = []
    for row in ds.deployments:
        department = row.department
        if department.academy.code == academy.code:
            department = attrs.evolve(department, academy=academy)
        if department.region is not None and department.region.code == region.code:
            department = attrs.evolve(department, region=region)
        changed = row
        if row is first:
            department = attrs.evolve(department, name=text, iso_code=text)
            count = first.colleges_with_ent + 1
            changed = attrs.evolve(
                row,
                source_label=text,
                source_academy=text,
                colleges_with_ent=count,
                source_count=str(count),
            )
        rows.append(attrs.evolve(changed, department=department))
    return Dataset(edition, rows)


# -- CSV -------------------------------------------------------------------------


def csv_cells(text: str) -> list[str]:
    """Every cell of the CSV document *text*, after checking none starts a formula."""
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert [] == [c for c in cells if c != "-" and c.startswith(FORMULA_STARTS)]
    return cells


def written(text: str, cells: list[str]) -> bool:
    """Whether *text* is one of *cells*, as is or behind the apostrophe that disarms it."""
    return text in cells or "'" + text in cells


def csv_outputs(dataset: Dataset, folder: Path) -> dict[str, str]:
    """The CSV documents the library writes for *dataset*, by producer."""
    buffer = io.StringIO()
    dataset.to_csv(buffer)
    outputs = {
        "to_csv": buffer.getvalue(),
        "to_table('csv')": dataset.to_table("csv"),
        "to_table('csv', labels='source')": dataset.to_table("csv", labels="source"),
    }
    dataset.to_datapackage(folder)
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            outputs[f"to_datapackage: {path.name}"] = file.read()
    return outputs


CSV_WRITABLE = [text for text in HOSTILE_LABELS if not CSV_FORBIDDEN.search(text)]
CSV_UNWRITABLE = [text for text in HOSTILE_LABELS if CSV_FORBIDDEN.search(text)]


@pytest.mark.parametrize("text", CSV_WRITABLE)
def test_every_csv_producer_disarms_formulas_and_keeps_the_text(text, tmp_path):
    outputs = csv_outputs(hostile(text), tmp_path / "package")

    assert 7 == len(outputs)  # three, and the data package's four tables
    for producer, output in outputs.items():
        assert written(text, csv_cells(output)), producer


@pytest.mark.parametrize("text", CSV_WRITABLE)
def test_to_csv_reads_back_the_same_rows(text):
    dataset = with_labels(text)
    buffer = io.StringIO()
    dataset.to_csv(buffer)

    buffer.seek(0)
    assert dataset.deployments == entdeploy.load_file(buffer).deployments


@pytest.mark.parametrize("text", CSV_WRITABLE)
def test_the_cli_table_in_csv_disarms_formulas(text, tmp_path, capsys):
    path = tmp_path / "edition.csv"
    with_labels(text).to_csv(path)

    status = main(
        ["--file", str(path), "table", "--format", "csv", "--labels", "source"]
    )

    assert 0 == status
    cells = csv_cells(capsys.readouterr().out)
    assert written(text, cells)


@pytest.mark.parametrize("text", CSV_UNWRITABLE)
def test_every_csv_producer_refuses_nul_and_lone_surrogates(text, tmp_path):
    dataset = hostile(text)
    folder = tmp_path / "package"
    producers: dict[str, Callable[[], object]] = {
        "to_csv": lambda: dataset.to_csv(io.StringIO()),
        "to_table('csv')": lambda: dataset.to_table("csv"),
        "to_table('csv', labels='source')": lambda: dataset.to_table(
            "csv", labels="source"
        ),
        "to_datapackage": lambda: dataset.to_datapackage(folder),
    }

    for producer, produce in producers.items():
        with pytest.raises(DataError) as caught:
            produce()
        assert {text} == {p.value for p in caught.value.problems}, producer
        assert all(p.field for p in caught.value.problems), producer
    assert [] == list(folder.glob("*.csv"))


# -- Markdown and aligned text -----------------------------------------------------


def table_lines(table: str) -> list[str]:
    """The lines of *table*, which ends with a line feed and holds no carriage return."""
    assert "\r" not in table
    lines = table.split("\n")
    assert "" == lines.pop()
    return lines


@pytest.mark.parametrize("labels", ["official", "source"])
@pytest.mark.parametrize("text", HOSTILE_LABELS)
def test_markdown_keeps_each_row_on_one_line_with_no_markup(text, labels):
    dataset = hostile(text)

    table = dataset.to_table("markdown", labels=labels)

    lines = table_lines(table)
    assert 2 + len(dataset) == len(lines)
    assert "<" not in table.replace("<br>", "")
    # Four cells: five pipes once escaped characters (\| and \\) are set aside.
    assert {5} == {re.sub(r"\\.", "", line).count("|") for line in lines}


@pytest.mark.parametrize("labels", ["official", "source"])
@pytest.mark.parametrize("text", HOSTILE_LABELS)
def test_the_text_table_shows_control_characters_escaped(text, labels):
    dataset = hostile(text)

    table = dataset.to_table("text", labels=labels)

    lines = table_lines(table)
    assert 2 + len(dataset) == len(lines)
    assert 1 == len({len(line) for line in lines})
    assert [] == [c for c in "".join(lines) if unicodedata.category(c) == "Cc"]


# -- HTML and SVG ------------------------------------------------------------------


class _Page(HTMLParser):
    """The tags and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[str] = []
        self.ends: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, _attrs):
        self.starts.append(tag)

    def handle_endtag(self, tag):
        self.ends.append(tag)

    def handle_data(self, data):
        self.data.append(data)


def html_producers(dataset: Dataset) -> dict[str, Callable[[], str]]:
    """Every HTML producer that shows the text :func:`hostile` put in *dataset*."""
    reference = entdeploy.load()
    first = dataset.deployments[0]
    rest = Dataset(reference.edition, reference.deployments[1:])
    return {
        "Dataset._repr_html_": dataset._repr_html_,
        "Deployment._repr_html_": first._repr_html_,
        "Department._repr_html_": first.department._repr_html_,
        "Academy._repr_html_": first.academy._repr_html_,
        **{
            f"Summary by {by}": dataset.summarize(by)._repr_html_
            for by in ("academy", "region", "academic_region")
        },
        "EditionDiff._repr_html_ (a change)": compare(reference, dataset)._repr_html_,
        "EditionDiff._repr_html_ (only in old)": compare(dataset, rest)._repr_html_,
        "EditionDiff._repr_html_ (only in new)": compare(rest, dataset)._repr_html_,
        "to_table('html')": lambda: dataset.to_table("html"),
        "to_table('html', labels='source')": lambda: dataset.to_table(
            "html", labels="source"
        ),
        "to_html_report": dataset.to_html_report,
    }


def assert_escaped(html: str, text: str) -> None:
    """Check that *text* is in *html* as text, adding no element and ending none."""
    assert "<img" not in html
    page = _Page()
    page.feed(html)
    page.close()
    assert "img" not in page.starts
    assert page.starts.count("td") == page.ends.count("td")
    assert text in "".join(page.data)


def assert_refused(produce: Callable[[], object], text: str) -> None:
    with pytest.raises(DataError) as caught:
        produce()
    assert {text} == {p.value for p in caught.value.problems}
    assert all(p.field for p in caught.value.problems)


XML_WRITABLE = [text for text in HOSTILE_LABELS if not XML_FORBIDDEN.search(text)]
XML_UNWRITABLE = [text for text in HOSTILE_LABELS if XML_FORBIDDEN.search(text)]


#: The producers :func:`html_producers` returns, by name.
HTML_PRODUCERS = list(html_producers(hostile("x")))


@pytest.mark.parametrize("producer", HTML_PRODUCERS)
@pytest.mark.parametrize("text", XML_WRITABLE)
def test_every_html_producer_escapes_the_text(text, producer):
    assert_escaped(html_producers(hostile(text))[producer](), text)


@pytest.mark.parametrize("producer", HTML_PRODUCERS)
@pytest.mark.parametrize("text", XML_UNWRITABLE)
def test_every_html_producer_refuses_what_xml_cannot_hold_alike(text, producer):
    assert_refused(html_producers(hostile(text))[producer], text)


def fields(produce: Callable[[], object]) -> list[str | None]:
    """The fields the DataError that *produce* raises names."""
    with pytest.raises(DataError) as caught:
        produce()
    return [problem.field for problem in caught.value.problems]


def test_the_displays_name_the_fields_at_fault(ds):
    dataset = hostile("Ain\x1b")
    first = dataset.deployments[0]
    lyon = [i for i, row in enumerate(ds) if row.academy.code == first.academy.code]

    assert [
        "edition.title",
        "deployments[0].department.name",
        *(f"deployments[{i}].department.academy.name" for i in lyon),
    ] == fields(dataset._repr_html_)
    in_department = ["name", "iso_code", "region.name", "academy.name"]
    assert in_department == fields(first.department._repr_html_)
    assert [f"department.{f}" for f in in_department] == fields(first._repr_html_)
    assert ["name", "academic_region"] == fields(first.academy._repr_html_)
    summary = Dataset(dataset.edition, [first]).summarize("academy")
    assert ["rows[0].key"] == fields(summary._repr_html_)
    assert ["changes[0].name"] == fields(compare(ds, dataset)._repr_html_)


@pytest.mark.parametrize("text", HOSTILE_LABELS)
def test_the_map_is_well_formed_xml_or_refused(text):
    dataset = hostile(text)

    if XML_FORBIDDEN.search(text):
        assert_refused(dataset.to_svg_map, text)
        return
    root = ET.fromstring(dataset.to_svg_map().svg)  # noqa: S314 - our own output

    # XML reads a carriage return, alone or before a line feed, as a line feed.
    shown = text.replace("\r\n", "\n").replace("\r", "\n")
    assert shown == root.find(f"{SVG}title").text
    assert [] == list(root.iter(f"{SVG}script"))
    assert [] == list(root.iter("img"))


# -- Any label, every table format -----------------------------------------------


@settings(max_examples=60, deadline=None)
@given(hostile_labels)
def test_any_label_is_escaped_by_every_format_or_refused_by_its_rule(text):
    dataset = hostile(text)

    if CSV_FORBIDDEN.search(text):
        with pytest.raises(DataError):
            dataset.to_table("csv", labels="source")
    else:
        assert written(text, csv_cells(dataset.to_table("csv", labels="source")))
    markdown = dataset.to_table("markdown", labels="source")
    assert 2 + len(dataset) == len(table_lines(markdown))
    assert "<" not in markdown.replace("<br>", "")
    assert 2 + len(dataset) == len(table_lines(dataset.to_table("text")))
    for producer in ("Dataset._repr_html_", "to_table('html', labels='source')"):
        produce = html_producers(dataset)[producer]
        if XML_FORBIDDEN.search(text):
            assert_refused(produce, text)
        else:
            assert_escaped(produce(), text)
