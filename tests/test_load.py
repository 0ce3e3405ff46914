"""The packaged edition: its rows, its metadata and how it is loaded."""

from __future__ import annotations

import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import entdeploy
from entdeploy._read import packaged as _load
from entdeploy.exceptions import (
    DataError,
    EntdeployError,
    InvalidArgumentError,
    UnknownEditionError,
)

from .conftest import TESTS_DATA


def source_rows() -> list[list[str]]:
    """The publication's table, from a verbatim copy kept with the tests."""
    lines = (TESTS_DATA / "source_table.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "Département",
        "Académie",
        "Etat du déploiement",
        "Nombre de collèges publics ayant un ENT",
    ]
    return [line.split("\t") for line in lines[1:]]


def test_every_row_equals_the_source_table(ds):
    expected = source_rows()
    actual = [
        [d.source_label, d.source_academy, d.source_status, d.source_count] for d in ds
    ]

    assert expected == actual


def test_counts_match_the_verbatim_cells(ds):
    for deployment in ds:
        if deployment.source_count == "-":
            assert deployment.colleges_with_ent is None
        else:
            assert int(deployment.source_count) == deployment.colleges_with_ent


def test_status_matches_the_verbatim_label(ds):
    for deployment in ds:
        assert deployment.source_status == deployment.status.label


def test_national_figures(ds):
    statuses = [d.status for d in ds]

    assert 105 == len(ds)
    assert 93 == statuses.count(entdeploy.Status.MASSIVE)
    assert 7 == statuses.count(entdeploy.Status.IN_PROGRESS)
    assert 5 == statuses.count(entdeploy.Status.NONE_OR_UNKNOWN)
    assert 4840 == sum(d.colleges_with_ent or 0 for d in ds)


@pytest.mark.parametrize(
    ("label", "code", "iso", "region", "academy"),
    [
        ("Ain", "01", "FR-01", "84", "10"),
        ("Corse-du-Sud", "2A", "FR-2A", "94", "27"),
        ("Haute-Corse", "2B", "FR-2B", "94", "27"),
        ("Paris", "75", "FR-75C", "11", "01"),
        ("Département du Lot", "46", "FR-46", "76", "16"),
        ("Cher", "18", "FR-18", "24", "18"),
        ("Calvados", "14", "FR-14", "28", "70"),
        ("La Réunion", "974", "FR-974", "04", "28"),
        ("Mayotte", "976", "FR-976", "06", "43"),
        ("Polynésie Française", "987", "FR-PF", None, "41"),
        ("Nouvelle-Calédonie", "988", "FR-NC", None, "40"),
        ("Wallis-et-Futuna", "986", "FR-WF", None, "42"),
        ("Saint-Pierre-et-Miquelon", "975", "FR-PM", None, "44"),
    ],
)
def test_official_identifiers(ds, label, code, iso, region, academy):
    (deployment,) = [d for d in ds if d.source_label == label]
    department = deployment.department

    assert code == department.code
    assert iso == department.iso_code
    assert region == (department.region.code if department.region else None)
    assert academy == department.academy.code


def test_kinds_and_reference_sizes(ds):
    kinds = [d.department.kind for d in ds]

    assert 96 == kinds.count(entdeploy.TerritoryKind.METROPOLITAN_DEPARTMENT)
    assert 5 == kinds.count(entdeploy.TerritoryKind.OVERSEAS_DEPARTMENT)
    assert 4 == kinds.count(entdeploy.TerritoryKind.OVERSEAS_COLLECTIVITY)
    assert 34 == len(ds.academies)
    assert 105 == len(ds.departments)
    assert 18 == len({d.region for d in ds.departments if d.region is not None})
    assert [d.code for d in ds.departments if d.is_overseas] == [
        "971",
        "973",
        "974",
        "972",
        "976",
        "987",
        "988",
        "986",
        "975",
    ]


def test_source_labels_differ_from_official_names_only_where_documented(ds):
    departments = {(d.source_label, d.name) for d in ds if d.source_label != d.name}
    academies = {
        (d.source_academy, d.academy.name)
        for d in ds
        if d.source_academy != d.academy.name
    }

    assert {
        ("Département du Lot", "Lot"),
        ("Polynésie Française", "Polynésie française"),
    } == departments
    assert {
        ("Orleans-tours", "Orléans-Tours"),
        ("Vice-rectorat Mayotte", "Mayotte"),
        ("Vice-rectorat Nouvelle-Calédonie", "Nouvelle-Calédonie"),
        ("St pierre et Miquelon", "Saint-Pierre-et-Miquelon"),
        ("Wallis et Futuna", "Wallis-et-Futuna"),
    } == academies


def test_edition_metadata(ds):
    edition = ds.edition

    assert "2025" == edition.id
    assert "ENT collèges : état du déploiement – Rentrée scolaire 2025" == edition.title
    assert "2025-2026" == edition.school_year
    assert ("DNMA", "data.education.gouv.fr") == tuple(s.name for s in edition.sources)
    assert edition.licence is None
    assert "no licence" in (edition.licence_note or "")
    for status in entdeploy.Status:
        assert status.label.lower() in (edition.statuses_description or "").lower()


def test_editions_lists_metadata(ds):
    assert (ds.edition,) == entdeploy.editions()


def test_load_returns_the_same_object_and_defaults_to_the_latest(ds):
    assert ds is entdeploy.load()
    assert ds is entdeploy.load("2025")


