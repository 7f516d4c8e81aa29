"""Login wall (A01/A02), login by email, landing per role, lockout, safe next, password reset."""
import re

import pytest
from django.core import mail
from django.urls import reverse

from backoffice.core.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/login/"


def login(client, email, password=PASSWORD, next_url=None):
    data = {"username": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data)


@pytest.mark.parametrize("path", ["/", "/account/", "/some/cms/page/", "/admin/", "/cms/", "/start/", "/admin/login/"])
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_login_page_and_reset_are_public(client):
    assert client.get(LOGIN).status_code == 200
    assert client.get(reverse("storefront:password_reset")).status_code == 200


@pytest.mark.parametrize(
    "role, landing",
    [
        (Role.CUSTOMER, "/"),
        (Role.EMPLOYEE, "/"),
        (Role.DISTRIBUTOR, "/"),
        (Role.END_CUSTOMER, "/"),
        (Role.APPLICANT, "/application-pending/"),
        (Role.ADMIN, "/admin/"),
        (Role.MARKETING, "/admin/"),
        (Role.SALES_MANAGER, "/admin/"),
        (Role.SALES_REP, "/admin/"),
    ],
)
def test_each_role_lands_on_its_home(client, make_user, role, landing):
    user = make_user(role)
    response = login(client, user.email.upper())  # email login is case-insensitive
    assert response.status_code == 302
    assert response["Location"] == landing


def test_login_rotates_the_session_key(client, customer):
    client.get(LOGIN)
    before = client.session.session_key
    login(client, customer.email)
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(customer.pk)


def test_wrong_password_shows_an_error_and_does_not_log_in(client, customer):
    response = login(client, customer.email, "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_repeated_failures_lock_the_account(client, customer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, customer.email, "wrong-password")
    response = login(client, customer.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, customer, next_url):
    response = login(client, customer.email, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_next_within_the_site_is_followed(client, customer):
    response = login(client, customer.email, next_url="/account/")
    assert response["Location"] == "/account/"


def test_logout_needs_post_and_ends_the_session(client, customer):
    client.force_login(customer)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_by_email(client, customer, django_capture_on_commit_callbacks):
    # The email is queued for the django-q2 worker after commit (the test cluster runs it inline).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("storefront:password_reset"), {"email": customer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"})
    assert response.status_code == 302
    assert login(client, customer.email, "Nowe-Haslo-2026!")["Location"] == "/"


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("storefront:password_reset"), {"email": "nobody@example.pl"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_inactive_user_cannot_log_in(client, make_user):
    user = make_user(Role.CUSTOMER, is_active=False)
    response = login(client, user.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_applicant_sees_only_the_pending_page(client, make_user):
    client.force_login(make_user(Role.APPLICANT))
    for path in ("/", "/account/", "/some/page/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/application-pending/"
    assert client.get("/admin/").status_code == 404
    assert client.get("/application-pending/").status_code == 200


@pytest.mark.parametrize("flag", ["b2b_access", "is_active"])
def test_buyer_of_a_company_without_access_cannot_log_in(client, make_user, flag):
    user = make_user(Role.EMPLOYEE)
    setattr(user.company, flag, False)
    user.company.save()
    response = login(client, user.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["no_company_access"]


def test_staff_without_company_may_log_in(client, make_user):
    assert login(client, make_user(Role.SALES_REP).email)["Location"] == "/admin/"


def test_polish_is_the_default_whatever_the_browser_says(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "pl"
    assert '<html lang="pl">' in response.content.decode()


def test_language_switch_is_remembered(client, settings):
    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(LOGIN).content.decode()
