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
entity scores its best name's score. :class:`_NameIndex` finds, from an
inverted index of bigrams built on the first search, the few names and words
that share enough bigrams with the query to score at all, and scores only those.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cache
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from ._model import Academy, Deployment, Region, Status, TerritoryKind
from ._normalize import normalize
from ._read.packaged import load, load_aliases
from .exceptions import (
    InvalidArgumentError,
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
    UnknownEditionError,
    UnknownRegionError,
)

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["Match", "academy", "filter_dataset", "find", "get", "lookup", "search"]

T = TypeVar("T", bound=Hashable)
D = TypeVar("D")

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
#: How many raw lookup queries each index remembers the answer to.
QUERY_MEMORY = 4096
#: ...and only those this long at most: longer than any name, so no real query
#: is forgotten, and 4096 huge misses cannot hold gigabytes.
REMEMBERED_QUERY_LENGTH = 100
#: A query word counts towards a word match only from this similarity on.
MIN_WORD_SIMILARITY = 0.75

#: Held while a finder builds its search index.
_building = threading.Lock()


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
    """Return the pairs of adjacent characters of *text*, padded with a space.

    ``"ain"`` gives ``" a"``, ``"ai"``, ``"in"`` and ``"n "``: the padding makes
    the first and the last letter count.
    """
    padded = f" {text} "
    return {a + b for a, b in pairwise(padded)}


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


