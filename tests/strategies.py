"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import re

import attrs
from hypothesis import strategies as st

from entdeploy import (
    Academy,
    AcademyKind,
    Authority,
    AuthorityKind,
    Dataset,
    Department,
    Deployment,
    Edition,
    Region,
    Source,
    Status,
    TerritoryKind,
)

#: Short printable text, including characters HTML and CSV treat specially.
texts = st.text(
    alphabet=st.sampled_from("abcÉé '-<>&\"\u2019,;\n"), min_size=1, max_size=12
)
codes = st.text(alphabet="0123456789AB", min_size=2, max_size=3)

regions = st.builds(Region, code=codes, name=texts)
academies = st.builds(
    Academy,
    code=codes,
    name=texts,
    kind=st.sampled_from(AcademyKind),
    academic_region=st.none() | texts,
)
departments = st.builds(
    Department,
    code=codes,
    name=texts,
    iso_code=texts,
    kind=st.sampled_from(TerritoryKind),
    region=st.none() | regions,
    academy=academies,
)


@st.composite
def deployments(draw: st.DrawFn) -> Deployment:
    """A deployment whose count agrees with its status, as the loader requires."""
    status = draw(st.sampled_from(Status))
    count = (
        None
        if status is Status.NONE_OR_UNKNOWN
        else draw(st.integers(min_value=0, max_value=500))
    )
    return Deployment(
        department=draw(departments),
        status=status,
        colleges_with_ent=count,
        source_label=draw(texts),
        source_academy=draw(texts),
        source_status=status.label,
        source_count="-" if count is None else str(count),
    )


@st.composite
def datasets(draw: st.DrawFn, max_size: int = 12) -> Dataset:
    """A dataset of deployments with distinct territory codes, as a Dataset requires.

    Territories whose académies (or régions) share a code share the first
    one drawn, as a Dataset also requires.
    """
    unique_codes = draw(st.lists(codes, max_size=max_size, unique=True))
    by_code: dict[str, Academy] = {}
    region_by_code: dict[str, Region] = {}
    rows = []
    for code in unique_codes:
        row = draw(deployments())
        region = row.department.region
        department = attrs.evolve(
            row.department,
            code=code,
            academy=by_code.setdefault(
                row.department.academy.code, row.department.academy
            ),
            region=None
            if region is None
            else region_by_code.setdefault(region.code, region),
        )
        rows.append(attrs.evolve(row, department=department))
    return Dataset(Edition(id="test", title="A test edition"), rows)


#: Any text, including what JSON must escape (quotes, controls, astral characters).
any_texts = st.text(max_size=20)
editions = st.builds(
    Edition,
    id=st.text(min_size=1, max_size=8),
    title=any_texts,
    school_year=st.none() | any_texts,
    publisher=st.none() | any_texts,
    sources=st.lists(st.builds(Source, name=any_texts, description=any_texts)).map(
        tuple
    ),
    description=st.none() | any_texts,
    statuses_description=st.none() | any_texts,
    licence=st.none() | any_texts,
    licence_note=st.none() | any_texts,
)


@st.composite
def datasets_with_editions(draw: st.DrawFn) -> Dataset:
    """A dataset as :func:`datasets` draws it, with arbitrary edition metadata."""
    return attrs.evolve(draw(datasets()), edition=draw(editions))


# -- Spellings of names, for normalize and the query API -------------------------

#: Letters French names use, in both cases, with and without accents.
FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿ"
#: What people put between the words of a name.
SEPARATORS = (" ", "-", "'", "\u2019", "  ", " - ", "\u2011", "\u2013", "_", ".")
_ACCENTED = "àâäçéèêëîïôöùûüÿ"
_ACCENT_FREE = str.maketrans(
    _ACCENTED + _ACCENTED.upper(), "aaaceeeeiioouuuy" + "AAACEEEEIIOOUUUY"
)

french_words = st.text(
    alphabet=FRENCH_LETTERS + FRENCH_LETTERS.upper(), min_size=1, max_size=10
)
separators = st.sampled_from(SEPARATORS)
#: A sequence of French-looking words, to join with any separators.
word_lists = st.lists(french_words, min_size=1, max_size=5)


def strip_accents(text: str) -> str:
    """Return *text* without the accents of :data:`FRENCH_LETTERS`, case kept."""
    return text.translate(_ACCENT_FREE)


@st.composite
def joined(draw: st.DrawFn, words: list[str]) -> str:
    """*words* joined by separators drawn one by one, maybe padded with spaces."""
    text = words[0] + "".join(draw(separators) + word for word in words[1:])
    return draw(st.sampled_from(("", " "))) + text + draw(st.sampled_from(("", " ")))


_ABBREVIATED = {"saint": ("St", "st", "ST", "St."), "sainte": ("Ste", "ste", "STE")}


