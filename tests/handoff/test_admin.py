"""Back office: orders list/detail (bounded queries, reps see their customers only), staff cancel
through the state machine, the EDI++ download, the hand-off list and "Retry now", ordering settings."""
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from backoffice.core.roles import Role
from backoffice.orders.models import ErpHandoff, Order, OrderSettings
from tests.factories import CompanyFactory
from tests.handoff.helpers import line, make_order

pytestmark = pytest.mark.django_db
H = ErpHandoff.Status


@pytest.fixture
def staff(client, make_user):
    def login(role=Role.ADMIN, **fields):
        user = make_user(role, **fields)
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the assertions read English texts
        return user

    return login


def test_orders_list_has_bounded_queries_and_filters(shop, staff, client, django_assert_max_num_queries):
    staff()
    world = shop["world"]
    for n in range(12):
        make_order(world.company, [line(shop["drill"]), line(shop["cable"])], customer_reference=f"PO-{n}")
    url = reverse("admin:orders_order_changelist")
    with django_assert_max_num_queries(20):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("0 of 2 delivered") == 12
    with django_assert_max_num_queries(20):
        response = client.get(url, {"q": "PO-7"})
    assert response.status_code == 200 and response.context["cl"].result_count == 1
    response = client.get(url, {"status__exact": "sent"})
    assert response.context["cl"].result_count == 0
    today = timezone.localdate().isoformat()
    response = client.get(url, {"placed_at_from": today, "placed_at_to": today})
    assert response.context["cl"].result_count == 12
    response = client.get(url, {"placed_at_to": "2020-01-01"})
    assert response.context["cl"].result_count == 0
    other = make_order(CompanyFactory(name="Hurtownia Zenit"), [line(shop["drill"])])
    with django_assert_max_num_queries(20):
        response = client.get(url, {"company__id__exact": other.company_id})
    assert [o.pk for o in response.context["cl"].result_list] == [other.pk]
    response = client.get(reverse("admin:autocomplete"), {"app_label": "orders", "model_name": "order", "field_name": "company",
                                                          "term": "Zenit"})
    assert [r["id"] for r in response.json()["results"]] == [str(other.company_id)]


def test_order_detail_shows_lines_events_and_handoffs(shop, staff, client, django_assert_max_num_queries):
    staff()
    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    with django_assert_max_num_queries(60):
        response = client.get(reverse("admin:orders_order_change", args=(order.pk,)))
    body = response.content.decode()
    assert response.status_code == 200
    assert "WU-1" in body and "YDY-315" in body and f"order:{order.number}:MAG1" in body


def test_reps_see_only_their_customers_orders(shop, staff, client):
    rep = staff(Role.SALES_REP)
    world = shop["world"]
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    mine = make_order(world.company, [line(shop["drill"])])
    other = make_order(CompanyFactory(), [line(shop["drill"])])
    response = client.get(reverse("admin:orders_order_changelist"))
    assert [o.pk for o in response.context["cl"].result_list] == [mine.pk]
    assert client.get(reverse("admin:orders_order_change", args=(other.pk,))).status_code == 302  # "does not exist" bounce
    response = client.get(reverse("admin:orders_erphandoff_changelist"))
    assert {h.order_id for h in response.context["cl"].result_list} == {mine.pk}


def test_marketing_has_no_orders(staff, client):
    staff(Role.MARKETING)
    assert client.get(reverse("admin:orders_order_changelist")).status_code == 403


def test_staff_cancel_goes_through_the_state_machine(shop, staff, client):
    manager = staff(Role.SALES_MANAGER)
    world = shop["world"]
    waiting = make_order(world.company, [line(shop["drill"])])
    delivered = make_order(world.company, [line(shop["drill"])])
    ErpHandoff.objects.filter(order=delivered).update(status=H.SENT)
    url = reverse("admin:orders_order_changelist")
    response = client.post(url, {"action": "cancel_selected", "_selected_action": [waiting.pk, delivered.pk]}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    waiting.refresh_from_db()
    delivered.refresh_from_db()
    assert waiting.status == Order.Status.CANCELLED and not waiting.handoffs.exists()
    assert waiting.events.filter(status_to=Order.Status.CANCELLED, user=manager).exists()
    assert delivered.status == Order.Status.PLACED
    assert any("already in the ERP" in m for m in messages) and any("1 order cancelled" in m for m in messages)


def test_download_epp_of_an_order(shop, staff, client):
    staff(Role.SALES_MANAGER)
    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    response = client.get(reverse("admin:orders_order_download_epp", args=(order.pk,)))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.epp"') and "windows-1250" in response["Content-Type"]
    assert response.content.startswith(b"[INFO]\r\n") and response.content.count(b"[NAGLOWEK]") == 2
    bulk = client.post(reverse("admin:orders_order_changelist"), {"action": "export_epp", "_selected_action": [order.pk]})
    assert bulk.content.count(b"[NAGLOWEK]") == 2


def test_handoffs_list_filters_and_retry_now(shop, staff, client, fake_erp, django_assert_max_num_queries,
                                             django_capture_on_commit_callbacks):
    staff()
    world = shop["world"]
    for _ in range(6):
        make_order(world.company, [line(shop["drill"])])
    ErpHandoff.objects.update(status=H.GAVE_UP, attempts=20, last_error="ConnectionError: refused")
    url = reverse("admin:orders_erphandoff_changelist")
    with django_assert_max_num_queries(20):
        response = client.get(url, {"status__exact": H.GAVE_UP})
    assert response.context["cl"].result_count == 6
    ids = list(ErpHandoff.objects.values_list("pk", flat=True)[:2])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "retry_now", "_selected_action": ids})
    assert set(ErpHandoff.objects.filter(pk__in=ids).values_list("status", flat=True)) == {H.SENT}
    assert len(fake_erp.documents) == 2
    detail = client.get(reverse("admin:orders_erphandoff_change", args=(ids[0],)))
    assert detail.status_code == 200 and "customer_order" in detail.content.decode()


def test_order_settings_is_a_single_row(staff, client):
    staff()
    response = client.get(reverse("admin:orders_ordersettings_changelist"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:orders_ordersettings_change", args=(1,))
    response = client.post(response["Location"], {"delivery_lead_working_days": 3, "order_number_prefix": "ZAM"})
    assert response.status_code == 302
    assert OrderSettings.current().order_number_prefix == "ZAM" and OrderSettings.objects.get().pk == 1
    assert client.get(reverse("admin:orders_ordersettings_add")).status_code == 403


def test_sales_rep_cannot_change_order_settings(staff, client):
    staff(Role.SALES_REP)
    OrderSettings.objects.create(pk=1)
    response = client.post(reverse("admin:orders_ordersettings_change", args=(1,)), {"delivery_lead_working_days": 9, "order_number_prefix": "X"})
    assert response.status_code == 403 and OrderSettings.current().order_number_prefix == "B2B"
