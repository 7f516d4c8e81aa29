"""Placing an order (F05 start, F06, S01, S03, S07, C10, A10/R01): atomic and idempotent.

order_place runs in ONE transaction:
 1. lock the cart (two tabs or a double click of the same buyer queue up here) and return the
    order already placed with this idempotency key, if any;
 2. re-read and re-quote the cart with the price engine (cart_view_for: never the page's
    numbers) and refuse while the cart has problems;
 3. check the checkout choices (checkout.py: address, date, the delivery and payment methods'
    handlers) and the pre-sale limit (offer row locked), and price the methods (shipping, fees);
 4. claim the idempotency key by inserting the order (unique per company; a concurrent twin
    gets IntegrityError inside a savepoint and answers with the winner's order);
 5. reserve stock (reservations.py: rows locked in pk order; not enough -> ValidationError and
    the whole transaction rolls back), snapshot the lines per warehouse, number the order,
    record the first status, let the methods' handlers do their part (book a pickup slot, store
    a label...), clear the cart, write the ERP outbox rows (handoff.py) unless the order waits for
    approval, payment or stock, and queue the confirmation email and the handlers' after-commit work.
A distributor's end customer's order (A11, placing_distributor.py) also snapshots the distributor's
own prices and waits for the distributor's approval (AWAITING_APPROVAL, stock reserved, no ERP
hand-off yet) unless the end customer is verified; the distributor is emailed either way.
Locks are always taken in the same order (cart, pre-sale offer, order key, stock rows by pk), so
concurrent checkouts wait for each other but never deadlock.
"""
import re
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backoffice.inventory.availability import format_quantity
from backoffice.inventory.models import PresaleOffer

from .cart import cart_clear
from .cart_view import cart_view_for
from .checkout import CheckoutData, Charges, CheckoutChoice, checkout_validate, earliest_date_for, method_charges, needs_shipping_choice
from .checkout_methods import MethodContext
from .handoff import handoffs_create_for
from .models import Cart, Order, OrderEvent, OrderLine, OrderSettings
from .placing_distributor import (DISTRIBUTOR_FIELDS, distributor_of, distributor_quotes_for, distributor_totals, needs_approval,
                                  queue_new_order_email)
from .placing_lines import LineDraft, drafts_from_view, rules_json, split_by_warehouse, stock_demands
from .reservations import reservations_record, stock_reserve

ZERO = Decimal("0")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CONFIRMATION_TASK = "backoffice.orders.emails.order_confirmation_task"


def new_idempotency_key() -> str:
    """A fresh key for one rendered checkout form."""
    return uuid.uuid4().hex


def order_number(order: Order, prefix: str) -> str:
    """"<prefix>/<year>/<6-digit sequence>": the sequence is the order's database id, unique
    without any counter row that concurrent checkouts would queue on."""
    return f"{prefix}/{timezone.localdate(order.placed_at).year}/{order.pk:06d}"


def _existing(company_id: int, key: str) -> Order | None:
    return Order.objects.filter(company_id=company_id, idempotency_key=key).first()