class _NameIndex:
    """The normalised names of a finder's entities, indexed by their bigrams.

    Its *terms* are the distinct words of the names, and the names of several
    words with their spaces removed; an inverted index maps each bigram to the
    terms that have it. Counting, for each term that shares a bigram with a
    query text, how many it shares gives their Dice coefficient (twice the
    shared count over the sum of the sizes): a query never looks at a term
    that has none of its bigrams.
    """

    __slots__ = (
        "_name_entity",
        "_name_letters",
        "_name_words",
        "_names_of_term",
        "_names_with_word",
        "_term_sizes",
        "_terms",
        "_terms_by_gram",
    )

    def __init__(self, names: Iterable[tuple[str, int]]) -> None:
        """Index *names*: pairs of a normalised name and its entity's number."""
        terms: dict[str, int] = {}
        grams: dict[str, str] = {}  # one str object per distinct bigram
        terms_by_gram: dict[str, list[int]] = {}
        term_sizes: list[int] = []
        names_of_term: list[list[int]] = []
        names_with_word: list[list[int]] = []

        def term(text: str) -> int:
            if text not in terms:
                terms[text] = len(terms)
                text_grams = _bigrams(text)
                # Not the end bigram: see _dice.
                for gram in text_grams - {f"{text[-1]} "}:
                    gram = grams.setdefault(gram, gram)  # noqa: PLW2901
                    terms_by_gram.setdefault(gram, []).append(terms[text])
                term_sizes.append(len(text_grams))
                names_of_term.append([])
                names_with_word.append([])
            return terms[text]

        name_entity: list[int] = []
        name_words: list[tuple[int, ...]] = []
        name_letters: list[int] = []
        for number, (name, entity) in enumerate(names):
            names_of_term[term(_compact(name))].append(number)
            words = tuple(term(word) for word in name.split())
            for word in dict.fromkeys(words):
                names_with_word[word].append(number)
            name_entity.append(entity)
            name_words.append(words)
            name_letters.append(len(_compact(name)))
        self._terms = tuple(terms)
        self._term_sizes = tuple(term_sizes)
        self._terms_by_gram = {g: tuple(t) for g, t in terms_by_gram.items()}
        self._names_of_term = tuple(tuple(n) for n in names_of_term)
        self._names_with_word = tuple(tuple(n) for n in names_with_word)
        self._name_entity = tuple(name_entity)
        self._name_words = tuple(name_words)
        self._name_letters = tuple(name_letters)

    def scores(self, query: str) -> dict[int, float]:
        """Return the best score of each entity for the normalised *query*.

        Keys are the entities' numbers; only scores of at least
        :data:`MIN_SCORE` are kept. A name's score is the better of its whole
        score and its word score (see the module's docstring).
        """
        compact = _compact(query)
        # Each distinct query word once, with how often it occurs.
        words = Counter(query.split())
        # Each distinct text once: a one-word query is its own compact form.
        dice = {text: self._dice(text) for text in dict.fromkeys((compact, *words))}
        best: dict[int, float] = {}

        def keep(name: int, score: float) -> None:
            entity = self._name_entity[name]
            if score >= MIN_SCORE and score > best.get(entity, 0.0):
                best[entity] = score

        for term, score in dice[compact].items():
            for name in self._names_of_term[term]:
                keep(name, score)
        similar = {word: self._similar_words(word, dice[word]) for word in words}
        candidates = {
            name
            for found in similar.values()
            for term in found
            for name in self._names_with_word[term]
        }
        for name in candidates:
            keep(name, self._word_score(name, words, similar))
        return best

    def _word_score(
        self,
        name: int,
        words: Mapping[str, int],
        similar: Mapping[str, Mapping[int, float]],
    ) -> float:
        """Return the word score of *name* for the query's distinct *words*.

        *words* counts how often each occurs; *similar* lists, for each, the
        terms at least :data:`MIN_WORD_SIMILARITY` like it.
        """
        name_words = self._name_words[name]
        matched = 0.0
        used: set[int] = set()
        for word, count in words.items():
            best, best_index = 0.0, -1
            for index, term in enumerate(name_words):
                similarity = similar[word].get(term, 0.0)
                if similarity > best:
                    best, best_index = similarity, index
            if best_index >= 0:
                matched += count * len(word) * best
                used.add(best_index)
        letters = sum(len(word) * count for word, count in words.items())
        covered = sum(len(self._terms[name_words[index]]) for index in used)
        share = covered / self._name_letters[name]
        return 0.95 * matched / letters * (0.6 + 0.4 * share)

    def _dice(self, text: str) -> dict[int, float]:
        """Return the Dice coefficient of *text*'s bigrams and each term's.

        Only the terms that could reach :data:`MIN_SCORE` are listed: one that
        shares *n* of the *size* bigrams of *text* has a Dice of at most
        ``2 * n / (size + n)``. Each term has one end bigram, its last letter
        and the padding; the index leaves them out (``"e "`` alone would list
        half the terms), and a term shares *text*'s when their last letters
        are the same. A term that shares nothing else is below MIN_SCORE anyway.
        """
        grams = _bigrams(text)
        shared = Counter(
            chain.from_iterable(self._terms_by_gram.get(gram, ()) for gram in grams)
        )
        # The end bigram may add one to what the index counted; the margin
        # keeps a term exactly at MIN_SCORE despite rounding.
        need = MIN_SCORE * len(grams) / (2 - MIN_SCORE) - 1 - 1e-9
        terms, sizes, last = self._terms, self._term_sizes, text[-1]
        return {
            term: 2 * (count + (terms[term][-1] == last)) / (len(grams) + sizes[term])
            for term, count in shared.items()
            if count >= need
        }

    def _similar_words(self, word: str, dice: Mapping[int, float]) -> dict[int, float]:
        """Return the names' words at least :data:`MIN_WORD_SIMILARITY` like *word*.

        *dice* is what :meth:`_dice` gives for *word*: it lists every such
        word, since a similarity of 0.75, or a prefix of three letters or more
        (all bigrams but the last), needs more shared bigrams than
        :data:`MIN_SCORE` does.
        """
        similar: dict[int, float] = {}
        for term, coefficient in dice.items():
            if self._names_with_word[term]:
                similarity = _word_similarity(word, self._terms[term], coefficient)
                if similarity >= MIN_WORD_SIMILARITY:
                    similar[term] = similarity
        return similar


# -- Indexes ------------------------------------------------------------------


def _code_keys(code: str) -> tuple[str, ...]:
    """Return the keys of a code: itself and, if numeric, without leading zeros."""
    key = normalize(code)
    if key.isdigit() and key.lstrip("0"):
        return (key, key.lstrip("0"))
    return (key,)


