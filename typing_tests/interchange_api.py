"""Type-only tests of interchange and editions: run ``mypy --strict typing_tests``.

Nothing here is executed; mypy checks that each call has the type users are
promised (``assert_type``) and that misuse is rejected (``type: ignore`` with
the error code mypy must report; ``warn_unused_ignores`` fails if it does not).
"""

from __future__ import annotations

import io
from pathlib import Path

from typing_extensions import assert_type

import entdeploy
from entdeploy import (
    Dataset,
    DiffSummary,
    EditionDiff,
    Status,
    TerritoryChange,
)
from entdeploy.exceptions import Problem

ds = entdeploy.load()

assert_type(ds.to_json(), str)
assert_type(Dataset.from_json("{}"), Dataset)
assert_type(Dataset.from_json(b"{}"), Dataset)
assert_type(ds.to_csv(io.StringIO()), None)
assert_type(ds.to_csv("ent.csv"), None)
assert_type(ds.to_csv(Path("ent.csv")), None)
assert_type(ds.to_datapackage("out"), Path)

assert_type(entdeploy.load_file("ent.csv"), Dataset)
assert_type(entdeploy.load_file(Path("ent.csv"), edition="2026", title="t"), Dataset)
assert_type(entdeploy.load_file(io.StringIO(""), edition="2026"), Dataset)
assert_type(entdeploy.load_file(io.BytesIO(b""), encoding="cp1252"), Dataset)
entdeploy.load_file("ent.csv", "2026")  # type: ignore[call-arg]
entdeploy.load_file(42)  # type: ignore[arg-type]

diff = entdeploy.compare(ds, ds)
assert_type(diff, EditionDiff)
assert_type(diff.changes, tuple[TerritoryChange, ...])
assert_type(diff.summary, DiffSummary)
assert_type(diff.summary.total_colleges_delta, int)
assert_type(diff.changes[0].count_delta, int | None)
assert_type(diff.changes[0].status_after, Status)
assert_type(diff.is_empty, bool)
entdeploy.compare(ds, "2026")  # type: ignore[arg-type]

problem = Problem("f", 1, "code", "x", "m", ("Ain (01)",))
assert_type(problem.suggestions, tuple[str, ...])
