"""Finding territories and académies as people type them, and filtering a dataset.

Every name and code goes through :func:`entdeploy.normalize`. A strict lookup
tries three tiers of keys in order and stops at the first tier that knows the
query:

1. codes (INSEE, ISO 3166-2, Ministry), official names and the source's labels;
2. the packaged aliases (``data/aliases.csv``);
3. the same keys with their spaces removed (``"Val dOise"``, ``"FR2A"``).

A key that names several entities in its tier (``"Corse"``, ``"20"``) matches
none of them: the lookup fails and suggests them all. Fuzzy matching is only
used by :func:`search` and for the suggestions of a failed lookup, never to
answer a lookup.

Search scores compare *bigrams*, the pairs of adjacent letters of a text
padded with a space (``"ain"``: ``" a"``, ``"ai"``, ``"in"``, ``"n "``), by
their Dice coefficient: twice the number of distinct bigrams two texts share,
over the sum of their numbers of distinct bigrams. A name's score is the
better of

- its *whole* score: the Dice of the query and the name, spaces removed
  (typos: ``"finisterre"``; word order counts);
- its *word* score: each query word is matched to the most similar word of the
  name (1.0 if equal, else the Dice of their bigrams, or 0.85 and more for a
  prefix of three letters or more) if that similarity is at least 0.75; the
  share of the query's letters so matched, weighted by similarity, times
  ``0.6 + 0.4 * (share of the name's letters in matched words)``, times 0.95
  (word order: ``"rhone bouches du"``; partial names: ``"haute"``).

An exact match scores 1.0 (each entity of an ambiguous key
:data:`AMBIGUOUS_SCORE`), anything else at most :data:`MAX_FUZZY_SCORE`; an
entity scores its best name's score. A search scores every name.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs

from ._model import Academy, Authority, Deployment, Region, Status, TerritoryKind
from ._normalize import normalize
from ._read.packaged import load, load_aliases
from .exceptions import (
    InvalidArgumentError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownAuthorityError,
    UnknownDepartmentError,
    UnknownEditionError,
    UnknownEntityError,
    UnknownRegionError,
)

if TYPE_CHECKING:
    from ._model import Edition

__all__ = ["Index", "Match", "academy", "filter_rows", "find", "lookup", "search"]

T = TypeVar("T", bound=Hashable)

#: Search results below this score are not candidates at all.
MIN_SCORE = 0.6
#: A failed lookup suggests candidates at least this good...
MIN_SUGGESTION_SCORE = 0.6
#: ...and no more than this far behind the best one.
SUGGESTION_SPREAD = 0.1
#: The score of each entity an ambiguous key names ("Corse": 2A and 2B).
AMBIGUOUS_SCORE = 0.95
#: The best score a match that is not exact can get.
MAX_FUZZY_SCORE = 0.99
#: How many raw lookup queries each finder remembers the answer to.
QUERY_MEMORY = 4096
#: ...and only those this long at most: longer than any name, so no real query
#: is forgotten, and 4096 huge misses cannot hold gigabytes.
REMEMBERED_QUERY_LENGTH = 100
#: A query word counts towards a word match only from this similarity on.
MIN_WORD_SIMILARITY = 0.75
#: No code is an int this large (INSEE and Ministry codes have three digits).
CODE_LIMIT = 10_000
#: The key of a query that names nothing: no normalised key holds a hyphen.
_NOTHING = "-"


@attrs.frozen
class Match:
    """One candidate of :meth:`Dataset.search`: a territory and how well it matches.

    Attributes:
        deployment: The :class:`Deployment` of the candidate territory.
        score: How well it matches, in [0, 1]: 1.0 for an exact normalised match
            (a code, a name, a label or an alias), less for anything partial.
    """

    deployment: Deployment
    score: float


# -- Scoring ------------------------------------------------------------------


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _bigrams(text: str) -> set[str]:
    """Return the pairs of adjacent characters of *text*, padded with a space."""
    return {a + b for a, b in itertools.pairwise(f" {text} ")}


def _word_similarity(word: str, other: str, dice: float) -> float:
    """Return how well a query *word* matches a name's word *other*, in [0, 1].

    1.0 if they are equal; else their bigrams' *dice*, or if *word* is a
    prefix of *other* of at least three letters, 0.85 plus 0.15 times the
    share of *other*'s letters it has, whichever is better.
    """
    if word == other:
        return 1.0
    if len(word) >= 3 and other.startswith(word):
        return max(dice, 0.85 + 0.15 * len(word) / len(other))
    return dice


class _Names:
    """The normalised names a search scores, and the bigrams of their terms.

    The *terms* are the words of the names and the names with their spaces
    removed, sorted: the terms a word is a prefix of are together. Each term's
    bigrams are the bits of an int, one bit for each bigram some term has, so
    that the bigrams two terms share are their ``&``.
    """

    __slots__ = ("_bits", "_grams", "_names", "_terms")

    def __init__(self, names: Iterable[tuple[str, int]]) -> None:
        """Hold *names*: pairs of a normalised name and its entity's number."""
        split = [(_compact(name), name.split(), entity) for name, entity in names]
        self._terms = tuple(sorted({t for c, words, _ in split for t in (c, *words)}))
        number = {term: index for index, term in enumerate(self._terms)}
        self._names = tuple(
            (number[compact], tuple(number[word] for word in words), entity)
            for compact, words, entity in split
        )
        grams = [_bigrams(term) for term in self._terms]
        distinct = dict.fromkeys(itertools.chain.from_iterable(grams))
        self._bits = {gram: bit for bit, gram in enumerate(distinct)}
        self._grams = tuple((self._mask(found), len(found)) for found in grams)

    def _mask(self, grams: Iterable[str]) -> int:
        return sum(1 << self._bits[gram] for gram in grams if gram in self._bits)

    def _dice(self, text: str) -> list[float]:
        """Return the Dice coefficient of *text*'s bigrams and each term's."""
        grams = _bigrams(text)
        mask, size = self._mask(grams), len(grams)
        return [
            2 * (mask & bits).bit_count() / (size + count)
            for bits, count in self._grams
        ]

    def _similar(self, word: str, dice: list[float]) -> dict[int, float]:
        """Return the terms at least :data:`MIN_WORD_SIMILARITY` like *word*.

        *dice* is :meth:`_dice` of *word*. Such a term has a Dice of at least
        that, or *word* is its prefix.
        """
        terms = self._terms
        close = (
            i
            for i, coefficient in enumerate(dice)
            if coefficient >= MIN_WORD_SIMILARITY
        )
        prefixed = itertools.takewhile(
            lambda i: terms[i].startswith(word),
            range(bisect.bisect_left(terms, word), len(terms)),
        )
        return {
            i: similarity
            for i in itertools.chain(close, prefixed)
            if (similarity := _word_similarity(word, terms[i], dice[i]))
            >= MIN_WORD_SIMILARITY
        }

    def scores(self, query: str) -> dict[int, float]:
        """Return each entity's best score for the normalised *query*, if ≥ MIN_SCORE.

        A name's score is the better of its whole score and its word score
        (see the module's docstring).
        """
        compact, words = _compact(query), query.split()
        dice = {text: self._dice(text) for text in {compact, *words}}
        similar = {word: self._similar(word, dice[word]) for word in set(words)}
        matched = set().union(*similar.values())
        whole = dice[compact]
        best: dict[int, float] = {}
        for name, name_words, entity in self._names:
            score = whole[name]
            if not matched.isdisjoint(name_words):
                by_words = self._word_score(compact, words, name_words, similar)
                score = max(score, by_words)
            if score >= MIN_SCORE and score > best.get(entity, 0.0):
                best[entity] = score
        return best

    def _word_score(
        self,
        query: str,
        words: list[str],
        name_words: tuple[int, ...],
        similar: dict[str, dict[int, float]],
    ) -> float:
        """Return the word score of a name of *name_words* for *query*'s *words*."""
        matched = 0.0
        used: set[int] = set()
        for word in words:
            best, best_index = 0.0, -1
            for index, term in enumerate(name_words):
                similarity = similar[word].get(term, 0.0)
                if similarity > best:
                    best, best_index = similarity, index
            if best_index >= 0:
                matched += len(word) * best
                used.add(best_index)
        lengths = [len(self._terms[term]) for term in name_words]
        share = sum(lengths[index] for index in used) / sum(lengths)
        return 0.95 * matched / len(query) * (0.6 + 0.4 * share)


