"""load_file: a user's edition, in the publication's layout or an entdeploy CSV."""

from __future__ import annotations

import io
import os
import threading

import attrs
import pytest
from hypothesis import given

import entdeploy
from entdeploy import Dataset, load_file
from entdeploy.exceptions import DataError, InvalidArgumentError

from .conftest import TESTS_DATA
from .strategies import reference_datasets

SOURCE = TESTS_DATA / "source_table.tsv"
SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
HEADER = SOURCE_TEXT.split("\n", 1)[0]


def problems_of(text: str) -> list[tuple[int | None, str | None, str | None]]:
    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))
    return [(p.line, p.field, p.value) for p in caught.value.problems]


def replace_line(number: int, line: str, text: str = SOURCE_TEXT) -> str:
    lines = text.split("\n")
    lines[number - 1] = line
    return "\n".join(lines)


# -- Reading the publication's table ------------------------------------------


def test_the_publication_table_loads_as_the_packaged_edition(ds):
    loaded = load_file(SOURCE, edition="2025", title=ds.edition.title)

    assert ds.deployments == loaded.deployments
    assert entdeploy.Edition(id="2025", title=ds.edition.title) == loaded.edition


def test_the_edition_id_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "ent-2026.tsv"
    path.write_text(SOURCE_TEXT, encoding="utf-8")

    loaded = load_file(str(path))

    assert "ent-2026" == loaded.edition.id
    assert f"Edition 'ent-2026', read from {path}" == loaded.edition.title


def test_a_text_stream_is_an_edition_named_stream(ds):
    loaded = load_file(io.StringIO(SOURCE_TEXT), title="Mine")

    assert ("stream", "Mine") == (loaded.edition.id, loaded.edition.title)
    assert ds.deployments == loaded.deployments


@pytest.mark.parametrize("delimiter", ["\t", ",", ";"])
def test_tabs_commas_and_semicolons_separate_cells(ds, delimiter):
    text = SOURCE_TEXT.replace("\t", delimiter)

    assert ds.deployments == load_file(io.StringIO(text)).deployments


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252"], ids=["utf8", "bom", "windows"]
)
def test_utf8_with_or_without_bom_and_windows_1252_are_detected(ds, tmp_path, encoding):
    path = tmp_path / "table.csv"
    path.write_bytes(SOURCE_TEXT.replace("\n", "\r\n").encode(encoding))

    assert ds.deployments == load_file(path).deployments
    assert ds.deployments == load_file(io.BytesIO(path.read_bytes())).deployments


