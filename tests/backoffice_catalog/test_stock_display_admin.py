"""S01/S02 in the back office: the stock display settings (a single row) with a preview of how
sample quantities are shown, and the stock ranges with Polish and English labels."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.inventory.display import stock_display
from backoffice.inventory.models import StockDisplaySettings, StockRange
from backoffice.inventory.services import stock_range_set

from .helpers import sidebar_links

pytestmark = pytest.mark.django_db

SETTINGS_LIST = reverse("admin:inventory_stockdisplaysettings_changelist")
SETTINGS_ADD = reverse("admin:inventory_stockdisplaysettings_add")
RANGES_LIST = reverse("admin:inventory_stockrange_changelist")
RANGE_ADD = reverse("admin:inventory_stockrange_add")


def make_range(up_to, pl, en):
    return stock_range_set(up_to=Decimal(up_to), labels={"pl": pl, "en": en})


def _preview(html) -> dict[str, tuple[str, str]]:
    section = re.search(r'<div[^>]*id="stock-preview".*?</table>', html, re.S).group(0)
    rows = re.findall(r'data-quantity="(\d+)">.*?data-column="ranges">([^<]*)<.*?data-column="now">([^<]*)<', section, re.S)
    return {quantity: (ranges.strip(), now.strip()) for quantity, ranges, now in rows}


def test_settings_are_added_once_as_the_current_row(client, admin_user):
    client.force_login(admin_user)
    assert client.get(SETTINGS_ADD).status_code == 200
    response = client.post(SETTINGS_ADD, {"mode": "units", "restock_days_min": "3", "restock_days_max": "4"})
    assert response.status_code == 302
    assert StockDisplaySettings.objects.get().pk == 1
    assert StockDisplaySettings.current().mode == "units"
    assert client.get(SETTINGS_ADD).status_code == 403
    assert client.get(reverse("admin:inventory_stockdisplaysettings_delete", args=[1])).status_code == 403


def test_restock_bounds_are_validated(client, admin_user):
    client.force_login(admin_user)
    response = client.post(SETTINGS_ADD, {"mode": "ranges", "restock_days_min": "7", "restock_days_max": "5"})
    assert response.status_code == 200 and response.context["adminform"].form.errors["restock_days_max"]
    assert not StockDisplaySettings.objects.exists()


def test_preview_shows_sample_quantities_with_the_current_ranges(client, admin_user):
    make_range("5", "mało", "few")
    make_range("50", "średnio", "some")
    make_range("500", "dużo", "plenty")
    StockDisplaySettings.objects.create(pk=1, mode="ranges")
    client.force_login(admin_user)
    html = client.get(reverse("admin:inventory_stockdisplaysettings_change", args=[1])).content.decode()
    assert _preview(html) == {
        "0": ("out of stock", "out of stock"),
        "1": ("few", "few"),
        "5": ("few", "few"),
        "20": ("some", "some"),
        "100": ("plenty", "plenty"),
        "1000": ("plenty", "plenty"),
    }
    client.cookies["b2b_language"] = "pl"
    html = client.get(reverse("admin:inventory_stockdisplaysettings_change", args=[1])).content.decode()
    assert _preview(html)["1000"][0] == "dużo"


def test_preview_in_exact_mode_shows_quantities(client, admin_user):
    make_range("10", "mało", "few")
    StockDisplaySettings.objects.create(pk=1, mode="units")
    client.force_login(admin_user)
    preview = _preview(client.get(reverse("admin:inventory_stockdisplaysettings_change", args=[1])).content.decode())
    assert preview["5"] == ("few", "5") and preview["1000"] == ("few", "1000")
    assert preview["0"][1] == "out of stock"


def test_saving_settings_and_ranges_reaches_the_storefront_cache(client, admin_user):
    assert stock_display().mode == "ranges" and stock_display().ranges == ()  # cached now
    client.force_login(admin_user)
    client.post(SETTINGS_ADD, {"mode": "units", "restock_days_min": "5", "restock_days_max": "7"})
    assert stock_display().mode == "units"
    response = client.post(RANGE_ADD + "?language=pl", {"up_to": "10", "label": "mało"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(up_to, labels) for up_to, labels in stock_display().ranges] == [(Decimal("10.000"), {"pl": "mało"})]
    row = StockRange.objects.get()
    response = client.post(reverse("admin:inventory_stockrange_change", args=[row.pk]) + "?language=en", {"up_to": "10", "label": "few"})
    assert response.status_code == 302
    assert stock_display().ranges[0][1] == {"pl": "mało", "en": "few"}
    client.post(reverse("admin:inventory_stockrange_delete", args=[row.pk]), {"post": "yes"})
    assert stock_display().ranges == ()


def test_range_changelist_shows_labels_with_bounded_queries(client, admin_user, django_assert_max_num_queries):
    make_range("5", "mało", "few")
    client.force_login(admin_user)
    client.get(RANGES_LIST)
    with django_assert_max_num_queries(30) as small:
        client.get(RANGES_LIST)
    for n in range(30):
        make_range(str(100 + n), f"etykieta {n}", f"label {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(RANGES_LIST).content.decode()
    assert "label 29" in html and "few" in html


@pytest.mark.parametrize(
    "role, can_edit, in_menu",
    [(Role.ADMIN, True, True), (Role.MARKETING, True, True), (Role.SALES_MANAGER, False, True), (Role.SALES_REP, False, False)],
)
def test_access_per_role(client, make_user, role, can_edit, in_menu):
    client.force_login(make_user(role))
    response = client.get(SETTINGS_LIST)
    assert response.status_code == (200 if in_menu else 403)
    assert client.post(SETTINGS_ADD, {"mode": "units", "restock_days_min": "1", "restock_days_max": "2"}).status_code == (302 if can_edit else 403)
    assert client.get(RANGES_LIST).status_code == (200 if in_menu else 403)
    if in_menu:
        assert {SETTINGS_LIST, RANGES_LIST} <= sidebar_links(response)


def test_customers_do_not_reach_it(client, customer):
    client.force_login(customer)
    assert client.get(SETTINGS_LIST).status_code == 404
    assert client.get(RANGES_LIST).status_code == 404