# -- Finders ------------------------------------------------------------------


def _code_keys(code: str) -> tuple[str, ...]:
    """Return the keys of a code: itself and, if numeric, without leading zeros."""
    key = normalize(code)
    if key.isdigit() and key.lstrip("0"):
        return (key, key.lstrip("0"))
    return (key,)


class _Finder(Generic[T]):
    """Exact and fuzzy lookup of one kind of entity by normalised keys.

    Attributes:
        entities: The entities, in order (ties in a search keep it).
        answers: The answer to each raw str or int query :meth:`find_query`
            was asked: its one entity, or ``None``.
    """

    def __init__(
        self,
        entities: Sequence[T],
        codes: Callable[[T], Iterable[str]],
        names: Callable[[T], Iterable[str]],
        aliases: Iterable[tuple[str, int]] = (),
        answers: dict[object, T | None] | None = None,
    ) -> None:
        """Index *entities* by their *codes*, *names* and *aliases*.

        Each alias is paired with the number of its entity in *entities*.
        """
        self.entities = tuple(entities)
        self.answers: dict[object, T | None] = {} if answers is None else answers
        tiers: tuple[dict[str, list[int]], ...] = ({}, {}, {})
        primary, secondary, compact = tiers
        # The names search scores, by entity: not codes, each name once.
        searched: list[list[str]] = [[] for _ in self.entities]

        def add(tier: dict[str, list[int]], key: str, number: int) -> None:
            targets = tier.setdefault(key, [])
            if number not in targets:
                targets.append(number)
            if " " in key:  # a key without spaces is found in its own tier first
                add(compact, _compact(key), number)

        for number, entity in enumerate(self.entities):
            for code in codes(entity):
                for key in _code_keys(code):
                    add(primary, key, number)
            for name in dict.fromkeys(names(entity)):  # most labels are the name
                key = normalize(name)
                add(primary, key, number)
                searched[number].append(key)
        for alias, number in aliases:
            key = normalize(alias)
            add(secondary, key, number)
            searched[number].append(key)
        self._names = tuple(tuple(dict.fromkeys(keys)) for keys in searched)
        # Most keys name one entity: they share its 1-tuple.
        alone = [(number,) for number in range(len(self.entities))]
        self._tiers = tuple(
            {
                key: alone[targets[0]] if len(targets) == 1 else tuple(targets)
                for key, targets in tier.items()
            }
            for tier in tiers
        )

    def find_query(self, query: object, what: str) -> T | None:
        """Return the one entity a raw *query* names, else ``None``; remember it.

        Raises:
            InvalidArgumentError: *query* is neither a str nor an int.
            InvalidQueryError: *query* is empty or blank.
        """
        # Only exact str and int: True == 1 and 1.0 == 1 must not share an answer.
        remembered = (type(query) is int and abs(query) < CODE_LIMIT) or (
            type(query) is str and len(query) <= REMEMBERED_QUERY_LENGTH
        )
        if remembered and query in self.answers:
            return self.answers[query]
        found = self.find(_key(query, what))
        answer = found[0] if len(found) == 1 else None
        if remembered:
            if len(self.answers) >= QUERY_MEMORY:
                self.answers.clear()
            self.answers[query] = answer
        return answer

    def find(self, key: str) -> tuple[T, ...]:
        """Return what *key* names: one entity, several (ambiguous) or none."""
        return tuple(self.entities[number] for number in self._numbers(key))

    def _numbers(self, key: str) -> tuple[int, ...]:
        for tier, text in zip(self._tiers, (key, key, _compact(key)), strict=True):
            found = tier.get(text)
            if found:
                return found
        return ()

    @cached_property
    def _search(self) -> _Names:
        return _Names(
            (name, number)
            for number, names in enumerate(self._names)
            for name in names
            if name
        )

    def rank(self, key: str) -> list[tuple[T, float]]:
        """Return the entities scoring at least :data:`MIN_SCORE`, best first."""
        scores = {
            number: min(score, MAX_FUZZY_SCORE)
            for number, score in self._search.scores(key).items()
        }
        exact = self._numbers(key)
        for number in exact:
            scores[number] = 1.0 if len(exact) == 1 else AMBIGUOUS_SCORE
        # Best first; ties in the entities' order.
        ranked = sorted((-round(score, 3), number) for number, score in scores.items())
        return [(self.entities[number], -score) for score, number in ranked]

    def suggest(self, key: str, limit: int = 5) -> tuple[T, ...]:
        """Return the few entities a failed lookup of *key* should suggest."""
        ranked = self.rank(key)
        if not ranked:
            return ()
        floor = max(MIN_SUGGESTION_SCORE, ranked[0][1] - SUGGESTION_SPREAD)
        return tuple(entity for entity, score in ranked[:limit] if score >= floor)


