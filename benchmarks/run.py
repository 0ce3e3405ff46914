"""Measure entdeploy against its performance targets and print a table.

Run by hand, never in the tests (timings depend on the machine and its load):

    python -m pip install -e . --group benchmark   # entdeploy and pycountry
    python benchmarks/run.py                        # about a minute
    python benchmarks/run.py --runs 100             # the table for docs/performance.md

Whole-process figures run each command in a fresh interpreter (the one running
this script, so pycountry must be installed beside entdeploy), interleaved
(A B C A B C ...) so that drift in the machine's load affects every command
alike, and report medians and ratios. In-process figures are per call: the
median over several repeats of a loop sized by :meth:`timeit.Timer.autorange`.
A figure whose API is not available in this version prints "n/a".
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from typing import NamedTuple

import entdeploy
from entdeploy._read import packaged as _load

EMPTY = "pass"
PYCOUNTRY = "import pycountry; pycountry.countries.get(alpha_2='FR')"
ENTDEPLOY = "import entdeploy; entdeploy.load()['75']"
#: What entdeploy's required stack costs before any of its own code runs: attrs,
#: importlib.resources (opened on a stdlib package), and the modules the loader
#: reads and checks the data with.
DEPENDENCIES = (
    "import attrs, csv, hashlib, json, importlib.resources; "
    "importlib.resources.files('json')"
)
#: Used only while ``Dataset.__getitem__`` is not available.
ENTDEPLOY_FALLBACK = (
    "import entdeploy; next(d for d in entdeploy.load() if d.department.code == '75')"
)
NOT_AVAILABLE = "n/a (not available)"
KIB = 1024


class Row(NamedTuple):
    """One line of the results table."""

    figure: str
    measured: str
    target: str
    result: str


def verdict(value: float, limit: float) -> str:
    """Return ``"pass"`` if *value* is within *limit*, else ``"FAIL"``."""
    return "pass" if value <= limit else "FAIL"


def microseconds(seconds: float) -> str:
    """Format a duration given in seconds, in µs (or ms above a millisecond)."""
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.3g} µs"


# -- Whole-process figures ---------------------------------------------------


#: The environment of the measured interpreters. Bytecode caching is on, as for
#: an installed package (pip compiles its modules): an environment that sets
#: PYTHONDONTWRITEBYTECODE would otherwise recompile an editable install's
#: modules at every run while pycountry's stay compiled.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(code: str) -> float:
    """Run ``python -c code`` in a fresh interpreter; return the wall time."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=CHILD_ENV)
    return time.perf_counter() - start


def whole_process(commands: dict[str, str], runs: int) -> dict[str, float]:
    """Return the median wall time of each command, run interleaved."""
    for code in commands.values():  # warm the caches (bytecode, disk)
        run_once(code)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, code in commands.items():
            times[name].append(run_once(code))
    return {name: statistics.median(values) for name, values in times.items()}


def first_answer_rows(runs: int) -> list[Row]:
    """Time to first answer, against ``python -c pass`` and pycountry."""
    has_getitem = hasattr(entdeploy.Dataset, "__getitem__")
    commands = {
        "pass": EMPTY,
        "dependencies": DEPENDENCIES,
        "entdeploy": ENTDEPLOY if has_getitem else ENTDEPLOY_FALLBACK,
    }
    has_pycountry = importlib.util.find_spec("pycountry") is not None
    if has_pycountry:
        commands["pycountry"] = PYCOUNTRY
    medians = whole_process(commands, runs)
    note = "" if has_getitem else " (ds['75'] is not available)"
    rows = [
        Row("`python -c pass`", f"{medians['pass'] * 1e3:.1f} ms", "", "info"),
        Row(
            f"`{commands['entdeploy']}`{note}",
            f"{medians['entdeploy'] * 1e3:.1f} ms",
            "",
            "info",
        ),
        Row(
            "first answer / `python -c pass`",
            f"{medians['entdeploy'] / medians['pass']:.2f}×",
            "",
            "info",
        ),
    ]
    if not has_pycountry:
        missing = "n/a (pycountry is not installed: pip install --group benchmark)"
        return [*rows, Row("first answer / pycountry", missing, "≤ 1.0", "n/a")]
    ratio = medians["entdeploy"] / medians["pycountry"]
    net = (medians["entdeploy"] - medians["pass"]) / (
        medians["pycountry"] - medians["pass"]
    )
    return [
        *rows,
        Row(f"`{PYCOUNTRY}`", f"{medians['pycountry'] * 1e3:.1f} ms", "", "info"),
        Row(
            "the required stack alone (attrs, importlib.resources, hashlib, json, "
            "csv) / pycountry",
            f"{medians['dependencies'] / medians['pycountry']:.2f}× "
            f"({medians['dependencies'] * 1e3:.1f} ms)",
            "",
            "info",
        ),
        Row("first answer / pycountry", f"{ratio:.2f}×", "≤ 1.0×", verdict(ratio, 1.0)),
        Row(
            "first answer / pycountry, interpreter start-up subtracted",
            f"{net:.2f}×",
            "",
            "info",
        ),
    ]


