"""A11 reads: a distributor's end customers and their orders. The ONE place that decides which of
them a user may see: anybody who may not serve end customers, and another distributor's end
customer or order, gets 404 (never 403)."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from backoffice.accounts.models import Company
from backoffice.core.money import quantize
from backoffice.core.permissions import may_serve_end_customers
from backoffice.orders.models import Order, OrderLine

ZERO = Decimal("0")


def serving_company(user) -> Company:
    """The distributor company `user` works for; 404 for everybody else (end customers included)."""
    if not (getattr(user, "is_authenticated", False) and may_serve_end_customers(user)):
        raise Http404
    return user.company


def end_customers_of(user):
    """The distributor's end customers with their number of orders (one query)."""
    company = serving_company(user)
    return (
        Company.objects.filter(distributor_id=company.pk)
        .annotate(order_count=Count("orders", filter=~Q(orders__source=Order.Source.ERP)))
        .order_by("name", "pk")
    )


def end_customer_get(user, pk) -> Company:
    return get_object_or_404(end_customers_of(user), pk=pk)


def end_customer_orders_of(user):
    """Every order an end customer placed through the user's distributor company (snapshot at
    placing: Order.distributor), with the end customer, newest first; `margin` annotated."""
    company = serving_company(user)
    return (
        Order.objects.filter(distributor_id=company.pk)
        .select_related("company", "placed_by")
        .annotate(margin=F("net") - F("distributor_net"))
        .order_by("-placed_at", "-pk")
    )


def end_customer_order_get(user, pk) -> Order:
    return get_object_or_404(end_customer_orders_of(user), pk=pk)


def awaiting_approval_count(user) -> int:
    return end_customer_orders_of(user).filter(status=Order.Status.AWAITING_APPROVAL).count()


@dataclass(frozen=True)
class MarginLine:
    line: OrderLine
    end_unit_net: Decimal
    own_unit_net: Decimal
    end_net: Decimal
    own_net: Decimal
    margin: Decimal


@dataclass(frozen=True)
class OrderMargins:
    lines: list[MarginLine]
    end_net: Decimal  # goods, at the end customer's prices
    own_net: Decimal  # goods, at the distributor's prices
    margin: Decimal
    margin_percent: Decimal | None  # of the distributor's price; None when it is 0


def order_margins(order: Order) -> OrderMargins:
    """Per line: the end customer's price, the distributor's own price and the margin (2 queries:
    lines with products). Amounts rounded in the order's currency (core.money)."""
    currency = str(order.currency)
    rows = []
    for line in order.lines.select_related("product").order_by("position", "pk"):
        own_unit = line.distributor_unit_net if line.distributor_unit_net is not None else line.unit_net
        own_net = line.distributor_line_net if line.distributor_line_net is not None else line.line_net
        rows.append(MarginLine(line=line, end_unit_net=line.unit_net, own_unit_net=own_unit, end_net=line.line_net, own_net=own_net,
                               margin=quantize(line.line_net - own_net, currency)))
    end_net = sum((row.end_net for row in rows), ZERO)
    own_net = sum((row.own_net for row in rows), ZERO)
    margin = quantize(end_net - own_net, currency)
    percent = (margin * 100 / own_net).quantize(Decimal("0.1")) if own_net else None
    return OrderMargins(lines=rows, end_net=quantize(end_net, currency), own_net=quantize(own_net, currency), margin=margin,
                        margin_percent=percent)
