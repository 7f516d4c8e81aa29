"""R08 in the back office: the customer event log, view only, administrators only."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.engagement.models import CustomerEvent
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:engagement_customerevent_changelist")


@pytest.fixture
def events():
    user = UserFactory(role=Role.CUSTOMER, company=CompanyFactory(name="Hurtownia Kowalski"))
    other = UserFactory(role=Role.CUSTOMER, company=CompanyFactory(name="Elektro Nowak"))
    CustomerEvent.objects.create(kind="search", user=user, company=user.company, phrase="wkretarka", result_count=0)
    CustomerEvent.objects.create(kind="product_view", user=other, company=other.company, object_id=7)
    CustomerEvent.objects.create(kind="login", user=other, company=other.company)
    return user, other


def _rows(html) -> int:
    return html.count('class="action-select')


def test_admin_filters_and_searches_events(client, admin_user, events):
    client.force_login(admin_user)
    html = client.get(LIST).content.decode()
    assert "Hurtownia Kowalski" in html and "Elektro Nowak" in html
    html = client.get(LIST, {"kind__exact": "search"}).content.decode()
    assert "wkretarka" in html and "Elektro Nowak" not in html
    html = client.get(LIST, {"q": "Nowak"}).content.decode()
    assert "Elektro Nowak" in html and "Hurtownia Kowalski" not in html
    html = client.get(LIST, {"q": "wkretarka"}).content.decode()
    assert "Hurtownia Kowalski" in html and "Elektro Nowak" not in html


def test_events_are_view_only(client, admin_user, events):
    client.force_login(admin_user)
    event = CustomerEvent.objects.get(kind="search")
    change = reverse("admin:engagement_customerevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"phrase": "hacked"}).status_code == 403
    assert client.get(reverse("admin:engagement_customerevent_add")).status_code == 403
    assert client.get(reverse("admin:engagement_customerevent_delete", args=[event.pk])).status_code == 403
    event.refresh_from_db()
    assert event.phrase == "wkretarka"


def test_event_list_queries_are_bounded(client, admin_user, events, django_assert_max_num_queries):
    client.force_login(admin_user)
    client.get(LIST)
    with django_assert_max_num_queries(30) as small:
        client.get(LIST)
    user, other = events
    CustomerEvent.objects.bulk_create(
        CustomerEvent(kind="search", user=(user, other)[n % 2], company=(user, other)[n % 2].company, phrase=f"p{n}", result_count=n)
        for n in range(40)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_event_times_are_shown_in_warsaw(client, admin_user, events):
    event = CustomerEvent.objects.get(kind="search")
    CustomerEvent.objects.filter(pk=event.pk).update(created_at=datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("Europe/Warsaw")))
    client.force_login(admin_user)
    html = client.get(reverse("admin:engagement_customerevent_change", args=[event.pk])).content.decode()
    assert "March 1, 2026, 11:30 p.m." in html  # 22:30 UTC


@pytest.mark.parametrize("role, status", [(Role.MARKETING, 403), (Role.SALES_MANAGER, 403), (Role.SALES_REP, 403), (Role.CUSTOMER, 404)])
def test_only_administrators_see_events(client, make_user, events, role, status):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == status