class _Finder(Generic[T]):
    """Exact and fuzzy lookup of one kind of entity by normalised keys."""

    __slots__ = ("_entities", "_index", "_names", "_queries", "_tiers")

    def __init__(
        self,
        entities: Sequence[T],
        codes: Callable[[T], Iterable[str]],
        names: Callable[[T], Iterable[str]],
        aliases: Iterable[tuple[str, T]] = (),
        answers: dict[object, T | None] | None = None,
    ) -> None:
        """Index *entities* by their *codes*, *names* and *aliases*.

        *answers* is where :meth:`find_query` remembers raw queries, if given.
        """
        self._entities = tuple(entities)
        self._queries: dict[object, T | None] = {} if answers is None else answers
        # Keys map to the entities' numbers. By id: hashing or comparing a
        # Deployment compares every field, recursively.
        numbers = {id(entity): number for number, entity in enumerate(self._entities)}
        primary: dict[str, list[int]] = {}
        secondary: dict[str, list[int]] = {}
        compact: dict[str, list[int]] = {}
        fuzzy: list[list[str]] = [[] for _ in self._entities]

        def add(tier: dict[str, list[int]], key: str, number: int) -> None:
            targets = tier.setdefault(key, [])
            if number not in targets:
                targets.append(number)

        def add_compact(key: str, number: int) -> None:
            # A key without spaces is found in its own tier before this one.
            if " " in key:
                add(compact, _compact(key), number)

        # Most source labels are the official name: normalise each text once.
        keys: dict[str, str] = {}
        for number, entity in enumerate(self._entities):
            for code in codes(entity):
                for key in _code_keys(code):
                    add(primary, key, number)
                    add_compact(key, number)
            for name in names(entity):
                if name not in keys:
                    keys[name] = normalize(name)
                key = keys[name]
                add(primary, key, number)
                add_compact(key, number)
                fuzzy[number].append(key)
        for alias, entity in aliases:
            key = normalize(alias)
            add(secondary, key, numbers[id(entity)])
            add_compact(key, numbers[id(entity)])
            fuzzy[numbers[id(entity)]].append(key)
        # Most keys name one entity: share one 1-tuple per entity between them.
        alone = [(number,) for number in range(len(self._entities))]
        self._tiers = tuple(
            {
                key: alone[targets[0]] if len(targets) == 1 else tuple(targets)
                for key, targets in tier.items()
            }
            for tier in (primary, secondary, compact)
        )
        # The names search scores, each once, by entity; dropped once indexed.
        self._names = tuple(
            tuple(dict.fromkeys(key for key in keys if key)) for keys in fuzzy
        )
        self._index: _NameIndex | None = None

    @property
    def entities(self) -> tuple[T, ...]:
        return self._entities

    def find_query(self, query: object, what: str) -> T | None:
        """Return the one entity a raw lookup *query* names, else ``None``.

        ``None`` when it names none, or several. Remembers the answer to each
        str and int.

        Raises:
            InvalidArgumentError: *query* is neither a str nor an int.
            InvalidQueryError: *query* is empty or blank.
        """
        # Only exact str and int: True == 1 and 1.0 == 1 must not share an answer.
        remembered = type(query) is int or (
            type(query) is str and len(query) <= REMEMBERED_QUERY_LENGTH
        )
        if remembered:
            try:
                return self._queries[query]
            except KeyError:
                pass
        found = self.find(_key(query, what))
        answer = found[0] if len(found) == 1 else None
        if remembered:
            if len(self._queries) >= QUERY_MEMORY:
                self._queries.clear()
            self._queries[query] = answer
        return answer

    def find(self, key: str) -> tuple[T, ...]:
        """Return what *key* names: one entity, several (ambiguous) or none."""
        return tuple(self._entities[number] for number in self._numbers(key))

    def _numbers(self, key: str) -> tuple[int, ...]:
        """Return the numbers of the entities *key* names, as :meth:`find`."""
        for tier, query in zip(self._tiers, (key, key, _compact(key)), strict=True):
            found = tier.get(query)
            if found:
                return found
        return ()

    def _name_index(self) -> _NameIndex:
        """Return the bigram index of the names, built on first use."""
        index = self._index
        if index is None:
            # Under a lock: the names are dropped once indexed.
            with _building:
                index = self._index
                if index is None:
                    index = _NameIndex(
                        (name, number)
                        for number, names in enumerate(self._names)
                        for name in names
                    )
                    self._index = index
                    self._names = ()
        return index

    def rank(self, key: str) -> list[tuple[T, float]]:
        """Return the entities scoring at least :data:`MIN_SCORE`, best first.

        An exact match scores 1.0, or :data:`AMBIGUOUS_SCORE` for each entity
        of an ambiguous key; anything else at most :data:`MAX_FUZZY_SCORE`.
        """
        index = self._name_index()
        scores = {
            number: min(score, MAX_FUZZY_SCORE)
            for number, score in index.scores(key).items()
        }
        exact = self._numbers(key)
        for number in exact:
            scores[number] = 1.0 if len(exact) == 1 else AMBIGUOUS_SCORE
        # Best first; ties in the entities' order.
        ranked = sorted((-round(score, 3), number) for number, score in scores.items())
        return [(self._entities[number], -score) for score, number in ranked]

    def suggest(self, key: str, limit: int = 5) -> tuple[T, ...]:
        """Return the few entities a failed lookup of *key* should suggest."""
        ranked = self.rank(key)
        if not ranked:
            return ()
        floor = max(MIN_SUGGESTION_SCORE, ranked[0][1] - SUGGESTION_SPREAD)
        return tuple(entity for entity, score in ranked[:limit] if score >= floor)


