"""The cart read model: everything the cart page and checkout show, in a fixed number of queries.

`cart_view_for(cart=, user=)` loads the lines, the products the customer may still see (with
names, images, units), prices (one pricing_input_for + quote_cart for product lines; bundles via
quote_bundle), stock (already minus reservations) and planned availability (S02), and decides
per line whether it can be ordered:
- a product no longer visible to the customer is shown without name, code or price (it may now
  belong to somebody else's offer) and must be removed;
- a unit the ERP no longer sells, a product without a price: the line must be changed;
- S01: the quantity of a product over all lines (bundle components included) may not exceed
  what is left in own and supplier warehouses; a pre-sale product (S07) is limited by its
  offer's sellable quantity instead;
- S07: a pre-sale product never shares the cart with anything else.
Checkout (and only checkout) proceeds when `can_check_out`.

Totals: product lines from quote_cart (order-value discount P06 included); bundle lines add their
bundle price (bundles are already discounted, so they neither take nor count towards P06) and VAT
per component line, as on the invoice they are split into.

Queries (tests/cart/test_cart_view.py), the same for 1 or 500 lines: lines 1, products + names +
images + units 4, pricing_input_for 5-7, stock 1, pre-sale offers 1 (module on),
catalog access 0-1, stock display settings cached; with bundle lines add bundles_offered.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backoffice.catalog.models import Product, ProductImage, ProductUnit
from backoffice.catalog.selectors import catalog_access_for, products_visible_to
from backoffice.core import modules
from backoffice.core.money import HUNDRED, quantize
from backoffice.inventory.availability import Availability, format_quantity, plan_availability, step_label
from backoffice.inventory.display import stock_display
from backoffice.inventory.models import PresaleOffer
from backoffice.inventory.selectors import ProductStock, stock_for_products
from backoffice.pricing.bundle_quotes import BundleQuote, quote_bundle
from backoffice.pricing.engine import quote_cart
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import AppliedRule, CartQuote, LineQuote, LineRequest

from .models import Cart, CartLine
from .presale import presale_mix_error, presale_offers_for

ZERO = Decimal("0")
ONE = Decimal("1")


@dataclass(frozen=True)
class UnitChoice:
    code: str  # "" = base unit
    name: str
    factor: Decimal


@dataclass
class BundleComponentView:
    product: Product
    name: str
    sku: str
    quantity: Decimal  # base units for the whole line (per bundle x bundles)
    split_line_net: Decimal  # the component's share of the bundle price (what is invoiced)
    vat_rate: Decimal


@dataclass
class CartViewLine:
    pk: int
    kind: str  # "product" or "bundle"
    quantity: Decimal
    unit: str = ""  # "" = base unit
    unit_name: str = ""
    factor: Decimal = ONE
    base_quantity: Decimal = ZERO
    product: Product | None = None  # None for bundles and for products the customer may no longer see
    bundle_id: int | None = None
    bundle_code: str = ""
    sku: str = ""
    name: str = ""
    image: str = ""
    units: list[UnitChoice] = field(default_factory=list)
    quote: LineQuote | None = None  # product lines
    bundle_quote: BundleQuote | None = None  # bundle lines
    components: list[BundleComponentView] = field(default_factory=list)
    unit_net: Decimal | None = None
    unit_gross: Decimal | None = None
    line_net: Decimal = ZERO
    line_vat: Decimal = ZERO
    line_gross: Decimal = ZERO
    stock: ProductStock | None = None
    stock_label: str = ""
    availability: Availability | None = None
    availability_rows: list[tuple[str, str]] = field(default_factory=list)
    presale: PresaleOffer | None = None
    problem: str = ""

    @property
    def is_bundle(self) -> bool:
        return self.kind == "bundle"

    @property
    def quantity_input(self) -> str:
        """For <input type="number">: a dot, no trailing zeros ("2.5", "12")."""
        return f"{self.quantity.normalize():f}"

    @property
    def visible(self) -> bool:
        return self.product is not None or self.bundle_quote is not None

    @property
    def rules(self) -> tuple[AppliedRule, ...]:
        """"Why this price": the price engine's rules for the line."""
        return self.quote.rules if self.quote else ()


@dataclass
class CartView:
    cart: Cart
    lines: list[CartViewLine]
    currency: str
    net: Decimal
    vat: Decimal
    gross: Decimal
    order_discount: Decimal
    order_discount_percent: Decimal
    order_rules: tuple[AppliedRule, ...]
    cart_problems: list[str]  # about the cart as a whole (pre-sale mixing)

    @property
    def problems(self) -> list[str]:
        return [*self.cart_problems, *(f"{line.sku or _('Line')}: {line.problem}" for line in self.lines if line.problem)]

    @property
    def can_check_out(self) -> bool:
        return bool(self.lines) and not self.problems

    @property
    def is_empty(self) -> bool:
        return not self.lines


