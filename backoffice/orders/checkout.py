"""Checkout choices (F06, S03, L01-L07, F01-F04): where, when and how an order is delivered and
paid, what that adds to the order, and the rules that check them. Used by the checkout form (to
show field errors) and again by order_place (placing.py), which never trusts what a page sent.

Delivery and payment methods are handlers (checkout_methods.py) registered by the delivery and
payments apps; they are stored as codes on the order (Order.delivery_method / payment_method).
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.accounts.selectors import shipping_addresses_for
from backoffice.core.money import quantize
from backoffice.inventory.selectors import stock_for_products

from .calendar import earliest_delivery_date, is_working_day, latest_delivery_date
from .checkout_methods import DELIVERY, PAYMENT, MethodContext, OfferedMethod, method_handler, methods_offered
from .models import Order, OrderSettings

HEAD_OFFICE = "head-office"  # delivery address key of the company's own address (fallback)
REFERENCE_MAX = 64  # Order.customer_reference
NOTES_MAX = 2000
ZERO = Decimal("0")
SHIPPING_CHOICE_REQUIRED = gettext_lazy(
    "Part of your order ships from our warehouse now and part from a supplier later: choose how to ship it."
)


class DeliveryMethod(models.TextChoices):
    """Codes of the delivery handlers (backoffice/delivery)."""

    COURIER = "courier", gettext_lazy("courier")
    OWN_COURIER = "own_courier", gettext_lazy("your own courier")
    PICKUP = "pickup", gettext_lazy("personal pickup")


class PaymentMethod(models.TextChoices):
    """Codes of the payment handlers (backoffice/payments)."""

    BANK_TRANSFER = "bank_transfer", gettext_lazy("bank transfer (prepayment)")
    ON_TERMS = "on_terms", gettext_lazy("on payment terms")
    ONLINE = "online", gettext_lazy("online payment")
    CASH_ON_DELIVERY = "cod", gettext_lazy("cash on delivery")


def method_label(kind: str, code: str) -> str:
    """The display name of a stored method code (registered handler, else the enum, else the code)."""
    handler = method_handler(kind, code)
    if handler is not None:
        return str(handler.label)
    enum = DeliveryMethod if kind == DELIVERY else PaymentMethod
    return str(dict(enum.choices).get(code, code))


@dataclass(frozen=True)
class CheckoutData:
    """What the buyer chose at checkout. `delivery_address` is an address key from
    delivery_addresses_for (an Address pk as text, or HEAD_OFFICE)."""

    delivery_address: str
    requested_delivery_date: date | None = None  # None: as soon as possible
    customer_reference: str = ""  # the buyer's own PO number
    notes: str = ""
    delivery_method: str = DeliveryMethod.COURIER
    payment_method: str = PaymentMethod.BANK_TRANSFER
    shipping_preference: str = ""  # S03: Order.ShippingPreference, required for mixed carts
    language: str = "pl"  # the order's language (emails, names on the order)
    extra: Mapping = field(default_factory=dict)  # the methods' own fields (pickup slot, label file...)


@dataclass(frozen=True)
class DeliveryAddress:
    key: str
    address_id: int | None
    name: str
    street: str
    postal_code: str
    city: str
    country: str  # ISO code
    phone: str

    @property
    def label(self) -> str:
        return ", ".join(part for part in (self.name, self.street, f"{self.postal_code} {self.city}".strip()) if part)


def delivery_addresses_for(company) -> list[DeliveryAddress]:
    """The addresses an order can go to: the company's active, approved shipping addresses (ERP
    ones and those the customer added, A07-A09: pending and rejected ones never), one query. The
    head-office address comes first while the company has no shipping address from the ERP (a
    customer's own addresses do not take the head office away)."""
    saved = list(shipping_addresses_for(company))
    addresses = [
        DeliveryAddress(str(a.pk), a.pk, a.name or company.name, a.street, a.postal_code, a.city, str(a.country), a.phone)
        for a in saved
    ]
    if any(a.source != a.Source.CUSTOMER for a in saved):
        return addresses
    if company.street and company.city:
        head_office = DeliveryAddress(HEAD_OFFICE, None, company.name, company.street, company.postal_code, company.city,
                                      str(company.country), company.phone)
        return [head_office, *addresses]
    return addresses


@dataclass(frozen=True)
class Charges:
    """What the chosen delivery and payment methods add to the goods: net amounts rounded in the
    order's currency, VAT at OrderSettings.shipping_vat_rate."""

    shipping_net: Decimal
    fee_net: Decimal
    vat_rate: Decimal
    details: tuple[dict, ...] = ()

    @property
    def net(self) -> Decimal:
        return self.shipping_net + self.fee_net

    def vat(self, currency: str) -> Decimal:
        return quantize(self.net * self.vat_rate / Decimal(100), currency)


NO_CHARGES = Charges(ZERO, ZERO, Decimal("23"))


def method_charges(ctx: MethodContext, delivery: OfferedMethod | None, payment: OfferedMethod | None) -> Charges:
    shipping = quantize(delivery.handler.cost_net(ctx, delivery.setting), ctx.currency) if delivery else ZERO
    fee = quantize(payment.handler.cost_net(ctx, payment.setting), ctx.currency) if payment else ZERO
    details = []
    for method in (delivery, payment):
        if method is not None:
            details.extend(method.handler.cost_details(ctx))
    if "charges_vat_rate" not in ctx.cache:  # one settings read per request, however many pairs are priced
        ctx.cache["charges_vat_rate"] = OrderSettings.current().shipping_vat_rate
    return Charges(shipping, fee, ctx.cache["charges_vat_rate"], tuple(details))


@dataclass(frozen=True)
class CheckoutChoice:
    """The validated choices: the delivery address and the two offered methods."""

    address: "DeliveryAddress"
    delivery: OfferedMethod
    payment: OfferedMethod
    payment_refusals: tuple[str, ...]  # F16/F17: why a method (paying on terms) was not offered


def earliest_date_for(*, presale_dates=(), today: date | None = None) -> date:
    """F06: OrderSettings.delivery_lead_working_days working days from today (Europe/Warsaw), and
    for a pre-sale order not before the product's planned delivery date."""
    not_before = max(presale_dates, default=None)
    return earliest_delivery_date(OrderSettings.current().delivery_lead_working_days, today=today, not_before=not_before)


def needs_shipping_choice(view) -> bool:
    """S03: the cart takes goods both from our own warehouses (now) and from external suppliers
    (later), so the buyer decides: one complete shipment later, or two shipments.

    Demand is summed per product over all lines (bundle components too) and taken from own stock
    first, as reservations.py will take it. Product stock comes with the cart view's lines
    (CartViewLine.stock); bundle components' stock is read here (one query, only with bundles)."""
    component_ids = {c.product.pk for line in view.lines for c in line.components}
    stock = stock_for_products(component_ids) if component_ids else {}
    demand: dict[int, Decimal] = {}
    for line in view.lines:
        if line.presale is not None:
            return False  # a pre-sale order ships when the goods arrive, in one go
        if line.product is not None:
            demand[line.product.pk] = demand.get(line.product.pk, ZERO) + line.base_quantity
            if line.stock is not None:
                stock[line.product.pk] = line.stock
        for component in line.components:
            demand[component.product.pk] = demand.get(component.product.pk, ZERO) + component.quantity
    local = supplier = False
    for product_id, quantity in demand.items():
        product_stock = stock.get(product_id)
        own = product_stock.local_quantity if product_stock is not None else ZERO
        local |= own > 0
        supplier |= quantity > own
    return local and supplier


def checkout_validate(*, ctx: MethodContext, checkout: CheckoutData, needs_choice: bool, earliest: date) -> CheckoutChoice:
    """Check the buyer's choices. Sets ctx.country from the chosen address (shipping costs depend
    on it). Raises ValidationError with a dict of field -> messages (the checkout form's field
    names), in the active language."""
    today = ctx.today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    addresses = {a.key: a for a in delivery_addresses_for(ctx.company)}
    address = addresses.get(str(checkout.delivery_address or ""))
    if address is None:
        errors["delivery_address"] = [
            _("Choose one of your delivery addresses.") if addresses
            else _("Your company has no delivery address yet. Please contact your sales representative.")
        ]
    else:
        ctx.country = address.country
    day = checkout.requested_delivery_date
    if day is not None:
        if day < earliest:
            errors["requested_delivery_date"] = [_("The earliest delivery date you can request is %(date)s.") % {"date": date_format(earliest, "DATE_FORMAT")}]
        elif day > latest_delivery_date(today=today):
            errors["requested_delivery_date"] = [_("Choose a date within a year from today.")]
        elif not is_working_day(day):
            errors["requested_delivery_date"] = [_("We do not deliver on weekends and public holidays. Choose a working day.")]
    if len(checkout.customer_reference) > REFERENCE_MAX:
        errors["customer_reference"] = [_("Your order number can have at most %(max)s characters.") % {"max": REFERENCE_MAX}]
    if len(checkout.notes) > NOTES_MAX:
        errors["notes"] = [_("Notes can have at most %(max)s characters.") % {"max": NOTES_MAX}]
    payment_offer = methods_offered(PAYMENT, ctx)
    delivery = methods_offered(DELIVERY, ctx).get(checkout.delivery_method)
    ctx.cache["delivery_method"] = delivery.code if delivery is not None else ""  # payment rules may depend on it (F04)
    payment = payment_offer.get(checkout.payment_method)
    if delivery is None:
        errors["delivery_method"] = [_("Choose a delivery method.")]
    else:
        for name, messages in delivery.handler.validate(ctx, checkout.extra).items():
            errors.setdefault(name, []).extend(messages)
    if payment is None:
        refusal = next((reason for handler, reason in payment_offer.refused if handler.code == checkout.payment_method), None)
        errors["payment_method"] = [refusal or _("Choose a payment method.")]
    else:
        for name, messages in payment.handler.validate(ctx, checkout.extra).items():
            errors.setdefault(name, []).extend(messages)
    if needs_choice and checkout.shipping_preference not in Order.ShippingPreference.values:
        errors["shipping_preference"] = [str(SHIPPING_CHOICE_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    return CheckoutChoice(address, delivery, payment, tuple(reason for _handler, reason in payment_offer.refused))
