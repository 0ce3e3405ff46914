"""Build the packaged denominator of coverage: public collèges per territory.

    python tools/build_public_colleges.py ESTABLISHMENTS.csv
    python tools/build_public_colleges.py --check FOLDER

The input is the Ministry's open data set « Adresse et géolocalisation des
établissements d'enseignement du premier et second degrés » restricted to
collèges (``;``-separated, UTF-8 with a BOM); the package does not ship it. The
first form writes ``src/entdeploy/data/public_colleges.csv`` and its metadata
``public_colleges.json``. ``--check FOLDER`` reads ``FOLDER/etablissements-colleges-
rentree-2024.csv``, checks its sha256 against the metadata, and exits 1 unless
the counts it gives equal both the packaged files and the cross-check table
``FOLDER/public_colleges_by_territory.csv``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from collections import Counter
from pathlib import Path

import entdeploy
from entdeploy._schema import PUBLIC_COLLEGES, PUBLIC_COLLEGES_METADATA

OUTPUT = Path(__file__).parent.parent / "src" / "entdeploy" / "data"
INPUT_NAME = "etablissements-colleges-rentree-2024.csv"
CROSS_CHECK_NAME = "public_colleges_by_territory.csv"

#: The establishments counted: each column's accepted values.
FILTER = {
    "secteur_public_prive_libe": {"Public"},
    "code_ministere": {"06"},  # Éducation nationale: drops the Légion d'honneur school
    "etat_etablissement_libe": {"OUVERT"},
    "nature_uai": {"340", "350", "352"},  # collège, climatique, spécialisé
}
UNRELIABLE = {
    "987": "unreliable: the establishments file lists 26 public collèges in "
    "Polynésie française, where the publication counts 46 with an ENT; the file "
    "is incomplete there, so no share is computed",
}
METADATA = {
    "id": "rentree-2024",
    "title": "Public collèges per territory, rentrée 2024",
    "snapshot_date": "2024-11-20",
    "dataset_id": "fr-en-adresse-et-geolocalisation-etablissements-premier-et-second-degre",
    "source": "Ministère de l'Éducation nationale, « Adresse et géolocalisation des "
    "établissements d'enseignement du premier et second degrés », "
    "https://data.education.gouv.fr, collèges only (natures 340, 350, 352), as "
    "extracted on 2024-11-20 (public copy: github.com/Cat-Miaou/Vyz @18193dc)",
    "licence": "Licence Ouverte v2.0 (Etalab)",
    "filter": "secteur_public_prive_libe = Public, code_ministere = 06, "
    "etat_etablissement_libe = OUVERT, nature_uai in 340, 350, 352; "
    "code_departement without the leading zero of metropolitan codes",
}


def count(data: bytes, codes: list[str]) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Return the public collèges of each of *codes*, and opening dates by code.

    The dates are those of the public collèges not open yet (``A OUVRIR``).
    """
    counted: Counter[str] = Counter()
    opening: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"):
        code = row["code_departement"].removeprefix("0")
        if all(row[column] in accepted for column, accepted in FILTER.items()):
            counted[code] += 1
        elif row["etat_etablissement_libe"] == "A OUVRIR" and all(
            row[column] in FILTER[column]
            for column in ("secteur_public_prive_libe", "nature_uai")
        ):
            opening.setdefault(code, []).append(row["date_ouverture"])
    return {code: counted[code] for code in codes}, opening


def files_of(data: bytes) -> dict[str, str]:
    """Return the packaged files built from the establishments file *data*."""
    codes = sorted(d.code for d in entdeploy.load())
    counts, opening = count(data, codes)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(PUBLIC_COLLEGES.header)
    writer.writerows(counts.items())
    notes = {
        code: f"not counted: {len(dates)} public collège{'s' * (len(dates) > 1)} "
        f"listed as opening (A OUVRIR) on {', '.join(sorted(dates))}"
        for code, dates in opening.items()
        if code in counts
    }
    notes.update(UNRELIABLE)
    metadata = {
        **METADATA,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "row_count": len(counts),
        "files": {
            PUBLIC_COLLEGES.file: hashlib.sha256(text.getvalue().encode()).hexdigest()
        },
        "notes": dict(sorted(notes.items())),
        "unreliable": sorted(UNRELIABLE),
    }
    return {
        PUBLIC_COLLEGES.file: text.getvalue(),
        PUBLIC_COLLEGES_METADATA: json.dumps(metadata, ensure_ascii=False, indent=2)
        + "\n",
    }


def check(folder: Path) -> int:
    """Compare the packaged files and the cross-check table with *folder*'s input."""
    data = (folder / INPUT_NAME).read_bytes()
    built = files_of(data)
    problems = [
        f"{name} differs from what {INPUT_NAME} gives: rebuild it"
        for name, text in built.items()
        if (OUTPUT / name).read_text(encoding="utf-8") != text
    ]
    with (folder / CROSS_CHECK_NAME).open(encoding="utf-8", newline="") as file:
        expected = {r["code"]: r["public_colleges"] for r in csv.DictReader(file)}
    rows = csv.DictReader(io.StringIO(built[PUBLIC_COLLEGES.file]))
    actual = {r["code"]: r["public_colleges"] for r in rows}
    problems.extend(
        f"{code}: {actual.get(code)} here, {expected.get(code)} in {CROSS_CHECK_NAME}"
        for code in sorted(set(expected) | set(actual))
        if expected.get(code) != actual.get(code)
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len(actual)} territories agree with {CROSS_CHECK_NAME}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Build the packaged files, or check them (``--check``); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", help="the establishments file, or with --check the folder"
    )
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        return check(Path(args.path))
    for name, text in files_of(Path(args.path).read_bytes()).items():
        (OUTPUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
