"""Search backends: turn a phrase into a filtered, ranked product queryset.

Both backends search the same folded text (SearchDocument: SKU, EANs, brand, names in every
language, attribute values), so they find the same things; they differ in how typos are forgiven:

- PostgresSearchBackend: every word must occur in the text (LIKE, served by a trigram GIN index);
  a word found nowhere is matched by similarity to whole words of the product names (pg_trgm
  strict word similarity, GIN index on the name, threshold set per connection in
  settings/env.py): "wietarka" finds "wiertarka". Typo matches are ranked by the similarity of
  the phrase to the product's name; words found as typed by where the first word stands in the name.
- SqliteSearchBackend: the zero-setup fallback. Words must occur in the text; a word that occurs
  nowhere is replaced by the closest words of the catalog's vocabulary (difflib), cached per process.

Settings `CATALOG_SEARCH_BACKEND` (dotted path) overrides the choice; docs/search.md explains how to
plug in a dedicated engine (OpenSearch, Meilisearch) behind the same interface.
"""
import difflib
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.module_loading import import_string

VOCABULARY_KEY = "catalog:search-vocabulary:v1"
VOCABULARY_TTL = 300
MIN_FUZZY_LENGTH = 4  # shorter words are matched exactly: "m8" must not find "m6"


@dataclass(frozen=True)
class Match:
    condition: Q  # on SearchDocument: every term matches
    fuzzy: bool  # some term was matched by similarity, not as typed


class SearchBackend:
    def matching(self, terms: list[str]) -> Match:
        """A condition on SearchDocument that holds when every term matches. It is evaluated on
        the search table alone (`product_id IN (...)`), where the trigram index serves it."""
        raise NotImplementedError

    def ranked(self, qs: QuerySet, terms: list[str], raw: str, match: Match) -> QuerySet:
        """`qs` ordered best match first."""
        raise NotImplementedError

    @staticmethod
    def _by_position(qs: QuerySet, terms: list[str], raw: str) -> QuerySet:
        """Words found as typed: exact code first, then names starting with the first word, then
        names holding it as a whole word, then by name. Cheap: no per-row similarity."""
        first = terms[0] if terms else ""
        return qs.annotate(
            _exact=SearchBackend._exact_code_first(raw),
            _starts=Case(
                When(search_document__name__startswith=first, then=Value(0)),
                When(search_document__name__contains=f" {first} ", then=Value(1)),
                When(search_document__name__endswith=f" {first}", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        ).order_by("_exact", "_starts", F("search_document__name").asc(nulls_last=True), "pk")

    @staticmethod
    def _exact_code_first(raw: str):
        code = raw.strip()
        return Case(
            When(sku__iexact=code, then=Value(0)),
            When(ean=code, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )


def _contains(term: str) -> Q:
    return Q(text__contains=term)


class PostgresSearchBackend(SearchBackend):
    def matching(self, terms):
        """A word found as typed is matched as typed; a word of 4+ letters found nowhere is
        matched by similarity to whole words of the names (one query tells which is which)."""
        found = _found_as_typed(terms)
        conditions, fuzzy = [], False
        for term, exists in zip(terms, found):
            if exists or len(term) < MIN_FUZZY_LENGTH:
                conditions.append(_contains(term))
            else:
                conditions.append(Q(name__trigram_strict_word_similar=term))
                fuzzy = True
        return Match(reduce(and_, conditions), fuzzy)

    def ranked(self, qs, terms, raw, match):
        """Similarity ranks only typo matches: computing it for thousands of rows found as typed
        costs more than the search itself."""
        from django.contrib.postgres.search import TrigramStrictWordSimilarity

        if not match.fuzzy:
            return self._by_position(qs, terms, raw)
        return qs.annotate(
            _exact=self._exact_code_first(raw),
            _similarity=TrigramStrictWordSimilarity(Value(" ".join(terms)), "search_document__name"),
        ).order_by("_exact", "-_similarity", "search_document__name", "pk")


class SqliteSearchBackend(SearchBackend):
    def matching(self, terms):
        vocabulary = None
        conditions, fuzzy = [], False
        for term in terms:
            if len(term) >= MIN_FUZZY_LENGTH:
                vocabulary = vocabulary if vocabulary is not None else _vocabulary()
                if not any(term in word for word in vocabulary):
                    close = difflib.get_close_matches(term, vocabulary, n=3, cutoff=0.8)
                    if close:
                        conditions.append(reduce(or_, (_contains(word) for word in close)))
                        fuzzy = True
                        continue
            conditions.append(_contains(term))
        return Match(reduce(and_, conditions), fuzzy)

    def ranked(self, qs, terms, raw, match):
        return self._by_position(qs, terms, raw)


def _found_as_typed(terms: list[str]) -> list[bool]:
    """For each term: does any search text contain it? One query, each part served by the index."""
    from ..models import SearchDocument

    table = SearchDocument._meta.db_table
    # count(*) > 0, not EXISTS: with EXISTS the planner hopes for an early hit and scans the table.
    selects = ", ".join(f"(SELECT count(*) FROM {table} WHERE text LIKE %s) > 0" for _ in terms)
    with connection.cursor() as cursor:
        # Terms are folded (search/text.py): letters and digits only, nothing to escape for LIKE.
        cursor.execute(f"SELECT {selects}", [f"%{term}%" for term in terms])
        return list(cursor.fetchone())


def _vocabulary() -> list[str]:
    """Every distinct word of the search texts (SQLite fallback only)."""
    words = cache.get(VOCABULARY_KEY)
    if words is None:
        from ..models import SearchDocument

        found: set[str] = set()
        for text in SearchDocument.objects.values_list("text", flat=True).iterator(chunk_size=5000):
            found.update(word for word in text.split() if len(word) >= MIN_FUZZY_LENGTH and not word.isdigit())
        words = sorted(found)
        cache.set(VOCABULARY_KEY, words, VOCABULARY_TTL)
    return words


def search_vocabulary_changed() -> None:
    cache.delete(VOCABULARY_KEY)


def get_backend() -> SearchBackend:
    path = getattr(settings, "CATALOG_SEARCH_BACKEND", "")
    if path:
        return import_string(path)()
    return PostgresSearchBackend() if connection.vendor == "postgresql" else SqliteSearchBackend()

