"""Delivery and payment methods at checkout (L01-L07, F01-F04, F16, F17): one small handler class per
method, registered by the app that implements it (backoffice/delivery, backoffice/payments).

Checkout (checkout.py), the checkout form and order_place (placing.py) only talk to handlers
through this interface, so a method is added by writing a handler and registering it in its app's
AppConfig.ready():

    register_method(PickupDelivery())

Which methods a buyer is offered: the handler's own rule (`is_offered`: e.g. the ERP allows
payment on terms) AND the staff's setting for the method (CheckoutMethodSetting: switched on, and
either for every customer group or for the buyer's group). Staff settings never enable what the
handler refuses.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

ZERO = Decimal("0")
DELIVERY = "delivery"
PAYMENT = "payment"


@dataclass
class MethodContext:
    """What a handler may look at to decide, price and validate. `view` is the cart read model
    (orders.cart_view.CartView) re-quoted for this request; `goods_net` / `goods_gross` are its
    totals (after the order-value discount) in `currency`; `country` is the chosen delivery
    address's ISO code ("" when no address is chosen yet)."""

    company: Any
    user: Any
    view: Any
    currency: str
    goods_net: Decimal
    goods_gross: Decimal
    country: str = ""
    today: date | None = None
    now: datetime | None = None
    cache: dict = field(default_factory=dict)  # handlers memoise per-request work here (e.g. a shipping quote)

    def __post_init__(self):
        self.now = self.now or timezone.now()
        self.today = self.today or timezone.localdate(self.now)

    @classmethod
    def for_view(cls, *, company, user, view, country: str = "", today: date | None = None, now: datetime | None = None):
        return cls(company=company, user=user, view=view, currency=view.currency, goods_net=view.net, goods_gross=view.gross,
                   country=country or "", today=today, now=now)


class CheckoutMethod:
    """Base class of delivery and payment method handlers. Override what the method needs."""

    kind: ClassVar[str] = DELIVERY  # DELIVERY or PAYMENT
    code: ClassVar[str] = ""  # stored on Order.delivery_method / payment_method (max 32 chars)
    label: ClassVar[Any] = ""  # a gettext_lazy string
    position: ClassVar[int] = 100  # order on the checkout page (staff settings may override)
    # A template rendered under the method's radio button on the checkout page (its own fields,
    # a slot calendar, payment instructions...). Context: form, method (this handler), ctx, and
    # panel_context(ctx).
    panel_template: ClassVar[str | None] = None
    # Payment only: True when the order waits for the money before it goes to the ERP (F02, F03).
    prepaid: ClassVar[bool] = False

    # ---- offering -------------------------------------------------------------------------------
    def is_offered(self, ctx: MethodContext) -> bool:
        """The method's own rule (not the staff's per-group setting, which the registry applies)."""
        return True

    def refusal(self, ctx: MethodContext) -> str | None:
        """When not offered: a sentence for the buyer saying why (F16/F17's polite request to
        settle), or None to hide the method silently."""
        return None

    # ---- the method's own form fields ----------------------------------------------------------------
    def extra_fields(self) -> dict[str, forms.Field]:
        """Extra checkout form fields, named with the method's code as prefix (e.g. "pickup_slot").
        They must be required=False: only the chosen method's fields are checked, by validate()."""
        return {}

    def validate(self, ctx: MethodContext, extra: Mapping[str, Any]) -> dict[str, list[str]]:
        """Check the extra fields when this method is chosen: {field name: [messages]} (messages
        in the active language), empty when all is well. `extra` holds the cleaned values of
        every extra field (files as UploadedFile)."""
        return {}

    def panel_context(self, ctx: MethodContext) -> dict:
        return {}

    # ---- money ----------------------------------------------------------------------------------
    def cost_net(self, ctx: MethodContext, setting=None) -> Decimal:
        """The net amount this method adds to the order in ctx.currency (shipping for delivery,
        a fee for payment); the caller rounds it. `setting` is the staff's CheckoutMethodSetting
        row (or None): by default its fee applies when its currency is the order's."""
        if setting is not None and setting.fee_net and str(setting.fee_currency) == ctx.currency:
            return setting.fee_net
        return ZERO

    def cost_details(self, ctx: MethodContext) -> list[dict]:
        """How cost_net was made up, for the summary and the order snapshot:
        [{"label": str, "net": "12.50"}, ...]."""
        return []

    # ---- placing --------------------------------------------------------------------------------
    def on_placed(self, order, ctx: MethodContext, extra: Mapping[str, Any]) -> None:
        """Inside the placing transaction, after the order and its lines are written (book a
        pickup slot, store a label...). Raise ValidationError({field: [..]}) to refuse: the whole
        order rolls back."""

    def after_commit(self, order) -> None:
        """After the order is committed (queue emails to staff, ...)."""

    def next_url(self, order) -> str | None:
        """Where the buyer goes right after placing (a payment gateway's start page), or None for
        the "order placed" page."""
        return None

    def erp_comments(self, order) -> list[str]:
        """Comments for the ERP operator on every document of an order placed with this method."""
        return []

    # ---- what the buyer is told about the order ---------------------------------------------------
    def order_info(self, order) -> list[str]:
        """Plain-text lines about this method on this order (transfer instructions, the pickup
        window, the label number...), in the active language. Shown on the "order placed" page,
        the order's page and in the confirmation email."""
        return []

    def order_action(self, order) -> tuple[str, str] | None:
        """(label, absolute-path URL) of a button the buyer needs now, e.g. ("Pay now", "/pay/12/")
        while an online payment is due; None otherwise."""
        return None


