"""R08: logins, category, product, content page views and searches are recorded for buyers only."""
import pytest
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.engagement.models import CustomerEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_is_recorded_for_buyers(client, make_user):
    buyer = make_user(Role.CUSTOMER)
    response = client.post(reverse("storefront:login"), {"username": buyer.email, "password": PASSWORD})
    assert response.status_code == 302
    event = CustomerEvent.objects.get()
    assert (event.kind, event.user_id, event.company_id) == (CustomerEvent.Kind.LOGIN, buyer.pk, buyer.company_id)


def test_staff_logins_and_pages_are_not_recorded(client, make_user, _cms_site):
    staff = make_user(Role.ADMIN)
    client.post(reverse("storefront:login"), {"username": staff.email, "password": PASSWORD})
    client.get("/")
    assert not CustomerEvent.objects.exists()


def test_content_page_views_are_recorded(client, customer, _cms_site):
    client.force_login(customer)
    assert client.get("/").status_code == 200
    event = CustomerEvent.objects.get(kind=CustomerEvent.Kind.PAGE_VIEW)
    assert event.object_id == _cms_site.pk and event.company_id == customer.company_id


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_any_transaction_is_stored_with_every_field(make_user):
    """Outside a transaction PostgreSQL takes the relaxed-commit single statement: same row."""
    from backoffice.engagement.services import event_record

    buyer = make_user()
    event_record(user=buyer, kind=CustomerEvent.Kind.SEARCH, phrase="wiertarka", result_count=0)
    event_record(user=buyer, kind=CustomerEvent.Kind.PRODUCT_VIEW, object_id=42)
    search, view = CustomerEvent.objects.order_by("pk")
    assert (search.kind, search.user_id, search.company_id, search.phrase, search.result_count, search.object_id) == (
        CustomerEvent.Kind.SEARCH, buyer.pk, buyer.company_id, "wiertarka", 0, None)
    assert (view.object_id, view.phrase, view.result_count) == (42, "", None)
    assert search.created_at is not None
