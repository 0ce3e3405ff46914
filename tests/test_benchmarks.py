"""benchmarks/run.py works: its quick mode runs every measurement (timings unjudged)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_benchmark_runs_every_measurement_in_quick_mode():
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert 0 == done.returncode, done.stderr
    for figure in (
        "first answer / pycountry's",
        "memory of a first answer",
        "`ds.to_svg_map()` / `ET.fromstring` of its SVG",
        "`Dataset.from_json(text)` / `json.loads(text)`",
        "`ds.to_json()` / `json.dumps`",
        '/ `ds.lookup("Côte-d\'Or")`, answered before',
        "`ds.filter(status=",
        "`ds.count_by_status()`",
    ):
        assert figure in done.stdout
    assert "FAIL" not in done.stdout
