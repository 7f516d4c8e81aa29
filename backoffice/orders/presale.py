"""S07 pre-sale / contracting rules shared by the cart, the product card and order placement.

A pre-sale product is sold before it is in stock, up to its offer's sellable quantity. One order
holds one pre-sale product only (any quantity, any unit) and never together with other products.
What is left to sell = sellable quantity - base quantities of pre-sale lines of the orders placed
since the offer was created that were not cancelled. Releasing the waiting orders when stock arrives: presale_release.py.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from backoffice.core import modules
from backoffice.inventory.availability import format_quantity
from backoffice.inventory.models import PresaleOffer

from .models import Order, OrderLine

ZERO = Decimal("0")


def presale_offers_for(product_ids: Iterable[int]) -> dict[int, PresaleOffer]:
    """Open pre-sale offers of `product_ids` (one query; none when the module is switched off)."""
    ids = {int(pk) for pk in product_ids}
    if not ids or not modules.is_enabled("presale"):
        return {}
    return {offer.product_id: offer for offer in PresaleOffer.objects.filter(product_id__in=ids, is_active=True)}


def presale_mix_error(product_ids: Iterable[int], offers: dict[int, PresaleOffer]) -> str | None:
    """Why this set of products cannot be in one cart/order, or None. `offers` comes from
    presale_offers_for (over at least these products)."""
    ids = {int(pk) for pk in product_ids}
    presale = ids & offers.keys()
    if not presale or len(ids) == 1:
        return None
    if len(presale) > 1:
        return _("Only one pre-sale product can be ordered at a time. Place a separate order for each.")
    return _("A pre-sale product cannot be ordered together with other products. Place a separate order for it.")


# ------------------------------------------------------------------------------------------------
# What is left to sell


@dataclass(frozen=True)
class PresaleStatus:
    """An open offer with what has been sold of it (base units)."""

    offer: PresaleOffer
    sold: Decimal

    @property
    def planned_delivery_date(self) -> date:
        return self.offer.planned_delivery_date

    @property
    def remaining(self) -> Decimal:
        return max(self.offer.sellable_quantity - self.sold, ZERO)


def sold_lines():
    """Pre-sale order lines that count against an offer: every order except cancelled ones
    (callers narrow them to orders placed since the offer was created)."""
    return OrderLine.objects.filter(is_presale=True).exclude(order__status=Order.Status.CANCELLED)


def presale_sold_for(offers: Iterable[PresaleOffer], *, exclude_order_id: int | None = None) -> dict[int, Decimal]:
    """Base units sold per product of `offers` (one query; products with no sales are missing).
    Orders placed before an offer was created belong to an earlier pre-sale of the product."""
    since = [Q(product_id=offer.product_id, order__placed_at__gte=offer.created_at) for offer in offers]
    if not since:
        return {}
    lines = sold_lines().filter(Q(*since, _connector=Q.OR))  # flat: no nesting however many offers
    if exclude_order_id is not None:
        lines = lines.exclude(order_id=exclude_order_id)
    rows = lines.order_by().values("product_id").annotate(total=Sum("base_quantity")).values_list("product_id", "total")
    return {product_id: total or ZERO for product_id, total in rows}


def presale_status_for(product_ids: Iterable[int], *, offers: dict[int, PresaleOffer] | None = None) -> dict[int, PresaleStatus]:
    """Open offers of `product_ids` with their sold quantity: 2 queries (1 when there is no open
    offer; none when `offers` from presale_offers_for is passed and empty)."""
    offers = presale_offers_for(product_ids) if offers is None else offers
    if not offers:
        return {}
    sold = presale_sold_for(offers.values())
    return {pk: PresaleStatus(offer, sold.get(pk, ZERO)) for pk, offer in offers.items()}


def presale_check_quantity(*, product_id: int, base_quantity: Decimal, exclude_order_id: int | None = None) -> PresaleStatus:
    """Order placement: may `base_quantity` more of pre-sale product `product_id` be sold?
    Raises ValidationError (the customer's language) when the offer is closed or too little is
    left. Call it inside the placing transaction BEFORE the order lines are written (or pass
    `exclude_order_id`): the offer row is then locked until the commit, so two concurrent
    checkouts cannot both take the last units (row locks are real on PostgreSQL)."""
    offers = PresaleOffer.objects.filter(product_id=product_id, is_active=True).select_related("product")
    if transaction.get_connection().in_atomic_block:
        offers = offers.select_for_update(of=("self",))
    offer = offers.first()
    if offer is None:
        raise ValidationError(_("The pre-sale of this product has ended. Check its availability on the product card."), code="presale_closed")
    status = PresaleStatus(offer, presale_sold_for([offer], exclude_order_id=exclude_order_id).get(offer.product_id, ZERO))
    if base_quantity > status.remaining:
        unit = offer.product.base_unit
        name = offer.product.safe_translation_getter("name", any_language=True) or offer.product.sku
        if status.remaining <= 0:
            message = _("%(product)s is sold out in pre-sale.") % {"product": name}
        else:
            message = _("Only %(left)s %(unit)s of %(product)s can still be ordered in pre-sale (you ordered %(ordered)s %(unit)s).") % {
                "left": format_quantity(status.remaining), "unit": unit, "product": name,
                "ordered": format_quantity(base_quantity),
            }
        raise ValidationError(message, code="presale_sold_out")
    return status
