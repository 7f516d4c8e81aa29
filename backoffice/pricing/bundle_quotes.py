"""Bundle quotes (C10): what a customer pays for k bundles and how that splits into component lines.

quote_bundle is pure (no database): every component is priced with the engine's quote_line for
(component quantity x bundle quantity) at the customer's regular price (list/contract price,
discounts, promotions); the bundle total is quantize(bundle price x bundle quantity) and is split
over the components with bundles.bundle_split in proportion to quantity x regular unit price, so
the split line totals add up exactly to the bundle total.

An end customer (A11) pays the bundle price with its distributor markup, like every other price.

A bundle is not available (available=False, zero bundle/split amounts) when it has no price in the
customer's currency or any component has no price for the customer (C03).

bundle_quotes_for loads bundles, components and prices in 3 queries plus one pricing_input_for
call for all component products, however many bundles are quoted.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from backoffice.core.money import quantize

from .bundles import bundle_split, bundle_unit_price
from .engine import quote_line, with_distributor_markup
from .models import Bundle, BundleComponent, BundlePrice
from .selectors import pricing_input_for
from .types import LineRequest, PricingInput

ZERO = Decimal("0")


@dataclass(frozen=True)
class BundleComponentQuote:
    product_id: int
    quantity: Decimal  # component quantity x bundle quantity (base units)
    regular_unit_net: Decimal  # the customer's regular price per base unit
    regular_line_net: Decimal
    split_line_net: Decimal  # the component's share of the bundle total (what is invoiced)
    split_unit_net: Decimal  # split_line_net / quantity, rounded, for display


@dataclass(frozen=True)
class BundleQuote:
    bundle_id: int
    code: str
    currency: str
    quantity: Decimal  # number of bundles
    bundle_net: Decimal  # bundle price x quantity, rounded; 0 when not available
    regular_net: Decimal  # sum of the components' regular line nets
    saving: Decimal  # regular_net - bundle_net; 0 when not available
    components: tuple[BundleComponentQuote, ...]
    available: bool
    list_price: Decimal | None = None  # one bundle from the price table, before any markup (re-quoting starts here)


def quote_bundle(pricing: PricingInput, *, bundle_id: int, code: str, bundle_price: Decimal | None,
                 components: Sequence[tuple[int, Decimal]], quantity: Decimal) -> BundleQuote:
    """Quote `quantity` bundles of `components` = (product_id, quantity per bundle) at
    `bundle_price` (net, customer's currency, one bundle; None = no price in that currency)."""
    if isinstance(quantity, float) or isinstance(bundle_price, float):
        raise TypeError("quantity and bundle_price must be Decimal, not float")
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise ValueError(f"bundle quantity must be positive, got {quantity}")
    if not components:
        raise ValueError("a bundle needs at least one component")
    currency = pricing.currency
    list_price = bundle_price
    if bundle_price is not None:
        bundle_price = with_distributor_markup(bundle_price, pricing)  # A11: end customers pay the marked-up bundle

    lines = [quote_line(pricing, LineRequest(product_id=pid, quantity=Decimal(qty) * quantity)) for pid, qty in components]
    regular_net = sum((line.line_net for line in lines if line.available), ZERO)
    available = bundle_price is not None and all(line.available for line in lines)

    if available:
        bundle_net = quantize(bundle_price * quantity, currency)
        split = bundle_split(bundle_net, [(line.product_id, line.quantity, line.unit_net) for line in lines], currency)
        split_totals = [total for _pid, _qty, total in split]
    else:
        bundle_net = ZERO
        split_totals = [ZERO] * len(lines)

    quotes = tuple(
        BundleComponentQuote(
            product_id=line.product_id,
            quantity=line.quantity,
            regular_unit_net=line.unit_net,
            regular_line_net=line.line_net,
            split_line_net=total,
            split_unit_net=bundle_unit_price(total, line.quantity, currency),
        )
        for line, total in zip(lines, split_totals)
    )
    return BundleQuote(
        bundle_id=bundle_id,
        code=code,
        currency=currency,
        quantity=quantity,
        bundle_net=bundle_net,
        regular_net=regular_net,
        saving=regular_net - bundle_net if available else ZERO,
        components=quotes,
        available=available,
        list_price=list_price,
    )


def bundle_quotes_for(company, bundle_ids: Iterable[int], quantity: Decimal = Decimal("1"),
                      today: date | None = None) -> list[BundleQuote]:
    """Quotes of the active bundles among `bundle_ids` valid on `today` (default: today), in the
    order of `bundle_ids`; bundles without components are skipped.

    Queries: 1 bundles + 1 components + 1 prices (customer's currency only), plus one
    pricing_input_for call for all component products; none when no bundle matches.
    """
    today = today or timezone.localdate()
    ids = [int(pk) for pk in bundle_ids]
    currency = str(company.currency)
    bundles = list(
        Bundle.objects.filter(
            (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today)),
            pk__in=ids,
            is_active=True,
        ).prefetch_related(
            Prefetch("components", queryset=BundleComponent.objects.order_by("pk").only("pk", "bundle_id", "product_id", "quantity"),
                     to_attr="component_rows"),
            Prefetch("prices", queryset=BundlePrice.objects.filter(currency=currency), to_attr="price_rows"),
        )
    )
    bundles = [bundle for bundle in bundles if bundle.component_rows]
    if not bundles:
        return []
    position = {pk: i for i, pk in reversed(list(enumerate(ids)))}
    bundles.sort(key=lambda bundle: position[bundle.pk])
    product_ids = {component.product_id for bundle in bundles for component in bundle.component_rows}
    pricing = pricing_input_for(company, product_ids, today=today)
    return [
        quote_bundle(
            pricing,
            bundle_id=bundle.pk,
            code=bundle.code,
            bundle_price=bundle.price_rows[0].net if bundle.price_rows else None,
            components=[(component.product_id, component.quantity) for component in bundle.component_rows],
            quantity=quantity,
        )
        for bundle in bundles
    ]
