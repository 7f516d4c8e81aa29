"""A product the customer may not see (no price, restricted category, inactive) answers 404 and
never shows up on another card: not as a variant, similar, complementary product or bundle part."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.catalog.models import ComplementaryProduct, ProductLink
from backoffice.core.roles import Role
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice
from tests.catalog_factories import make_category, make_product

pytestmark = pytest.mark.django_db


def make_bundle(code, components, price="100.00", currency="PLN", **fields):
    bundle = Bundle.objects.create(code=code, name=f"Zestaw {code}", **fields)
    for product, quantity in components:
        BundleComponent.objects.create(bundle=bundle, product=product, quantity=Decimal(quantity))
    if price is not None:
        BundlePrice.objects.create(bundle=bundle, currency=currency, net=Decimal(price))
    return bundle


@pytest.fixture
def hidden(world):
    """Three products the customer may not see, each for another reason."""
    secret = make_category("Oferta specjalna", world.root, restricted=True)
    return {
        "no price": make_product(world.leaf, "Ukryty bez ceny", sku="HID-NOPRICE"),
        "restricted": make_product(secret, "Ukryty zastrzeżony", sku="HID-RESTRICTED", price="10.00", price_list=world.price_list),
        "inactive": make_product(world.leaf, "Ukryty nieaktywny", sku="HID-INACTIVE", price="10.00", price_list=world.price_list,
                                 is_active=False),
    }


@pytest.mark.parametrize("reason", ["no price", "restricted", "inactive"])
def test_hidden_product_card_is_404(shopper, hidden, reason):
    assert shopper.get(reverse("catalog:product", args=[hidden[reason].pk])).status_code == 404


def test_missing_product_is_404(shopper, world):
    assert shopper.get(reverse("catalog:product", args=[987654])).status_code == 404


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SALES_REP])
def test_staff_get_404_on_the_storefront_card(client, make_user, world, drill, role):
    client.force_login(make_user(role))
    assert client.get(reverse("catalog:product", args=[drill.pk])).status_code == 404


def test_hidden_products_never_appear_on_another_card(shopper, world, drill, hidden):
    drill.variant_group = "G1"
    drill.save()
    ComplementaryProduct.objects.create(category=world.leaf, product=make_product(world.leaf, "Widoczny dodatek", sku="VIS-COMP",
                                                                                   price="1.00", price_list=world.price_list))
    for product in hidden.values():
        product.variant_group = "G1"
        product.save()
        ProductLink.objects.create(product=drill, linked=product)
        ProductLink.objects.create(product=product, linked=make_product(world.leaf, "x", price="1", price_list=world.price_list))
        ComplementaryProduct.objects.create(category=world.leaf, product=product)
    mixed = make_bundle("MIX", [(drill, "1"), (hidden["restricted"], "1")])
    html = shopper.get(reverse("catalog:product", args=[drill.pk])).content.decode()
    assert "VIS-COMP" in html  # the sections render...
    for product in hidden.values():  # ...without the hidden products
        assert product.sku not in html
        assert reverse("catalog:product", args=[product.pk]) not in html
    assert reverse("catalog:bundle", args=[mixed.pk]) not in html


def test_bundles_on_the_card_are_active_valid_and_priced_in_the_customers_currency(shopper, world, drill):
    bit = make_product(world.leaf, "Wiertło", sku="BIT-1", price="10.00", price_list=world.price_list)
    today = timezone.localdate()
    offered = make_bundle("OK", [(drill, "1"), (bit, "5")], price="130.00")
    not_offered = [
        make_bundle("OFF", [(drill, "1"), (bit, "1")], is_active=False),
        make_bundle("OLD", [(drill, "1"), (bit, "1")], valid_to=today - timedelta(days=1)),
        make_bundle("LATER", [(drill, "1"), (bit, "1")], valid_from=today + timedelta(days=1)),
        make_bundle("EUR", [(drill, "1"), (bit, "1")], currency="EUR"),
        make_bundle("NOPRICE", [(drill, "1"), (bit, "1")], price=None),
    ]
    html = shopper.get(reverse("catalog:product", args=[drill.pk])).content.decode()
    assert f'href="{reverse("catalog:bundle", args=[offered.pk])}"' in html
    assert "130,00 PLN" in html and "20,00 PLN" in html  # bundle price and the saving (100 + 5 x 10 - 130)
    for bundle in not_offered:
        assert reverse("catalog:bundle", args=[bundle.pk]) not in html