def test_unknown_edition_names_the_known_ones():
    with pytest.raises(UnknownEditionError) as info:
        entdeploy.load("1999")

    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, EntdeployError)
    assert "no packaged edition '1999'; known editions: '2025'" == str(info.value)


def test_edition_must_be_a_string():
    with pytest.raises(TypeError) as info:
        entdeploy.load(2025)  # type: ignore[arg-type]

    assert isinstance(info.value, InvalidArgumentError)
    assert (
        "edition=2025 is not accepted; expected a str such as '2025', or None"
        == str(info.value)
    )


def test_the_edition_folders_are_listed_once_per_process(monkeypatch):
    entdeploy.load()
    listings = []
    data_dir = _load._data_dir

    def counting_data_dir():
        listings.append(1)
        return data_dir()

    monkeypatch.setattr(_load, "_data_dir", counting_data_dir)
    monkeypatch.setattr(_load, "_dirs", None)
    monkeypatch.setattr(_load, "_datasets", {})
    monkeypatch.setattr(_load, "_editions", {})

    first = entdeploy.load()
    editions = entdeploy.editions()

    assert first is entdeploy.load("2025")
    assert editions == entdeploy.editions()
    assert [1] == listings


def test_an_edition_folder_whose_id_differs_is_an_error(monkeypatch, edition_copy):
    # Two folders claiming the same id used to be listed twice by editions().
    folder = edition_copy.rename(edition_copy.parent / "2030")
    monkeypatch.setattr(_load, "_dirs", {"2030": folder})
    monkeypatch.setattr(_load, "_editions", {})

    with pytest.raises(DataError) as info:
        entdeploy.editions()

    (problem,) = info.value.problems
    assert ("2030/edition.json", "id", "2025") == (
        problem.source,
        problem.field,
        problem.value,
    )


def test_concurrent_loads_read_the_data_once(monkeypatch):
    monkeypatch.setattr(_load, "_datasets", {})
    calls = []
    read = _load._read_edition

    def counting_read(folder, name):
        calls.append(name)
        return read(folder, name)

    monkeypatch.setattr(_load, "_read_edition", counting_read)
    results = []
    barrier = threading.Barrier(16)

    def worker():
        barrier.wait()
        results.append(entdeploy.load())

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert ["2025"] == calls
    assert 16 == len(results)
    assert all(result is results[0] for result in results)


def run_python(*args: str) -> str:
    """Run this interpreter with *args* and return what it printed."""
    result = subprocess.run(  # noqa: S603 - runs this interpreter on our own code
        [sys.executable, *args], capture_output=True, text=True, check=True
    )
    return result.stdout


#: Modules ``import entdeploy`` must not import: the optional extras and their
#: dependencies, cattrs (the loader does not need it), and the standard library
#: modules only some features use (fuzzy matching, HTML, XML, the CLI), or that
#: would mean network or process access.
LAZY_MODULES = (
    "pandas",
    "polars",
    "numpy",
    "pyarrow",
    "matplotlib",
    "pygal",
    "pygal_maps_fr",
    "cattrs",
    "importlib.metadata",
    "difflib",
    "html",
    "xml",
    "argparse",
    "logging",
    "sqlite3",
    "subprocess",
    "socket",
    "ssl",
    "http",
    "urllib.request",
)


def test_import_is_light():
    # What the required dependencies import themselves is not entdeploy's doing
    # (attrs imports platform, which imports subprocess on Python 3.10).
    code = (
        "import sys, attrs, importlib.resources\n"
        "baseline = set(sys.modules)\n"
        "import entdeploy\n"
        f"heavy = {list(LAZY_MODULES)!r}\n"
        "print(','.join(m for m in heavy if m in sys.modules and m not in baseline))\n"
    )

    assert "" == run_python("-c", code).strip()


def test_a_first_answer_reads_plain_files_without_pathlib_or_openssl():
    # Installed as plain files, the data is read with open() and hashed by the
    # builtin sha256: importlib.resources, pathlib and hashlib are slow to import.
    slow = ("importlib.resources", "pathlib", "hashlib", "tempfile", "zipfile")
    code = (
        "import sys, entdeploy\n"
        "entdeploy.load()['75']\n"
        f"print(','.join(m for m in {slow!r} if m in sys.modules))\n"
    )

    assert "" == run_python("-c", code).strip()


def test_loads_from_a_zip_archive(tmp_path: Path):
    package = Path(entdeploy.__file__).parent
    archive = tmp_path / "entdeploy.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(package.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                zipped.write(file, Path("entdeploy") / file.relative_to(package))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import entdeploy\n"
        "assert '.zip' in entdeploy.__file__, entdeploy.__file__\n"
        "ds = entdeploy.load()\n"
        "print(len(ds), ds.total_colleges(), [e.id for e in entdeploy.editions()])\n"
    )

    assert "105 4840 ['2025']" == run_python("-c", code, str(archive)).strip()


def test_an_edition_keeps_its_sources_in_a_tuple():
    source = entdeploy.Source("DNMA", "audience data")

    edition = entdeploy.Edition("x", "A title", sources=[source])

    assert (source,) == edition.sources


def test_a_dataset_needs_an_edition():
    with pytest.raises(
        InvalidArgumentError, match="edition='x' is not accepted; expected an Edition"
    ):
        entdeploy.Dataset(edition="x", deployments=[])  # type: ignore[arg-type]
