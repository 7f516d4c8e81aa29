"""Keeps SearchDocument and ProductFacet in step with products.

The ERP sync hands over the records it has just written (`search_entries_write`, no reads);
staff edits and tests rebuild from the database (`search_documents_refresh`). Either way a
product's rows are replaced as a whole.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Product, ProductFacet, ProductUnit, SearchDocument
from .text import compact, fold

BATCH = 2000


@dataclass
class SearchEntry:
    product_id: int
    sku: str
    ean: str = ""
    unit_eans: list[str] = field(default_factory=list)
    brand: str = ""
    names: dict[str, str] = field(default_factory=dict)  # language -> name
    attributes: dict[str, dict] = field(default_factory=dict)  # language -> {name: value}


def _document(entry: SearchEntry) -> SearchDocument:
    parts = [entry.sku, compact(entry.sku), entry.ean, *entry.unit_eans, entry.brand, *entry.names.values()]
    for values in entry.attributes.values():
        parts.extend(str(value) for value in values.values())
    words = " ".join(fold(part) for part in parts if part).split()
    name = entry.names.get("pl") or next(iter(entry.names.values()), entry.sku)
    return SearchDocument(product_id=entry.product_id, text=" ".join(dict.fromkeys(words)), name=fold(name)[:255])


def _facets(entry: SearchEntry) -> Iterable[ProductFacet]:
    for language, values in entry.attributes.items():
        for name, value in values.items():
            if name and value:
                yield ProductFacet(product_id=entry.product_id, language=language, name=str(name)[:120], value=str(value)[:255])


def search_entries_write(entries: list[SearchEntry], *, replace: bool = True) -> None:
    """Write documents and facets of `entries`; `replace=False` when none of them has rows yet
    (new products), which saves two deletes per batch on a first import."""
    for start in range(0, len(entries), BATCH):
        chunk = entries[start:start + BATCH]
        if replace:
            ids = [entry.product_id for entry in chunk]
            SearchDocument.objects.filter(product_id__in=ids).delete()
            ProductFacet.objects.filter(product_id__in=ids).delete()
        SearchDocument.objects.bulk_create([_document(entry) for entry in chunk], batch_size=BATCH)
        ProductFacet.objects.bulk_create([facet for entry in chunk for facet in _facets(entry)], batch_size=BATCH * 5)


def search_documents_refresh(product_ids: Iterable[int] | None = None) -> int:
    """Rebuild search text and facets of `product_ids` (all products when None) from the database.
    Returns the number of products indexed. Inactive products are indexed too: visibility is
    decided by the catalog selector, not here."""
    ids = sorted(set(product_ids)) if product_ids is not None else list(Product.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        unit_eans: dict[int, list[str]] = {}
        for product_id, ean in ProductUnit.objects.filter(product_id__in=chunk).exclude(ean="").values_list("product_id", "ean"):
            unit_eans.setdefault(product_id, []).append(ean)
        entries = []
        for product in Product.objects.filter(pk__in=chunk).select_related("brand").prefetch_related("translations"):
            translations = list(product.translations.all())
            entries.append(
                SearchEntry(
                    product_id=product.pk,
                    sku=product.sku,
                    ean=product.ean,
                    unit_eans=unit_eans.get(product.pk, []),
                    brand=product.brand.name if product.brand_id else "",
                    names={t.language_code: t.name for t in translations},
                    attributes={t.language_code: t.attributes or {} for t in translations},
                )
            )
        search_entries_write(entries)
    return len(ids)
