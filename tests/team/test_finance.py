"""A10 "sees finance": balances, limits and overdue amounts only for users who may see finance (main
accounts always, employees when granted); finance pages 404 for everybody else. Also: every employee
sees all the company's orders and who placed each one."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from backoffice.accounts.decorators import finance_required, manage_users_required
from backoffice.core.money import money_text
from backoffice.core.roles import Role
from backoffice.orders.checkout_methods import MethodContext
from backoffice.orders.models import Order
from backoffice.payments.on_terms import HANDLER

pytestmark = pytest.mark.django_db
D = Decimal


def set_finances(company, **fields):
    values = {"may_buy_on_terms": True, "payment_terms_days": 30, "credit_limit": D("1000.00"), "balance": D("700.00"),
              "overdue_amount": D("0"), **fields}
    for name, value in values.items():
        setattr(company, name, value)
    company.save()


# ------------------------------------------------------------------------------------------------ account page


@pytest.mark.parametrize("who, sees", [
    ("main", True), ("finance", True), ("manager", True), ("plain", False), ("manager_no_finance", False),
])
def test_the_account_page_shows_balances_only_to_who_may_see_finance(client, team, who, sees):
    set_finances(team.main.company, balance=D("4321.99"), overdue_amount=D("1234.56"))
    client.force_login(getattr(team, who))
    html = client.get("/account/").content.decode()
    assert ('class="finance"' in html) is sees
    assert ("4321" in html) is sees and ("1234" in html) is sees


# ------------------------------------------------------------------------------------------------ decorators


@finance_required
def settlements(request):
    return HttpResponse("settlements")


@manage_users_required
def users_page(request):
    return HttpResponse("users")


def call(view, user):
    request = RequestFactory().get("/x/")
    request.user = user
    try:
        return view(request).status_code
    except Http404:
        return 404


def test_finance_required_answers_404_to_who_may_not_see_finance(team, make_user):
    assert [call(settlements, getattr(team, who)) for who in ("main", "manager", "finance", "plain", "manager_no_finance")] == [
        200, 200, 200, 404, 404]
    assert call(settlements, make_user(Role.ADMIN)) == 404
    assert call(settlements, AnonymousUser()) == 404
    company = team.finance.company
    company.b2b_access = False  # a company without platform access: nobody of it sees anything
    company.save()
    team.finance.refresh_from_db()
    assert call(settlements, team.finance) == 404


def test_manage_users_required_answers_404_to_who_may_not_manage(team, make_user):
    assert [call(users_page, getattr(team, who)) for who in ("main", "manager", "manager_no_finance", "finance", "plain")] == [
        200, 200, 200, 404, 404]
    assert call(users_page, make_user(Role.SALES_REP)) == 404


# ------------------------------------------------------------------------------------------------ checkout: buying on terms


def ctx(user, gross="450.00"):
    return MethodContext(company=user.company, user=user, view=None, currency="PLN", goods_net=D(gross), goods_gross=D(gross))


@pytest.mark.parametrize("fields", [{"overdue_amount": D("1234.50")}, {"credit_limit": D("1000.00"), "balance": D("700.00")}])
def test_the_on_terms_refusal_names_no_amounts_to_who_may_not_see_finance(team, fields):
    set_finances(team.main.company, **fields)
    with translation.override("en"):
        polite = HANDLER.refusal(ctx(team.plain))
        detailed = HANDLER.refusal(ctx(team.finance))
    assert "person responsible for payments" in polite
    assert not any(char.isdigit() for char in polite)
    assert "PLN" not in polite
    assert "PLN" in detailed and polite != detailed


def test_the_on_terms_panel_hides_the_available_credit_from_who_may_not_see_finance(team):
    set_finances(team.main.company)  # 300 available
    assert HANDLER.panel_context(ctx(team.plain, "10.00"))["available"] == ""
    assert HANDLER.panel_context(ctx(team.finance, "10.00"))["available"] == money_text(D("300.00"), "PLN")
    assert HANDLER.panel_context(ctx(team.plain, "10.00"))["terms_days"] == 30  # the term itself is no secret


# ------------------------------------------------------------------------------------------------ orders


def test_every_employee_sees_all_company_orders_and_who_placed_them(client, team, make_user):
    rep = make_user(Role.SALES_REP, first_name="Jan", last_name="Handlowy")
    by_colleague = Order.objects.create(company=team.main.company, number="T/1", placed_by=team.manager)
    by_rep = Order.objects.create(company=team.main.company, number="T/2", placed_by=team.main, acting_rep=rep)
    elsewhere = Order.objects.create(company=team.stranger.company, number="T/3", placed_by=team.stranger)
    client.force_login(team.plain)
    html = client.get("/orders/").content.decode()
    assert f'data-order="{by_colleague.pk}"' in html and f'data-order="{by_rep.pk}"' in html
    assert f'data-order="{elsewhere.pk}"' not in html
    assert "Marek Pracownik" in html
    assert "Anna Główna" in html and "Jan Handlowy" in html  # the buyer and the rep who placed it for them
    detail = client.get(f"/orders/{by_rep.pk}/").content.decode()
    assert "Anna Główna" in detail and "Jan Handlowy" in detail
    assert client.get(f"/orders/{elsewhere.pk}/").status_code == 404