# ------------------------------------------------------------------------------------------------


def _visible_products(access, ids: set[int]) -> dict[int, Product]:
    """The products the customer may see, with `cart_name`, `cart_image` and `cart_units` set.
    Names, first images and units come as plain rows (prefetch_related would clone a queryset per
    product, and load descriptions and attributes nobody shows here): 4 queries in all."""
    if not ids:
        return {}
    products = {product.pk: product for product in products_visible_to(access).filter(pk__in=sorted(ids))}
    pks = list(products)
    names: dict[int, dict[str, str]] = {}
    rows = Product._parler_meta.root_model.objects.filter(master_id__in=pks).values_list("master_id", "language_code", "name")
    for product_id, language_code, name in rows:
        names.setdefault(product_id, {})[language_code] = name
    images: dict[int, str] = {}
    for product_id, file_name in ProductImage.objects.filter(product_id__in=pks).order_by("product_id", "-sort").values_list(
            "product_id", "image__file"):
        images[product_id] = file_name  # the lowest sort wins (last written)
    units: dict[int, list[UnitChoice]] = {}
    for product_id, code, factor in ProductUnit.objects.filter(product_id__in=pks, factor__gt=0).order_by("factor", "code").values_list(
            "product_id", "code", "factor"):
        units.setdefault(product_id, []).append(UnitChoice(code, code, factor))
    language = get_language() or "pl"
    for pk, product in products.items():
        found = names.get(pk, {})
        product.cart_name = found.get(language) or found.get("pl") or next((n for n in found.values() if n), product.sku)
        product.cart_image = default_storage.url(images[pk]) if images.get(pk) else ""
        product.cart_units = [UnitChoice("", product.base_unit, ONE), *units.get(pk, ())]
    return products


def _fill_product(row: CartViewLine, product: Product) -> None:
    row.product = product
    row.sku = product.sku
    row.name = product.cart_name
    row.image = product.cart_image
    row.units = product.cart_units
    chosen = next((u for u in row.units if u.code == row.unit), None)
    row.unit_name = chosen.name if chosen else row.unit
    row.factor = chosen.factor if chosen else ONE
    row.base_quantity = row.quantity * row.factor


def _bundles(user, bundle_ids: list[int]) -> dict:
    if not bundle_ids or not modules.is_enabled("bundles"):
        return {}
    from backoffice.catalog.selectors_card import bundles_offered

    return {offer.pk: offer for offer in bundles_offered(user, bundle_ids)}


def _plan(row: CartViewLine, stock: ProductStock, restock_days, today: date, base_unit: str) -> None:
    row.stock = stock
    plan = plan_availability(row.base_quantity, stock.local_quantity, stock.suppliers, stock.next_delivery, restock_days, today)
    row.availability = plan
    row.availability_rows = [(f"{format_quantity(part.quantity)} {base_unit}", step_label(part.step)) for part in plan.parts]


