"""One page of products for a customer: filters, facets, sorting, pagination and prices (C03,
C04 visibility comes in with the base queryset from catalog/selectors.py).

Queries, whatever the page size. Up to MATERIALISE_MAX matching products (search results, most
categories): the matching ids in their final order (one query), then facet counts from those ids
(brand, attributes; cached per matched set and catalog version), the page's products (names,
first image and stock as subqueries) and the price engine's input for them. Above it: a count,
the facets and the page query each repeat the match. The view adds the request's own (session, user).
"""
import hashlib
from array import array
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from backoffice.inventory.display import stock_display
from backoffice.inventory.models import Stock
from backoffice.pricing.engine import quote_line
from backoffice.pricing.models import ContractPrice, Price
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineQuote, LineRequest
from backoffice.core.paging import PageNavigation

from .models import Product, ProductFacet, ProductImage, Warehouse
from .selectors import CatalogAccess
from .tree import catalog_version

ProductTranslation = Product._parler_meta.root_model

SORTS = ("relevance", "name", "price_asc", "price_desc", "sku")
PAGE_SIZES = (24, 48, 96)
ATTRIBUTE_FACET_LIMIT = 2000  # attribute filters are offered when the result has at most this many products (cost)
FACET_VALUES_MAX = 400  # attribute (name, value) rows read at most
MATERIALISE_MAX = 10_000  # results up to this many are matched once per request (ids)
FACETS_TTL = 300  # seconds; catalog changes drop them sooner (the key holds the catalog version)


