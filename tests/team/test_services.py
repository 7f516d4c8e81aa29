"""A10 rules and services: who sees whom, nobody grants more than they hold, the main account is out of
reach, refusals change nothing, the invitation carries a set-password link and never a password."""
import re

import pytest
from django.test import Client
from django.core import mail
from django.http import Http404
from django.utils import translation

from backoffice.accounts import team as svc
from backoffice.accounts.models import User
from backoffice.accounts.team import Rights, TeamRefused
from backoffice.core.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NONE, FINANCE, USERS, BOTH = Rights(), Rights(see_finance=True), Rights(manage_users=True), Rights(True, True)


def can_log_in(email, password) -> bool:
    """Through the real login form (django-axes needs the request)."""
    client = Client()
    client.post("/login/", {"username": email, "password": password})
    return "_auth_user_id" in client.session


def create(actor, email="nowy@example.pl", rights=NONE, **extra):
    fields = {"first_name": "Ewa", "last_name": "Nowa", "phone": "", "language": "pl", **extra}
    return svc.employee_create(actor=actor, email=email, rights=rights, **fields)


# ------------------------------------------------------------------------------------------------ reads


def test_team_members_are_the_managers_company_only(team, make_user):
    make_user(Role.SALES_REP)
    members = set(svc.team_members_for(team.main))
    assert members == {team.main, team.manager, team.manager_no_finance, team.finance, team.plain}
    assert set(svc.team_members_for(team.manager)) == members
    assert team.stranger not in members


@pytest.mark.parametrize("who", ["plain", "finance"])
def test_users_who_may_not_manage_see_nobody(team, who):
    user = getattr(team, who)
    assert not svc.team_members_for(user).exists()
    with pytest.raises(Http404):
        svc.team_member_get(user, user.pk)


def test_another_companys_user_is_a_404(team):
    with pytest.raises(Http404):
        svc.team_member_get(team.main, team.stranger.pk)
    with pytest.raises(Http404):
        svc.team_member_get(team.stranger, team.plain.pk)
    with pytest.raises(Http404):
        svc.employee_set_active(actor=team.stranger, employee=team.plain, active=False)
    team.plain.refresh_from_db()
    assert team.plain.is_active


# ------------------------------------------------------------------------------------------------ granting


GRANT_MATRIX = [
    # actor, rights granted, allowed?
    ("main", NONE, True), ("main", FINANCE, True), ("main", USERS, True), ("main", BOTH, True),
    ("manager", NONE, True), ("manager", FINANCE, True), ("manager", USERS, True), ("manager", BOTH, True),
    ("manager_no_finance", NONE, True), ("manager_no_finance", FINANCE, False), ("manager_no_finance", USERS, True),
    ("manager_no_finance", BOTH, False),
]


@pytest.mark.parametrize("actor, rights, allowed", GRANT_MATRIX)
def test_nobody_grants_more_than_they_hold_when_creating(team, actor, rights, allowed, django_capture_on_commit_callbacks):
    actor = getattr(team, actor)
    if allowed:
        employee = create(actor, rights=rights)
        assert (employee.can_see_finance, employee.can_manage_users) == (rights.see_finance, rights.manage_users)
    else:
        with django_capture_on_commit_callbacks(execute=True), translation.override("en"), \
                pytest.raises(TeamRefused, match="access to finance"):
            create(actor, rights=rights)
        assert not User.objects.filter(email="nowy@example.pl").exists()
        assert mail.outbox == []


@pytest.mark.parametrize("actor, rights, allowed", GRANT_MATRIX)
def test_nobody_grants_more_than_they_hold_when_changing(team, actor, rights, allowed):
    actor = getattr(team, actor)
    change = dict(actor=actor, employee=team.plain, first_name="Paweł", last_name="Zmieniony", phone="+48 1", language="en", rights=rights)
    if allowed:
        svc.employee_update(**change)
    else:
        with pytest.raises(TeamRefused):
            svc.employee_update(**change)
    team.plain.refresh_from_db()
    expected = rights if allowed else NONE
    assert (team.plain.can_see_finance, team.plain.can_manage_users) == (expected.see_finance, expected.manage_users)
    assert team.plain.last_name == ("Zmieniony" if allowed else "Pracownik")  # a refusal changes nothing at all


def test_a_manager_without_finance_cannot_touch_the_finance_person(team):
    with translation.override("en"):
        assert "only the company's main account" in svc.refusal_to_change(team.manager_no_finance, team.finance)
    for action in (
        lambda: svc.employee_set_active(actor=team.manager_no_finance, employee=team.finance, active=False),
        lambda: svc.employee_resend_link(actor=team.manager_no_finance, employee=team.finance),
        lambda: svc.employee_update(actor=team.manager_no_finance, employee=team.finance, first_name="X", last_name="Y", phone="",
                                    language="pl", rights=NONE),
    ):
        with pytest.raises(TeamRefused):
            action()
    team.finance.refresh_from_db()
    assert team.finance.is_active and team.finance.can_see_finance and team.finance.first_name == "Fryderyk"
    # the main account and a manager with finance may
    assert svc.may_change(team.main, team.finance) and svc.may_change(team.manager, team.finance)
    # nor can they change another manager who holds finance
    assert not svc.may_change(team.manager_no_finance, team.manager)
    assert svc.may_change(team.manager, team.manager_no_finance)


