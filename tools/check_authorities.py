"""Check the packaged authorities against the project's reference list, by hand.

    python tools/check_authorities.py ../shared/reference/authorities.csv

Prints every territory whose authorities (code, name, kind, in order) differ from
the reference's; exits 1 if there is any. The reference writes kinds in words
("conseil départemental (département d'outre-mer, art. 73 Const.)"); each is
read by the category it starts with. The package's tests never read it.
"""

from __future__ import annotations

import csv
import sys

import entdeploy
from entdeploy import AuthorityKind

#: How the reference's kinds start, for each kind.
KINDS = {
    "conseil départemental": AuthorityKind.DEPARTMENTAL_COUNCIL,
    "collectivité à statut particulier": AuthorityKind.SPECIAL_STATUS,
    "collectivité européenne": AuthorityKind.EUROPEAN_COLLECTIVITY,
    "collectivité territoriale unique": AuthorityKind.SINGLE_COLLECTIVITY,
    "collectivité d'outre-mer": AuthorityKind.OVERSEAS_COLLECTIVITY,
    "collectivité sui generis": AuthorityKind.SUI_GENERIS_COLLECTIVITY,
    "provinces": AuthorityKind.PROVINCES,
    "État": AuthorityKind.STATE,
}


def main(reference_path: str) -> int:
    """Compare the packaged authorities with *reference_path*; return the exit status."""
    expected: dict[str, list[tuple[str | None, str, AuthorityKind]]] = {}
    with open(reference_path, encoding="utf-8", newline="") as file:  # noqa: PTH123
        for row in csv.DictReader(file):
            (kind,) = [
                k for word, k in KINDS.items() if row["authority_kind"].startswith(word)
            ]
            authority = (row["authority_code"] or None, row["authority_name"], kind)
            expected.setdefault(row["territory_code"], []).append(authority)
    actual = {
        d.code: [(a.code, a.name, a.kind) for a in d.department.authorities]
        for d in entdeploy.load()
    }
    differences = sorted(set(expected) | set(actual))
    differences = [
        code for code in differences if expected.get(code) != actual.get(code)
    ]
    for code in differences:
        print(f"{code}: packaged {actual.get(code)}, reference {expected.get(code)}")
    if not differences:
        print(f"{len(actual)} territories agree with {reference_path}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
