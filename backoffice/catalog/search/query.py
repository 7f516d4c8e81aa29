"""Product search for a customer (C07, C09): synonyms, the customer's own codes, visibility.

Results always come from `products_visible_to`: search can never show what the listing hides.
"""
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import CustomerProductCode, Product, SearchDocument
from ..selectors import CatalogAccess, products_visible_to
from .backends import get_backend
from .synonyms import apply_synonyms

MAX_PHRASE = 100


@dataclass(frozen=True)
class SearchResult:
    phrase: str  # as typed (trimmed)
    effective: str  # folded, synonyms applied: what was searched
    products: QuerySet[Product]  # visible, matching, best first

    @property
    def rewritten(self) -> bool:
        from .text import fold

        return self.effective != fold(self.phrase)


def product_search(access: CatalogAccess, phrase: str) -> SearchResult:
    phrase = " ".join((phrase or "").split())[:MAX_PHRASE]
    effective = apply_synonyms(phrase)
    terms = effective.split()
    if not terms:
        return SearchResult(phrase, effective, Product.objects.none())
    backend = get_backend()
    match = backend.matching(terms)
    documents = SearchDocument.objects.filter(match.condition).values("product_id")
    # C09: the customer's own code finds the product; it is matched, never shown. Looked up
    # first (one indexed query) so that the usual search has no OR for the planner to trip on.
    own = list(CustomerProductCode.objects.filter(company_id=access.company_id, code__iexact=phrase).values_list("product_id", flat=True))
    found = Q(pk__in=documents) | Q(pk__in=own) if own else Q(pk__in=documents)
    matching = products_visible_to(access).filter(found)
    return SearchResult(phrase, effective, backend.ranked(matching, terms, phrase, match))