@cache
def _aliases() -> tuple[tuple[str, str, str], ...]:
    return load_aliases()


class _Indexes:
    """The finders of one set of rows, each built on first use.

    Attributes:
        rows: The rows, a tuple.
        answers: What each str or int département query asked so far named:
            its one territory, or ``None``. The départements' finder fills it;
            :class:`Dataset` reads it directly, its fast path.
    """

    __slots__ = (
        "_academic_regions",
        "_academies",
        "_departments",
        "_regions",
        "answers",
        "rows",
    )

    def __init__(self, rows: Sequence[Deployment]) -> None:
        self.rows = tuple(rows)
        self.answers: dict[object, Deployment | None] = {}
        self._departments: _Finder[Deployment] | None = None
        self._academies: _Finder[Academy] | None = None
        self._regions: _Finder[Region] | None = None
        self._academic_regions: _Finder[str] | None = None

    @property
    def departments(self) -> _Finder[Deployment]:
        if self._departments is None:
            self._departments = _department_finder(self.rows, self.answers)
        return self._departments

    @property
    def academies(self) -> _Finder[Academy]:
        if self._academies is None:
            self._academies = _academy_finder(self.rows)
        return self._academies

    @property
    def regions(self) -> _Finder[Region]:
        if self._regions is None:
            regions = {
                d.department.region.code: d.department.region
                for d in self.rows
                if d.department.region
            }
            self._regions = _Finder(
                [regions[code] for code in sorted(regions)],
                codes=lambda r: (r.code,),
                names=lambda r: (r.name,),
            )
        return self._regions

    @property
    def academic_regions(self) -> _Finder[str]:
        if self._academic_regions is None:
            names = {
                d.academy.academic_region
                for d in self.rows
                if d.academy.academic_region
            }
            self._academic_regions = _Finder(
                sorted(names), codes=lambda _: (), names=lambda name: (name,)
            )
        return self._academic_regions


def _department_finder(
    deployments: Sequence[Deployment], answers: dict[object, Deployment | None]
) -> _Finder[Deployment]:
    by_code = {d.code: d for d in deployments}
    aliases = [
        (alias, by_code[code])
        for alias, entity, code in _aliases()
        if entity == "department" and code in by_code
    ]
    return _Finder(
        deployments,
        codes=lambda d: (d.code, d.department.iso_code),
        names=lambda d: (d.name, d.source_label),
        aliases=aliases,
        answers=answers,
    )


def _academy_finder(deployments: Sequence[Deployment]) -> _Finder[Academy]:
    academies = {d.academy.code: d.academy for d in deployments}
    labels: dict[str, list[str]] = {}
    for d in deployments:
        labels.setdefault(d.academy.code, []).append(d.source_academy)
    aliases = [
        (alias, academies[code])
        for alias, entity, code in _aliases()
        if entity == "academy" and code in academies
    ]
    return _Finder(
        [academies[code] for code in sorted(academies)],
        codes=lambda a: (a.code,),
        names=lambda a: (a.name, *labels[a.code]),
        aliases=aliases,
    )


def _indexes(dataset: Dataset) -> _Indexes:
    """Return the finders of *dataset*'s rows, built once and kept by the dataset."""
    try:
        return dataset._indexes  # noqa: SLF001 - the dataset's slot for them
    except AttributeError:
        indexes = _Indexes(dataset.deployments)
        # Two threads may both build them: either is right, the last one stays.
        object.__setattr__(dataset, "_indexes", indexes)
        return indexes


