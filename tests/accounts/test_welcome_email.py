"""A05: the "Send welcome email" action on companies: one email per main account with a working
password-set link."""
import re

import pytest
from django.core import mail

from backoffice.core.roles import Role
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/accounts/company/"
NEW_PASSWORD = "Nowe-haslo-2026!x"


@pytest.fixture
def company(db):
    return CompanyFactory(name="Elektro-Hurt Sp. z o.o.")


@pytest.fixture
def main_accounts(company):
    never_set = UserFactory(role=Role.CUSTOMER, company=company, email="szef@elektro-hurt.pl", password=None)
    never_set.set_unusable_password()
    never_set.save()
    with_password = UserFactory(role=Role.CUSTOMER, company=company, email="zastepca@elektro-hurt.pl", language="en")
    return [never_set, with_password]


@pytest.fixture
def others(company):
    """Users that must not get the email: inactive, an employee, another company's main account."""
    return [
        UserFactory(role=Role.CUSTOMER, company=company, email="byly@elektro-hurt.pl", is_active=False),
        UserFactory(role=Role.EMPLOYEE, company=company, email="pracownik@elektro-hurt.pl"),
        UserFactory(role=Role.CUSTOMER, email="inna@firma.pl"),
    ]


def send(client, companies):
    return client.post(CHANGELIST, {"action": "send_welcome_email", "_selected_action": [c.pk for c in companies]}, follow=True)


def link_in(message) -> str:
    match = re.search(r"https?://\S+/password-reset/\S+/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_one_email_per_active_main_account(client, admin_user, company, main_accounts, others, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, [company])
    assert response.status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in main_accounts)
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "2" in " ".join(str(m) for m in response.context["messages"])
    by_email = {m.to[0]: m for m in mail.outbox}
    assert "Elektro-Hurt Sp. z o.o." in by_email["szef@elektro-hurt.pl"].body
    # in each user's own language
    assert by_email["zastepca@elektro-hurt.pl"].subject == "Your account on the B2B platform"


def test_the_link_sets_a_password(client, admin_user, company, main_accounts, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, [company])
    message = next(m for m in mail.outbox if m.to == ["szef@elektro-hurt.pl"])
    link = link_in(message)
    client.logout()
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.get(path)
    assert response.status_code == 302  # Django swaps the token for a session and redirects
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/password-reset/done/"
    user = main_accounts[0]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # and the login page lets them in
    response = client.post("/login/", {"username": user.email, "password": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    client.logout()
    # the link works once
    assert "set-password" not in client.get(path).get("Location", "")


def test_company_without_platform_access_is_skipped(client, admin_user, company, main_accounts, django_capture_on_commit_callbacks):
    blocked = CompanyFactory(name="Bez Dostępu", b2b_access=False)
    UserFactory(role=Role.CUSTOMER, company=blocked, email="zablokowany@bez-dostepu.pl")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, [company, blocked])
    assert "zablokowany@bez-dostepu.pl" not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 2
    assert "Bez Dostępu" in " ".join(str(m) for m in response.context["messages"])


def test_nothing_to_send(client, admin_user, django_capture_on_commit_callbacks):
    empty = CompanyFactory()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, [empty])
    assert mail.outbox == []
    assert response.status_code == 200


def test_sales_manager_may_send_but_a_rep_may_not(client, make_user, company, main_accounts, django_capture_on_commit_callbacks):
    client.force_login(make_user(Role.SALES_MANAGER))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, [company])
    assert len(mail.outbox) == 2
    mail.outbox.clear()
    rep = make_user(Role.SALES_REP)
    company.sales_rep = rep
    company.save()
    client.force_login(rep)
    assert "send_welcome_email" not in client.get(CHANGELIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, [company])
    assert mail.outbox == []