def cart_view_for(*, cart: Cart, user, today: date | None = None) -> CartView:
    today = today or timezone.localdate()
    access = catalog_access_for(user)
    company = cart.company
    currency = str(company.currency)
    lines = list(CartLine.objects.filter(cart_id=cart.pk).order_by("added_at", "pk"))
    rows = [CartViewLine(pk=line.pk, kind="bundle" if line.bundle_id else "product", quantity=line.quantity, unit=line.unit,
                         bundle_id=line.bundle_id) for line in lines]
    offers_by_bundle = _bundles(user, [row.bundle_id for row in rows if row.bundle_id])
    component_ids = {c.product_id for offer in offers_by_bundle.values() for c in offer.quote.components}
    product_ids = {line.product_id for line in lines if line.product_id}
    products = _visible_products(access, product_ids | component_ids)
    pricing = pricing_input_for(company, products.keys(), today=today, loaded_products=products.values()) if products else None
    stock = stock_for_products(products.keys(), today=today)
    presale = presale_offers_for(product_ids & products.keys())
    display = stock_display()

    # Product lines: visible, unit still sold, then priced together (P06/P07 need the whole cart).
    priced: list[CartViewLine] = []
    for line, row in zip(lines, rows):
        if not line.product_id:
            continue
        product = products.get(line.product_id)
        if product is None:
            row.problem = _("This product is no longer available to you. Remove it from the cart.")
            continue
        _fill_product(row, product)
        if row.unit and row.unit not in {u.code for u in row.units}:
            row.problem = _("This unit is no longer sold. Choose another unit.")
            continue
        row.presale = presale.get(product.pk)
        priced.append(row)
    cart_quote: CartQuote | None = None
    if priced:
        cart_quote = quote_cart(pricing, [LineRequest(row.product.pk, row.quantity, row.unit) for row in priced])
        for row, quote in zip(priced, cart_quote.lines):
            row.quote = quote
            if not quote.available:
                row.problem = _("There is no price for this product for you. Remove it from the cart.")
                continue
            row.unit_net, row.unit_gross = quote.unit_net, quote.unit_gross
            row.line_net, row.line_gross = quote.line_net, quote.line_gross
            row.line_vat = quote.line_gross - quote.line_net

    # Bundle lines (C10): one line, priced by quote_bundle over the same PricingInput.
    for row in rows:
        if not row.is_bundle:
            continue
        offer = offers_by_bundle.get(row.bundle_id)
        if offer is None or any(c.product_id not in products for c in offer.quote.components):
            row.problem = _("This bundle is no longer offered. Remove it from the cart.")
            continue
        row.bundle_code, row.sku, row.name, row.unit_name = offer.code, offer.code, offer.name, _("bundle")
        quote = quote_bundle(pricing, bundle_id=offer.pk, code=offer.code, bundle_price=offer.quote.list_price,
                             components=[(c.product_id, c.quantity) for c in offer.quote.components], quantity=row.quantity)
        row.bundle_quote = quote
        row.base_quantity = row.quantity
        for c in quote.components:
            product = products[c.product_id]
            row.components.append(BundleComponentView(product, product.cart_name, product.sku, c.quantity,
                                                      c.split_line_net, product.vat_rate))
        row.line_net = quote.bundle_net
        row.line_vat = sum((quantize(c.split_line_net * c.vat_rate / HUNDRED, currency) for c in row.components), ZERO)
        row.line_gross = row.line_net + row.line_vat
        row.unit_net = quantize(quote.bundle_net / row.quantity, currency)
        row.unit_gross = quantize(row.line_gross / row.quantity, currency)

    _check_stock(rows, stock, display, today)
    cart_problems = []
    identities = {row.product.pk if row.product else -row.bundle_id for row in rows if row.visible}
    mix = presale_mix_error(identities, presale) if presale else None
    if mix:
        cart_problems.append(mix)

    bundle_rows = [row for row in rows if row.bundle_quote is not None]
    net = (cart_quote.net if cart_quote else ZERO) + sum((row.line_net for row in bundle_rows), ZERO)
    vat = (cart_quote.vat if cart_quote else ZERO) + sum((row.line_vat for row in bundle_rows), ZERO)
    return CartView(
        cart=cart,
        lines=rows,
        currency=currency,
        net=quantize(net, currency),
        vat=quantize(vat, currency),
        gross=quantize(net + vat, currency),
        order_discount=cart_quote.order_discount if cart_quote else ZERO,
        order_discount_percent=cart_quote.order_discount_percent if cart_quote else ZERO,
        order_rules=cart_quote.rules if cart_quote else (),
        cart_problems=cart_problems,
    )


def _check_stock(rows: list[CartViewLine], stock: dict[int, ProductStock], display, today: date) -> None:
    """S01/S02: demand per product over all lines (bundle components too) against what is left in
    own and supplier warehouses; pre-sale products against their offer's sellable quantity."""
    demand: dict[int, Decimal] = {}
    for row in rows:
        if row.problem:
            continue
        if row.product is not None:
            demand[row.product.pk] = demand.get(row.product.pk, ZERO) + row.base_quantity
        for c in row.components:
            demand[c.product.pk] = demand.get(c.product.pk, ZERO) + c.quantity
    for row in rows:
        if row.problem:
            continue
        if row.product is not None:
            product = row.product
            product_stock = stock[product.pk]
            row.stock_label = display.label(product_stock.local_quantity, product.base_unit)
            if row.presale is not None:
                if demand[product.pk] > row.presale.sellable_quantity:
                    row.problem = _("Only %(quantity)s %(unit)s can be ordered in pre-sale.") % {
                        "quantity": format_quantity(row.presale.sellable_quantity), "unit": product.base_unit}
                continue
            _plan(row, product_stock, display.restock_days, today, product.base_unit)
            limit = product_stock.local_quantity + product_stock.supplier_quantity
            if demand[product.pk] > limit:
                row.problem = _not_enough(limit, product.base_unit)
            continue
        short = [c for c in row.components if demand[c.product.pk] > _sellable(stock[c.product.pk])]
        if short:
            c = short[0]
            row.problem = _("Not enough stock of %(name)s for this bundle: %(detail)s") % {
                "name": c.name, "detail": _not_enough(_sellable(stock[c.product.pk]), c.product.base_unit)}


def _sellable(product_stock: ProductStock) -> Decimal:
    return product_stock.local_quantity + product_stock.supplier_quantity


def _not_enough(limit: Decimal, unit: str) -> str:
    if limit <= 0:
        return _("Out of stock. Remove it or wait until it is back in stock.")
    return _("Only %(quantity)s %(unit)s can be ordered now (own and supplier stock). Reduce the quantity.") % {
        "quantity": format_quantity(limit), "unit": unit}
