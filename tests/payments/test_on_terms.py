"""F01, F16, F17: paying on terms only without overdue payments and within the available credit;
the polite request to settle at checkout; "check payments" for the ERP when the buyer paid another
way; the payment term and due date of an order on terms."""
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from backoffice.orders.checkout_methods import PAYMENT, MethodContext, methods_offered
from backoffice.orders.handoff import PAYMENT_CHECK_COMMENT
from backoffice.orders.models import ErpHandoff, Order
from backoffice.payments.on_terms import HANDLER, NOT_ALLOWED, OVER_LIMIT, OVERDUE, credit_check
from backoffice.core.money import money_text
from tests.checkout.test_views import form_data

from .conftest import TODAY, fill, place, set_credit

pytestmark = pytest.mark.django_db
D = Decimal


def company(**fields):
    values = {"may_buy_on_terms": True, "payment_terms_days": 30, "credit_limit": None, "balance": D("0"), "overdue_amount": D("0")}
    values.update({k: D(v) if isinstance(v, str) else v for k, v in fields.items()})
    return SimpleNamespace(**values)


def ctx_for(company_, gross: str, currency="PLN"):
    return MethodContext(company=company_, user=None, view=None, currency=currency, goods_net=D(gross), goods_gross=D(gross), today=TODAY)


@pytest.mark.parametrize("fields, gross, refused_for", [
    ({}, "1000000.00", ""),  # no limit at all
    ({"credit_limit": "1000.00", "balance": "400.00"}, "600.00", ""),  # exactly the available credit
    ({"credit_limit": "1000.00", "balance": "400.00"}, "600.01", OVER_LIMIT),  # one grosz above
    ({"credit_limit": "1000.00", "balance": "-250.00"}, "1250.00", ""),  # a negative balance is the customer's credit with us
    ({"credit_limit": "1000.00", "balance": "-250.00"}, "1250.01", OVER_LIMIT),
    ({"credit_limit": "1000.00", "balance": "1500.00"}, "0.01", OVER_LIMIT),  # owes more than the limit: nothing available
    ({"overdue_amount": "0.01"}, "1.00", OVERDUE),
    ({"overdue_amount": "10.00", "credit_limit": "10.00"}, "100.00", OVERDUE),  # overdue is said first
    ({"may_buy_on_terms": False}, "1.00", NOT_ALLOWED),
])
def test_credit_rules(fields, gross, refused_for):
    check = credit_check(company(**fields), D(gross))
    assert check.refused_for == refused_for
    assert HANDLER.is_offered(ctx_for(company(**fields), gross)) is (refused_for == "")


def test_available_credit_is_never_negative():
    assert credit_check(company(credit_limit=D("100"), balance=D("150")), D("1")).available == D("0")


def test_refusals_are_polite_and_specific():
    with translation.override("en"):
        overdue = HANDLER.refusal(ctx_for(company(overdue_amount=D("1234.50")), "10.00"))
        assert "overdue payments of 1,234.50 PLN" in overdue and "settle" in overdue
        over = HANDLER.refusal(ctx_for(company(credit_limit=D("1000.00"), balance=D("700.00")), "450.00"))
        assert "450.00 PLN" in over and "300.00 PLN of your 1,000.00 PLN limit" in over
    assert HANDLER.refusal(ctx_for(company(may_buy_on_terms=False), "10.00")) is None  # simply not shown
    with translation.override("pl"):
        assert money_text(D("1234.50"), "PLN") in HANDLER.refusal(ctx_for(company(overdue_amount=D("1234.50")), "10.00"))


def test_refused_method_carries_its_reason_in_the_offer(world):
    set_credit(world.company, overdue_amount="99.00")
    offer = methods_offered(PAYMENT, ctx_for(world.company, "10.00"))
    assert offer.get("on_terms") is None
    assert [handler.code for handler, _reason in offer.refused] == ["on_terms"]


def test_checkout_page_shows_the_request_to_settle(shopper, cart, world, shop):
    set_credit(world.company, overdue_amount="1234.50")
    fill(cart, world.user, (shop.bit, "3"))
    html = shopper.get("/checkout/").content.decode()
    assert 'class="notice method-refusals"' in html and 'value="on_terms"' not in html
    with translation.override("pl"):
        assert money_text(D("1234.50"), "PLN").replace("\xa0", "&nbsp;") in html or money_text(D("1234.50"), "PLN") in html


def test_checkout_page_offers_terms_with_the_payment_term(shopper, cart, world, shop):
    set_credit(world.company, credit_limit="10000.00", payment_terms_days=45)
    fill(cart, world.user, (shop.bit, "3"))
    html = shopper.get("/checkout/").content.decode()
    assert 'value="on_terms"' in html and 'data-terms-days="45"' in html and "method-refusals" not in html


def test_posting_on_terms_when_over_the_limit_is_refused_on_the_field(shopper, cart, world, shop):
    set_credit(world.company, credit_limit="100.00", balance="90.00")
    fill(cart, world.user, (shop.bit, "3"))  # 36.90 gross > 10.00 available
    page = shopper.get("/checkout/")
    response = shopper.post("/checkout/", form_data(page, shop, payment_method="on_terms"))
    assert response.status_code == 200 and not Order.objects.exists()
    assert response.context["form"].errors["payment_method"]


def test_order_on_terms_refused_when_overdue(cart, world, shop):
    set_credit(world.company, overdue_amount="50.00")
    fill(cart, world.user, (shop.bit, "3"))
    with translation.override("en"), pytest.raises(ValidationError) as info:
        place(cart, world.user, shop, payment_method="on_terms", language="en")
    assert "overdue payments of 50.00 PLN" in info.value.message_dict["payment_method"][0]
    assert not Order.objects.exists()


def test_order_paid_another_way_asks_the_erp_operator_to_check_payments(cart, world, shop):
    set_credit(world.company, overdue_amount="50.00")
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="cod")
    assert order.payment_check_required and order.status == Order.Status.PLACED
    handoff = ErpHandoff.objects.get(order=order)
    assert PAYMENT_CHECK_COMMENT in handoff.document["comments"]


def test_order_within_credit_has_no_payment_check(cart, world, shop):
    set_credit(world.company, credit_limit="1000.00", balance="100.00")
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="on_terms")
    assert order.payment_method == "on_terms" and not order.payment_check_required and order.status == Order.Status.PLACED
    assert "comments" not in ErpHandoff.objects.get(order=order).document or PAYMENT_CHECK_COMMENT not in \
        ErpHandoff.objects.get(order=order).document["comments"]


def test_order_info_gives_the_due_date(cart, world, shop):
    set_credit(world.company, credit_limit=None, payment_terms_days=30)
    fill(cart, world.user, (shop.bit, "1"))
    order = place(cart, world.user, shop, payment_method="on_terms")
    order.placed_at = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("Europe/Warsaw"))  # a late evening in Warsaw
    with translation.override("en"):
        (info,) = HANDLER.order_info(order)
        assert "30 days" in info and "April 1, 2026" in info
        world.company.payment_terms_days = None
        assert "invoice states the due date" in HANDLER.order_info(order)[0]