@st.composite
def respellings(draw: st.DrawFn, name: str) -> str:
    """A way people type *name*: any case, accents or not, any separators, St/Ste."""
    words = [w for w in re.split(r"[\s\-'\u2019]+", name) if w]
    typed: list[str] = []
    for word in words:
        abbreviations = _ABBREVIATED.get(word.lower(), ())
        if abbreviations and draw(st.booleans()):
            typed.append(draw(st.sampled_from(abbreviations)))
            continue
        plain = strip_accents(word) if draw(st.booleans()) else word
        case = draw(st.sampled_from((str.lower, str.upper, str.title, str.strip)))
        typed.append(case(plain))
    return draw(joined(typed))


#: Strings of a million characters, each on its own (too large for hypothesis to
#: shrink usefully; tests parametrize over them).
HUGE_TEXTS = (
    "x" * 1_000_000,
    "é" * 1_000_000,
    "75" * 500_000,
    "cote d or " * 100_000,
    "\x00" * 1_000_000,
)
#: Text nobody should pass, and somebody eventually does: empty and blank strings,
#: NUL bytes, control characters, lone surrogates, a bidi override, a BOM, a long
#: run of separators, and any code point at all (surrogates included).
hostile_texts = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "Ain\x00",
            "75\x00",
            "\ud800",
            "\udfff75",
            "Finist\udce8re",
            "\x1b[2J",
            "\r\n\t\x0b\x0c\x7f",
            "\u202eniA",
            "\ufeff75",
            "-" * 1000,
        ]
    ),
    st.text(st.characters(exclude_categories=()), max_size=30),
)
#: Values of the wrong type where the API expects a string.
wrong_types = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=8),
    st.just(b"75"),
    st.just(75),
    st.just(["75"]),
    st.just({"code": "75"}),
    st.just(object()),
    st.sampled_from(Status),
)


# -- Datasets whose territories share académies and régions, for aggregations ----


@st.composite
def grouped_datasets(draw: st.DrawFn, max_size: int = 30) -> Dataset:
    """A dataset whose territories draw their académie and région from small pools.

    Unlike :func:`datasets`, groups have several members, and some keys are
    equal without being the same object (as in a user's own table).
    """
    # One académie (région) per code, as a Dataset requires.
    academy_pool = draw(
        st.lists(academies, min_size=1, max_size=4, unique_by=lambda a: a.code)
    )
    region_pool = draw(
        st.lists(
            st.none() | regions,
            min_size=1,
            max_size=4,
            unique_by=lambda r: None if r is None else r.code,
        )
    )
    unique_codes = draw(st.lists(codes, max_size=max_size, unique=True))
    rows = []
    for code in unique_codes:
        row = draw(deployments())
        academy = draw(st.sampled_from(academy_pool))
        department = attrs.evolve(
            row.department,
            code=code,
            academy=attrs.evolve(academy) if draw(st.booleans()) else academy,
            region=draw(st.sampled_from(region_pool)),
        )
        rows.append(attrs.evolve(row, department=department))
    return Dataset(Edition(id="test", title="A test edition"), rows)


#: Text a CSV file can hold: any character but NUL and lone surrogates.
csv_texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=12,
)


@st.composite
def reference_datasets(draw: st.DrawFn) -> Dataset:
    """Some packaged territories, in any order, with any states, counts and cells.

    Only the packaged territories can be read back by ``load_file``, which
    matches rows against them.
    """
    import entdeploy  # noqa: PLC0415 - loaded once, when a test draws

    reference = entdeploy.load()
    chosen = draw(
        st.lists(
            st.sampled_from(reference.deployments),
            unique_by=lambda row: row.code,
            max_size=15,
        )
    )
    rows = []
    for row in chosen:
        status = draw(st.sampled_from(Status))
        count = (
            None
            if status is Status.NONE_OR_UNKNOWN
            else draw(st.integers(min_value=0, max_value=10_000))
        )
        rows.append(
            attrs.evolve(
                row,
                status=status,
                colleges_with_ent=count,
                source_label=draw(csv_texts),
                source_academy=draw(csv_texts),
                source_status=draw(status_cells(status)),
                source_count=draw(count_cells(count)),
            )
        )
    return Dataset(Edition(id="next", title="A synthetic edition"), rows)


def status_cells(status: Status) -> st.SearchStrategy[str]:
    """Cells that :meth:`Status.parse` reads as *status*: any respelling."""
    return st.sampled_from((status.label, status.value, status.name)).flatmap(
        respellings
    )


def count_cells(count: int | None) -> st.SearchStrategy[str]:
    """Count cells that read as *count*, maybe padded with spaces."""
    cell = "-" if count is None else str(count)
    return st.builds(
        lambda before, after: before + cell + after,
        st.sampled_from(("", " ", "\t")),
        st.sampled_from(("", " ", "\t")),
    )


@st.composite
def mutated_tables(draw: st.DrawFn, table: bytes) -> bytes:
    """A copy of *table* (a file's bytes) with one to four random mutations.

    Mutations work on lines, cells and bytes: delete, duplicate, swap or
    truncate lines; replace a cell with hostile text or swap two cells; change
    the delimiter or the encoding; flip, insert or delete bytes; add a BOM, NUL
    bytes or trailing garbage.
    """
    data = table
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(_MUTATIONS))
        data = kind(draw, data)
    return data


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick(draw: st.DrawFn, items: list[bytes]) -> int:
    return draw(st.integers(min_value=0, max_value=max(len(items) - 1, 0)))