def test_the_encoding_can_be_given(ds, tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(SOURCE_TEXT.encode("latin-1"))

    assert ds.deployments == load_file(path, encoding="latin-1").deployments


def test_a_wrong_encoding_is_reported_with_its_line(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(SOURCE_TEXT.encode("cp1252"))

    with pytest.raises(DataError) as caught:
        load_file(path, encoding="utf-8")

    (problem,) = caught.value.problems
    assert 1 == problem.line
    assert "not utf-8; pass encoding=" in problem.message


def test_names_and_codes_are_matched_like_lookups(ds):
    text = replace_line(2, "01\t10\tdéploiement MASSIF\t51")
    text = text.replace("Côte-d'Or\t", "COTE D OR\t")

    loaded = load_file(io.StringIO(text))

    assert ds.deployments[0].department == loaded.deployments[0].department
    assert "01" == loaded.deployments[0].source_label
    assert ds.lookup("21").department == loaded.lookup("21").department
    assert "COTE D OR" == loaded.lookup("21").source_label


def test_statuses_are_read_as_status_parse_reads_them():
    text = SOURCE_TEXT.replace("\tDéploiement massif\t", "\tmassive\t", 1)
    text = text.replace("\tEn cours de déploiement\t", "\tin-progress\t", 1)
    text = text.replace("\tPas de projet ENT ou inconnu\t", "\tnone-or-unknown\t", 1)
    text = text.replace("\tDéploiement massif\t", "\tIN_PROGRESS\t", 1)

    loaded = load_file(io.StringIO(text))

    assert [
        ("massive", entdeploy.Status.MASSIVE),
        ("IN_PROGRESS", entdeploy.Status.IN_PROGRESS),
        ("in-progress", entdeploy.Status.IN_PROGRESS),
        ("none-or-unknown", entdeploy.Status.NONE_OR_UNKNOWN),
    ] == [
        (d.source_status, d.status)
        for d in loaded
        if d.source_status
        in {"massive", "in-progress", "none-or-unknown", "IN_PROGRESS"}
    ]


def test_header_spelling_is_matched_like_names(ds):
    text = SOURCE_TEXT.replace(HEADER, HEADER.upper().replace("ETAT", "ÉTAT"))

    assert ds.deployments == load_file(io.StringIO(text)).deployments


# -- Corrupted tables: every problem, with its line ---------------------------------


def test_a_wrong_header_is_refused():
    text = SOURCE_TEXT.replace("Académie", "Academy")

    assert [(1, None, HEADER.replace("Académie", "Academy"))] == problems_of(text)


def test_a_header_with_no_delimiter_is_refused():
    (problem,) = problems_of("Département Académie\nAin Lyon\n")

    assert (1, None, "Département Académie") == problem


def test_a_header_mixing_delimiters_is_refused():
    header = HEADER.replace("\t", ";", 1)
    with pytest.raises(DataError, match=r"mixes delimiters \(tab and ';'\)"):
        load_file(io.StringIO(SOURCE_TEXT.replace(HEADER, header)))


def test_an_unknown_territory_comes_with_suggestions():
    text = replace_line(3, "Aine\tAmiens\tDéploiement massif\t58")

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    problem, missing = caught.value.problems
    assert (3, "Département", "Aine") == (problem.line, problem.field, problem.value)
    assert ("Aisne (02)", "Ain (01)") == problem.suggestions[:2]
    assert "did you mean 'Aisne (02)' or 'Ain (01)'" in str(caught.value)
    assert "no row names 1 of the 105 territories: Aisne (02)" in missing.message


def test_an_unknown_academy_comes_with_suggestions():
    text = replace_line(2, "Ain\tLyonn\tDéploiement massif\t51")

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    (problem,) = caught.value.problems
    assert (2, "Académie", "Lyonn") == (problem.line, problem.field, problem.value)
    assert ("Lyon (10)",) == problem.suggestions


def test_a_territory_in_the_wrong_academy_is_refused():
    text = replace_line(2, "Ain\tAmiens\tDéploiement massif\t51")

    with pytest.raises(DataError, match=r"Ain belongs to the académie of Lyon \(10\)"):
        load_file(io.StringIO(text))


def test_a_duplicate_row_is_refused():
    lines = SOURCE_TEXT.split("\n")
    text = "\n".join([*lines[:3], lines[1], *lines[3:]])

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    (problem,) = caught.value.problems
    assert (4, "Département", "Ain") == (problem.line, problem.field, problem.value)
    assert "Ain (01) is already on line 2" in problem.message


@pytest.mark.parametrize("count", ["fifty", "-3", "5.0", "", "٥"])
def test_a_bad_count_is_refused(count):
    text = replace_line(2, f"Ain\tLyon\tDéploiement massif\t{count}")

    assert [(2, "Nombre de collèges publics ayant un ENT", count)] == problems_of(text)


def test_a_count_must_agree_with_the_status():
    unknown = next(
        n
        for n, line in enumerate(SOURCE_TEXT.split("\n"), 1)
        if "Pas de projet" in line
    )
    label, academy, status, _ = SOURCE_TEXT.split("\n")[unknown - 1].split("\t")
    text = replace_line(2, "Ain\tLyon\tDéploiement massif\t-")
    text = replace_line(unknown, f"{label}\t{academy}\t{status}\t3", text)

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    assert [
        (2, "no count is given for 'Déploiement massif'; expected an integer"),
        (unknown, "a count is given for 'Pas de projet ENT ou inconnu'; expected none"),
    ] == [(p.line, p.message) for p in caught.value.problems]


def test_a_bad_status_is_refused():
    text = replace_line(2, "Ain\tLyon\tDéploiement géant\t51")

    with pytest.raises(DataError, match="not a state of deployment; expected one of"):
        load_file(io.StringIO(text))
    assert [(2, "Etat du déploiement", "Déploiement géant")] == problems_of(text)


def test_a_row_with_other_delimiters_is_reported_as_mixed():
    text = replace_line(4, "Allier;Clermont-Ferrand;Déploiement massif;37")

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    first, missing = caught.value.problems
    assert 4 == first.line
    assert "separated by ';' but the header by tab: mixed delimiters" in first.message
    assert "no row names 1 of the 105 territories: Allier (03)" in missing.message


def test_a_file_cut_mid_row_is_reported_as_truncated():
    text = SOURCE_TEXT[: SOURCE_TEXT.index("\tDéploiement massif\t51")]

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    cut, missing = caught.value.problems
    assert (2, "Ain\tLyon") == (cut.line, cut.value)
    assert "expected 4 cells" in cut.message
    assert "is the row cut short?" in cut.message
    assert "no row names 105 of the 105 territories" in missing.message


def test_a_file_cut_between_rows_is_reported_as_truncated():
    text = "\n".join(SOURCE_TEXT.split("\n")[:50])

    with pytest.raises(DataError, match="no row names 56 of the 105 territories"):
        load_file(io.StringIO(text))


def test_a_file_cut_inside_a_quote_is_reported_with_its_line():
    text = SOURCE_TEXT.replace("Ardèche\t", '"Ardèche\t')

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    assert 7 == caught.value.problems[0].line
    assert "a quote opened here is never closed" in caught.value.problems[0].message


def test_every_problem_is_reported_at_once():
    text = replace_line(2, "Ain\tLyon\tDéploiement massif\tfifty")
    text = replace_line(3, "Aine\tAmiens\tDéploiement massif\t58", text)
    text = replace_line(4, "Allier\tClermont-Ferrand\tDéploiement géant\t37", text)

    assert [
        (2, "Nombre de collèges publics ayant un ENT", "fifty"),
        (3, "Département", "Aine"),
        (4, "Etat du déploiement", "Déploiement géant"),
        (None, None, None),
    ] == problems_of(text)


def test_blank_lines_are_skipped_and_line_numbers_kept():
    text = SOURCE_TEXT.replace("\nAisne", "\n\n\nAisne")
    text = text.replace(
        "Allier\tClermont-Ferrand\tDéploiement massif\t37",
        "X\tLyon\tDéploiement massif\t1",
    )

    assert (6, "Département", "X") == problems_of(text)[0]


def test_an_empty_file_is_refused():
    with pytest.raises(DataError, match="the file is empty"):
        load_file(io.StringIO("\n\n"))


# -- Limits and arguments -------------------------------------------------------


def test_a_file_larger_than_a_megabyte_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(SOURCE_TEXT.encode() + b" " * 1_000_000)

    with pytest.raises(DataError, match="larger than 1,000,000 bytes"):
        load_file(path)
    with pytest.raises(DataError, match="more than 1,000,000 bytes"):
        load_file(io.BytesIO(path.read_bytes()))
    with pytest.raises(DataError, match="more than 1,000,000 characters"):
        load_file(io.StringIO(path.read_text("utf-8")))


def test_a_device_that_never_ends_is_refused_after_a_megabyte():
    with pytest.raises(DataError, match="larger than 1,000,000 bytes"):
        load_file("/dev/zero")


def test_a_fifo_is_read_as_a_file(ds, tmp_path):
    fifo = tmp_path / "table.tsv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(SOURCE_TEXT, "utf-8"))
    writer.start()
    try:
        loaded = load_file(fifo)
    finally:
        writer.join()

    assert ds.deployments == loaded.deployments


def test_a_table_of_more_than_a_thousand_rows_is_refused():
    text = HEADER + "\n" + "Ain\tLyon\tDéploiement massif\t51\n" * 1001

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    (problem,) = caught.value.problems
    assert problem.message.startswith("the file has more than 1,000 rows")


def test_text_must_go_through_stringio():
    with pytest.raises(InvalidArgumentError, match=r"pass io\.StringIO\(text\)"):
        load_file(SOURCE_TEXT)


def test_a_source_must_be_a_path_or_a_stream():
    with pytest.raises(
        InvalidArgumentError, match=r"expected a path .* or an open stream"
    ):
        load_file(42)  # type: ignore[arg-type]


def test_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_file(tmp_path / "nope.csv")


def test_a_directory_raises_is_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError):
        load_file(tmp_path)


@pytest.mark.parametrize("source", ["", "a\x00b", "\ud800", "\udfff75"])
def test_a_path_no_file_can_have_is_refused(source):
    with pytest.raises(InvalidArgumentError) as caught:
        load_file(source)

    assert ("source", source) == (caught.value.argument, caught.value.value)
    assert "expected a path to a file, or an open stream" in str(caught.value)


def test_a_path_like_that_gives_bytes_is_refused():
    class BytesPath:
        def __fspath__(self) -> bytes:
            return b"table.csv"

    with pytest.raises(InvalidArgumentError, match="expected a path to a file"):
        load_file(BytesPath())  # type: ignore[arg-type]


def test_an_encoding_cannot_be_given_for_a_text_stream():
    with pytest.raises(
        InvalidArgumentError, match="a text stream, which is already decoded"
    ):
        load_file(io.StringIO(SOURCE_TEXT), encoding="cp1252")


def test_an_unknown_encoding_is_refused():
    with pytest.raises(
        InvalidArgumentError, match="encoding='klingon' is not accepted"
    ):
        load_file(SOURCE, encoding="klingon")


@pytest.mark.parametrize(
    "encoding", ["rot13", "hex", "base64", "zlib", "\x00", "utf-8\x00", "\ud800", "", 1]
)
def test_an_encoding_that_is_not_a_text_encoding_is_refused(encoding):
    with pytest.raises(InvalidArgumentError) as caught:
        load_file(io.BytesIO(b"x"), encoding=encoding)  # type: ignore[arg-type]

    assert ("encoding", encoding) == (caught.value.argument, caught.value.value)
    assert "expected the name of a text encoding" in str(caught.value)


def test_an_encoding_that_decodes_nothing_is_a_data_error():
    with pytest.raises(DataError, match="cannot be decoded as undefined"):
        load_file(io.BytesIO(b"x"), encoding="undefined")


def test_edition_and_title_must_be_text():
    with pytest.raises(
        InvalidArgumentError,
        match="edition='  ' is not accepted; expected a non-empty str",
    ):
        load_file(SOURCE, edition="  ")
    with pytest.raises(InvalidArgumentError, match="title=2025 is not accepted"):
        load_file(SOURCE, title=2025)  # type: ignore[arg-type]


@pytest.mark.parametrize("argument", ["edition", "title"])
@pytest.mark.parametrize("value", ["a\x00b", "\x1b[2J", "\ud800", "\uffff"])
def test_edition_and_title_must_be_text_svg_and_html_can_hold(argument, value):
    with pytest.raises(InvalidArgumentError) as caught:
        load_file(SOURCE, **{argument: value})

    assert (argument, value) == (caught.value.argument, caught.value.value)
    assert "SVG and HTML cannot hold" in str(caught.value)


def test_cells_with_control_characters_are_kept_and_refused_only_by_svg_and_html(
    ds,
):
    first = ds.deployments[0]
    dataset = Dataset(ds.edition, [attrs.evolve(first, source_label="Ain\x1b\x07")])

    loaded = load_file(io.StringIO(csv_text(dataset)))

    assert "Ain\x1b\x07" == loaded.deployments[0].source_label
    assert "Ain\x1b\x07" in loaded.to_table("csv", labels="source")
    loaded.to_svg_map()  # the map shows official names, not the source's labels
    with pytest.raises(DataError) as caught:
        loaded.to_table("html", labels="source")
    (problem,) = caught.value.problems
    assert ("deployments[0].source_label", "Ain\x1b\x07") == (
        problem.field,
        problem.value,
    )


def test_to_csv_refuses_a_nul_and_writes_nothing(ds):
    first = ds.deployments[0]
    dataset = Dataset(ds.edition, [attrs.evolve(first, source_label="Ain\x00")])
    buffer = io.StringIO()

    with pytest.raises(DataError) as caught:
        dataset.to_csv(buffer)

    (problem,) = caught.value.problems
    assert ("deployments[0].source_label", "Ain\x00") == (problem.field, problem.value)
    assert "a CSV cell cannot hold a NUL character" == problem.message
    assert "" == buffer.getvalue()


# -- Round trips through entdeploy's own CSV ---------------------------------------


def csv_text(dataset: Dataset) -> str:
    buffer = io.StringIO()
    dataset.to_csv(buffer)
    return buffer.getvalue()


def test_the_packaged_edition_round_trips_through_csv(ds, tmp_path):
    ds.to_csv(tmp_path / "ent.csv")

    assert ds.deployments == load_file(tmp_path / "ent.csv").deployments


@given(reference_datasets())
def test_any_dataset_of_known_territories_round_trips_through_csv(dataset):
    loaded = load_file(io.StringIO(csv_text(dataset)))

    assert dataset.deployments == loaded.deployments


def test_records_json_and_csv_agree(ds):
    through_json = Dataset.from_json(ds.to_json())
    through_csv = load_file(io.StringIO(csv_text(through_json)), edition="2025")

    assert ds.to_records() == through_csv.to_records()


def test_neutralised_cells_are_read_back_as_written(ds):
    first = ds.deployments[0]
    dataset = Dataset(
        ds.edition,
        [attrs.evolve(first, source_label="=1+1", source_academy="'quoted")],
    )

    (row,) = load_file(io.StringIO(csv_text(dataset))).deployments

    assert ("=1+1", "'quoted") == (row.source_label, row.source_academy)


def test_an_export_that_disagrees_with_the_reference_is_refused(ds):
    text = csv_text(ds)
    text = text.replace("01,Ain,FR-01", "01,Aim,FR-01", 1)
    text = text.replace(",massive,Déploiement massif,58,", ",massive,Massive,58,", 1)
    text = text.replace("03,Allier", "3,Allier", 1)
    text = text.replace(",Déploiement massif,37,", ",Déploiement massif,x,", 1)

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    assert [
        (2, "name", "Aim"),
        (3, "status_label", "Massive"),
        (4, "code", "3"),
        (4, "colleges_with_ent", "x"),
    ] == [(p.line, p.field, p.value) for p in caught.value.problems]
    assert "'Allier (03)'" in str(caught.value.problems[2])


def test_an_export_whose_verbatim_cells_contradict_its_values_is_refused(ds):
    text = csv_text(ds)
    # Line 2 is Ain: massive, 51, "Déploiement massif", "51".
    line = text.split("\n")[1]
    text = text.replace(
        line, ",Massif,51".join(line.rsplit(",Déploiement massif,51", 1))
    )
    line3 = text.split("\n")[2]
    fields = line3.rsplit(",", 1)
    text = text.replace(line3, f"{fields[0]},99", 1)

    with pytest.raises(DataError) as caught:
        load_file(io.StringIO(text))

    assert [(2, "source_status", "Massif"), (3, "source_count", "99")] == [
        (p.line, p.field, p.value) for p in caught.value.problems
    ]
    assert "expected a spelling of 'Déploiement massif'" in str(
        caught.value.problems[0]
    )


def test_a_problem_without_suggestions_reads_as_before():
    problem = entdeploy.exceptions.Problem("f.csv", 3, "code", "x", "unknown")

    assert () == problem.suggestions
    assert "f.csv, line 3, field 'code' (value 'x'): unknown" == str(problem)
