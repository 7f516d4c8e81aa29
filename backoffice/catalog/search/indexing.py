"""Keeps SearchDocument and ProductFacet in step with products.

Called by the ERP sync for the products a package wrote, and by the admin after a staff edit.
Rebuilding is per product and idempotent: delete the product's rows, write fresh ones.
"""
from collections.abc import Iterable

from django.db import transaction

from ..models import Product, ProductFacet, ProductUnit, SearchDocument
from .text import compact, fold

BATCH = 2000


def _document(product: Product, unit_eans: list[str]) -> tuple[str, str]:
    names = {t.language_code: t for t in product.translations.all()}
    pl = names.get("pl") or next(iter(names.values()), None)
    parts = [product.sku, compact(product.sku), product.ean, *unit_eans, product.brand.name if product.brand_id else ""]
    for translation in names.values():
        parts.append(translation.name)
        parts.extend(str(value) for value in (translation.attributes or {}).values())
    text = " ".join(fold(part) for part in parts if part)
    return " ".join(dict.fromkeys(text.split())), fold(pl.name if pl else product.sku)[:255]


def _facets(product: Product) -> list[ProductFacet]:
    rows = []
    for translation in product.translations.all():
        for name, value in (translation.attributes or {}).items():
            if name and value:
                rows.append(ProductFacet(product_id=product.pk, language=translation.language_code, name=str(name)[:120], value=str(value)[:255]))
    return rows


def search_documents_refresh(product_ids: Iterable[int] | None = None) -> int:
    """Rebuild search text and facets of `product_ids` (all products when None). Returns the
    number of products indexed. Inactive products are indexed too: visibility is decided by the
    catalog selector, not here."""
    ids = None if product_ids is None else sorted(set(product_ids))
    if ids is None:
        ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        products = list(Product.objects.filter(pk__in=chunk).select_related("brand").prefetch_related("translations"))
        unit_eans: dict[int, list[str]] = {}
        for product_id, ean in ProductUnit.objects.filter(product_id__in=chunk).exclude(ean="").values_list("product_id", "ean"):
            unit_eans.setdefault(product_id, []).append(ean)
        documents, facets = [], []
        for product in products:
            text, name = _document(product, unit_eans.get(product.pk, []))
            documents.append(SearchDocument(product_id=product.pk, text=text, name=name))
            facets.extend(_facets(product))
        with transaction.atomic():
            SearchDocument.objects.filter(product_id__in=chunk).delete()
            ProductFacet.objects.filter(product_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
            ProductFacet.objects.bulk_create(facets, batch_size=BATCH)
        written += len(documents)
    return written
