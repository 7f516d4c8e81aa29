"""Checkout (F06, S03) and the "order placed" page.

The page shows the cart re-read through the cart read model (cart_view_for) and the buyer's
choices; placing is backoffice/orders/placing.order_place, which quotes, validates and reserves
again inside its transaction. Each rendered form carries a fresh idempotency token: a double
click, a retry or a resubmitted tab lands on the same order.
"""
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from backoffice.inventory.availability import format_quantity
from backoffice.orders.cart import cart_for
from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.checkout import earliest_date_for, needs_shipping_choice
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
        form = CheckoutForm(request.POST, company=company, needs_choice=None, earliest=earliest_date_for())
        if form.is_valid():
            try:
                order = order_place(cart=cart, placed_by=request.user, checkout=form.checkout_data(language=request.LANGUAGE_CODE),
                                    idempotency_key=form.cleaned_data["token"])
            except ValidationError as exc:
                placing_error = exc
            else:
                return redirect("orders:order_placed", pk=order.pk)

    view = cart_view_for(cart=cart, user=request.user)
    context = {"view": view, "cart_url": _url_or_none("orders:cart"), "rows": [(line, format_quantity(line.quantity)) for line in view.lines]}
    if not view.can_check_out:
        return render(request, "storefront/checkout/blocked.html", context)
    presale_dates = [line.presale.planned_delivery_date for line in view.lines if line.presale is not None]
    earliest = earliest_date_for(presale_dates=presale_dates)
    needs_choice = needs_shipping_choice(view)
    form_args = {"company": company, "needs_choice": needs_choice, "earliest": earliest}
    if request.method == "POST":
        form = CheckoutForm(request.POST, **form_args)
        form.is_valid()  # the field errors, with the page's real rules
        if placing_error is not None:
            _attach(form, placing_error)
    else:
        form = CheckoutForm(initial={"token": new_idempotency_key()}, **form_args)
    context.update(form=form, needs_choice=needs_choice, earliest=earliest, is_presale=bool(presale_dates))
    return render(request, "storefront/checkout/checkout.html", context)


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
    context = {
        "order": order,
        "lines": lines,
        "detail_url": _url_or_none("orders:order_detail", order.pk),
        "catalog_url": _url_or_none("catalog:index"),
    }
    return render(request, "storefront/checkout/placed.html", context)
