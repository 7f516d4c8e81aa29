"""C08: the report of searches without results (engagement.selectors.zero_result_phrases and the
back-office page with its CSV export)."""
import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.catalog.models import SearchSynonym
from backoffice.core import services as core_services
from backoffice.core.modules import MODULES_BY_KEY
from backoffice.core.roles import Role
from backoffice.engagement.models import CustomerEvent
from backoffice.engagement.selectors import default_report_period, months_before, zero_result_phrases
from tests.factories import CompanyFactory

from .helpers import sidebar_links

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
REPORT = reverse("admin:engagement_zero_results")
EXPORT = reverse("admin:engagement_zero_results_csv")
FORMULA = '=HYPERLINK("http://evil.example.com","x")'


def event(phrase, company, when, result_count=0, kind=CustomerEvent.Kind.SEARCH):
    e = CustomerEvent.objects.create(kind=kind, company=company, phrase=phrase, result_count=result_count)
    CustomerEvent.objects.filter(pk=e.pk).update(created_at=when)  # created_at is auto_now_add
    return e


def at(*args) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


@pytest.fixture
def events():
    a, b = CompanyFactory(), CompanyFactory()
    event("wiertarka stolowa", a, at(2026, 3, 1, 10))
    event("Wiertarka Stolowa ", a, at(2026, 3, 1, 12))  # same phrase, other case and a space
    event("wiertarka stolowa", b, at(2026, 3, 1, 23, 30))  # late evening in Warsaw, 22:30 UTC
    event("młotek", b, at(2026, 2, 20, 9))
    event("młotek", b, at(2026, 3, 2, 0, 30))  # after midnight in Warsaw, still 1 March in UTC
    event("szlifierka", a, at(2026, 3, 1, 9), result_count=4)  # found something
    event("", a, at(2026, 3, 1, 9))  # empty search
    event("wiertarka stolowa", a, at(2026, 3, 1, 9), kind=CustomerEvent.Kind.PRODUCT_VIEW, result_count=None)
    event(FORMULA, None, at(2026, 1, 15, 8))
    return a, b


def test_selector_counts_searches_and_distinct_customers(events):
    rows = list(zero_result_phrases(date(2026, 2, 1), date(2026, 3, 1)))
    assert [(r["key"], r["searches"], r["customers"]) for r in rows] == [("wiertarka stolowa", 3, 2), ("młotek", 1, 1)]
    assert rows[0]["last_searched"] == at(2026, 3, 1, 23, 30)


def test_selector_period_is_whole_days_in_warsaw(events):
    assert [r["key"] for r in zero_result_phrases(date(2026, 3, 2), date(2026, 3, 2))] == ["młotek"]
    assert [r["key"] for r in zero_result_phrases(date(2026, 1, 15), date(2026, 1, 15))] == [FORMULA.lower()]
    assert list(zero_result_phrases(date(2026, 3, 3), date(2026, 12, 31))) == []


def test_default_period_is_the_last_six_months():
    assert default_report_period(date(2026, 8, 31)) == (date(2026, 2, 28), date(2026, 8, 31))
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_report_page_lists_phrases_with_a_synonym_shortcut(client, admin_user, events):
    SearchSynonym.objects.create(phrase="mlotek", replacement="młotek ślusarski")
    client.force_login(admin_user)
    response = client.get(REPORT, {"date_from": "2026-02-01", "date_to": "2026-03-02"})
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'data-phrase="([^"]*)".*?data-column="searches">(\d+)<.*?data-column="customers">(\d+)<', html, re.S)
    assert rows == [("wiertarka stolowa", "3", "2"), ("młotek", "2", "1")]
    assert reverse("admin:catalog_searchsynonym_add") + "?phrase=wiertarka+stolowa" in html
    assert "→ młotek ślusarski" in html  # a synonym exists already: no second one offered
    assert "2026-03-01 23:30" in html  # shown in Warsaw time


def test_report_defaults_to_the_last_six_months(client, admin_user):
    company = CompanyFactory()
    now = timezone.now()
    event("recent", company, now)
    event("ancient", company, now.replace(year=now.year - 1))
    client.force_login(admin_user)
    html = client.get(REPORT).content.decode()
    assert 'data-phrase="recent"' in html and 'data-phrase="ancient"' not in html
    start, end = default_report_period()
    assert f'value="{start:%Y-%m-%d}"' in html and f'value="{end:%Y-%m-%d}"' in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2026-13-45", "date_to": "2026-03-01"}, "Enter a valid date."),
        ({"date_from": "yesterday"}, "Enter a valid date."),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "The start of the period must not be after its end."),
    ],
)
def test_bad_dates_are_explained_not_a_500(client, admin_user, events, params, message):
    client.force_login(admin_user)
    response = client.get(REPORT, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'id="zero-results"' not in html
    export = client.get(EXPORT, params)
    assert export.status_code == 302 and export["Location"].startswith(REPORT)


def test_report_is_paginated_with_bounded_queries(client, admin_user, django_assert_max_num_queries):
    company = CompanyFactory()
    when = at(2026, 3, 1, 12)
    params = {"date_from": "2026-03-01", "date_to": "2026-03-01"}
    for n in range(3):
        event(f"fraza {n:02d}", company, when)
    client.force_login(admin_user)
    client.get(REPORT, params)
    with django_assert_max_num_queries(30) as small:
        client.get(REPORT, params)
    CustomerEvent.objects.bulk_create(
        CustomerEvent(kind="search", company=company, phrase=f"inna {n:02d}", result_count=0) for n in range(57)
    )
    CustomerEvent.objects.filter(phrase__startswith="inna").update(created_at=when)
    with django_assert_max_num_queries(len(small.captured_queries)):
        first = client.get(REPORT, params).content.decode()
    assert first.count("data-phrase=") == 50
    second = client.get(REPORT, {**params, "page": 2}).content.decode()
    assert second.count("data-phrase=") == 10
    assert "(60 phrases)" in second


def test_csv_export_is_complete_and_formula_safe(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get(EXPORT, {"date_from": "2026-01-01", "date_to": "2026-03-31"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["phrase", "searches", "customers", "last searched"]
    assert rows[1] == ["wiertarka stolowa", "3", "2", "2026-03-01 23:30"]
    assert ["'" + FORMULA.lower(), "1", "0", "2026-01-15 08:00"] in rows
    assert len(rows) == 4
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("role, status", [(Role.MARKETING, 200), (Role.SALES_MANAGER, 200), (Role.SALES_REP, 404), (Role.CUSTOMER, 404)])
def test_report_access_per_role(client, make_user, events, role, status):
    client.force_login(make_user(role))
    response = client.get(REPORT, {"date_from": "2026-02-01", "date_to": "2026-03-02"})
    assert response.status_code == status
    assert client.get(EXPORT).status_code == status
    if status == 200:
        creates = reverse("admin:catalog_searchsynonym_add") in response.content.decode()
        assert creates == (role == Role.MARKETING)  # sales managers may look, not add synonyms
        assert REPORT in sidebar_links(response)


def test_report_disappears_with_the_search_tools_module(client, admin_user):
    client.force_login(admin_user)
    assert client.get(REPORT).status_code == 200
    core_services.modules_set_enabled(enabled_keys=set(MODULES_BY_KEY) - {"search_tools"})
    assert client.get(REPORT).status_code == 404
    assert client.get(EXPORT).status_code == 404
    assert REPORT not in sidebar_links(client.get(reverse("admin:index")))
