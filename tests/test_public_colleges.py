"""The packaged denominator: public collèges per territory, a reference of its own."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import threading
from pathlib import Path

import pytest

import entdeploy
from entdeploy import PublicCollegeCount, PublicColleges, make_converter
from entdeploy._read import packaged as _load
from entdeploy.exceptions import DataError

from .conftest import PACKAGED_DATA

ROOT = Path(__file__).parent.parent


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    for name in ("public_colleges.csv", "public_colleges.json"):
        shutil.copy(PACKAGED_DATA / name, tmp_path / name)
    return tmp_path


def metadata_of(folder: Path) -> dict[str, object]:
    return json.loads((folder / "public_colleges.json").read_text(encoding="utf-8"))


def write_metadata(folder: Path, metadata: dict[str, object]) -> None:
    (folder / "public_colleges.json").write_text(json.dumps(metadata), encoding="utf-8")


def rehash(folder: Path) -> None:
    metadata = metadata_of(folder)
    digest = hashlib.sha256((folder / "public_colleges.csv").read_bytes()).hexdigest()
    metadata["files"] = {"public_colleges.csv": digest}
    write_metadata(folder, metadata)


def problems_of(folder: Path) -> list[tuple[str, str | None, str | None, str]]:
    with pytest.raises(DataError) as caught:
        _load._read_public_colleges(folder)
    return [(p.source, p.field, p.value, p.message) for p in caught.value.problems]


def test_the_reference_has_its_own_vintage_and_provenance():
    reference = entdeploy.load_public_colleges()

    assert (
        "rentree-2024",
        "2024-11-20",
        "fr-en-adresse-et-geolocalisation-etablissements-premier-et-second-degre",
        "Licence Ouverte v2.0 (Etalab)",
    ) == (
        reference.id,
        reference.snapshot_date,
        reference.dataset_id,
        reference.licence,
    )
    assert "22ce1c8d303b8e1a94a11706cef5e8c9cd45475094efb2e6966e57bae808a2c3" == (
        reference.source_sha256
    )
    assert "nature_uai in 340, 350, 352" in reference.filter
    assert reference.id != entdeploy.load().edition.id


def test_it_counts_the_territories_of_the_edition(ds):
    counts = {
        c.code: c.public_colleges for c in entdeploy.load_public_colleges().counts
    }

    assert set(counts) == {d.code for d in ds}
    assert 5380 == sum(n for n in counts.values() if n is not None)
    assert (51, 51, 133, 112) == (
        counts["17"],
        counts["71"],
        counts["77"],
        counts["33"],
    )


def test_polynesie_francaise_has_no_reliable_number_and_says_why():
    (polynesie,) = [
        c for c in entdeploy.load_public_colleges().counts if c.code == "987"
    ]

    assert polynesie.public_colleges is None
    assert polynesie.note is not None
    assert polynesie.note.startswith("unreliable")


def test_it_is_read_once_and_shared_by_threads(monkeypatch):
    monkeypatch.setattr(_load, "_public_colleges", None)
    results: list[PublicColleges] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        results.append(entdeploy.load_public_colleges())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 8 == len(results)
    assert 1 == len({id(result) for result in results})


def test_it_round_trips_through_the_converter():
    reference = entdeploy.load_public_colleges()
    converter = make_converter()

    assert reference == converter.structure(
        converter.unstructure(reference), PublicColleges
    )


def test_the_model_refuses_a_count_that_is_not_an_integer():
    with pytest.raises(
        entdeploy.exceptions.InvalidArgumentError, match="public_colleges"
    ):
        PublicCollegeCount("01", "52")  # type: ignore[arg-type]


def test_the_edition_folders_do_not_include_it():
    assert ["2025"] == [edition.id for edition in entdeploy.editions()]


# -- Validation at load --------------------------------------------------------------


def test_the_unmodified_copy_loads(reference_copy):
    assert entdeploy.load_public_colleges() == _load._read_public_colleges(
        reference_copy
    )


def test_a_changed_count_fails_its_checksum(reference_copy):
    path = reference_copy / "public_colleges.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("01,52", "01,53"))

    ((source, _, _, message),) = problems_of(reference_copy)

    assert "public_colleges.csv" == source
    assert message.startswith("sha256 is ")


@pytest.mark.parametrize("cell", ["", "-", "x", "-1", "10001"])
def test_a_count_that_is_not_a_number_of_colleges_is_refused(reference_copy, cell):
    path = reference_copy / "public_colleges.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("01,52", f"01,{cell}"))
    rehash(reference_copy)

    ((_, field, value, message),) = problems_of(reference_copy)

    assert ("public_colleges", cell) == (field, value)
    assert "a number of collèges, 0 to 10,000" == message


def test_a_duplicated_territory_is_refused(reference_copy):
    path = reference_copy / "public_colleges.csv"
    path.write_text(path.read_text(encoding="utf-8") + "01,52\n")
    rehash(reference_copy)

    found = problems_of(reference_copy)

    assert ("code", "01", "duplicate code (first on line 2)") in [f[1:] for f in found]


def test_a_note_about_an_unknown_territory_is_refused(reference_copy):
    metadata = metadata_of(reference_copy)
    metadata["unreliable"] = ["987", "999"]
    write_metadata(reference_copy, metadata)

    ((_, field, value, message),) = problems_of(reference_copy)

    assert ("notes", "999", "not a code in the counts") == (field, value, message)


@pytest.mark.parametrize(
    ("key", "value"),
    [("licence", ""), ("title", None), ("notes", ["987"]), ("unreliable", "987")],
)
def test_metadata_of_the_wrong_type_is_refused(reference_copy, key, value):
    metadata = metadata_of(reference_copy)
    metadata[key] = value
    write_metadata(reference_copy, metadata)

    ((_, field, _, _),) = problems_of(reference_copy)

    assert key == field


def test_a_missing_or_unknown_key_is_refused(reference_copy):
    metadata = metadata_of(reference_copy)
    del metadata["licence"]
    metadata["licence_url"] = "https://example.org"
    write_metadata(reference_copy, metadata)

    ((_, _, value, message),) = problems_of(reference_copy)

    assert "licence_url" in (value or "")
    assert message.startswith("exactly the keys ")


def test_a_row_count_that_differs_is_refused(reference_copy):
    metadata = metadata_of(reference_copy)
    metadata["row_count"] = 104
    write_metadata(reference_copy, metadata)

    ((_, field, value, message),) = problems_of(reference_copy)

    assert ("row_count", "104", "105 rows in public_colleges.csv") == (
        field,
        value,
        message,
    )


# -- The build script ------------------------------------------------------------------


def build_tool():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_public_colleges  # noqa: PLC0415 - a script, not a module of the package
    finally:
        sys.path.pop(0)
    return build_public_colleges


def test_the_script_counts_with_the_documented_filter():
    tool = build_tool()
    header = (
        "numero_uai;secteur_public_prive_libe;code_ministere;etat_etablissement_libe;"
        "nature_uai;code_departement;date_ouverture\n"
    )
    rows = [
        "1;Public;06;OUVERT;340;001;2000-01-01",  # counted
        "2;Public;06;OUVERT;352;001;2000-01-01",  # counted: collège spécialisé
        "3;Privé;06;OUVERT;340;001;2000-01-01",  # private
        "4;Public;90;OUVERT;340;001;2000-01-01",  # another ministry
        "5;Public;06;A OUVRIR;340;001;2025-09-01",  # not open yet: a note
        "6;Public;06;OUVERT;300;001;2000-01-01",  # a lycée
        "7;Public;06;OUVERT;340;02A;2000-01-01",
        "8;Public;06;OUVERT;340;978;2000-01-01",  # not a territory asked for
    ]
    data = ("\ufeff" + header + "\n".join(rows) + "\n").encode()

    counts, opening = tool.count(data, ["01", "2A", "56"])

    assert {"01": 2, "2A": 1, "56": 0} == counts
    assert {"01": ["2025-09-01"]} == opening