# -- In-process figures ------------------------------------------------------


def per_call(function: Callable[[], object], repeats: int = 7) -> float:
    """Return the median time of one call of *function*, in seconds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeats, number)) / number


def available(function: Callable[[], object]) -> str | None:
    """Call *function* once; return why it cannot be measured, or ``None``."""
    try:
        function()
    except AttributeError:
        return NOT_AVAILABLE
    except Exception as error:  # noqa: BLE001 - reported in the table, not hidden
        return f"n/a ({type(error).__name__}: {error})"
    return None


def timed_row(figure: str, function: Callable[[], object], limit_us: float) -> Row:
    """Measure *function* per call against a target of *limit_us* microseconds."""
    target = f"≤ {limit_us:g} µs"
    reason = available(function)
    if reason is not None:
        return Row(figure, reason, target, "n/a")
    seconds = per_call(function)
    return Row(figure, microseconds(seconds), target, verdict(seconds, limit_us / 1e6))


def spellings() -> list[str]:
    """8192 distinct spellings of Côte-d'Or: case, accent, separators, padding."""
    found: list[str] = []
    for mask in range(64):
        c, t, e, d, o, r = (
            letter.upper() if mask >> i & 1 else letter
            for i, letter in enumerate("ctedor")
        )
        for accent in ("o", "O", "ô", "Ô"):
            for first in (" ", "-", "'", "  "):
                for second in (" ", "-", "'", "  "):
                    for end in ("", " "):
                        found.append(f"{c}{accent}{t}{e}{first}{d}{second}{o}{r}{end}")
    return found


def fresh_spellings_row(ds: entdeploy.Dataset) -> Row:
    """Lookups of a new spelling each call: never an answer the dataset remembers.

    The dataset remembers the answers to the last few thousand raw queries; the
    8192 spellings, cycled, are each asked again only after it has forgotten them.
    """
    figure = "`ds.lookup(...)`, a new spelling of Côte-d'Or each call"
    queries = itertools.cycle(spellings())
    reason = available(lambda: ds.lookup(next(queries)))
    if reason is not None:
        return Row(figure, reason, "", "info")
    seconds = per_call(lambda: ds.lookup(next(queries)))
    return Row(figure, microseconds(seconds), "", "info")


