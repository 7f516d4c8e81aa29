"""The price engine: pure functions from a PricingInput (pricing/types.py) to immutable quotes.

No Django models, no database: the selector loads a PricingInput, the engine only calculates.
All amounts are Decimal in the customer's currency (P02: nothing is converted here); the only
rounding is money.quantize.

Stacking order (the single written source; docs/pricing.md repeats it with examples; the admin
shows STACKING_ORDER to staff):

1. Base price per base unit:
   a. contract price (P04) if the customer has one for the product; it beats every percentage
      discount: steps 2-4 and 8 are skipped for that line (promotion units, step 6, and the
      distributor markup, step 5, still apply);
   b. otherwise the price from the customer's price list (P01);
   c. neither -> the product is not available to the customer (C03): available=False, zero
      amounts, excluded from cart totals.
2. Category discount (P03): the customer's % for the product's top-level category.
3. Quantity discount (P07): the tier reached by the quantity in BASE units (min_quantity <= it;
   in quote_cart: the total base quantity of the product over all lines of the cart). Of several
   tiers reached the best % wins (normally the highest tier).
4. Packaging discount (P05): only when the line's unit is one of the product's bulk units.
   Steps 2-4 compound multiplicatively, each on the unrounded result of the previous one; the
   result is rounded once to the currency -> price per base unit.
5. Distributor markup (A11): for a distributor's end customer, price per base unit x (1 + m/100),
   rounded. The markup is applied last at unit level (on the distributor's final price).
6. Unit conversion (S09): price per sales unit = price per base unit x unit factor, rounded.
7. Buy X get one (P08): a promotion valid today (valid_from <= today <= valid_to, inclusive) for
   the product: of Q base units on the line, n = Q // (X + 1) units cost promo_price (not marked
   up, not discounted); line net = quantity x unit_net - n x (unit_net / factor - promo_price),
   i.e. (Q - n) regular base units + n promotional ones, rounded once. A promotion whose
   promo_price is not below the regular base-unit price does nothing.
8. Order-value discount (P06, quote_cart only): eligible lines are available lines WITHOUT a
   contract price (a contract price beats all discounts). The tier reached by the eligible lines'
   net value after steps 1-7 (threshold <= it; best % of the tiers reached) gives the %; the rounded discount is split over the eligible lines
   in proportion to their net with money.split_proportionally, so line nets still add up exactly
   to the cart net. The unit price stays as it was; the discount is on the line.
9. VAT per line: vat = round(line_net x rate/100); line_gross = line_net + vat;
   cart net/vat/gross are the sums of the lines (never recomputed from totals).

Never negative: negative input prices are clamped to zero; percentages outside 0..100 raise
ValueError; negative quantities raise ValueError.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Sequence

# Labels are translated (no database involved: the engine stays a pure calculation).
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from backoffice.core.money import HUNDRED, percent_off, quantize, split_proportionally
from backoffice.pricing.types import (
    AppliedRule,
    BuyXPromotion,
    CartQuote,
    LineQuote,
    LineRequest,
    OrderValueTier,
    PricingInput,
    ProductPricingData,
    QuantityTier,
)

ZERO = Decimal("0")
ONE = Decimal("1")

# Rule codes (AppliedRule.code)
LIST_PRICE = "list_price"
CONTRACT_PRICE = "contract_price"
CATEGORY_DISCOUNT = "category_discount"
QUANTITY_DISCOUNT = "quantity_discount"
PACKAGING_DISCOUNT = "packaging_discount"
DISTRIBUTOR_MARKUP = "distributor_markup"
UNIT_CONVERSION = "unit_conversion"
PROMOTION = "promotion"
ORDER_DISCOUNT = "order_discount"
UNAVAILABLE = "unavailable"

STACKING_ORDER: tuple[tuple[str, str], ...] = (
    (CONTRACT_PRICE, gettext_lazy("Contract price (P04) for the customer and product; if set, no percentage "
                     "discount applies to the line (only promotions and the distributor markup).")),
    (LIST_PRICE, gettext_lazy("Otherwise the price from the customer's price list (P01); no price at all = "
                 "the customer cannot buy the product.")),
    (CATEGORY_DISCOUNT, gettext_lazy("Customer discount (percent) for the product's top-level category (P03).")),
    (QUANTITY_DISCOUNT, gettext_lazy("Quantity discount (percent) by the quantity of the product in base units (P07).")),
    (PACKAGING_DISCOUNT, gettext_lazy("Packaging discount (percent) when buying in a bulk unit (P05).")),
    (DISTRIBUTOR_MARKUP, gettext_lazy("Distributor's markup (percent) for its end customers, on the distributor's "
                         "final price (A11).")),
    (UNIT_CONVERSION, gettext_lazy("Price of an auxiliary unit = base unit price x units per package (S09).")),
    (PROMOTION, gettext_lazy("Buy X get one more for a promotional price, while the promotion is valid (P08).")),
    (ORDER_DISCOUNT, gettext_lazy("Order value discount (percent) by the order value of lines without a contract "
                     "price, per customer group (P06).")),
)


# ---------------------------------------------------------------------------------------------
# Labels: built in one place, translated into the active language.


def _fmt_number(value: Decimal) -> str:
    """Decimal without trailing zeros or exponent: 5.00 -> '5', 2.50 -> '2.5', 1E+2 -> '100'."""
    text = f"{value.normalize():f}"
    return text


def rule_label(code: str, **params) -> str:
    """The label of an applied rule, in the active language. The single place where labels are built."""
    if code == LIST_PRICE:
        return _("price list")
    if code == CONTRACT_PRICE:
        return _("contract price")
    if code == CATEGORY_DISCOUNT:
        return _("category discount %(percent)s%%") % {"percent": _fmt_number(params["percent"])}
    if code == QUANTITY_DISCOUNT:
        return _("quantity discount %(percent)s%% from %(quantity)s units") % {
            "percent": _fmt_number(params["percent"]), "quantity": _fmt_number(params["min_quantity"])}
    if code == PACKAGING_DISCOUNT:
        return _("packaging discount %(percent)s%%") % {"percent": _fmt_number(params["percent"])}
    if code == DISTRIBUTOR_MARKUP:
        return _("distributor markup %(percent)s%%") % {"percent": _fmt_number(params["percent"])}
    if code == UNIT_CONVERSION:
        return _("%(unit)s = %(factor)s base units") % {"unit": params["unit"], "factor": _fmt_number(params["factor"])}
    if code == PROMOTION:
        units = params["units"]
        return ngettext(
            "buy %(buy)s get 1 for %(price)s (%(units)s promotional unit)",
            "buy %(buy)s get 1 for %(price)s (%(units)s promotional units)",
            int(units),
        ) % {"buy": params["buy_quantity"], "price": params["promo_price"], "units": _fmt_number(units)}
    if code == ORDER_DISCOUNT:
        return _("order value discount %(percent)s%% above %(threshold)s") % {
            "percent": _fmt_number(params["percent"]), "threshold": params["threshold"]}
    if code == UNAVAILABLE:
        return _("no price for this customer")
    raise ValueError(f"unknown rule code {code!r}")


# ---------------------------------------------------------------------------------------------
# Helpers


def with_distributor_markup(price: Decimal, pricing: PricingInput) -> Decimal:
    """A11: `price` as an end customer pays it (the distributor's price plus the markup, rounded in
    the currency); unchanged for every other customer. Used for unit prices and bundle prices."""
    if pricing.distributor_markup is None:
        return price
    markup = _check_percent(pricing.distributor_markup, "distributor markup")
    return quantize(price * (HUNDRED + markup) / HUNDRED, pricing.currency) if markup > 0 else price


def _check_percent(percent: Decimal, what: str) -> Decimal:
    if isinstance(percent, float):
        raise TypeError(f"{what} must be a Decimal, not float")
    pct = Decimal(percent)
    if not pct.is_finite() or pct < 0 or pct > HUNDRED:
        raise ValueError(f"{what} must be between 0 and 100, got {percent}")
    return pct


def _non_negative(amount: Decimal) -> Decimal:
    return amount if amount > 0 else ZERO


def _unit_factor(product: ProductPricingData | None, unit: str) -> Decimal:
    if not unit or product is None:  # no product data -> the line is unavailable anyway
        return ONE
    factors = product.unit_factors
    if unit not in factors:
        raise ValueError(f"unknown unit {unit!r} for product {product.product_id}")
    factor = factors[unit]
    if factor <= 0:
        raise ValueError(f"unit factor for {unit!r} must be positive, got {factor}")
    return factor


def _best_tier(reached: list, key) -> object | None:
    """Of the tiers reached, the one with the highest percent (ties: the highest threshold).

    With sensibly configured tiers (higher threshold -> higher %) this is simply the highest tier
    reached; with odd configurations the customer gets the better tier, so adding a tier can never
    make anything more expensive.
    """
    return max(reached, key=lambda t: (t.percent, key(t)), default=None)


def _quantity_tier(tiers: Sequence[QuantityTier], base_quantity: Decimal) -> QuantityTier | None:
    for tier in tiers:
        _check_percent(tier.percent, "quantity discount")
    reached = [t for t in tiers if t.min_quantity <= base_quantity]
    return _best_tier(reached, lambda t: t.min_quantity)


def _order_tier(tiers: Sequence[OrderValueTier], value: Decimal) -> OrderValueTier | None:
    for tier in tiers:
        _check_percent(tier.percent, "order value discount")
    reached = [t for t in tiers if t.threshold <= value]
    return _best_tier(reached, lambda t: t.threshold)


def _active_promotion(pricing: PricingInput, product_id: int) -> BuyXPromotion | None:
    promo = pricing.promotions.get(product_id)
    if promo is None or promo.product_id != product_id:
        return None
    if not (promo.valid_from <= pricing.today <= promo.valid_to):
        return None
    if promo.buy_quantity < 1:
        return None
    return promo


def _gross(net: Decimal, vat_rate: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """(vat, gross) of a rounded net amount; vat rounded once, gross = net + vat."""
    vat = quantize(net * vat_rate / HUNDRED, currency)
    return vat, net + vat


def _unavailable(request: LineRequest, product: ProductPricingData | None, base_quantity: Decimal,
                 currency: str) -> LineQuote:
    zero = quantize(ZERO, currency)
    return LineQuote(
        product_id=request.product_id, quantity=request.quantity, unit=request.unit,
        base_quantity=base_quantity, currency=currency, unit_net=zero,
        vat_rate=product.vat_rate if product else ZERO, unit_gross=zero, line_net=zero,
        line_gross=zero, rules=(AppliedRule(UNAVAILABLE, rule_label(UNAVAILABLE)),), available=False,
    )


def is_contract_line(line: LineQuote) -> bool:
    """True when the line is priced by a contract price (and therefore takes no discounts)."""
    return any(rule.code == CONTRACT_PRICE for rule in line.rules)


# ---------------------------------------------------------------------------------------------
# Public API


def quote_line(pricing: PricingInput, request: LineRequest, *,
               tier_quantity: Decimal | None = None) -> LineQuote:
    """Price one line (steps 1-7 of the stacking order; no order-value discount).

    ``tier_quantity`` (base units) chooses the P07 quantity tier; default: the line's own base
    quantity. quote_cart passes the product's total over the cart.
    """
    if isinstance(request.quantity, float):
        raise TypeError("quantity must be a Decimal, not float")
    quantity = Decimal(request.quantity)
    if quantity < 0:
        raise ValueError(f"quantity must not be negative, got {quantity}")
    currency = pricing.currency
    product = pricing.products.get(request.product_id)
    factor = _unit_factor(product, request.unit)
    base_quantity = quantity * factor

    contract = pricing.contract_prices.get(request.product_id)
    listed = pricing.list_prices.get(request.product_id)
    if product is None or (contract is None and listed is None):
        return _unavailable(request, product, base_quantity, currency)

    rules: list[AppliedRule] = []
    if contract is not None:
        price = _non_negative(contract)
        rules.append(AppliedRule(CONTRACT_PRICE, rule_label(CONTRACT_PRICE), None, quantize(price, currency)))
    else:
        price = _non_negative(listed)
        rules.append(AppliedRule(LIST_PRICE, rule_label(LIST_PRICE), None, quantize(price, currency)))

        category_pct = pricing.category_discounts.get(product.top_category_id) \
            if product.top_category_id is not None else None
        if category_pct is not None and _check_percent(category_pct, "category discount") > 0:
            price = percent_off(price, category_pct)
            rules.append(AppliedRule(CATEGORY_DISCOUNT, rule_label(CATEGORY_DISCOUNT, percent=category_pct),
                                     category_pct, quantize(price, currency)))

        tier = _quantity_tier(pricing.quantity_tiers,
                              base_quantity if tier_quantity is None else tier_quantity)
        if tier is not None and tier.percent > 0:
            price = percent_off(price, tier.percent)
            rules.append(AppliedRule(
                QUANTITY_DISCOUNT,
                rule_label(QUANTITY_DISCOUNT, percent=tier.percent, min_quantity=tier.min_quantity),
                tier.percent, quantize(price, currency)))

        packaging_pct = _check_percent(pricing.packaging_discount, "packaging discount")
        if request.unit and request.unit in product.bulk_units and packaging_pct > 0:
            price = percent_off(price, packaging_pct)
            rules.append(AppliedRule(PACKAGING_DISCOUNT, rule_label(PACKAGING_DISCOUNT, percent=packaging_pct),
                                     packaging_pct, quantize(price, currency)))

    base_price = quantize(price, currency)  # the one rounding of the discounted base-unit price

    marked_up = with_distributor_markup(base_price, pricing)
    if marked_up != base_price:
        base_price = marked_up
        rules.append(AppliedRule(DISTRIBUTOR_MARKUP, rule_label(DISTRIBUTOR_MARKUP, percent=pricing.distributor_markup),
                                 pricing.distributor_markup, base_price))

    unit_net = quantize(base_price * factor, currency)
    if factor != ONE:
        rules.append(AppliedRule(UNIT_CONVERSION, rule_label(UNIT_CONVERSION, unit=request.unit, factor=factor),
                                 None, unit_net))

    line_net_exact = quantity * unit_net
    promo = _active_promotion(pricing, request.product_id)
    if promo is not None:
        promo_price = quantize(_non_negative(promo.promo_price), currency)
        promo_units = base_quantity // (promo.buy_quantity + 1)
        regular = unit_net / factor  # the regular price of one base unit as invoiced (unrounded)
        if promo_units > 0 and promo_price < regular:
            # = (Q - n) x regular + n x promo_price; continuous and monotone in the unit price
            line_net_exact -= promo_units * (regular - promo_price)
            rules.append(AppliedRule(
                PROMOTION,
                rule_label(PROMOTION, buy_quantity=promo.buy_quantity, promo_price=promo_price,
                           units=promo_units),
                None, promo_price))
    line_net = quantize(_non_negative(line_net_exact), currency)

    _, unit_gross = _gross(unit_net, product.vat_rate, currency)
    _, line_gross = _gross(line_net, product.vat_rate, currency)
    return LineQuote(
        product_id=request.product_id, quantity=quantity, unit=request.unit,
        base_quantity=base_quantity, currency=currency, unit_net=unit_net,
        vat_rate=product.vat_rate, unit_gross=unit_gross, line_net=line_net,
        line_gross=line_gross, rules=tuple(rules), available=True,
    )


def quote_cart(pricing: PricingInput, requests: Sequence[LineRequest]) -> CartQuote:
    """Price a cart: every line (steps 1-7), then the order-value discount (step 8) and totals.

    Lines keep the order of ``requests``; the quantity tier (P07) is chosen by the total base
    quantity of the product over all lines. Unavailable lines are returned with available=False
    and are excluded from the totals.
    """
    currency = pricing.currency
    totals_by_product: dict[int, Decimal] = {}
    for request in requests:
        product = pricing.products.get(request.product_id)
        if isinstance(request.quantity, float):
            raise TypeError("quantity must be a Decimal, not float")
        base = Decimal(request.quantity) * _unit_factor(product, request.unit)
        totals_by_product[request.product_id] = totals_by_product.get(request.product_id, ZERO) + base
    lines = [quote_line(pricing, r, tier_quantity=totals_by_product[r.product_id]) for r in requests]

    eligible = [i for i, line in enumerate(lines) if line.available and not is_contract_line(line)]
    eligible_value = sum((lines[i].line_net for i in eligible), ZERO)
    tier = _order_tier(pricing.order_value_tiers, eligible_value) if eligible else None
    cart_rules: list[AppliedRule] = []
    order_percent = ZERO
    order_discount = quantize(ZERO, currency)
    if tier is not None and tier.percent > 0 and eligible_value > 0:
        order_percent = tier.percent
        order_discount = quantize(eligible_value * tier.percent / HUNDRED, currency)
        threshold = quantize(tier.threshold, currency)
        label = rule_label(ORDER_DISCOUNT, percent=tier.percent, threshold=threshold)
        shares = split_proportionally(order_discount, [lines[i].line_net for i in eligible], currency)
        for i, share in zip(eligible, shares):
            line = lines[i]
            net = _non_negative(line.line_net - share)
            _, gross = _gross(net, line.vat_rate, currency)
            # amount = this line's share of the order discount (the unit price does not change)
            lines[i] = replace(line, line_net=net, line_gross=gross,
                               rules=line.rules + (AppliedRule(ORDER_DISCOUNT, label, tier.percent, share),))
        cart_rules.append(AppliedRule(ORDER_DISCOUNT, label, tier.percent, order_discount))

    available = [line for line in lines if line.available]
    net = sum((line.line_net for line in available), quantize(ZERO, currency))
    gross = sum((line.line_gross for line in available), quantize(ZERO, currency))
    vat = gross - net
    return CartQuote(
        currency=currency, lines=tuple(lines), order_discount_percent=order_percent,
        order_discount=order_discount, net=net, vat=vat, gross=gross, rules=tuple(cart_rules),
    )
