"""A11 storefront pages of a distributor (/end-customers/): its end customers, their orders with
the margin, and the approval of orders waiting for it.

Access: backoffice/distributors/selectors.py (404 for everybody who may not serve end customers
and for another distributor's customers and orders). Prices and margins only for users who may
see finance (core.permissions.may_see_finance). Writes: backoffice/distributors.
"""
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backoffice.core.money import money_text
from backoffice.core.permissions import may_see_finance
from backoffice.distributors import approval
from backoffice.distributors.selectors import (end_customer_get, end_customer_order_get, end_customer_orders_of, end_customers_of,
                                               order_margins, serving_company)
from backoffice.distributors.services import end_customer_create, end_customer_update
from backoffice.orders.models import Order, OrderEvent
from backoffice.core.paging import PageNavigation

from .forms_distributor import AWAITING, EndCustomerForm, EndCustomerOrderFilterForm, EndCustomerTermsForm, RejectForm

CUSTOMERS_PER_PAGE = 50
ORDERS_PER_PAGE = 25


@dataclass
class Page(PageNavigation):
    """What storefront/includes/pagination.html expects."""

    items: list
    page: int
    pages: int
    total: int


def _page(queryset, number, per_page) -> Page:
    paginator = Paginator(queryset, per_page)
    current = paginator.get_page(number or 1)
    return Page(items=list(current.object_list), page=current.number, pages=paginator.num_pages, total=paginator.count)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _money(amount, currency) -> str:
    return money_text(amount, str(currency)) if amount is not None else "—"


@dataclass(frozen=True)
class OrderRow:
    order: Order
    end_net: str
    own_net: str
    margin: str


def _order_rows(orders) -> list[OrderRow]:
    return [OrderRow(order, _money(order.net, order.currency), _money(order.distributor_net, order.currency),
                     _money(order.margin, order.currency)) for order in orders]


@dataclass(frozen=True)
class LineRow:
    line: object
    end_unit: str
    own_unit: str
    end_net: str
    own_net: str
    margin: str


def _detail_context(request, order, reject_form) -> dict:
    margins = order_margins(order)
    currency = str(order.currency)
    rows = [LineRow(m.line, _money(m.end_unit_net, currency), _money(m.own_unit_net, currency), _money(m.end_net, currency),
                    _money(m.own_net, currency), _money(m.margin, currency)) for m in margins.lines]
    totals = {"end_net": _money(margins.end_net, currency), "own_net": _money(margins.own_net, currency),
              "margin": _money(margins.margin, currency), "margin_percent": margins.margin_percent,
              "order_net": _money(order.net, currency), "order_gross": _money(order.gross, currency)}
    return {"order": order, "rows": rows, "totals": totals, "show_prices": may_see_finance(request.user), "reject_form": reject_form,
            "awaiting": order.status == Order.Status.AWAITING_APPROVAL, "events": _status_events(order)}


def _status_events(order) -> list[tuple]:
    """(event, status label) of the order's status changes, oldest first."""
    labels = dict(Order.Status.choices)
    events = order.events.filter(kind=OrderEvent.Kind.STATUS).order_by("created_at", "pk")
    return [(event, labels.get(event.status_to, event.status_to)) for event in events]


def customers(request):
    serving_company(request.user)
    page = _page(end_customers_of(request.user), request.GET.get("page"), CUSTOMERS_PER_PAGE)
    return render(request, "storefront/distributor/customers.html", {"page": page, "customers": page.items})


@require_http_methods(["GET", "POST"])
def customer_new(request):
    distributor = serving_company(request.user)
    if request.method == "POST":
        form = EndCustomerForm(request.POST)
        if form.is_valid():
            try:
                company = end_customer_create(user=request.user, data=form.data_object())
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("%(name)s has been added. We have sent a link to set the password to %(email)s.")
                                 % {"name": company.name, "email": company.email})
                return redirect("distributor:customers")
    else:
        form = EndCustomerForm(initial={"markup_percent": distributor.markup_percent or 0, "language": request.LANGUAGE_CODE})
    return render(request, "storefront/distributor/customer_form.html", {"form": form, "distributor": distributor})


@require_http_methods(["GET", "POST"])
def customer_edit(request, pk):
    customer = end_customer_get(request.user, pk)
    if request.method == "POST":
        form = EndCustomerTermsForm(request.POST)
        if form.is_valid():
            try:
                end_customer_update(user=request.user, company=customer, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The terms of %(name)s have been saved.") % {"name": customer.name})
                return redirect("distributor:customers")
    else:
        form = EndCustomerTermsForm(initial={"markup_percent": customer.markup_percent if customer.markup_percent is not None
                                             else customer.distributor.markup_percent or 0,
                                             "orders_auto_approved": customer.orders_auto_approved, "is_active": customer.is_active})
    return render(request, "storefront/distributor/customer_edit.html", {"form": form, "customer": customer})


def orders(request):
    serving_company(request.user)
    customer_rows = list(end_customers_of(request.user).only("pk", "name"))
    form = EndCustomerOrderFilterForm(request.GET, customers=customer_rows)
    queryset = end_customer_orders_of(request.user)
    status = form.value("status")
    if status == AWAITING:
        queryset = queryset.filter(status=Order.Status.AWAITING_APPROVAL)
    elif status:
        queryset = queryset.filter(status=status)
    customer = form.value("customer")
    if customer:
        queryset = queryset.filter(company_id=customer)
    page = _page(queryset, form.value("page"), ORDERS_PER_PAGE)
    awaiting = end_customer_orders_of(request.user).filter(status=Order.Status.AWAITING_APPROVAL).count()
    context = {"form": form, "page": page, "rows": _order_rows(page.items), "filtered": bool(status or customer), "awaiting": awaiting,
               "show_prices": may_see_finance(request.user)}
    return render(request, "storefront/distributor/orders.html", context)


def order_detail(request, pk):
    order = end_customer_order_get(request.user, pk)
    return render(request, "storefront/distributor/order_detail.html", _detail_context(request, order, RejectForm()))


@require_POST
def order_approve(request, pk):
    order = end_customer_order_get(request.user, pk)
    if approval.order_approve(user=request.user, order_id=order.pk):
        messages.success(request, _("Order %(number)s approved and passed on for processing.") % {"number": order.number})
    else:
        messages.info(request, _("Order %(number)s had already been decided.") % {"number": order.number})
    return redirect("distributor:order_detail", pk=order.pk)


@require_POST
def order_reject(request, pk):
    order = end_customer_order_get(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return render(request, "storefront/distributor/order_detail.html", _detail_context(request, order, form), status=400)
    try:
        done = approval.order_reject(user=request.user, order_id=order.pk, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("distributor:order_detail", pk=order.pk)
    if done:
        messages.success(request, _("Order %(number)s rejected; your customer has been told why.") % {"number": order.number})
    else:
        messages.info(request, _("Order %(number)s had already been decided.") % {"number": order.number})
    return redirect("distributor:order_detail", pk=order.pk)