def _delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[_pick(draw, lines)]
    return b"\n".join(lines)


def _duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(draw, lines)
    lines.insert(index, lines[index])
    return b"\n".join(lines)


def _swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = _pick(draw, lines), _pick(draw, lines)
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(min_value=0, max_value=len(data)))]


def _replace_cell(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(draw, lines)
    cells = lines[index].split(b"\t")
    cell = _pick(draw, cells)
    text = draw(
        hostile_texts | st.sampled_from(["-", "0", "-1", "1e3", " 51 ", "massif"])
    )
    cells[cell] = text.encode("utf-8", "surrogatepass")
    lines[index] = b"\t".join(cells)
    return b"\n".join(lines)


def _swap_cells(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(draw, lines)
    cells = lines[index].split(b"\t")
    i, j = _pick(draw, cells), _pick(draw, cells)
    cells[i], cells[j] = cells[j], cells[i]
    lines[index] = b"\t".join(cells)
    return b"\n".join(lines)


def _delimiter(draw: st.DrawFn, data: bytes) -> bytes:
    return data.replace(b"\t", draw(st.sampled_from([b",", b";", b"|", b" ", b""])))


def _encoding(draw: st.DrawFn, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = draw(st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-8-sig", "ascii"]))
    return text.encode(codec, "replace")


def _flip_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if buffer:
            buffer[draw(st.integers(0, len(buffer) - 1))] = draw(st.integers(0, 255))
    return bytes(buffer)


def _insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(min_value=0, max_value=len(data)))
    inserted = draw(
        st.binary(min_size=1, max_size=16)
        | st.sampled_from([b"\x00", b"\r", b"\r\n", b'"', b"\xef\xbb\xbf", b"\xff"])
    )
    return data[:at] + inserted + data[at:]


def _delete_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(min_value=0, max_value=len(data)))
    return data[:at] + data[at + draw(st.integers(min_value=1, max_value=16)) :]


def _append_garbage(draw: st.DrawFn, data: bytes) -> bytes:
    return data + draw(st.binary(max_size=64) | st.just(b"\n" * 3) | st.just(b"\x00"))


_MUTATIONS = (
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _truncate,
    _replace_cell,
    _swap_cells,
    _delimiter,
    _encoding,
    _flip_bytes,
    _insert_bytes,
    _delete_bytes,
    _append_garbage,
)


# -- Hostile text for the escaping rule of each output format ---------------------

#: Text each output format must neutralise: spreadsheet formulas, markup, line
#: breaks and control characters (the last three are what XML cannot hold).
HOSTILE_FORMULAS = ("=1+1", "+", "-5", "@SUM(A1)", "\tlabel", "\rlabel")
HOSTILE_MARKUP = ("<img src=x onerror=alert(1)>", "</td>", "&amp;", "a | b")
HOSTILE_LINE_BREAKS = ("a\nb", "a\r\nb", "a\rb")
HOSTILE_CONTROLS = ("a\x1bb", "a\x07b", "a\x00b", "a\ufffeb", "a\ud800b")
HOSTILE_LABELS = (
    *HOSTILE_FORMULAS,
    *HOSTILE_MARKUP,
    *HOSTILE_LINE_BREAKS,
    *HOSTILE_CONTROLS,
)
#: Labels assembled from hostile pieces and any other characters.
hostile_labels = st.lists(
    st.sampled_from((*HOSTILE_LABELS, "-", "'", '"', "\\", "|", "<br>"))
    | st.text(st.characters(exclude_categories=()), max_size=3),
    max_size=4,
).map("".join)


# -- Numbers no count cell may hold ------------------------------------------------

#: Count cells every reader refuses, at their line and column: past Python's
#: 4,300-digit conversion limit, 50 digits, one past the bound of 10,000, signed,
#: decimal, in another notation, or in digits that are not ASCII.
IMPLAUSIBLE_COUNT_CELLS = (
    "9" * 5000,
    "1" + "0" * 49,
    "10001",
    "-1",
    "+51",
    "-0",
    "51.0",
    "1e3",
    "0x33",
    "5 1",
    "\u0665\u0661",  # Arabic-Indic digits
    "\uff15\uff11",  # fullwidth digits
    "\u00b2",  # a superscript, which str.isdigit accepts
)

#: How a pipe or a socket may cut a file: the sizes of its successive reads.
piece_sizes = st.lists(
    st.integers(min_value=1, max_value=4096), min_size=1, max_size=20
)


# -- Authorities -------------------------------------------------------------------

authorities = st.builds(
    Authority,
    code=st.none() | codes,
    name=texts,
    kind=st.sampled_from(AuthorityKind),
)


@st.composite
def authority_datasets(draw: st.DrawFn) -> Dataset:
    """A dataset whose territories have zero, one or two authorities each."""
    dataset = draw(datasets(max_size=6))
    rows = [
        attrs.evolve(
            row,
            department=attrs.evolve(
                row.department,
                authorities=draw(st.lists(authorities, max_size=2)),
            ),
        )
        for row in dataset
    ]
    return Dataset(dataset.edition, rows)
