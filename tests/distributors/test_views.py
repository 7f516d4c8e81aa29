"""A11 storefront pages: end customers (list, new, terms), their orders with the margin, approval
buttons, the end customer's own view of its order, 404s and query bounds."""
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from backoffice.accounts.models import Company, User
from backoffice.core.roles import Role
from backoffice.orders.models import Order

from .conftest import make_end_customer, place_as

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def distributor_client(client, world):
    client.force_login(world.user)
    return client


def test_customers_list_shows_terms_and_order_counts(distributor_client, world, shop, end_user):
    place_as(end_user, shop, (shop.bit, "1"))
    make_end_customer(world.user, name="Zweryfikowany", markup="7.5", verified=True)
    response = distributor_client.get(reverse("distributor:customers"))
    assert response.status_code == 200
    rows = {c.name: c for c in response.context["customers"]}
    assert (rows["Sklep Końcowy"].markup_percent, rows["Sklep Końcowy"].order_count) == (D("20"), 1)
    assert rows["Zweryfikowany"].orders_auto_approved and rows["Zweryfikowany"].order_count == 0
    assert "7,5%" in response.content.decode()  # Polish number format


def test_customers_list_query_count_does_not_grow(distributor_client, world, django_assert_max_num_queries):
    for n in range(2):
        make_end_customer(world.user, name=f"Klient {n}")
    distributor_client.get(reverse("distributor:customers"))  # warm the per-site caches (branding, menus)
    with django_assert_max_num_queries(10):
        assert distributor_client.get(reverse("distributor:customers")).status_code == 200
    for n in range(2, 25):
        make_end_customer(world.user, name=f"Klient {n}")
    with django_assert_max_num_queries(10):
        assert distributor_client.get(reverse("distributor:customers")).status_code == 200


def test_new_customer_form_creates_the_account(distributor_client, world):
    url = reverse("distributor:customer_new")
    page = distributor_client.get(url)
    assert page.context["form"].initial["markup_percent"] == D("10")  # the distributor's own markup by default
    response = distributor_client.post(url, {"name": "Nowy Sklep", "nip": "", "street": "ul. Długa 1", "postal_code": "00-001",
                                             "city": "Warszawa", "country": "PL", "email": "nowy@sklep.pl", "markup_percent": "15",
                                             "language": "pl"})
    assert response.status_code == 302 and response["Location"] == reverse("distributor:customers")
    company = Company.objects.get(name="Nowy Sklep")
    assert company.distributor == world.company and company.markup_percent == D("15") and not company.orders_auto_approved
    assert User.objects.get(email="nowy@sklep.pl").role == Role.END_CUSTOMER


