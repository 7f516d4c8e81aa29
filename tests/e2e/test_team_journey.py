"""A10 in a real browser: the main account adds an employee without finance; the employee sets a
password from the emailed link, logs in, sees all the company's orders (also those of colleagues)
and no balances."""
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.core.roles import Role
from tests.history.conftest import make_order

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Haslo-Pracownika-2026!"


@pytest.fixture
def company_with_orders(demo_data):
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    colleague = User.objects.get(email=demo_data["users"][Role.EMPLOYEE])
    company = customer.company
    company.may_buy_on_terms, company.credit_limit, company.balance, company.overdue_amount = True, Decimal("9000"), Decimal("4321.99"), 0
    company.save()
    mine = make_order(company, number="B2B/2026/000101", placed_by=customer)
    theirs = make_order(company, number="B2B/2026/000102", placed_by=colleague)
    return {"customer": customer, "orders": (mine, theirs)}


def test_main_account_adds_an_employee_who_sets_a_password_and_sees_company_orders(login, company_with_orders, page, other_page):
    customer = company_with_orders["customer"]
    page = login(customer.email)
    page.locator(".account-menu summary").click()
    page.locator(".account-menu a[href='/company/users/']").click()
    page.locator("a[href='/company/users/new/']").click()

    page.locator("input[name=email]").fill("Ola.Zakupy@Example.PL")
    page.locator("input[name=first_name]").fill("Ola")
    page.locator("input[name=last_name]").fill("Zakupowa")
    page.locator("input[name=can_see_finance]").uncheck()
    page.locator(".team-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/company/users/$"))
    expect(page.locator(".message-success")).to_contain_text("ola.zakupy@example.pl")
    employee = User.objects.get(email="ola.zakupy@example.pl")
    assert (employee.role, employee.company_id, employee.can_see_finance, employee.created_by_id) == (
        Role.EMPLOYEE, customer.company_id, False, customer.pk)
    row = page.locator(f".team-row[data-user='{employee.pk}']")
    expect(row).to_contain_text("Ola Zakupowa")
    expect(row.locator(".state.pending")).to_have_count(1)  # no password yet

    # The invitation: a one-time link, never a password.
    (invitation,) = [m for m in mail.outbox if m.to == ["ola.zakupy@example.pl"]]
    link = re.search(r"https?://\S+/password-reset/\S+/", invitation.body).group(0)
    other_page.goto(urlsplit(link).path)
    other_page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    other_page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    other_page.locator("form:has(input[name=new_password1]) button[type=submit]").click()
    other_page.wait_for_url(re.compile(r"/password-reset/done/$"))

    # The employee logs in and sees all the company's orders, not only their own (none yet).
    login("ola.zakupy@example.pl", NEW_PASSWORD, page=other_page)
    other_page.goto("/orders/")
    for order in company_with_orders["orders"]:
        expect(other_page.locator(f".order-row[data-order='{order.pk}']")).to_have_count(1)
    expect(other_page.locator(".order-row", has_text="B2B/2026/000102")).to_contain_text("Piotr Wiśniewski")  # who placed it

    # No balances for an employee without finance, and no user management.
    other_page.goto("/account/")
    expect(other_page.locator("#commercial-terms")).to_be_visible()
    expect(other_page.locator("#commercial-terms .finance")).to_have_count(0)
    expect(other_page.locator("body")).not_to_contain_text("4321")
    other_page.locator(".account-menu summary").click()
    expect(other_page.locator(".account-menu a[href='/company/users/']")).to_have_count(0)
    assert other_page.goto("/company/users/").status == 404