def steady_state_rows() -> list[Row]:
    """Per-call figures on the loaded dataset."""
    ds = entdeploy.load()
    plain = {deployment.department.code: deployment for deployment in ds}
    rows: list[Row] = []

    dict_time = per_call(lambda: plain["75"])
    reason = (
        available(lambda: ds["75"])
        if hasattr(entdeploy.Dataset, "__getitem__")
        else NOT_AVAILABLE
    )
    if reason is None:
        item_time = per_call(lambda: ds["75"])
        ratio = item_time / dict_time
        rows.append(
            Row(
                "`ds['75']` / plain dict lookup",
                f"{ratio:.1f}× ({microseconds(item_time)} vs "
                f"{microseconds(dict_time)})",
                "≤ 5×",
                verdict(ratio, 5.0),
            )
        )
    else:
        rows.append(Row("`ds['75']` / plain dict lookup", reason, "≤ 5×", "n/a"))

    rows += [
        timed_row(
            '`ds.lookup("Côte-d\'Or")`, asked before',
            lambda: ds.lookup("Côte-d'Or"),
            1,
        ),
        timed_row(
            '`ds.lookup("cote d or")`, asked before',
            lambda: ds.lookup("cote d or"),
            1,
        ),
        fresh_spellings_row(ds),
        timed_row('`ds.search("Finistere")`', lambda: ds.search("Finistere"), 50),
        timed_row(
            "`ds.filter(status=Status.IN_PROGRESS)`",
            lambda: ds.filter(status=entdeploy.Status.IN_PROGRESS),
            200,
        ),
        timed_row(
            '`ds.summarize(by="academy")`',
            lambda: ds.summarize(by="academy"),
            200,
        ),
    ]
    if importlib.util.find_spec("pycountry") is not None:
        import pycountry  # noqa: PLC0415 - optional, for comparison only

        seconds = (
            statistics.median(
                timeit.repeat(
                    lambda: pycountry.countries.search_fuzzy("france"), number=3
                )
            )
            / 3
        )
        rows.append(
            Row(
                'pycountry `countries.search_fuzzy("france")`, for comparison',
                microseconds(seconds),
                "",
                "info",
            )
        )
    return rows


def warm(ds: entdeploy.Dataset, *, search: bool = False) -> None:
    """Ask a first lookup (and a search), so that lazy indexes are built.

    The search is left out of the load time: it is a per-call cost, measured on
    its own, and not an index a first answer needs.
    """
    asks: list[Callable[[], object]] = [
        lambda: ds["75"],
        lambda: ds.lookup("Côte-d'Or"),
    ]
    if search:
        asks.append(lambda: ds.search("Finistere"))
    for ask in asks:
        available(ask)


def fresh_load() -> entdeploy.Dataset:
    """Load the packaged edition again, bypassing the loader's caches.

    Both caches: the loaded editions and the listing of the data folder.
    """
    _load._datasets.clear()  # noqa: SLF001 - the benchmark measures the cold path
    _load._dirs = None  # noqa: SLF001
    return entdeploy.load()


def load_rows(runs: int) -> list[Row]:
    """The packaged load (imports excluded) and the retained memory."""
    warm(fresh_load(), search=True)  # imports all the load and the indexes use
    load_only: list[float] = []
    ready: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        ds = fresh_load()
        loaded = time.perf_counter()
        warm(ds)
        answered = time.perf_counter()
        load_only.append(loaded - start)
        ready.append(answered - start)
    load_s = statistics.median(load_only)
    ready_s = statistics.median(ready)

    del ds
    _load._datasets.clear()  # noqa: SLF001 - measure a load from nothing
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ds = entdeploy.load()
    warm(ds, search=True)
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()

    return [
        Row(
            "`load()` (read, parse, validate; imports excluded)",
            f"{load_s * 1e3:.2f} ms",
            "",
            "info",
        ),
        Row(
            "`load()` and a first lookup (parse, validate, index)",
            f"{ready_s * 1e3:.2f} ms",
            "≤ 2 ms",
            verdict(ready_s, 2e-3),
        ),
        Row(
            "memory retained by the loaded dataset and its indexes (tracemalloc)",
            f"{retained / KIB:.0f} KiB",
            "≤ 200 KiB",
            verdict(retained, 200 * KIB),
        ),
    ]


# -- Report ------------------------------------------------------------------


def machine() -> str:
    """Describe the machine and the interpreter."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:  # noqa: PTH123
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} "
        f"{platform.release()}, {platform.python_implementation()} "
        f"{platform.python_version()}"
    )


def table(rows: list[Row]) -> str:
    """Format *rows* as a Markdown table (readable in a terminal too)."""
    header = Row("figure", "measured", "target", "result")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
            + " |"
        )

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the table; return 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=60,
        help="whole-process runs per command (default 60)",
    )
    args = parser.parse_args(argv)

    print(f"entdeploy {entdeploy.__version__} on {machine()}")
    print(
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"python benchmarks/run.py --runs {args.runs}"
    )
    print()
    rows = first_answer_rows(args.runs) + steady_state_rows() + load_rows(args.runs)
    print(table(rows))
    return 1 if any(row.result == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
