"""Everything the product card and the bundle card show, loaded in a fixed number of queries.

Visibility is decided in catalog/selectors.py: the product comes from `product_get_for_user` and
every other product shown (variants, similar, complementary, bundle components) from
`products_visible_to`. Which bundles a customer is offered is decided in `bundles_offered`, for
both cards.

Queries of `product_card_for`, however many units, images, variants, links or bundles
(tests/product_card/test_card_queries.py measures whole requests):
  catalog access (price list and category grants unless loaded; the tree is cached)
  the product + its translations, units, images                               4
  similar links, complementary rows, bundle ids                               3
  related products + their translations, images                               3 (none without related)
  pricing_input_for (product and related together, products passed in)       5 (+ cached shared rules)
  stock                                                                        1
  pre-sale offers of the product and related products (S07)                    1 (+1 sold, only for a pre-sale product)
  stock display settings and ranges                                            cached
  bundles_offered: visible bundles 1 + bundle_quotes_for (3 + its own pricing) 9 (none without bundles)
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from backoffice.core import modules
from backoffice.core.money import HUNDRED, quantize
from backoffice.inventory.availability import Availability, SupplyStep, allocate, supply_steps
from backoffice.inventory.display import StockDisplay, stock_display
from backoffice.inventory.selectors import ProductStock, stock_for_products
from backoffice.pricing.bundle_quotes import BundleQuote, bundle_quotes_for
from backoffice.pricing.engine import quote_line
from backoffice.pricing.models import Bundle, BundleComponent
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineQuote, LineRequest, PricingInput

from .models import ComplementaryProduct, Product, ProductImage, ProductLink, ProductUnit
from .selectors import CatalogAccess, catalog_access_for, product_get_for_user, products_visible_to
from .tree import CategoryNode, category_tree

if TYPE_CHECKING:
    from backoffice.orders.presale import PresaleStatus

ONE = Decimal("1")
MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField can hold


@dataclass
class UnitOption:
    code: str  # "" = the base unit (as in LineRequest.unit)
    name: str  # what the customer reads: "szt", "karton"
    factor: Decimal  # base units per unit
    quote: LineQuote


@dataclass
class RelatedProduct:
    product: Product
    name: str
    image: str  # URL of the first image, "" when none
    quote: LineQuote | None
    differences: list[tuple[str, str]] = field(default_factory=list)  # variants: what sets it apart
    is_presale: bool = False  # S07: sold before it is in stock (a badge on the tile)


@dataclass
class BundleComponentLine:
    product: RelatedProduct
    quantity: Decimal  # base units per bundle
    regular_unit_net: Decimal
    regular_line_net: Decimal
    bundle_line_net: Decimal  # the component's share of the bundle price


@dataclass
class BundleOffer:
    pk: int
    code: str
    name: str
    quote: BundleQuote
    components: list[BundleComponentLine] = field(default_factory=list)  # filled for the bundle card only
    gross: Decimal | None = None  # the bundle card only


@dataclass
class ProductCard:
    product: Product
    name: str
    description: str
    attributes: list[tuple[str, str]]
    images: list[str]
    breadcrumbs: list[CategoryNode]
    quote: LineQuote  # quantity 1 of the base unit
    units: list[UnitOption]  # the base unit first
    stock: ProductStock
    display: StockDisplay
    steps: tuple[SupplyStep, ...]  # S02 sources for `plan`
    variants: list[RelatedProduct]
    own_differences: list[tuple[str, str]]  # this product's values of the attributes its variants differ in
    similar: list[RelatedProduct]
    complementary: list[RelatedProduct]
    bundles: list[BundleOffer]
    # S07: an open pre-sale offer (planned delivery date, what is left to sell) replaces the stock
    # figures on the card. Loaded through orders/presale.py (imported late: orders sits above catalog).
    presale: "PresaleStatus | None" = None

    def unit(self, code: str) -> UnitOption:
        return next((u for u in self.units if u.code == code), self.units[0])

    def plan(self, quantity: Decimal, unit_code: str = "") -> Availability:
        return allocate(quantity * self.unit(unit_code).factor, self.steps)


# ------------------------------------------------------------------------------------------------
# Translations: prefetched rows, current language first, Polish for what is missing there


def _translated(product: Product, name: str, default=""):
    rows = {t.language_code: t for t in product.translations.all()}
    for language in (get_language() or "pl", "pl", *rows):
        value = getattr(rows.get(language), name, None)
        if value:
            return value
    return default


def _attributes(product: Product) -> dict:
    value = _translated(product, "attributes", {})
    return value if isinstance(value, dict) else {}


def _image_urls(product: Product) -> list[str]:
    return [row.image.file.url for row in product.images.all()]


def _attribute_pairs(attributes: dict) -> list[tuple[str, str]]:
    return [(str(key), _text(value)) for key, value in attributes.items() if _text(value)]


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def attribute_differences(attribute_sets: list[dict]) -> list[str]:
    """C11: the attribute names whose values are not the same in every variant (a missing value
    counts as a value), in order of first appearance."""
    names: list[str] = []
    for attributes in attribute_sets:
        names.extend(name for name in attributes if name not in names)
    return [name for name in names if len({_text(a.get(name)) for a in attribute_sets}) > 1]


# ------------------------------------------------------------------------------------------------
# Loading


def _images_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.select_related("image").order_by("sort"))


def _visible(access: CatalogAccess, condition: Q) -> dict[int, Product]:
    """Products matching `condition` that the customer may see, with names and images: 3 queries."""
    products = products_visible_to(access).filter(condition).select_related("brand").prefetch_related("translations", _images_prefetch())
    return {product.pk: product for product in products}


def _related(product: Product, pricing: PricingInput) -> RelatedProduct:
    images = _image_urls(product)
    quote = quote_line(pricing, LineRequest(product.pk, ONE))
    return RelatedProduct(product, _translated(product, "name", product.sku), images[0] if images else "", quote if quote.available else None)


def _similar_ids(pk: int) -> list[int]:
    """C11: staff link products one way; the card shows the link on both ends."""
    rows = ProductLink.objects.filter(Q(product_id=pk) | Q(linked_id=pk)).order_by("sort", "pk").values_list("product_id", "linked_id")
    ids: list[int] = []
    for source, linked in rows:
        other = linked if source == pk else source
        if other not in ids:
            ids.append(other)
    return ids


def product_card_for(user, pk: int, *, today: date | None = None) -> ProductCard:
    """The card of product `pk` for `user`; 404 when the customer may not see it."""
    today = today or timezone.localdate()
    access = catalog_access_for(user)
    product = product_get_for_user(user, pk)
    units = Prefetch("units", queryset=ProductUnit.objects.filter(factor__gt=0).order_by("factor", "code"))  # bad ERP factors left out
    prefetch_related_objects([product], "translations", units, _images_prefetch())
    # Switched-off modules (K00) leave their parts of the card out.
    links_on = modules.is_enabled("product_links")
    variant_group = product.variant_group if links_on else ""
    similar_ids = _similar_ids(product.pk) if links_on else []
    complement_ids = list(
        ComplementaryProduct.objects.filter(category_id=product.category_id).exclude(product_id=product.pk)
        .order_by("sort", "pk").values_list("product_id", flat=True)
    ) if links_on else []
    bundle_ids = list(
        BundleComponent.objects.filter(product_id=product.pk).order_by("bundle_id").values_list("bundle_id", flat=True)
    ) if modules.is_enabled("bundles") else []

    condition = Q(pk__in=[*similar_ids, *complement_ids])
    if variant_group:
        condition |= Q(variant_group=variant_group)
    related = _visible(access, condition & ~Q(pk=product.pk)) if (similar_ids or complement_ids or variant_group) else {}

    pricing = pricing_input_for(user.company, [product.pk, *related], today=today, loaded_products=[product, *related.values()])
    tiles = {related_pk: _related(other, pricing) for related_pk, other in related.items()}

    variants = sorted((tiles[p.pk] for p in related.values() if variant_group and p.variant_group == variant_group),
                      key=lambda tile: tile.product.sku)
    own_attributes = _attributes(product)
    differing = attribute_differences([own_attributes, *(_attributes(v.product) for v in variants)])
    for variant in variants:
        values = _attributes(variant.product)
        variant.differences = [(name, _text(values.get(name))) for name in differing if _text(values.get(name))]

    units = [UnitOption("", product.base_unit, ONE, quote_line(pricing, LineRequest(product.pk, ONE)))]
    units += [UnitOption(u.code, u.code, u.factor, quote_line(pricing, LineRequest(product.pk, ONE, u.code))) for u in product.units.all()]

    stock = stock_for_products([product.pk], today=today)[product.pk]
    display = stock_display()
    presale = _presale(product.pk, tiles)
    return ProductCard(
        product=product,
        name=_translated(product, "name", product.sku),
        description=_translated(product, "description"),
        attributes=_attribute_pairs(own_attributes),
        images=_image_urls(product),
        breadcrumbs=category_tree().breadcrumbs(product.category_id),
        quote=units[0].quote,
        units=units,
        stock=stock,
        display=display,
        steps=supply_steps(stock.local_quantity, stock.suppliers, stock.next_delivery, display.restock_days, today),
        variants=variants,
        own_differences=[(name, _text(own_attributes.get(name))) for name in differing if _text(own_attributes.get(name))],
        similar=[tiles[i] for i in similar_ids if i in tiles],
        complementary=[tiles[i] for i in complement_ids if i in tiles],
        bundles=bundles_offered(user, bundle_ids, today=today),
        presale=presale,
    )


def _presale(pk: int, tiles: dict[int, RelatedProduct]) -> "PresaleStatus | None":
    """S07: the product's open offer with what is left to sell, and the pre-sale badge of the
    related products, from one query for all of them (+1 for the sold quantity of a pre-sale
    product). Nothing while the module is switched off."""
    from backoffice.orders.presale import presale_offers_for, presale_status_for

    offers = presale_offers_for([pk, *tiles])
    for related_pk, tile in tiles.items():
        tile.is_presale = related_pk in offers
    own = {pk: offers[pk]} if pk in offers else {}
    return presale_status_for([pk], offers=own).get(pk)


# ------------------------------------------------------------------------------------------------
# Bundles (C10)


def _bundle_gross(quote: BundleQuote, vat_rates: dict[int, Decimal]) -> Decimal:
    """VAT per component line, as on the invoice the bundle is split into."""
    vat = sum((quantize(c.split_line_net * vat_rates[c.product_id] / HUNDRED, quote.currency) for c in quote.components), Decimal("0"))
    return quote.bundle_net + vat


def bundles_offered(user, bundle_ids, *, today: date | None = None) -> list[BundleOffer]:
    """THE rule for which bundles a customer is offered: every component visible to the customer
    (C03/C04, checked in the database with products_visible_to), and active, valid today and
    priced in the customer's currency with every component priced (bundle_quotes_for says
    available). In the order of `bundle_ids`; no queries for no ids, else 1 + bundle_quotes_for.
    The offers carry no component lines (see bundle_card_for)."""
    ids = [pk for pk in dict.fromkeys(int(pk) for pk in bundle_ids) if 0 < pk <= MAX_ID]  # no such id; SQLite would overflow
    if not ids:
        return []
    access = catalog_access_for(user)
    hidden_part = BundleComponent.objects.filter(bundle_id=OuterRef("pk")).exclude(
        product_id__in=products_visible_to(access).values("pk")
    )
    names = dict(Bundle.objects.filter(pk__in=ids).filter(~Exists(hidden_part)).values_list("pk", "name"))
    quotes = bundle_quotes_for(user.company, [pk for pk in ids if pk in names], today=today)
    return [BundleOffer(q.bundle_id, q.code, names[q.bundle_id], q) for q in quotes if q.available]


def bundle_card_for(user, pk: int, *, today: date | None = None) -> BundleOffer:
    """The bundle card; 404 unless `bundles_offered` offers the bundle to this customer."""
    offers = bundles_offered(user, [pk], today=today)
    if not offers:
        raise Http404
    offer = offers[0]
    quote = offer.quote
    # Every component is visible (bundles_offered checked it); this loads names and images.
    products = _visible(catalog_access_for(user), Q(pk__in=[c.product_id for c in quote.components]))
    for c in quote.components:
        product = products[c.product_id]
        images = _image_urls(product)
        tile = RelatedProduct(product, _translated(product, "name", product.sku), images[0] if images else "", None)
        offer.components.append(
            BundleComponentLine(tile, c.quantity / quote.quantity, c.regular_unit_net, c.regular_line_net, c.split_line_net)
        )
    offer.gross = _bundle_gross(quote, {pk: product.vat_rate for pk, product in products.items()})
    return offer
