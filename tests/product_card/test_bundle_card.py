"""The bundle card (C10): components, their own prices, the bundle price and the saving; 404
unless the bundle is offered to the customer (active, valid, priced in their currency, every
component visible)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.core.roles import Role
from tests.catalog_factories import make_category, make_product

from .test_card_visibility import make_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts(world, drill):
    bit = make_product(world.leaf, "Wiertło do betonu", sku="BIT-8", price="10.00", price_list=world.price_list)
    return drill, bit


def bundle_url(bundle):
    return reverse("catalog:bundle", args=[bundle.pk])


def test_bundle_card_shows_components_prices_and_saving(shopper, parts):
    drill, bit = parts
    bundle = make_bundle("WIERT-SET", [(drill, "1"), (bit, "5")], price="130.00")
    response = shopper.get(bundle_url(bundle))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zestaw WIERT-SET" in html and "WIERT-SET" in html
    assert "Wiertarka udarowa" in html and "Wiertło do betonu" in html
    assert f'href="{reverse("catalog:product", args=[bit.pk])}"' in html
    assert "100,00 PLN" in html and "10,00 PLN" in html and "50,00 PLN" in html  # own prices: unit and line
    assert "150,00 PLN" in html  # bought separately
    assert "130,00 PLN" in html and "20,00 PLN" in html  # bundle price, saving
    assert "159,90 PLN" in html  # gross: VAT 23 percent per split line


@pytest.mark.parametrize("case", ["inactive", "expired", "not yet", "other currency", "no price"])
def test_bundle_not_offered_is_404(shopper, parts, case):
    today = timezone.localdate()
    fields = {
        "inactive": {"is_active": False},
        "expired": {"valid_to": today - timedelta(days=1)},
        "not yet": {"valid_from": today + timedelta(days=1)},
        "other currency": {"currency": "EUR"},
        "no price": {"price": None},
    }[case]
    bundle = make_bundle("B", [(parts[0], "1"), (parts[1], "2")], **fields)
    assert shopper.get(bundle_url(bundle)).status_code == 404


@pytest.mark.parametrize("reason", ["no price", "restricted", "inactive"])
def test_bundle_with_a_hidden_component_is_404(shopper, world, parts, reason):
    secret = make_category("Tajne", world.root, restricted=True)
    component = {
        "no price": lambda: make_product(world.leaf, "Bez ceny"),
        "restricted": lambda: make_product(secret, "Zastrzeżony", price="5", price_list=world.price_list),
        "inactive": lambda: make_product(world.leaf, "Nieaktywny", price="5", price_list=world.price_list, is_active=False),
    }[reason]()
    bundle = make_bundle("H", [(parts[0], "1"), (component, "1")])
    assert shopper.get(bundle_url(bundle)).status_code == 404


def test_missing_bundle_is_404_and_staff_see_nothing(client, shopper, make_user, parts):
    assert shopper.get(reverse("catalog:bundle", args=[987654])).status_code == 404
    bundle = make_bundle("S", [(parts[0], "1")])
    assert shopper.get(bundle_url(bundle)).status_code == 200
    client.force_login(make_user(Role.SALES_MANAGER))
    assert client.get(bundle_url(bundle)).status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999"])
def test_impossible_ids_are_404_not_500(shopper, pk):
    assert shopper.get(f"/catalog/bundle/{pk}/").status_code == 404
    assert shopper.get(f"/catalog/p/{pk}/").status_code == 404