#: The packaged aliases, read and validated once per process.
_all_aliases = cache(load_aliases)


def _aliases(entity: str) -> tuple[tuple[str, str], ...]:
    """Return the packaged aliases of one kind of *entity*, as ``(alias, code)``."""
    return tuple(
        (alias, code) for alias, kind, code in _all_aliases() if kind == entity
    )


class Index:
    """The finders of some rows of one edition, each built on first use.

    Attributes:
        edition: The rows' :class:`Edition`.
        rows: The rows, a tuple.
        answers: The départements' finder's remembered answers, which
            :class:`Dataset` reads first.
        departments, academies, regions, academic_regions: The finders of the
            rows' territories, académies, régions and régions académiques.
        reference: The finders that filter names resolve against.
    """

    def __init__(self, edition: Edition, rows: tuple[Deployment, ...]) -> None:
        self.edition = edition
        self.rows = rows
        self.answers: dict[object, Deployment | None] = {}

    @cached_property
    def departments(self) -> _Finder[Deployment]:
        number = {d.code: n for n, d in enumerate(self.rows)}
        return _Finder(
            self.rows,
            codes=lambda d: (d.code, d.department.iso_code),
            names=lambda d: (d.name, d.source_label),
            aliases=[(a, number[c]) for a, c in _aliases("department") if c in number],
            answers=self.answers,
        )

    @cached_property
    def academies(self) -> _Finder[Academy]:
        academies = {d.academy.code: d.academy for d in self.rows}
        labels: dict[str, list[str]] = {code: [] for code in academies}
        for d in self.rows:
            labels[d.academy.code].append(d.source_academy)
        number = {code: n for n, code in enumerate(sorted(academies))}
        return _Finder(
            [academies[code] for code in number],
            codes=lambda a: (a.code,),
            names=lambda a: (a.name, *labels[a.code]),
            aliases=[(a, number[c]) for a, c in _aliases("academy") if c in number],
        )

    @cached_property
    def regions(self) -> _Finder[Region]:
        regions = {
            r.code: r for d in self.rows if (r := d.department.region) is not None
        }
        return _Finder(
            [regions[code] for code in sorted(regions)],
            codes=lambda r: (r.code,),
            names=lambda r: (r.name,),
        )

    @cached_property
    def authorities(self) -> _Finder[Authority]:
        found = {a: None for d in self.rows for a in d.department.authorities}
        number = {a.code: n for n, a in enumerate(found) if a.code}
        return _Finder(
            list(found),
            codes=lambda a: (a.code,) if a.code else (),
            names=lambda a: (a.name,),
            aliases=[(a, number[c]) for a, c in _aliases("authority") if c in number],
        )

    @cached_property
    def academic_regions(self) -> _Finder[str]:
        names = {a for d in self.rows if (a := d.academy.academic_region)}
        return _Finder(sorted(names), codes=lambda _: (), names=lambda n: (n,))

    @cached_property
    def reference(self) -> Index:
        """The finders that filter names resolve against (see :meth:`Dataset.filter`).

        The packaged edition's when every row is a packaged row; otherwise
        those of the rows plus, for the territories they lack, the rows of the
        packaged edition with the same metadata, or else of the latest one.
        """
        try:
            packaged = load(self.edition.id)
        except UnknownEditionError:
            packaged = load()
        if packaged.edition != self.edition:
            packaged = load()
        by_code = {d.code: d for d in packaged}
        if all((row := by_code.get(d.code)) is d or row == d for d in self.rows):
            return packaged._index  # noqa: SLF001 - the packaged edition's own finders
        codes = {d.code for d in self.rows}
        # The rows last: where an académie or a région differs, theirs wins.
        others = tuple(d for d in packaged if d.code not in codes)
        return Index(self.edition, others + self.rows)