@pytest.mark.parametrize("actor", ["manager", "manager_no_finance"])
def test_the_main_account_is_untouchable_by_employee_managers(team, actor, django_capture_on_commit_callbacks):
    actor = getattr(team, actor)
    with translation.override("en"):
        assert "main account is managed by our staff" in svc.refusal_to_change(actor, team.main)
    with pytest.raises(TeamRefused):
        svc.employee_set_active(actor=actor, employee=team.main, active=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TeamRefused):
        svc.employee_resend_link(actor=actor, employee=team.main)
    with pytest.raises(TeamRefused):
        svc.employee_update(actor=actor, employee=team.main, first_name="X", last_name="Y", phone="", language="pl", rights=NONE)
    team.main.refresh_from_db()
    assert team.main.is_active and team.main.first_name == "Anna" and team.main.role == Role.CUSTOMER
    assert mail.outbox == []


@pytest.mark.parametrize("actor", ["main", "manager"])
def test_nobody_changes_their_own_account_here(team, actor):
    actor = getattr(team, actor)
    with pytest.raises(TeamRefused):
        svc.employee_set_active(actor=actor, employee=actor, active=False)
    with pytest.raises(TeamRefused):
        svc.employee_update(actor=actor, employee=actor, first_name="X", last_name="Y", phone="", language="pl", rights=BOTH)
    actor.refresh_from_db()
    assert actor.is_active


def test_who_may_not_manage_cannot_create(team):
    with pytest.raises(TeamRefused):
        create(team.finance)
    assert not User.objects.filter(email="nowy@example.pl").exists()


# ------------------------------------------------------------------------------------------------ creating and the invitation


def test_create_makes_an_employee_of_the_same_company_without_a_password(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        employee = create(team.manager, email=" Ewa.Nowa@Example.PL ", rights=FINANCE, phone="+48 600 000 000")
    assert employee.role == Role.EMPLOYEE and employee.company == team.main.company
    assert employee.email == "ewa.nowa@example.pl" and employee.created_by == team.manager
    assert employee.can_see_finance and not employee.can_manage_users
    assert not employee.has_usable_password()
    assert len(mail.outbox) == 1


def test_created_by_may_be_the_acting_rep(team, make_user):
    rep = make_user(Role.SALES_REP)
    employee = create(team.main, created_by=rep)
    assert employee.created_by == rep


def test_emails_are_unique_case_insensitively(team):
    with translation.override("en"), pytest.raises(TeamRefused, match="already exists"):
        create(team.main, email=team.plain.email.upper())
    assert User.objects.filter(email__iexact=team.plain.email).count() == 1


def test_the_invitation_has_a_set_password_link_and_no_password(team, client, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://b2b.example.pl"
    with django_capture_on_commit_callbacks(execute=True):
        employee = svc.employee_create(actor=team.main, email="jan@example.pl", first_name="Jan", last_name="Nowy", language="en",
                                       rights=NONE)
    (message,) = mail.outbox
    assert message.to == ["jan@example.pl"]
    assert "Anna Główna" in message.body and employee.company.name in message.body  # in the employee's language (en)
    assert "employee account" in message.subject
    link = re.search(r"https://b2b\.example\.pl(/password-reset/\S+/)", message.body).group(1)
    assert "password:" not in message.body.lower()
    # the link sets a password once
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Nowe-haslo-2026!", "new_password2": "Nowe-haslo-2026!"})
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.check_password("Nowe-haslo-2026!")
    assert can_log_in("jan@example.pl", "Nowe-haslo-2026!")
    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_resend_link_sends_a_new_invitation(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        svc.employee_resend_link(actor=team.manager, employee=team.plain)
    (message,) = mail.outbox
    assert message.to == [team.plain.email] and "/password-reset/" in message.body


# ------------------------------------------------------------------------------------------------ deactivating


def test_a_deactivated_employee_cannot_log_in_and_can_be_reactivated(team):
    assert can_log_in(team.plain.email, PASSWORD)
    svc.employee_set_active(actor=team.manager, employee=team.plain, active=False)
    assert not can_log_in(team.plain.email, PASSWORD)
    with translation.override("en"), pytest.raises(TeamRefused, match="deactivated"):
        svc.employee_resend_link(actor=team.manager, employee=team.plain)
    svc.employee_set_active(actor=team.manager, employee=team.plain, active=True)
    assert can_log_in(team.plain.email, PASSWORD)


def test_deactivation_ends_open_sessions(team, client):
    client.force_login(team.plain)
    assert client.get("/account/").status_code == 200
    svc.employee_set_active(actor=team.main, employee=team.plain, active=False)
    assert client.get("/account/").status_code == 302  # back to the login page