def _reference(dataset: Dataset) -> _Indexes:
    """Return the finders that filter names of *dataset* resolve against.

    A dataset made by :func:`filter_dataset` has its parent's, so filters
    compose. Any other dataset has its own rows plus those of the packaged
    edition with the same metadata, or else of the latest packaged edition
    (official names are shared across editions), for the territories it lacks:
    the reference never shrinks with filtering. Computed once per dataset.
    """
    try:
        return dataset._reference  # noqa: SLF001 - the dataset's slot for it
    except AttributeError:
        reference = _whole_edition(dataset)
        # Two threads may both compute it: either is right, the last one stays.
        object.__setattr__(dataset, "_reference", reference)
        return reference


def _whole_edition(dataset: Dataset) -> _Indexes:
    """Return the finders of *dataset*'s rows and its packaged edition's others."""
    try:
        packaged = load(dataset.edition.id)
    except UnknownEditionError:
        packaged = load()
    else:
        if packaged.edition != dataset.edition:
            packaged = load()
    if packaged is dataset:
        return _indexes(dataset)
    rows = {d.code: d for d in packaged.deployments}
    # Rows of a filtered packaged dataset are the packaged objects: `is` first,
    # since `==` compares every field, recursively.
    if all((row := rows.get(d.code)) is d or row == d for d in dataset.deployments):
        return _indexes(packaged)
    codes = {d.code for d in dataset.deployments}
    # The dataset's rows last: where an académie or a région differs, theirs wins.
    others = tuple(d for d in packaged.deployments if d.code not in codes)
    return _Indexes(others + dataset.deployments)


# -- Lookups ------------------------------------------------------------------


#: What a query for each kind of thing looks like, for error messages.
_EXAMPLES = {
    "département": "a code or a name, such as '56' or 'Morbihan'",
    "académie": "a code or a name, such as '18' or 'Orléans-Tours'",
    "région": "a code or a name, such as '53' or 'Bretagne'",
    "région académique": "a name, such as 'Grand Est'",
    "status": "a status, such as 'massive' or 'Déploiement massif'",
    "kind": "a kind, such as 'overseas-department'",
}


def _key(query: object, what: str) -> str:
    """Return the normalised key of a lookup *query* (a str or an int).

    Raises:
        InvalidArgumentError: *query* is neither a str nor an int.
        InvalidQueryError: *query* is empty or blank.
    """
    if isinstance(query, bool) or not isinstance(query, (str, int)):
        raise InvalidArgumentError(
            "query", query, f"a {what} query: a str (a code or a name) or an int"
        )
    if isinstance(query, int):
        # No normalisation: -5 must not become "5".
        return str(query)
    key = normalize(query)
    if not key:
        msg = f"empty {what} query {query!r}; expected {_EXAMPLES[what]}"
        raise InvalidQueryError(msg)
    return key


def find(dataset: Dataset, query: str | int) -> Deployment | None:
    """Return the territory *query* names in *dataset*, ``None`` if none does."""
    return _indexes(dataset).departments.find_query(query, "département")


def lookup(dataset: Dataset, query: str | int) -> Deployment:
    """Return the territory *query* names in *dataset*.

    Raises:
        UnknownDepartmentError: No territory, or several, match.
    """
    finder = _indexes(dataset).departments
    found = finder.find_query(query, "département")
    if found is not None:
        return found
    key = _key(query, "département")
    several = finder.find(key)
    note = None
    if several:
        note = "it names more than one territory"
        suggestions = several
    else:
        suggestions = finder.suggest(key)
        elsewhere = _reference(dataset).departments.find(key)
        if len(elsewhere) == 1:
            d = elsewhere[0]
            note = (
                f"{d.name} ({d.code}) is not among this dataset's "
                f"{len(dataset)} territories"
            )
    raise UnknownDepartmentError(query, suggestions, note=note)


def get(dataset: Dataset, query: str | int, default: D) -> Deployment | D:
    """Return the territory *query* names in *dataset*, *default* if none does."""
    found = find(dataset, query)
    return default if found is None else found