# -- Lookups ------------------------------------------------------------------


#: The kind of entity the groups of each grouping are, for error messages.
_KINDS = {
    "academy": "académie",
    "region": "région",
    "academic_region": "région académique",
    "kind": "kind",
    "status": "status",
    "authority": "collectivité",
}

#: What a query for each kind of thing looks like, for error messages.
_EXAMPLES = {
    "département": "a code or a name, such as '56' or 'Morbihan'",
    "académie": "a code or a name, such as '18' or 'Orléans-Tours'",
    "région": "a code or a name, such as '53' or 'Bretagne'",
    "région académique": "a name, such as 'Grand Est'",
    "status": "a status, such as 'massive' or 'Déploiement massif'",
    "kind": "a kind, such as 'overseas-department'",
    "collectivité": "a code or a name, such as '6AE' or 'Métropole de Lyon'",
}


def _key(query: object, what: str) -> str:
    """Return the normalised key of a lookup *query* (a str or an int).

    A signed number (``-5``, ``"-5"``, ``"+75"``) or an int of more digits
    than a code names nothing.

    Raises:
        InvalidArgumentError: *query* is neither a str nor an int.
        InvalidQueryError: *query* is empty or blank.
    """
    if isinstance(query, bool) or not isinstance(query, (str, int)):
        raise InvalidArgumentError(
            "query", query, f"a {what} query: a str (a code or a name) or an int"
        )
    if isinstance(query, int):
        return str(query) if 0 <= query < CODE_LIMIT else _NOTHING
    key = normalize(query)
    if not key:
        msg = f"empty {what} query {query!r}; expected {_EXAMPLES[what]}"
        raise InvalidQueryError(msg)
    text = query.strip()
    if text[:1] in {"-", "+"} and text[1:2].isdigit():
        return _NOTHING  # not "5": normalize reads a hyphen as a space
    return key


