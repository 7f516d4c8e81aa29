"""Starting and stopping acting as a customer (R01): who may, for which companies, what the
session looks like, and the banner."""
import pytest
from django.utils import timezone

from backoffice.acting.models import ActingSession
from backoffice.core.roles import Role
from tests.factories import CompanyFactory

from .conftest import logged_in_id, start

pytestmark = pytest.mark.django_db


def test_rep_acts_as_the_main_account_and_stops_back_into_the_back_office(rep_client, rep, world):
    session = start(rep_client, world.company)
    assert logged_in_id(rep_client) == world.user.pk
    assert (session.rep, session.customer, session.ended_at) == (rep, world.user, None)
    assert session.ip_address == "127.0.0.1"

    page = rep_client.get("/catalog/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-acting-session="{session.pk}"' in html and world.company.name in html
    assert 'action="/acting/stop/"' in html

    response = rep_client.post("/acting/stop/", {"session": session.pk})
    assert response.status_code == 302 and response["Location"] == f"/admin/accounts/company/{world.company.pk}/change/"
    assert logged_in_id(rep_client) == rep.pk
    session.refresh_from_db()
    assert session.end_reason == ActingSession.EndReason.STOPPED and session.ended_at is not None
    assert "data-acting-session" not in rep_client.get("/acting/customers/").content.decode()


def test_acting_does_not_count_as_the_customers_login(rep_client, rep, world):
    before = world.user.last_login
    session = start(rep_client, world.company)
    rep_client.post("/acting/stop/", {"session": session.pk})
    world.user.refresh_from_db()
    assert world.user.last_login == before


def test_a_company_not_assigned_to_the_rep_is_a_404(rep_client, rep, make_user):
    other = make_user(Role.CUSTOMER)
    assert rep_client.post(f"/acting/start/{other.company.pk}/").status_code == 404
    assert rep_client.post("/acting/start/999999/").status_code == 404
    assert logged_in_id(rep_client) == rep.pk and not ActingSession.objects.exists()


def test_a_company_without_platform_access_is_a_404(rep_client, rep, world):
    world.company.b2b_access = False
    world.company.save(update_fields=["b2b_access"])
    assert rep_client.post(f"/acting/start/{world.company.pk}/").status_code == 404


def test_a_company_without_a_main_account_is_refused_with_a_message(rep_client, rep):
    empty = CompanyFactory(sales_rep=rep)
    response = rep_client.post(f"/acting/start/{empty.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == "/acting/customers/"
    assert any(empty.name in str(m) for m in response.context["messages"])
    assert logged_in_id(rep_client) == rep.pk and not ActingSession.objects.exists()


def test_the_oldest_active_main_account_is_used(rep_client, rep, world, make_user):
    make_user(Role.CUSTOMER, company=world.company)  # a second main account, newer
    make_user(Role.EMPLOYEE, company=world.company)
    assert start(rep_client, world.company).customer == world.user
    rep_client.post("/acting/stop/", {"session": ActingSession.objects.get().pk})
    world.user.is_active = False
    world.user.save(update_fields=["is_active"])
    second = start(rep_client, world.company)
    assert second.customer != world.user and second.customer.role == Role.CUSTOMER


@pytest.mark.parametrize("role", [Role.SALES_MANAGER, Role.ADMIN])
def test_managers_and_administrators_may_act_for_any_company(client, make_user, world, role):
    client.force_login(make_user(role))
    start(client, world.company)
    assert logged_in_id(client) == world.user.pk


@pytest.mark.parametrize("role", [Role.MARKETING, Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR])
def test_others_may_not_act(client, make_user, world, role):
    client.force_login(make_user(role))
    assert client.post(f"/acting/start/{world.company.pk}/").status_code == 404
    assert client.get("/acting/customers/").status_code == 404


def test_start_and_stop_are_post_only(rep_client, world):
    assert rep_client.get(f"/acting/start/{world.company.pk}/").status_code == 405
    assert rep_client.get("/acting/stop/").status_code == 405


def test_stop_without_acting_is_a_404(rep_client):
    assert rep_client.post("/acting/stop/", {"session": "1"}).status_code == 404


def test_a_stale_stop_button_does_not_end_the_current_session(rep_client, acting, world):
    response = rep_client.post("/acting/stop/", {"session": acting.pk + 1000})
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_id(rep_client) == world.user.pk
    acting.refresh_from_db()
    assert acting.ended_at is None


def test_the_acting_customer_cannot_start_acting_again(rep_client, acting, world):
    assert rep_client.post(f"/acting/start/{world.company.pk}/").status_code == 404  # the session is the customer's now


def test_starting_again_replaces_the_reps_earlier_open_session(client, rep, world):
    from django.test import Client

    other_browser = Client()
    other_browser.force_login(rep)
    first = start(other_browser, world.company)
    client.force_login(rep)
    second = start(client, world.company)
    first.refresh_from_db()
    assert first.end_reason == ActingSession.EndReason.REPLACED and second.ended_at is None
    response = other_browser.get("/catalog/")  # the first browser's acting session is over
    assert response.status_code == 302 and response["Location"] == "/login/"


def test_stop_when_the_rep_was_deactivated_meanwhile_logs_out(rep_client, rep, acting):
    from backoffice.acting.services import acting_stop
    from django.test import RequestFactory
    from django.contrib.sessions.backends.db import SessionStore

    rep.is_active = False
    rep.save(update_fields=["is_active"])
    request = RequestFactory().post("/acting/stop/")
    request.session = SessionStore()
    request.user = acting.customer
    request.acting = acting
    assert acting_stop(request) is None
    assert "_auth_user_id" not in request.session
    acting.refresh_from_db()
    assert acting.ended_at is not None and acting.ended_at <= timezone.now()


def test_acting_switches_do_not_trip_the_login_lockout(client, rep, world, settings):
    """django-axes counts failed credentials only: six start/stop rounds (twelve login() calls)
    leave the rep's and the customer's real logins working."""
    from tests.factories import PASSWORD

    settings.AXES_FAILURE_LIMIT = 3
    client.force_login(rep)
    for _ in range(6):
        session = start(client, world.company)
        client.post("/acting/stop/", {"session": session.pk})
    client.post("/logout/")
    for user in (rep, world.user):
        response = client.post("/login/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 302 and logged_in_id(client) == user.pk
        client.post("/logout/")