@dataclass(frozen=True)
class ListingQuery:
    brands: tuple[int, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # (name, value) pairs: OR within a name, AND across names
    stock: str = ""  # "", "local" (own warehouses), "any" (incl. external suppliers)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = "name"
    page: int = 1
    per_page: int = 48


@dataclass
class ListingItem:
    product: Product
    name: str
    image: str  # storage name of the first image, "" when none
    local_stock: Decimal
    supplier_stock: Decimal
    quote: LineQuote | None
    local_label: str = ""  # S01: exact or as a range, per the back-office setting
    supplier_label: str = ""


@dataclass
class Facet:
    name: str
    values: list[tuple[str, int, bool]]  # value, count, selected


@dataclass
class ListingPage(PageNavigation):
    items: list[ListingItem]
    total: int
    page: int
    pages: int
    brands: list[tuple[int, str, int, bool]] = field(default_factory=list)  # id, name, count, selected
    attributes: list[Facet] = field(default_factory=list)


def _base_price(access: CatalogAccess):
    """The customer's starting price (contract, else list) for sorting and the price filter.
    The price shown comes from the engine and may be lower after discounts."""
    contract = ContractPrice.objects.filter(
        product_id=OuterRef("pk"), company_id=access.price_source_id, currency=access.currency, is_active=True
    ).values("net")[:1]
    if access.price_list_id is None:
        return Subquery(contract)
    listed = Price.objects.filter(product_id=OuterRef("pk"), price_list_id=access.price_list_id, is_active=True).values("net")[:1]
    return Coalesce(Subquery(contract), Subquery(listed))


def _stock_sum(kind: str):
    rows = (
        Stock.objects.filter(product_id=OuterRef("pk"), warehouse__kind=kind, is_active=True, warehouse__is_active=True)
        .values("product_id")
        .annotate(total=Sum(F("quantity") - F("reserved")))
        .values("total")
    )
    return Coalesce(Subquery(rows), Decimal("0"))


def _in_stock(kinds: tuple[str, ...]) -> Exists:
    return Exists(
        Stock.objects.filter(product_id=OuterRef("pk"), warehouse__kind__in=kinds, quantity__gt=F("reserved"), is_active=True,
                             warehouse__is_active=True)
    )


def _attribute_filter(qs: QuerySet, attributes, language: str) -> QuerySet:
    by_name: dict[str, list[str]] = {}
    for name, value in attributes:
        by_name.setdefault(name, []).append(value)
    for name, values in by_name.items():
        qs = qs.filter(Exists(ProductFacet.objects.filter(product_id=OuterRef("pk"), language=language, name=name, value__in=values)))
    return qs


def _filtered(qs: QuerySet, query: ListingQuery, access: CatalogAccess, language: str, *, skip: str = "") -> QuerySet:
    if query.brands and skip != "brands":
        qs = qs.filter(brand_id__in=query.brands)
    if query.attributes and skip != "attributes":
        qs = _attribute_filter(qs, query.attributes, language)
    if query.stock:
        kinds = (Warehouse.Kind.LOCAL,) if query.stock == "local" else (Warehouse.Kind.LOCAL, Warehouse.Kind.SUPPLIER)
        qs = qs.filter(_in_stock(kinds))
    if query.price_min is not None or query.price_max is not None:
        qs = qs.annotate(_base_price=_base_price(access))
        if query.price_min is not None:
            qs = qs.filter(_base_price__gte=query.price_min)
        if query.price_max is not None:
            qs = qs.filter(_base_price__lte=query.price_max)
    return qs


def _ordered(qs: QuerySet, query: ListingQuery, access: CatalogAccess, language: str, ranked: bool) -> QuerySet:
    sort = query.sort
    if sort == "relevance" and ranked:
        return qs  # already ranked by the search backend
    if sort in ("price_asc", "price_desc"):
        if "_base_price" not in qs.query.annotations:
            qs = qs.annotate(_base_price=_base_price(access))
        price = F("_base_price").asc(nulls_last=True) if sort == "price_asc" else F("_base_price").desc(nulls_last=True)
        return qs.order_by(price, "pk")
    if sort == "sku":
        return qs.order_by("sku")
    if language == "pl":  # the folded Polish name is stored with the search text: no subquery
        return qs.order_by(F("search_document__name").asc(nulls_last=True), "pk")
    if "_name" not in qs.query.annotations:
        qs = qs.annotate(_name=translated_name(language))
    return qs.order_by(F("_name").asc(nulls_last=True), "pk")


def translated_name(language: str):
    """The product's name in `language`, Polish when it has no translation, as a subquery."""

    def name_in(code):
        return Subquery(ProductTranslation.objects.filter(master_id=OuterRef("pk"), language_code=code).values("name")[:1])

    return name_in("pl") if language == "pl" else Coalesce(name_in(language), name_in("pl"))


def _brand_facet(qs: QuerySet, query: ListingQuery) -> list:
    rows = qs.filter(brand__isnull=False).values("brand_id", "brand__name").annotate(n=Count("pk")).order_by("brand__name")
    return [(row["brand_id"], row["brand__name"], row["n"], row["brand_id"] in query.brands) for row in rows]


def _attribute_facets(qs: QuerySet, query: ListingQuery, language: str) -> list[Facet]:
    rows = (
        ProductFacet.objects.filter(language=language, product_id__in=qs.order_by().values("pk"))
        .values("name", "value")
        .annotate(n=Count("product_id"))
        .order_by("name", "value")[:FACET_VALUES_MAX]
    )
    selected = set(query.attributes)
    facets: dict[str, Facet] = {}
    for row in rows:
        facet = facets.setdefault(row["name"], Facet(row["name"], []))
        facet.values.append((row["value"], row["n"], (row["name"], row["value"]) in selected))
    # A filter with one value and nothing selected filters nothing: leave it out.
    return [f for f in facets.values() if len(f.values) > 1 or any(sel for _v, _n, sel in f.values)]


def listing_page(access: CatalogAccess, company, base: QuerySet, query: ListingQuery, *, language: str, ranked: bool = False,
                 at_most: int | None = None) -> ListingPage:
    """`base` is visible products already narrowed to a category subtree or a search (ranked).
    `at_most` is an upper bound of `base`'s size when the caller knows one (a category's active
    products): small results are then matched once, as search results are."""
    qs = _filtered(base, query, access, language)
    materialise = ranked or (at_most is not None and at_most <= MATERIALISE_MAX)
    ids = _matching_ids(qs, query, access, language, ranked) if materialise else None
    total = len(ids) if ids is not None else qs.order_by().count()
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)

    def facet_source(skip: str, active: bool) -> QuerySet:
        # Without a filter of its own the facet counts what was found: reuse the ids.
        if ids is not None and not active:
            return Product.objects.filter(pk__in_ids=ids)
        return _filtered(base, query, access, language, skip=skip)

    def facets() -> tuple[list, list[Facet]]:
        brands = _brand_facet(facet_source("brands", bool(query.brands)).order_by(), query) if total or query.brands else []
        attributes = []
        if total <= ATTRIBUTE_FACET_LIMIT and (total or query.attributes):
            attributes = _attribute_facets(facet_source("attributes", bool(query.attributes)), query, language)
        return brands, attributes

    if ids is not None and not query.brands and not query.attributes:
        # The same products give the same counts: remembered per matched set until the catalog changes.
        brands, attributes = cache.get_or_set(_facets_key(ids, language), facets, FACETS_TTL)
    else:
        brands, attributes = facets()

    start = (page - 1) * query.per_page
    if not total:
        items = []
    elif ids is not None:
        page_ids = ids[start:start + query.per_page]
        position = {pk: n for n, pk in enumerate(page_ids)}
        items = sorted(product_tiles(company, _for_tiles(Product.objects.filter(pk__in_ids=page_ids), language)),
                       key=lambda item: position[item.product.pk])
    else:
        ordered = _ordered(_for_tiles(qs, language), query, access, language, ranked)
        items = product_tiles(company, ordered[start:start + query.per_page])
    return ListingPage(items=items, total=total, page=page, pages=pages, brands=brands, attributes=attributes)


