"""Measure entdeploy against its performance targets and print a table.

Run by hand (timings depend on the machine and its load), with the package
installed as a user installs it, beside pycountry:

    python -m venv /tmp/bench && /tmp/bench/bin/pip install . pycountry
    /tmp/bench/bin/python benchmarks/run.py          # about a minute
    /tmp/bench/bin/python benchmarks/run.py --quick  # every measurement once

Every target is a ratio measured in one run, interleaved: each round times the
subject and its baseline in turn (A B, B A, ...), so that drift in the
machine's load affects both alike; the figure is the median of the rounds'
ratios, with their interquartile range in brackets. Whole-process figures run
each command in a fresh interpreter (the one running this script); their memory
is the peak resident set size (VmHWM) above ``python -c pass``. ``--quick`` runs every
measurement once and judges none (the tests run it). Exit status 1 if a target
is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import importlib.util
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

import entdeploy
from entdeploy._read import packaged as _load

EMPTY = "pass"
PYCOUNTRY = "import pycountry; pycountry.countries.get(alpha_2='FR')"
ENTDEPLOY = "import entdeploy; entdeploy.load()['75']"
MIB = 1024 * 1024
KIB = 1024


class Row(NamedTuple):
    """One line of the results table."""

    figure: str
    measured: str
    target: str
    result: str


class Settings(NamedTuple):
    """How much to measure: ``quick`` runs everything once and judges nothing."""

    rounds: int
    quick: bool


def judge(settings: Settings, value: float, limit: float) -> str:
    """Return ``"pass"`` or ``"FAIL"`` for *value* against *limit* (``-`` if quick)."""
    if settings.quick:
        return "-"
    return "pass" if value <= limit else "FAIL"


def microseconds(seconds: float) -> str:
    """Format a duration given in seconds, in µs (or ms above a millisecond)."""
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.3g} µs"


def spread(values: list[float]) -> str:
    """Return the median of *values* and their interquartile range, as ratios."""
    if len(values) < 2:  # quartiles need two values
        return f"{values[0]:.2f}×"
    low, _, high = statistics.quantiles(values, n=4)
    return f"{statistics.median(values):.2f}× [{low:.2f}–{high:.2f}]"


# -- Whole-process figures ---------------------------------------------------


#: The environment of the measured interpreters. Bytecode caching is on, as for
#: an installed package (pip compiles its modules).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


#: Appended to a command to print its peak resident set size (VmHWM, in KiB) at
#: exit: the parent's rusage would count the memory the child inherits at fork.
PEAK_RSS = (
    "\nimport atexit\natexit.register(lambda: print(open('/proc/self/status')"
    ".read().split('VmHWM:')[1].split()[0]))"
)


def run_once(code: str) -> float:
    """Run ``python -c code`` in a fresh interpreter; return the wall time."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=CHILD_ENV)
    return time.perf_counter() - start


def peak_rss(code: str) -> int:
    """Run ``python -c code`` in a fresh interpreter; return its peak RSS in bytes."""
    command = [sys.executable, "-c", code + PEAK_RSS]
    done = subprocess.run(command, check=True, env=CHILD_ENV, capture_output=True)
    return int(done.stdout.split()[-1]) * KIB


def first_answer_rows(settings: Settings) -> list[Row]:
    """Time and memory to a first answer, against ``python -c pass`` and pycountry."""
    if importlib.util.find_spec("pycountry") is None:
        missing = "n/a (pycountry is not installed: pip install --group benchmark)"
        result = "-" if settings.quick else "FAIL"  # a target that cannot be met
        return [Row("first answer / pycountry's", missing, "≤ 0.90×", result)]
    commands = {"pass": EMPTY, "entdeploy": ENTDEPLOY, "pycountry": PYCOUNTRY}
    if not settings.quick:
        for code in commands.values():  # warm the caches (bytecode, disk)
            run_once(code)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(settings.rounds):
        for name, code in commands.items():
            times[name].append(run_once(code))
    ratios = [
        e / p for e, p in zip(times["entdeploy"], times["pycountry"], strict=True)
    ]
    ms = {name: statistics.median(values) * 1e3 for name, values in times.items()}
    rss = {
        name: statistics.median(
            peak_rss(code) for _ in range(1 if settings.quick else 5)
        )
        for name, code in commands.items()
    }
    return [
        Row("`python -c pass`", f"{ms['pass']:.1f} ms", "", "info"),
        Row(f"`{ENTDEPLOY}`", f"{ms['entdeploy']:.1f} ms", "", "info"),
        Row(f"`{PYCOUNTRY}`", f"{ms['pycountry']:.1f} ms", "", "info"),
        Row(
            "first answer / pycountry's (paired rounds)",
            spread(ratios),
            "≤ 0.90×",
            judge(settings, statistics.median(ratios), 0.90),
        ),
        Row(
            "memory of a first answer, RSS above `python -c pass`: "
            "entdeploy vs pycountry",
            f"{(rss['entdeploy'] - rss['pass']) / MIB:.1f} MiB vs "
            f"{(rss['pycountry'] - rss['pass']) / MIB:.1f} MiB",
            "",
            "info",
        ),
    ]