def order_place(*, cart: Cart, placed_by, checkout: CheckoutData, idempotency_key: str, acting_rep=None,
                today: date | None = None) -> Order:
    """Place the cart as an order; the same (company, idempotency_key) always gives the same order.
    Raises ValidationError (messages in the order's language) and writes nothing when the cart
    or the choices are not acceptable or stock is short."""
    key = str(idempotency_key or "")
    if not KEY_PATTERN.match(key):
        raise ValueError("idempotency_key must be 8-64 letters, digits, '-' or '_'")
    company = cart.company
    existing = _existing(company.pk, key)
    if existing is not None:
        return existing
    with translation.override(checkout.language), transaction.atomic():
        Cart.objects.select_for_update().filter(pk=cart.pk).values_list("pk").first()
        existing = _existing(company.pk, key)
        if existing is not None:  # the twin request got the cart first and placed the order
            return existing
        view = cart_view_for(cart=cart, user=placed_by, today=today)
        if view.is_empty:
            raise ValidationError(_("Your cart is empty."), code="empty_cart")
        if not view.can_check_out:
            raise ValidationError([ValidationError(problem, code="cart_problems") for problem in view.problems])
        distributor = distributor_of(company)
        distributor_quotes, distributor_cart = distributor_quotes_for(view, distributor, today) if distributor else (None, None)
        drafts = drafts_from_view(view, distributor_quotes)
        presale_ids = {d.product_id for d in drafts if d.is_presale}
        offers = _presale_offers_locked(drafts) if presale_ids else {}
        earliest = earliest_date_for(presale_dates=[o.planned_delivery_date for o in offers.values()], today=today)
        needs_choice = needs_shipping_choice(view)
        ctx = MethodContext.for_view(company=company, user=placed_by, view=view, today=today)
        choice = checkout_validate(ctx=ctx, checkout=checkout, needs_choice=needs_choice, earliest=earliest)
        if not needs_choice:
            checkout = replace(checkout, shipping_preference="")  # nothing to choose: one shipment
        charges = method_charges(ctx, choice.delivery, choice.payment)
        order, created = _claim(company=company, key=key, placed_by=placed_by, acting_rep=acting_rep, checkout=checkout, choice=choice,
                                charges=charges, is_presale=bool(presale_ids), view=view, needs_approval=needs_approval(company))
        if not created:
            return order  # lost the race for the key: the other request's order
        takes = stock_reserve(
            demands=stock_demands(drafts),
            names={d.product_id: d.name for d in drafts},
            units={d.product_id: d.base_unit for d in drafts},
        )
        lines = _write_lines(order, split_by_warehouse(drafts, takes, view.currency))
        reservations_record(order=order, lines=lines)
        order.number = order_number(order, OrderSettings.current().order_number_prefix)
        goods_net = sum((line.line_net for line in lines), ZERO)
        goods_gross = sum((line.line_gross for line in lines), ZERO)
        order.net = goods_net + charges.net
        order.vat = goods_gross - goods_net + charges.vat(order.currency)
        order.gross = order.net + order.vat
        extra_fields = []
        if distributor is not None:
            order.distributor = distributor
            distributor_totals(order, lines, charges, distributor_cart)
            extra_fields = DISTRIBUTOR_FIELDS
        order.save(update_fields=["number", "net", "vat", "gross", *extra_fields])
        OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.STATUS, status_to=order.status, user=acting_rep or placed_by,
                                  message=_("Order placed by %(who)s.") % {"who": _who(placed_by, acting_rep)})
        for method in (choice.delivery, choice.payment):
            method.handler.on_placed(order, ctx, checkout.extra)
        cart_clear(cart=cart)
        if order.status == Order.Status.PLACED:
            handoffs_create_for(order=order)
        order_id = order.pk
        transaction.on_commit(lambda: _queue_confirmation(order_id))
        if distributor is not None:
            queue_new_order_email(order_id)
        for method in (choice.delivery, choice.payment):
            transaction.on_commit(lambda handler=method.handler: handler.after_commit(order))
    return order


def initial_status(*, prepaid: bool, is_presale: bool, needs_approval: bool = False) -> str:
    """A11: an end customer's order first waits for its distributor's approval; then (and for
    everybody else) F02/F03: an order paid in advance waits for the money; a pre-sale order (S07)
    for stock. The distributor's approval asks again with needs_approval=False."""
    if needs_approval:
        return Order.Status.AWAITING_APPROVAL
    if prepaid:
        return Order.Status.AWAITING_PAYMENT
    return Order.Status.AWAITING_STOCK if is_presale else Order.Status.PLACED