def search(
    dataset: Dataset, query: str | int, limit: int | None = 5
) -> tuple[Match, ...]:
    """Return up to *limit* candidate territories for *query*, best first.

    Raises:
        InvalidQueryError: *query* is blank or *limit* is below 1.
        InvalidArgumentError: *query* or *limit* has the wrong type.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise InvalidArgumentError(
            "limit", limit, "an int of at least 1, or None for every candidate"
        )
    if limit is not None and limit < 1:
        msg = f"limit must be at least 1 (or None for every candidate), got {limit}"
        raise InvalidQueryError(msg)
    ranked = _indexes(dataset).departments.rank(_key(query, "département"))
    return tuple(Match(d, score) for d, score in ranked[:limit])


def academy(dataset: Dataset, query: str | int) -> Academy:
    """Return the académie *query* names among *dataset*'s académies.

    Raises:
        UnknownAcademyError: No académie, or several, match.
    """
    finder = _indexes(dataset).academies
    found = finder.find_query(query, "académie")
    if found is not None:
        return found
    key = _key(query, "académie")
    several = finder.find(key)
    if several:
        raise UnknownAcademyError(
            query, several, note="it names more than one académie"
        )
    note = None
    elsewhere = _reference(dataset).academies.find(key)
    if len(elsewhere) == 1:
        a = elsewhere[0]
        note = f"{a.name} ({a.code}) has no territory in this dataset"
    raise UnknownAcademyError(query, finder.suggest(key), note=note)


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
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        values = tuple(value)
        if not values:
            msg = f"{name}= got an empty collection; pass at least one value, or None"
            raise InvalidQueryError(msg)
        expected = ", ".join(t.__name__ for t in single)
        for item in values:
            if not isinstance(item, single):
                raise InvalidArgumentError(
                    name, value, f"a collection of {expected} values, not {item!r}"
                )
        return values
    expected = ", ".join(t.__name__ for t in single)
    raise InvalidArgumentError(
        name, value, f"one of {expected}, a collection of them, or None"
    )


def _enum_member(
    enum: type[Status | TerritoryKind], value: object, name: str
) -> object:
    """Return the member of *enum* that *value* (a member or a str) names.

    Statuses are read by :meth:`Status.parse`; kinds by their value or name.

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


def _resolve_academy(reference: _Indexes, value: object) -> Academy:
    if isinstance(value, Academy):
        if value not in reference.academies.entities:
            raise UnknownAcademyError(
                value.name, note="this Academy is not one of the edition's"
            )
        return value
    key = _key(value, "académie")
    found = reference.academies.find(key)
    if len(found) == 1:
        return found[0]
    query = value if isinstance(value, (str, int)) else str(value)
    raise UnknownAcademyError(query, found or reference.academies.suggest(key))


def _resolve_region(reference: _Indexes, value: object) -> Region:
    if isinstance(value, Region):
        if value not in reference.regions.entities:
            raise UnknownRegionError(value.name, "région")
        return value
    key = _key(value, "région")
    found = reference.regions.find(key)
    if len(found) == 1:
        return found[0]
    names = tuple(r.name for r in reference.regions.suggest(key))
    raise UnknownRegionError(str(value), "région", names)


def _resolve_academic_region(reference: _Indexes, value: object) -> str:
    key = _key(value, "région académique")
    found = reference.academic_regions.find(key)
    if len(found) == 1:
        return found[0]
    names = reference.academic_regions.suggest(key)
    raise UnknownRegionError(str(value), "région académique", names)


def filter_dataset(
    dataset: Dataset,
    *,
    status: object = None,
    academy: object = None,
    region: object = None,
    academic_region: object = None,
    kind: object = None,
    overseas: object = None,
    where: object = None,
) -> Dataset:
    """Return the rows of *dataset* that pass every given filter, in order.

    Names are resolved against :func:`_reference`, which the result keeps, so a
    real name that no row of *dataset* has gives an empty dataset while a typo
    raises, and filtering twice is filtering by both.
    """
    tests: list[Callable[[Deployment], bool]] = []
    reference = _reference(dataset)
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
    rows = tuple(d for d in dataset.deployments if all(test(d) for test in tests))
    result = attrs.evolve(dataset, deployments=rows)
    object.__setattr__(result, "_reference", reference)
    return result
