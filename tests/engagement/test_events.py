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
