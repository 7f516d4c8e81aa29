"""Repeat an order (F08/F09) and "add selected to cart" from recently bought (C05): order history
into the buyer's cart through the cart services (orders/cart.py), which check visibility, units,
quantities and the pre-sale rule. What cannot be added comes back with the reason.

- Product lines go in at their ordered quantity and unit; when the unit is no longer sold for the
  product, at the same quantity in base units.
- Lines split from a bundle (C10) put the bundle back as one cart line when the bundle is still
  offered to the customer (same number of bundles), otherwise its components as product lines.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backoffice.catalog.selectors import catalog_access_for
from backoffice.core import modules
from backoffice.pricing.models import BundleComponent

from .cart import UNKNOWN_UNIT, CartItem, cart_add, cart_add_many, cart_for
from .models import Order, OrderLine
from .recently_bought import last_ordered
from .selectors import buying_company


@dataclass(frozen=True)
class NotAdded:
    label: str  # "SKU name" of the order line, or the bundle code
    reason: str  # translated


@dataclass
class ReorderReport:
    added: int = 0  # cart lines added or increased (a bundle counts once)
    not_added: list[NotAdded] = field(default_factory=list)


def _bundle_count(lines: list[OrderLine], components: dict[int, Decimal]) -> Decimal | None:
    """How many bundles the lines came from: every line's base quantity / its component quantity,
    the same whole number for all of them, and every component present; None when the bundle
    has changed since (then its components are added one by one)."""
    counts = set()
    for line in lines:
        per_bundle = components.get(line.product_id)
        if not per_bundle:
            return None
        counts.add(line.base_quantity / per_bundle)
    if len(counts) != 1 or {line.product_id for line in lines} != set(components):
        return None
    count = counts.pop()
    return count if count >= 1 and count == count.to_integral_value() else None


def _offered_bundles(user, bundle_ids: set[int]) -> set[int]:
    if not bundle_ids or not modules.is_enabled("bundles"):
        return set()
    from backoffice.catalog.selectors_card import bundles_offered

    return {offer.pk for offer in bundles_offered(user, sorted(bundle_ids))}


def _line_label(line: OrderLine) -> str:
    return f"{line.sku} {line.name}".strip()


def _add_products(cart, access, lines: list[OrderLine], report: ReorderReport) -> None:
    """Product lines at their quantity and unit; a unit no longer sold -> base units."""
    items, by_index = [], {}
    for line in lines:
        if line.product_id is None:
            report.not_added.append(NotAdded(_line_label(line), _("This product is no longer sold.")))
            continue
        by_index[len(items)] = line
        items.append(CartItem(line.product_id, line.quantity, line.unit, source_line=len(items)))
    if not items:
        return
    result = cart_add_many(cart=cart, access=access, items=items)
    report.added += result.added_count
    retry = []
    for rejection in result.rejected:
        line = by_index[rejection.item.source_line]
        if rejection.code == UNKNOWN_UNIT:
            retry.append(CartItem(line.product_id, line.base_quantity, "", source_line=rejection.item.source_line))
        else:
            report.not_added.append(NotAdded(_line_label(line), rejection.reason))
    if retry:
        again = cart_add_many(cart=cart, access=access, items=retry)
        report.added += again.added_count
        report.not_added += [NotAdded(_line_label(by_index[r.item.source_line]), r.reason) for r in again.rejected]


def order_repeat(*, user, order: Order) -> ReorderReport:
    """Put `order` (already fetched through orders/selectors.py) into `user`'s cart again."""
    company = buying_company(user)
    if order.company_id != company.pk:
        raise ValidationError(_("This order belongs to another customer."))
    access = catalog_access_for(user)
    cart = cart_for(user=user, company=company)
    lines = list(OrderLine.objects.filter(order_id=order.pk).order_by("position", "pk"))
    report = ReorderReport()

    bundle_lines: dict[int, list[OrderLine]] = {}
    products: list[OrderLine] = []
    for line in lines:
        if line.bundle_id and line.product_id:
            bundle_lines.setdefault(line.bundle_id, []).append(line)
        else:
            products.append(line)  # also lines of a bundle deleted since: added as products
    offered = _offered_bundles(user, set(bundle_lines))
    components: dict[int, dict[int, Decimal]] = {}
    if offered:
        for bundle_id, product_id, quantity in BundleComponent.objects.filter(bundle_id__in=sorted(offered)).values_list(
            "bundle_id", "product_id", "quantity"
        ):
            components.setdefault(bundle_id, {})[product_id] = quantity
    for bundle_id, group in bundle_lines.items():
        count = _bundle_count(group, components.get(bundle_id, {})) if bundle_id in offered else None
        if count is None:
            products.extend(group)
            continue
        try:
            cart_add(cart=cart, access=access, bundle_id=bundle_id, quantity=count)
            report.added += 1
        except ValidationError as error:
            report.not_added.append(NotAdded(group[0].bundle_code, " ".join(error.messages)))
    products.sort(key=lambda line: (line.position, line.pk))
    _add_products(cart, access, products, report)
    return report


def recently_bought_to_cart(*, user, product_ids) -> ReorderReport:
    """C05 "add selected to cart": each product at the quantity and unit of its last order line
    (the customer's usual pack), base units when that unit is no longer sold."""
    company = buying_company(user)
    ids = {int(pk) for pk in product_ids}
    report = ReorderReport()
    last = last_ordered(user, ids) if ids else {}
    if len(last) < len(ids):
        report.not_added.append(NotAdded("", _("Some of the selected products are no longer available to you.")))
    if last:
        cart = cart_for(user=user, company=company)
        _add_products(cart, catalog_access_for(user), list(last.values()), report)
    return report
