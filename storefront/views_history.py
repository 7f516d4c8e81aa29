"""Order history (F08, F09, L04): the buyer's orders, one order's detail, and "repeat order".

Access: backoffice/orders/selectors.py (another company's order is a 404); data:
backoffice/orders/history.py; the cart write: backoffice/orders/reorder.py.
"""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from backoffice.orders.history import order_detail_for, order_list_page
from backoffice.orders.reorder import ReorderReport, order_repeat
from backoffice.orders.selectors import order_get_for_user

from .forms_history import OrderFilterForm

NOT_ADDED_SHOWN = 10  # lines named in the message; the rest are counted


def cart_url() -> str | None:
    """The cart page, when the cart area is installed."""
    try:
        return reverse("orders:cart")
    except NoReverseMatch:
        return None


def report_messages(request, report: ReorderReport) -> None:
    """What went into the cart, and what did not with the reason (in the customer's language)."""
    if report.added:
        messages.success(
            request,
            ngettext("%(count)d line added to the cart.", "%(count)d lines added to the cart.", report.added) % {"count": report.added},
        )
    if report.not_added:
        named = [f"{item.label}: {item.reason}" if item.label else item.reason for item in report.not_added[:NOT_ADDED_SHOWN]]
        text = gettext("Not added: %(lines)s") % {"lines": "; ".join(named)}
        more = len(report.not_added) - NOT_ADDED_SHOWN
        if more > 0:
            text += " " + ngettext("(and %(count)d more line)", "(and %(count)d more lines)", more) % {"count": more}
        messages.warning(request, text)
    if not report.added and not report.not_added:
        messages.info(request, gettext("There was nothing to add to the cart."))


@require_GET
def order_list(request):
    form = OrderFilterForm(request.GET)
    filters = form.filters()
    page = order_list_page(request.user, filters, page=form.page_number())
    return render(request, "storefront/orders/order_list.html", {"form": form, "page": page, "filtered": filters != type(filters)()})


@require_GET
def order_detail(request, pk):
    detail = order_detail_for(request.user, pk)
    return render(request, "storefront/orders/order_detail.html", {"detail": detail, "order": detail.order, "cart_url": cart_url()})


@require_POST
def order_reorder(request, pk):
    order = order_get_for_user(request.user, pk)
    report_messages(request, order_repeat(user=request.user, order=order))
    return redirect(cart_url() or reverse("orders:order_detail", args=[order.pk]))
