"""What is recorded while a rep acts (R01): every non-GET request (one row each), the order placed
with the rep on it and in the ERP document; the audit screen in the back office."""
import re

import pytest
from django.utils import translation

from backoffice.acting.models import ActingAction, ActingSession
from backoffice.core.roles import Role
from backoffice.orders.handoff import documents_for
from backoffice.orders.models import Order

from .conftest import fill

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', response.content.decode()).group(1)


def test_the_order_placed_while_acting_names_the_rep_and_is_audited(rep_client, rep, world, shop, cart, acting):
    fill(cart, world.user, (shop.bit, "3"))  # the main account's cart: the rep works in it while acting
    page = rep_client.get("/checkout/")
    data = {"token": _token(page), "delivery_address": str(shop.address.pk), "requested_delivery_date": "", "customer_reference": "PO-REP",
            "notes": "", "delivery_method": "courier", "payment_method": "cod"}
    response = rep_client.post("/checkout/", data)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/checkout/placed/{order.pk}/"
    assert (order.placed_by, order.acting_rep, order.company) == (world.user, rep, world.company)

    action = ActingAction.objects.get(session=acting)  # GETs are not recorded, the POST is
    assert (action.method, action.path, action.view_name, action.status_code) == ("POST", "/checkout/", "orders:checkout", 302)
    assert action.order == order and order.number in action.description

    (document,) = documents_for(order)  # the ERP document carries the rep (R01)
    assert document["placed_by_rep"]["email"] == rep.email

    history = rep_client.get(f"/orders/{order.pk}/")  # the customer's order page shows who placed it
    assert history.status_code == 200 and rep.last_name in history.content.decode()


def test_every_post_while_acting_is_one_insert(rep_client, acting, shop, django_assert_max_num_queries):
    rep_client.post("/cart/add/", {"product": shop.bit.pk, "quantity": "1"})
    assert ActingAction.objects.filter(session=acting, method="POST", path="/cart/add/").count() == 1
    rep_client.get("/cart/")
    assert ActingAction.objects.filter(session=acting).count() == 1


def test_stop_and_logout_are_recorded_on_the_session_not_as_actions(rep_client, acting):
    rep_client.post("/acting/stop/", {"session": acting.pk})
    assert not ActingAction.objects.exists()


def _sessions(client):
    response = client.get("/admin/acting/actingsession/")
    assert response.status_code == 200
    return {row.pk for row in response.context["cl"].result_list}


def test_the_audit_screen_shows_reps_their_own_sessions_and_managers_all(client, rep, world, make_user):
    other_rep = make_user(Role.SALES_REP)
    mine = ActingSession.objects.create(rep=rep, company=world.company, customer=world.user)
    theirs = ActingSession.objects.create(rep=other_rep, company=world.company, customer=world.user)
    ActingAction.objects.create(session=mine, method="POST", path="/cart/add/", view_name="orders:cart_add", status_code=302)
    client.force_login(rep)
    assert _sessions(client) == {mine.pk}
    assert client.get(f"/admin/acting/actingsession/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/acting/actingsession/{theirs.pk}/change/").status_code == 302  # "does not exist"
    client.force_login(make_user(Role.SALES_MANAGER))
    assert _sessions(client) == {mine.pk, theirs.pk}
    page = client.get(f"/admin/acting/actingsession/{mine.pk}/change/")
    assert page.status_code == 200 and "/cart/add/" in page.content.decode()
    filtered = client.get(f"/admin/acting/actingsession/?rep={other_rep.pk}")
    assert {row.pk for row in filtered.context["cl"].result_list} == {theirs.pk}


def test_the_audit_list_query_count_does_not_grow(client, rep, world, make_user, django_assert_max_num_queries):
    admin = make_user(Role.ADMIN)
    client.force_login(admin)

    def sessions(count):
        for _ in range(count):
            ActingSession.objects.create(rep=rep, company=world.company, customer=world.user)

    sessions(2)
    with django_assert_max_num_queries(16):
        client.get("/admin/acting/actingsession/")
    sessions(30)
    with django_assert_max_num_queries(16):
        client.get("/admin/acting/actingsession/")


def test_the_company_screen_offers_acting_to_who_may_act(client, rep, world, make_user):
    client.force_login(rep)
    page = client.get(f"/admin/accounts/company/{world.company.pk}/act-as/")
    html = page.content.decode()
    assert page.status_code == 200 and f'action="/acting/start/{world.company.pk}/"' in html and "csrfmiddlewaretoken" in html
    assert world.user.email in html
    listing = client.get("/admin/accounts/company/").content.decode()
    assert f"/admin/accounts/company/{world.company.pk}/act-as/" in listing
    other = make_user(Role.CUSTOMER).company
    assert client.get(f"/admin/accounts/company/{other.pk}/act-as/").status_code == 404
    client.force_login(make_user(Role.MARKETING))
    assert client.get(f"/admin/accounts/company/{world.company.pk}/act-as/").status_code == 403


def test_the_confirmation_page_says_when_there_is_no_main_account(client, make_user):
    from tests.factories import CompanyFactory

    client.force_login(make_user(Role.SALES_MANAGER))
    empty = CompanyFactory()
    html = client.get(f"/admin/accounts/company/{empty.pk}/act-as/").content.decode()
    assert 'data-testid="acting-no-main-account"' in html and "/acting/start/" not in html


def test_english_banner(rep_client, acting, world):
    rep_client.cookies["b2b_language"] = "en"
    html = rep_client.get("/catalog/").content.decode()
    with translation.override("en"):
        assert "You are acting as" in html and "Stop acting" in html