def _claim(*, company, key, placed_by, acting_rep, checkout: CheckoutData, choice: CheckoutChoice, charges: Charges, is_presale,
           view, needs_approval: bool = False) -> tuple[Order, bool]:
    """Insert the order (claims the idempotency key) -> (order, True). A concurrent request that
    inserted the same key first wins: then (its order, False)."""
    address = choice.address
    order = Order(
        company=company, placed_by=placed_by, acting_rep=acting_rep, source=Order.Source.PLATFORM,
        status=initial_status(prepaid=choice.payment.handler.prepaid, is_presale=is_presale, needs_approval=needs_approval),
        language=checkout.language,
        currency=view.currency, net=view.net, vat=view.vat, gross=view.gross,
        order_discount_percent=view.order_discount_percent, order_discount=view.order_discount,
        pricing_rules=list(rules_json(view.order_rules)),
        shipping_net=charges.shipping_net, payment_fee_net=charges.fee_net, charges_vat_rate=charges.vat_rate,
        charges=list(charges.details), payment_check_required=bool(choice.payment_refusals),
        delivery_address_id=address.address_id, delivery_name=address.name, delivery_street=address.street,
        delivery_postal_code=address.postal_code, delivery_city=address.city, delivery_country=address.country,
        delivery_phone=address.phone, requested_delivery_date=checkout.requested_delivery_date,
        customer_reference=checkout.customer_reference.strip(), notes=checkout.notes.strip(),
        delivery_method=checkout.delivery_method, payment_method=checkout.payment_method,
        shipping_preference=checkout.shipping_preference, is_presale=is_presale, idempotency_key=key,
    )
    try:
        with transaction.atomic():
            order.save(force_insert=True)
    except IntegrityError:
        winner = _existing(company.pk, key)
        if winner is None:
            raise
        return winner, False
    return order, True


def _who(placed_by, acting_rep) -> str:
    name = placed_by.get_full_name() or placed_by.email
    if acting_rep is None:
        return name
    return _("%(rep)s (sales rep) for %(customer)s") % {"rep": acting_rep.get_full_name() or acting_rep.email, "customer": name}


def _write_lines(order: Order, drafts: list[LineDraft]) -> list[OrderLine]:
    lines = [
        OrderLine(
            order=order, position=position, product_id=d.product_id, sku=d.sku, name=d.name[:255], unit=d.unit,
            quantity=d.quantity, base_quantity=d.base_quantity, unit_net=d.unit_net, vat_rate=d.vat_rate,
            line_net=d.line_net, line_gross=d.line_gross, rules=list(d.rules), bundle_id=d.bundle_id,
            bundle_code=d.bundle_code, warehouse_id=d.warehouse_id, is_presale=d.is_presale,
            distributor_unit_net=d.distributor_unit_net, distributor_line_net=d.distributor_line_net,
        )
        for position, d in enumerate(drafts, start=1)
    ]
    OrderLine.objects.bulk_create(lines, batch_size=500)
    return lines


def _presale_offers_locked(drafts: list[LineDraft]) -> dict[int, PresaleOffer]:
    """S07: lock the pre-sale offers of the order and check that the quantity still fits what is
    left of the offer (sellable quantity minus what open orders placed since it opened took)."""
    demand: dict[int, Decimal] = {}
    for draft in drafts:
        if draft.is_presale:
            demand[draft.product_id] = demand.get(draft.product_id, ZERO) + draft.base_quantity
    offers = {o.product_id: o for o in PresaleOffer.objects.select_for_update().filter(product_id__in=sorted(demand)).order_by("pk")}
    errors = []
    for product_id, quantity in sorted(demand.items()):
        offer = offers.get(product_id)
        name = next(d.name for d in drafts if d.product_id == product_id)
        if offer is None or not offer.is_active:
            errors.append(_("%(product)s is no longer sold in pre-sale. Remove it from the cart.") % {"product": name})
            continue
        taken = (
            OrderLine.objects.filter(product_id=product_id, is_presale=True, order__placed_at__gte=offer.created_at)
            .exclude(order__status=Order.Status.CANCELLED)
            .aggregate(total=Sum("base_quantity"))["total"] or ZERO
        )
        left = max(offer.sellable_quantity - taken, ZERO)
        if quantity > left:
            unit = next(d.base_unit for d in drafts if d.product_id == product_id)
            errors.append(_("Only %(left)s %(unit)s of %(product)s are left in pre-sale. Reduce the quantity.") % {
                "left": format_quantity(left), "unit": unit, "product": name})
    if errors:
        raise ValidationError([ValidationError(message, code="presale_limit") for message in errors])
    return offers


def _queue_confirmation(order_id: int) -> None:
    from django_q.tasks import async_task

    async_task(CONFIRMATION_TASK, order_id)