def order_methods(order) -> list[CheckoutMethod]:
    """The registered handlers of an order's delivery and payment methods."""
    return [h for h in (method_handler(DELIVERY, order.delivery_method), method_handler(PAYMENT, order.payment_method)) if h is not None]


def order_method_info(order) -> tuple[list[str], list[tuple[str, str]]]:
    """(info lines, action buttons) of an order's methods, for pages and emails."""
    info, actions = [], []
    for handler in order_methods(order):
        info.extend(handler.order_info(order))
        action = handler.order_action(order)
        if action is not None:
            actions.append(action)
    return info, actions


_REGISTRY: dict[tuple[str, str], CheckoutMethod] = {}


def register_method(handler: CheckoutMethod) -> None:
    """Register (or replace) the handler of (kind, code)."""
    if handler.kind not in (DELIVERY, PAYMENT) or not handler.code:
        raise ValueError(f"a checkout method needs kind delivery/payment and a code: {handler!r}")
    _REGISTRY[(handler.kind, handler.code)] = handler


def method_handler(kind: str, code: str) -> CheckoutMethod | None:
    return _REGISTRY.get((kind, code))


def registered_methods(kind: str) -> list[CheckoutMethod]:
    return sorted((h for (k, _code), h in _REGISTRY.items() if k == kind), key=lambda h: (h.position, h.code))


def method_choices(kind: str) -> list[tuple[str, str]]:
    """Every registered method of a kind (for the staff's settings and order filters)."""
    return [(h.code, h.label) for h in registered_methods(kind)]


@dataclass(frozen=True)
class OfferedMethod:
    handler: CheckoutMethod
    setting: Any  # CheckoutMethodSetting or None

    @property
    def code(self) -> str:
        return self.handler.code

    @property
    def label(self):
        return self.handler.label


@dataclass(frozen=True)
class MethodOffer:
    offered: list[OfferedMethod]
    refused: list[tuple[CheckoutMethod, str]]  # (handler, the buyer-facing reason) of methods refused with a reason

    def get(self, code: str) -> OfferedMethod | None:
        return next((m for m in self.offered if m.code == code), None)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(m.code, m.label) for m in self.offered]


def methods_offered(kind: str, ctx: MethodContext) -> MethodOffer:
    """The methods of `kind` this buyer may choose now, in display order, and the refused ones
    that carry a reason. Memoised on ctx.cache (one settings query per kind and request)."""
    key = ("offer", kind)
    if key in ctx.cache:
        return ctx.cache[key]
    from .models import CheckoutMethodSetting

    settings_by_code = CheckoutMethodSetting.for_kind(kind)
    group_id = getattr(ctx.company, "customer_group_id", None)
    offered, refused = [], []
    for handler in registered_methods(kind):
        setting = settings_by_code.get(handler.code)
        if setting is not None and not setting.applies_to_group(group_id):
            continue
        if handler.is_offered(ctx):
            offered.append(OfferedMethod(handler, setting))
        else:
            reason = handler.refusal(ctx)
            if reason:
                refused.append((handler, reason))
    offered.sort(key=lambda m: (m.setting.position if m.setting is not None and m.setting.position is not None else m.handler.position,
                                m.code))
    offer = MethodOffer(offered, refused)
    ctx.cache[key] = offer
    return offer


def extra_fields_for(kind: str) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for handler in registered_methods(kind):
        fields.update(handler.extra_fields())
    return fields