def _facets_key(ids: list[int], language: str) -> str:
    digest = hashlib.blake2b(array("q", sorted(ids)).tobytes(), digest_size=16).hexdigest()
    return f"catalog:facets:{catalog_version()}:{language}:{digest}"


def _matching_ids(qs: QuerySet, query: ListingQuery, access: CatalogAccess, language: str, ranked: bool) -> list[int] | None:
    """Matching products in their final order, as ids, when there are not too many: one query
    instead of repeating the match (visibility, search) for the count, the facets and the page.
    None above the limit."""
    ids = list(_ordered(qs, query, access, language, ranked).values_list("pk", flat=True)[: MATERIALISE_MAX + 1])
    return ids if len(ids) <= MATERIALISE_MAX else None


def _for_tiles(qs: QuerySet, language: str) -> QuerySet:
    """Everything a product tile shows, in the same query as the products: the name in the
    current language (Polish fallback), the first image and stock per kind of warehouse."""
    first_image = ProductImage.objects.filter(product_id=OuterRef("pk")).order_by("sort").values("image__file")[:1]
    return qs.annotate(
        _name=translated_name(language),
        _image=Subquery(first_image),
        _local=_stock_sum(Warehouse.Kind.LOCAL),
        _supplier=_stock_sum(Warehouse.Kind.SUPPLIER),
    ).select_related("brand")


def product_tiles(company, products_qs: QuerySet) -> list[ListingItem]:
    """Tiles for an already sliced queryset made by `_for_tiles`: one query for the products plus
    the price engine's input for them."""
    products = list(products_qs)
    pricing = pricing_input_for(company, [p.pk for p in products], loaded_products=products) if products else None
    display = stock_display()
    return [
        ListingItem(
            product=p,
            name=p._name or p.sku,
            image=p._image or "",
            local_stock=p._local,
            supplier_stock=p._supplier,
            quote=quote_line(pricing, LineRequest(product_id=p.pk, quantity=Decimal("1"))),
            local_label=display.label(p._local, p.base_unit),
            supplier_label=display.label(p._supplier, p.base_unit),
        )
        for p in products
    ]


def teaser_tiles(company, base: QuerySet, *, language: str, limit: int) -> list[ListingItem]:
    """A few tiles from `base` (visible products in the wanted order), e.g. for the home page."""
    return product_tiles(company, _for_tiles(base, language)[:limit])