# -- In-process figures ------------------------------------------------------


def per_call(function: Callable[[], object], settings: Settings) -> float:
    """Return the median time of one call of *function*, in seconds."""
    timer = timeit.Timer(function)
    if settings.quick:
        return timer.timeit(1)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(7, number)) / number


def paired(
    subject: Callable[[], object], baseline: Callable[[], object], settings: Settings
) -> tuple[list[float], float, float]:
    """Time *subject* and *baseline* in turn, round after round.

    Return the ratio of each round, and the median time of one call of each.
    """
    timers = timeit.Timer(subject), timeit.Timer(baseline)
    # Sized for about 20 ms per round of the slower of the two (autorange: 0.2 s).
    number = (
        1 if settings.quick else max(1, min(t.autorange()[0] for t in timers) // 10)
    )
    pairs = []
    for index in range(settings.rounds):
        order = timers if index % 2 == 0 else timers[::-1]
        first, second = (t.timeit(number) / number for t in order)
        pairs.append((first, second) if index % 2 == 0 else (second, first))
    ratios = [a / b for a, b in pairs]
    return (
        ratios,
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
    )


def ratio_row(
    figure: str,
    subject: Callable[[], object],
    baseline: Callable[[], object],
    limit: float | None,
    settings: Settings,
) -> Row:
    """Measure *subject* against *baseline*, a ratio with its spread and times.

    A figure that cannot be measured (an error) is a missed target.
    """
    target = "" if limit is None else f"≤ {limit:g}×"
    try:
        ratios, a, b = paired(subject, baseline, settings)
    except Exception as error:  # noqa: BLE001 - reported in the table, not hidden
        why = f"{type(error).__name__}: {error}"[:60]
        return Row(figure, f"n/a ({why})", target, "FAIL")
    measured = f"{spread(ratios)} ({microseconds(a)} vs {microseconds(b)})"
    if limit is None:
        return Row(figure, measured, "", "info")
    median = statistics.median(ratios)
    return Row(figure, measured, target, judge(settings, median, limit))


def timed_row(
    figure: str, function: Callable[[], object], limit_us: float, settings: Settings
) -> Row:
    """Measure *function* per call against a target of *limit_us* microseconds."""
    seconds = per_call(function, settings)
    return Row(
        figure,
        microseconds(seconds),
        f"≤ {limit_us:g} µs",
        judge(settings, seconds, limit_us / 1e6),
    )


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


def steady_state_rows(settings: Settings) -> list[Row]:
    """Per-call figures on the loaded dataset, most against a plain baseline."""
    ds = entdeploy.load()
    plain = {deployment.department.code: deployment for deployment in ds}
    svg = functools.cache(lambda: ds.to_svg_map().svg)  # measured when it works
    text = ds.to_json()
    data = json.loads(text)
    status = entdeploy.Status.IN_PROGRESS
    queries = itertools.cycle(spellings())  # never an answer the dataset remembers
    ds.get("Côte-d'Or")  # an answer already given
    rows = [
        ratio_row(
            "`ds.to_svg_map()` / `ET.fromstring` of its SVG",
            ds.to_svg_map,
            lambda: ET.fromstring(svg()),  # noqa: S314 - our own SVG
            2.0,
            settings,
        ),
        ratio_row(
            "`Dataset.from_json(text)` / `json.loads(text)`",
            lambda: entdeploy.Dataset.from_json(text),
            lambda: json.loads(text),
            5.0,
            settings,
        ),
        ratio_row(
            "`ds.to_json()` / `json.dumps` of the same plain data",
            ds.to_json,
            lambda: json.dumps(data, ensure_ascii=False, indent=2),
            5.0,
            settings,
        ),
        ratio_row(
            '`ds.get("Côte-d\'Or")` / `ds.lookup("Côte-d\'Or")`, answered before',
            lambda: ds.get("Côte-d'Or"),
            lambda: ds.lookup("Côte-d'Or"),
            1.1,
            settings,
        ),
        ratio_row(
            "`ds['75']` / plain dict lookup",
            lambda: ds["75"],
            lambda: plain["75"],
            5.0,
            settings,
        ),
        timed_row(
            '`ds.lookup("cote d or")`, asked before',
            lambda: ds.lookup("cote d or"),
            1,
            settings,
        ),
        Row(
            "`ds.lookup(...)`, a new spelling of Côte-d'Or each call",
            microseconds(per_call(lambda: ds.lookup(next(queries)), settings)),
            "",
            "info",
        ),
        timed_row(
            '`ds.search("Finistere")`', lambda: ds.search("Finistere"), 50, settings
        ),
        timed_row(
            "`ds.filter(status=Status.IN_PROGRESS)`",
            lambda: ds.filter(status=status),
            200,
            settings,
        ),
        ratio_row(
            "`ds.filter(status=...)` / the same rows picked by a comprehension",
            lambda: ds.filter(status=status),
            lambda: tuple(d for d in ds if d.status is status),
            None,
            settings,
        ),
        ratio_row(
            "`ds.count_by_status()` / `Counter` of the statuses",
            ds.count_by_status,
            lambda: Counter(d.status for d in ds),
            None,
            settings,
        ),
        timed_row(
            '`ds.summarize(by="academy")`',
            lambda: ds.summarize(by="academy"),
            200,
            settings,
        ),
    ]
    if importlib.util.find_spec("pycountry") is not None:
        import pycountry  # noqa: PLC0415 - optional, for comparison only

        seconds = per_call(lambda: pycountry.countries.search_fuzzy("france"), settings)
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
    """Ask a first lookup (and a search), so that lazy indexes are built."""
    ds.lookup("75")
    ds.lookup("Côte-d'Or")
    if search:
        ds.search("Finistere")


def fresh_load() -> entdeploy.Dataset:
    """Load the packaged edition again, bypassing the loader's caches."""
    _load._datasets.clear()  # noqa: SLF001 - the benchmark measures the cold path
    _load._dirs = None  # noqa: SLF001
    return entdeploy.load()


def load_rows(settings: Settings) -> list[Row]:
    """The packaged load (imports excluded) and the memory it retains."""
    warm(fresh_load(), search=True)  # imports all the load and the indexes use
    ready: list[float] = []
    for _ in range(settings.rounds):
        start = time.perf_counter()
        warm(fresh_load())
        ready.append(time.perf_counter() - start)
    ready_s = statistics.median(ready)

    _load._datasets.clear()  # noqa: SLF001 - measure a load from nothing
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    warm(entdeploy.load(), search=True)
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return [
        Row(
            "`load()` and a first lookup (read, validate, index; imports excluded)",
            f"{ready_s * 1e3:.2f} ms",
            "≤ 2 ms",
            judge(settings, ready_s, 2e-3),
        ),
        Row(
            "memory retained by the loaded dataset and its indexes (tracemalloc)",
            f"{retained / KIB:.0f} KiB",
            "≤ 200 KiB",
            judge(settings, retained, 200 * KIB),
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
        "--rounds",
        type=int,
        default=60,
        help="interleaved rounds per figure (default 60)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="run every measurement once, judge none (checks the script works)",
    )
    args = parser.parse_args(argv)
    settings = Settings(1 if args.quick else args.rounds, quick=args.quick)
    command = "--quick" if args.quick else f"--rounds {args.rounds}"

    print(f"entdeploy {entdeploy.__version__} on {machine()}")
    print(
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"python benchmarks/run.py {command}; ratios: median [interquartile range]"
    )
    print()
    rows = first_answer_rows(settings) + steady_state_rows(settings)
    rows += load_rows(settings)
    print(table(rows))
    return 1 if any(row.result == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
