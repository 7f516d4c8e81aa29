"""Checkout (F06, S03) and the "order placed" page.

The page shows the cart re-read through the cart read model (cart_view_for) and the buyer's
choices; placing is backoffice/orders/placing.order_place, which quotes, validates and reserves
again inside its transaction. Each rendered form carries a fresh idempotency token: a double
click, a retry or a resubmitted tab lands on the same order.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from backoffice.acting.session import acting_rep_for
from backoffice.core.money import money_text
from backoffice.inventory.availability import format_quantity
from backoffice.orders.cart import cart_for
from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.checkout import delivery_addresses_for, earliest_date_for, method_charges, needs_shipping_choice
from backoffice.orders.checkout_methods import DELIVERY, PAYMENT, MethodContext, method_handler, methods_offered, order_method_info
from backoffice.orders.models import Order
from backoffice.orders.placing import KEY_PATTERN, new_idempotency_key, order_place
from backoffice.orders.selectors import buying_company, order_get_for_user, orders_visible_to

from .forms_checkout import CheckoutForm


def _url_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _already_placed(request, company):
    """The order a resubmitted form (double click, retry) already placed, if any."""
    token = request.POST.get("token", "")
    if not KEY_PATTERN.match(token):
        return None
    return orders_visible_to(request.user).filter(company_id=company.pk, idempotency_key=token).first()


@require_http_methods(["GET", "POST"])
def checkout(request):
    company = buying_company(request.user)
    cart = cart_for(user=request.user, company=company)
    placing_error = None
    if request.method == "POST":
        placed = _already_placed(request, company)
        if placed is not None:
            return redirect("orders:order_placed", pk=placed.pk)
        # Straight to order_place, which reads, quotes and checks the cart itself (in its
        # transaction): the page's cart view is only built again when something has to be shown.
        form = CheckoutForm(request.POST, request.FILES, company=company, needs_choice=None, earliest=earliest_date_for())
        if form.is_valid():
            try:
                order = order_place(cart=cart, placed_by=request.user, checkout=form.checkout_data(language=request.LANGUAGE_CODE, user=request.user),
                                    idempotency_key=form.cleaned_data["token"], acting_rep=acting_rep_for(request))
            except ValidationError as exc:
                placing_error = exc
            else:
                return _after_placing(order)

    view = cart_view_for(cart=cart, user=request.user)
    context = {"view": view, "cart_url": _url_or_none("orders:cart"), "rows": [(line, format_quantity(line.quantity)) for line in view.lines]}
    if not view.can_check_out:
        return render(request, "storefront/checkout/blocked.html", context)
    presale_dates = [line.presale.planned_delivery_date for line in view.lines if line.presale is not None]
    earliest = earliest_date_for(presale_dates=presale_dates)
    needs_choice = needs_shipping_choice(view)
    ctx = MethodContext.for_view(company=company, user=request.user, view=view)
    form_args = {"company": company, "needs_choice": needs_choice, "earliest": earliest, "ctx": ctx}
    if request.method == "POST":
        form = CheckoutForm(request.POST, request.FILES, **form_args)
        form.is_valid()  # the field errors, with the page's real rules
        if placing_error is not None:
            _attach(form, placing_error)
    else:
        form = CheckoutForm(initial={"token": new_idempotency_key()}, **form_args)
    context.update(form=form, needs_choice=needs_choice, earliest=earliest, is_presale=bool(presale_dates))
    context.update(_methods_context(request, form, ctx))
    return render(request, "storefront/checkout/checkout.html", context)


def _after_placing(order):
    if order.status == Order.Status.AWAITING_APPROVAL:
        # A11: nothing to pay before the distributor approves; the confirmation page says so.
        return redirect("orders:order_placed", pk=order.pk)
    handler = method_handler(PAYMENT, order.payment_method)
    next_url = handler.next_url(order) if handler is not None else None
    return redirect(next_url) if next_url else redirect("orders:order_placed", pk=order.pk)


def _detail(detail: dict, currency: str) -> dict:
    """A cost_details row with its amount formatted for the page ("25,00 PLN")."""
    try:
        net = money_text(Decimal(str(detail.get("net"))), currency) if detail.get("net") not in (None, "") else ""
    except InvalidOperation:
        net = str(detail.get("net"))
    return {"label": detail.get("label", ""), "net": net}


def _methods_context(request, form: CheckoutForm, ctx: MethodContext) -> dict:
    """The method rows of the page (radio, price, the method's own panel) and the totals of every
    delivery x payment pair, so the summary follows the buyer's choice without a round trip.

    Shipping depends on the destination: costs are for the chosen (or first) delivery address."""
    chosen_address = form.data.get("delivery_address") if form.is_bound else form.fields["delivery_address"].initial
    address = next((a for a in delivery_addresses_for(ctx.company) if a.key == str(chosen_address)), None)
    ctx.country = address.country if address is not None else ""
    offers = {kind: methods_offered(kind, ctx) for kind in (DELIVERY, PAYMENT)}
    rows = {}
    for kind in (DELIVERY, PAYMENT):
        radios = {radio.data["value"]: radio for radio in form[f"{kind}_method"]}
        rows[kind] = []
        for method in offers[kind].offered:
            charges = method_charges(ctx, method, None) if kind == DELIVERY else method_charges(ctx, None, method)
            cost = charges.net
            panel = ""
            if method.handler.panel_template:
                panel = render_to_string(method.handler.panel_template,
                                         {"form": form, "method": method.handler, "ctx": ctx, **method.handler.panel_context(ctx)}, request)
            rows[kind].append({"code": method.code, "label": method.label, "radio": radios.get(method.code), "cost": cost,
                               "cost_label": money_text(cost, ctx.currency) if cost else "", "panel": panel,
                               "details": [_detail(d, ctx.currency) for d in charges.details]})
    totals = {}
    for delivery in offers[DELIVERY].offered:
        for payment in offers[PAYMENT].offered:
            charges = method_charges(ctx, delivery, payment)
            vat = ctx.view.vat + charges.vat(ctx.currency)
            net = ctx.view.net + charges.net
            totals[f"{delivery.code}|{payment.code}"] = {
                "shipping": money_text(charges.shipping_net, ctx.currency), "fee": money_text(charges.fee_net, ctx.currency),
                "net": money_text(net, ctx.currency), "vat": money_text(vat, ctx.currency), "gross": money_text(net + vat, ctx.currency),
            }
    return {"delivery_rows": rows[DELIVERY], "payment_rows": rows[PAYMENT], "payment_refusals": [r for _h, r in offers[PAYMENT].refused],
            "method_totals": totals}


def _attach(form: CheckoutForm, exc: ValidationError) -> None:
    """Errors from order_place: choices go to their fields (unless the form already says what is
    wrong there), the rest (stock, prices) on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            if field not in form.fields:
                form.add_error(None, errors)
            elif not form.has_error(field):
                form.add_error(field, errors)
    else:
        form.add_error(None, exc.messages)


@require_GET
def order_placed(request, pk):
    order = order_get_for_user(request.user, pk)
    if order.source != Order.Source.PLATFORM:  # ERP-only orders have no confirmation to show
        raise Http404
    lines = [(line, format_quantity(line.quantity)) for line in order.lines.select_related("product", "warehouse").order_by("position", "pk")]
    info, actions = order_method_info(order)
    context = {
        "order": order,
        "lines": lines,
        "method_info": info,
        "method_actions": actions,
        "detail_url": _url_or_none("orders:order_detail", order.pk),
        "catalog_url": _url_or_none("catalog:index"),
    }
    return render(request, "storefront/checkout/placed.html", context)