def find(index: Index, query: object) -> Deployment | None:
    """Return the territory *query* names among *index*'s rows, or ``None``."""
    return index.departments.find_query(query, "département")


class _Named(Hashable, Protocol):
    """What a strict lookup finds: a territory, an académie or an authority."""

    @property
    def name(self) -> str: ...

    @property
    def code(self) -> str | None: ...


N = TypeVar("N", bound=_Named)


def _strict(finder: _Finder[N], reference: _Finder[N], query: object, what: str) -> N:
    """Return the one entity of *finder* that *query* names, or raise.

    The error names the entities of an ambiguous query, or else suggests
    the closest and says when the query names an entity of the *reference*
    that *finder* lacks.

    Raises:
        UnknownEntityError: The subclass for *what*.
    """
    found = finder.find_query(query, what)
    if found is not None:
        return found
    key = _key(query, what)
    several = finder.find(key)
    one, error, missing = _STRICT[what]
    note = f"it names more than one {one}" if several else None
    if not several:
        elsewhere = reference.find(key)
        if len(elsewhere) == 1:
            entity, count = elsewhere[0], len(finder.entities)
            note = missing.format(name=entity.name, code=entity.code, count=count)
    raise error(query, several or finder.suggest(key), note=note)


#: For each kind of entity a strict lookup finds: what one is called, the error
#: of a miss, and the note for one that the reference has but the rows lack.
_STRICT: dict[str, tuple[str, Callable[..., UnknownEntityError[Any]], str]] = {
    "département": (
        "territory",
        UnknownDepartmentError,
        "{name} ({code}) is not among this dataset's {count} territories",
    ),
    "académie": (
        "académie",
        UnknownAcademyError,
        "{name} ({code}) has no territory in this dataset",
    ),
    "collectivité": (
        "authority",
        UnknownAuthorityError,
        "{name} has no territory in this dataset",
    ),
}


