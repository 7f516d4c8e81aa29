"""A04 in a real browser: a company registers from the login page, sees only "under review" until an
administrator accepts it in the back office with the ERP id, then its first login lands in the storefront."""
import re

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import Company, User
from backoffice.core.roles import Role
from backoffice.registration.demo import ensure_consent_texts
from backoffice.registration.models import RegistrationApplication

pytestmark = pytest.mark.e2e

PASSWORD = "Rejestracja-e2e-2026!"
EMAIL = "zakupy@hydro-tech.example.pl"


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_register_accept_and_first_login(page, other_page, login, demo_data):
    ensure_consent_texts()  # live-server tests start from a flushed database
    page.goto("/login/")
    with page.expect_navigation():
        page.locator("a.register-link").click()
    assert path_of(page) == "/register/"

    fields = {
        "company_name": "Hydro-Tech Sp. z o.o.", "nip": "526-000-12-46", "regon": "630123456", "street": "ul. Wodna 7",
        "postal_code": "61-001", "city": "Poznań", "first_name": "Tomasz", "last_name": "Wiśniewski", "phone": "+48 61 850 00 00",
        "email": EMAIL, "password1": PASSWORD, "password2": PASSWORD,
    }
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_consent_terms").check()
    page.locator("#id_consent_privacy").check()
    expect(page.locator("input[name=website]")).not_to_be_in_viewport()  # the honeypot stays out of sight
    page.screenshot(path="/tmp/e2e-registration-form.png", full_page=True)
    with page.expect_navigation():
        page.locator("form.registration-form button[type=submit]").click()
    assert path_of(page) == "/register/sent/"
    application = RegistrationApplication.objects.get()
    assert application.status == "pending" and application.applicant.role == Role.APPLICANT

    # before approval: only the "under review" page
    login(EMAIL, PASSWORD)
    assert path_of(page) == "/application-pending/"
    expect(page.locator("main")).to_contain_text("Hydro-Tech Sp. z o.o.")
    page.goto("/cart/")
    assert path_of(page) == "/application-pending/"

    # the administrator accepts it in the back office with the ERP id of the new customer
    admin = login(demo_data["users"][Role.ADMIN], page=other_page)
    admin.goto("/admin/registration/registrationapplication/")
    with admin.expect_navigation():
        admin.locator("#result_list a", has_text="Hydro-Tech Sp. z o.o.").first.click()
    with admin.expect_navigation():
        admin.locator(f"a[href$='/{application.pk}/accept/']").first.click()
    admin.locator("#id_erp_id").fill("K-HYDRO-1")
    admin.screenshot(path="/tmp/e2e-registration-accept.png", full_page=True)
    with admin.expect_navigation():
        admin.locator("form.decide-form button[type=submit]").click()
    assert path_of(admin) == f"/admin/registration/registrationapplication/{application.pk}/change/"
    application.refresh_from_db()
    assert application.status == "accepted"
    user = User.objects.get(email=EMAIL)
    assert (user.role, user.company) == (Role.CUSTOMER, Company.objects.get(erp_id="K-HYDRO-1"))

    # the first login as the approved customer lands in the storefront
    page.context.clear_cookies()
    login(EMAIL, PASSWORD)
    assert path_of(page) == "/"
    page.goto("/account/")
    expect(page.locator("body")).to_contain_text("Hydro-Tech Sp. z o.o.")
