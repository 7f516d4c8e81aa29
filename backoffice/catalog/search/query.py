"""Product search for a customer (C07, C09): synonyms, the customer's own codes, visibility.

Results always come from `products_visible_to`: search can never show what the listing hides.
"""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..models import CustomerProductCode, Product
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
    # C09: the customer's own code finds the product; it is matched, never shown.
    own_code = Exists(CustomerProductCode.objects.filter(company_id=access.company_id, product_id=OuterRef("pk"), code__iexact=phrase))
    matching = products_visible_to(access).filter(backend.matching(terms) | Q(own_code))
    return SearchResult(phrase, effective, backend.ranked(matching, terms, phrase))