def lookup(index: Index, query: str | int) -> Deployment:
    """Return the territory *query* names among *index*'s rows, or raise."""
    return _strict(index.departments, index.reference.departments, query, "département")


def academy(index: Index, query: str | int) -> Academy:
    """Return the académie *query* names among *index*'s académies, or raise."""
    return _strict(index.academies, index.reference.academies, query, "académie")


def authority(index: Index, query: str | int) -> Authority:
    """Return the authority *query* names among *index*'s, or raise."""
    return _strict(
        index.authorities, index.reference.authorities, query, "collectivité"
    )


def search(index: Index, query: str | int, limit: int | None) -> tuple[Match, ...]:
    """Return up to *limit* candidate territories for *query*, best first."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise InvalidArgumentError(
            "limit", limit, "an int of at least 1, or None for every candidate"
        )
    if limit is not None and limit < 1:
        msg = f"limit must be at least 1 (or None for every candidate), got {limit}"
        raise InvalidQueryError(msg)
    ranked = index.departments.rank(_key(query, "département"))
    return tuple(Match(d, score) for d, score in ranked[:limit])


def group_key(by: str, query: object) -> object:
    """Return the key of the group of grouping *by* that *query* names.

    Names resolve against the latest packaged edition, as filter names do.
    """
    reference = load()._index  # noqa: SLF001 - the packaged edition's finders
    resolve: dict[str, Callable[[Index, object], object]] = {
        "academy": _resolve_academy,
        "region": _resolve_region,
        "academic_region": _resolve_academic_region,
        "authority": _resolve_authority,
    }
    if query is None or isinstance(query, (Academy, Region, Status, TerritoryKind)):
        return query
    if by == "status":
        return _enum_member(Status, query, "status")
    if by == "kind":
        return _enum_member(TerritoryKind, query, "kind")
    return resolve[by](reference, query)


def missing_group(by: str, query: object) -> UnknownEntityError[object]:
    """Return the error for a *query* that names no group of a summary *by* it."""
    note = "no group of this summary has it"
    shown = query if isinstance(query, (str, int)) else str(query)
    return UnknownEntityError(_KINDS.get(by, by), shown, note=note)


# -- Filtering ----------------------------------------------------------------


def _values(value: object, name: str, single: tuple[type, ...]) -> tuple[object, ...]:
    """Return a filter's value as a non-empty tuple of values.

    Raises:
        InvalidArgumentError: *value* is neither a value nor a collection of
            values.
        InvalidQueryError: *value* is an empty collection.
    """
    if isinstance(value, single):
        return (value,)
    expected = ", ".join(t.__name__ for t in single)
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        values = tuple(value)
        if not values:
            msg = f"{name}= got an empty collection; pass at least one value, or None"
            raise InvalidQueryError(msg)
        for item in values:
            if not isinstance(item, single):
                raise InvalidArgumentError(
                    name, value, f"a collection of {expected} values, not {item!r}"
                )
        return values
    raise InvalidArgumentError(
        name, value, f"one of {expected}, a collection of them, or None"
    )


def _enum_member(
    enum: type[Status | TerritoryKind], value: object, name: str
) -> object:
    """Return the member of *enum* that *value* (a member or a str) names.

    Raises:
        InvalidQueryError: *value* is blank or names no member.
    """
    if isinstance(value, enum):
        return value
    key = _key(value, name)
    if enum is Status:
        with contextlib.suppress(InvalidArgumentError):
            return Status.parse(str(value))
    else:
        for member in enum:
            if key in {normalize(member.value), normalize(member.name)}:
                return member
    accepted = ", ".join(repr(member.value) for member in enum)
    msg = f"unknown {name} {value!r}; expected a {enum.__name__} or one of {accepted}"
    raise InvalidQueryError(msg)


def _resolve_academy(reference: Index, value: object) -> Academy:
    if isinstance(value, Academy):
        if value not in reference.academies.entities:
            raise UnknownAcademyError(
                value.name, note="this Academy is not one of the edition's"
            )
        return value
    return academy(reference, value)  # type: ignore[arg-type]


def _resolve_region(reference: Index, value: object) -> Region:
    finder = reference.regions
    if isinstance(value, Region):
        if value not in finder.entities:
            raise UnknownRegionError(value.name, "région")
        return value
    key = _key(value, "région")
    found = finder.find(key)
    if len(found) == 1:
        return found[0]
    raise UnknownRegionError(
        str(value), "région", [r.name for r in finder.suggest(key)]
    )


def _resolve_authority(reference: Index, value: object) -> Authority:
    if isinstance(value, Authority):
        if value not in reference.authorities.entities:
            raise UnknownAuthorityError(value.name, note="not one of the edition's")
        return value
    return authority(reference, value)  # type: ignore[arg-type]


def _resolve_academic_region(reference: Index, value: object) -> str:
    finder = reference.academic_regions
    key = _key(value, "région académique")
    found = finder.find(key)
    if len(found) == 1:
        return found[0]
    raise UnknownRegionError(str(value), "région académique", finder.suggest(key))


def filter_rows(
    index: Index,
    *,
    status: object = None,
    academy: object = None,
    region: object = None,
    academic_region: object = None,
    kind: object = None,
    overseas: object = None,
    authority: object = None,
    where: object = None,
) -> tuple[Deployment, ...]:
    """Return the rows of *index* that pass every given filter, in order."""
    tests: list[Callable[[Deployment], bool]] = []
    reference = index.reference
    if status is not None:
        statuses = {
            _enum_member(Status, v, "status")
            for v in _values(status, "status", (Status, str))
        }
        tests.append(lambda d: d.status in statuses)
    if academy is not None:
        codes = {
            _resolve_academy(reference, v).code
            for v in _values(academy, "academy", (Academy, str, int))
        }
        tests.append(lambda d: d.academy.code in codes)
    if region is not None:
        regions = {
            _resolve_region(reference, v)
            for v in _values(region, "region", (Region, str))
        }
        tests.append(lambda d: d.department.region in regions)
    if academic_region is not None:
        names = {
            _resolve_academic_region(reference, v)
            for v in _values(academic_region, "academic_region", (str,))
        }
        tests.append(lambda d: d.academy.academic_region in names)
    if kind is not None:
        kinds = {
            _enum_member(TerritoryKind, v, "kind")
            for v in _values(kind, "kind", (TerritoryKind, str))
        }
        tests.append(lambda d: d.department.kind in kinds)
    if authority is not None:
        authorities = {
            _resolve_authority(reference, v)
            for v in _values(authority, "authority", (Authority, str, int))
        }
        tests.append(lambda d: not authorities.isdisjoint(d.department.authorities))
    if overseas is not None:
        if not isinstance(overseas, bool):
            raise InvalidArgumentError("overseas", overseas, "True, False or None")
        tests.append(lambda d: d.department.is_overseas is overseas)
    if where is not None:
        if not callable(where):
            raise InvalidArgumentError(
                "where", where, "a function of a Deployment, or None"
            )
        tests.append(lambda d: bool(where(d)))
    rows = index.rows
    for test in tests:
        rows = tuple(filter(test, rows))
    return rows
