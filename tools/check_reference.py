"""Check the packaged data against the project's reference list, by hand.

    python tools/check_reference.py ../shared/reference/territories.csv

Prints every disagreement on INSEE code and name, ISO 3166-2 code, région,
académie code and name, and région académique; exits 1 if there is any.
The package's own tests never read this reference: users do not have it.
"""

from __future__ import annotations

import csv
import sys

import entdeploy


def main(reference_path: str) -> int:
    """Compare the packaged edition with *reference_path*; return the exit status."""
    with open(reference_path, encoding="utf-8", newline="") as file:  # noqa: PTH123
        reference = list(csv.DictReader(file))
    dataset = entdeploy.load()
    rows = {(d.source_label, d.source_academy): d for d in dataset}
    disagreements = 0
    for expected in reference:
        deployment = rows.pop((expected["seed_label"], expected["seed_academy"]), None)
        if deployment is None:
            print(f"missing row: {expected['seed_label']}")
            disagreements += 1
            continue
        department = deployment.department
        region = department.region
        actual = {
            "insee_code": department.code,
            "insee_name": department.name,
            "iso_3166_2": department.iso_code,
            "region_code": region.code if region else "",
            "region_name": region.name if region else "",
            "academy_code": department.academy.code,
            "academy_name": department.academy.name,
            "academic_region": department.academy.academic_region or "",
        }
        for column, value in actual.items():
            if value != expected[column]:
                print(
                    f"{expected['seed_label']}: {column} is {value!r}, reference says {expected[column]!r}"
                )
                disagreements += 1
    for label, _ in rows:
        print(f"row not in the reference: {label}")
        disagreements += 1
    print(f"{len(reference)} reference rows checked, {disagreements} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