def test_new_customer_form_errors_change_nothing(distributor_client, world, end_user):
    before = Company.objects.count()
    with translation.override("en"):
        response = distributor_client.post(reverse("distributor:customer_new"), {
            "name": "X", "nip": "123", "street": "a", "postal_code": "1", "city": "c", "country": "PL", "email": end_user.email,
            "markup_percent": "150", "language": "pl"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"nip", "email", "markup_percent"}
    assert Company.objects.count() == before


def test_edit_terms(distributor_client, end_user):
    url = reverse("distributor:customer_edit", args=[end_user.company_id])
    assert distributor_client.get(url).status_code == 200
    response = distributor_client.post(url, {"markup_percent": "3.25", "orders_auto_approved": "on", "is_active": "on"})
    assert response.status_code == 302
    company = Company.objects.get(pk=end_user.company_id)
    assert (company.markup_percent, company.orders_auto_approved, company.is_active) == (D("3.25"), True, True)


def test_pages_are_404_for_the_end_customer_and_other_distributors(client, world, shop, end_user, make_user):
    order = place_as(end_user, shop, (shop.bit, "1"))
    other = make_user(Role.DISTRIBUTOR)
    Company.objects.filter(pk=other.company_id).update(is_distributor=True)
    urls = [reverse("distributor:customer_edit", args=[end_user.company_id]), reverse("distributor:order_detail", args=[order.pk])]
    client.force_login(other)
    assert client.get(reverse("distributor:customers")).status_code == 200  # its own (empty) list
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(reverse("distributor:order_approve", args=[order.pk])).status_code == 404
    client.force_login(end_user)
    for url in [reverse("distributor:customers"), reverse("distributor:orders"), *urls]:
        assert client.get(url).status_code == 404
    assert client.post(reverse("distributor:order_approve", args=[order.pk])).status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_APPROVAL


def test_orders_list_with_prices_margin_and_filters(distributor_client, world, shop, end_user):
    waiting = place_as(end_user, shop, (shop.drill, "2"), (shop.bit, "3"))
    verified = make_end_customer(world.user, name="Zweryfikowany", verified=True)
    placed = place_as(verified, shop, (shop.bit, "1"))
    response = distributor_client.get(reverse("distributor:orders"))
    rows = {row.order.pk: row for row in response.context["rows"]}
    assert set(rows) == {waiting.pk, placed.pk} and response.context["awaiting"] == 1
    assert rows[waiting.pk].order.margin == D("46.00")
    html = response.content.decode()
    assert rows[waiting.pk].margin in html and rows[waiting.pk].own_net in html
    awaiting = distributor_client.get(reverse("distributor:orders") + "?status=awaiting")
    assert [row.order.pk for row in awaiting.context["rows"]] == [waiting.pk]
    by_customer = distributor_client.get(reverse("distributor:orders") + f"?customer={verified.company_id}")
    assert [row.order.pk for row in by_customer.context["rows"]] == [placed.pk]
    status_choices = [value for value, _label in response.context["form"].fields["status"].choices]
    assert status_choices[:2] == ["", "awaiting"]


def test_prices_hidden_from_employees_without_finance(client, world, shop, end_user, make_user):
    order = place_as(end_user, shop, (shop.drill, "1"))
    employee = make_user(Role.EMPLOYEE, company=world.company, can_see_finance=False)
    client.force_login(employee)
    listing = client.get(reverse("distributor:orders"))
    assert listing.status_code == 200 and not listing.context["show_prices"]
    assert "20,00" not in listing.content.decode() and "margin" not in listing.content.decode()
    detail = client.get(reverse("distributor:order_detail", args=[order.pk]))
    assert detail.status_code == 200 and 'class="num margin"' not in detail.content.decode()


def test_orders_list_query_count_does_not_grow(distributor_client, world, shop, django_assert_max_num_queries):
    users = [make_end_customer(world.user, name=f"K{n}") for n in range(2)]
    for user in users:
        place_as(user, shop, (shop.bit, "1"))
    distributor_client.get(reverse("distributor:orders"))  # warm the per-site caches (branding, menus)
    with django_assert_max_num_queries(10):
        assert distributor_client.get(reverse("distributor:orders")).status_code == 200
    for user in users * 6:
        place_as(user, shop, (shop.bit, "1"))
    with django_assert_max_num_queries(10):
        assert len(distributor_client.get(reverse("distributor:orders")).context["rows"]) == 14


def test_order_detail_margin_per_line_and_total(distributor_client, world, shop, end_user):
    order = place_as(end_user, shop, (shop.drill, "1", "karton"), (shop.glove, "3"))
    response = distributor_client.get(reverse("distributor:order_detail", args=[order.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    # 1 carton of 12 drills: 1440.00 for the customer, 1200.00 for the distributor; gloves 3 x 6.00 vs 3 x 5.00
    assert [(r.line.sku, r.end_net, r.own_net, r.margin) for r in rows] == [
        ("WU-700", "1\xa0440,00 PLN", "1\xa0200,00 PLN", "240,00 PLN"), ("GLV-1", "18,00 PLN", "15,00 PLN", "3,00 PLN")]
    totals = response.context["totals"]
    assert (totals["end_net"], totals["own_net"], totals["margin"], totals["margin_percent"]) == (
        "1\xa0458,00 PLN", "1\xa0215,00 PLN", "243,00 PLN", D("20.0"))
    assert "Approve" in response.content.decode() or "Zatwierdź" in response.content.decode()


def test_approve_and_reject_buttons(distributor_client, world, shop, end_user):
    first = place_as(end_user, shop, (shop.bit, "1"))
    second = place_as(end_user, shop, (shop.bit, "1"))
    response = distributor_client.post(reverse("distributor:order_approve", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("distributor:order_detail", args=[first.pk])
    first.refresh_from_db()
    assert first.status in (Order.Status.PLACED, Order.Status.SENT)
    empty = distributor_client.post(reverse("distributor:order_reject", args=[second.pk]), {"reason": ""})
    assert empty.status_code == 400
    second.refresh_from_db()
    assert second.status == Order.Status.AWAITING_APPROVAL
    distributor_client.post(reverse("distributor:order_reject", args=[second.pk]), {"reason": "Za duża ilość"})
    second.refresh_from_db()
    assert second.status == Order.Status.CANCELLED


def test_end_customer_sees_only_its_own_orders_and_who_must_approve(client, world, shop, end_user):
    own = place_as(end_user, shop, (shop.bit, "1"))
    neighbour = place_as(make_end_customer(world.user, name="Sąsiad"), shop, (shop.bit, "1"))
    distributors_own = place_as(world.user, shop, (shop.bit, "1"))
    client.force_login(end_user)
    listing = client.get(reverse("orders:order_list"))
    assert [o.pk for o in listing.context["page"].orders] == [own.pk]
    for other in (neighbour, distributors_own):
        assert client.get(reverse("orders:order_detail", args=[other.pk])).status_code == 404
    client.cookies["b2b_language"] = "en"
    page = client.get(reverse("orders:order_detail", args=[own.pk]))
    assert page.status_code == 200
    assert f"Awaiting approval by {world.company.name}" in page.content.decode()
    assert "12,00" in page.content.decode() or "12.00" in page.content.decode()  # its own price (10.00 + 20 %), never the distributor's


def test_an_order_awaiting_approval_is_not_sent_to_the_payment_gateway(db):
    """Paying online starts only after the distributor approves: placing shows the confirmation page."""
    from backoffice.orders.models import Order
    from storefront.views_checkout import _after_placing

    order = Order(pk=991, status=Order.Status.AWAITING_APPROVAL, payment_method="online")
    assert _after_placing(order)["Location"] == f"/checkout/placed/{order.pk}/"
