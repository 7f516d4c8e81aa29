"""K00: switching off "product_links" removes variants, similar and complementary products from
the card; switching off "bundles" removes the bundles (the rest of the card stays)."""
import pytest
from django.urls import reverse

from backoffice.catalog.models import ProductLink
from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from tests.catalog_factories import make_product

pytestmark = pytest.mark.django_db


def test_product_links_follow_their_module(shopper, world):
    own = make_product(world.leaf, "Wiertarka czerwona", sku="W-RED", price="10", price_list=world.price_list, variant_group="W")
    make_product(world.leaf, "Wiertarka niebieska", sku="W-BLUE", price="10", price_list=world.price_list, variant_group="W")
    similar = make_product(world.leaf, "Wkrętarka", sku="WK-1", price="10", price_list=world.price_list)
    ProductLink.objects.create(product=own, linked=similar)
    url = reverse("catalog:product", args=[own.pk])
    html = shopper.get(url).content.decode()
    assert "W-BLUE" in html and "WK-1" in html
    ModuleSwitch.objects.update_or_create(key="product_links", defaults={"enabled": False})
    forget_cached_switches()
    html = shopper.get(url).content.decode()
    assert "W-RED" in html and "W-BLUE" not in html and "WK-1" not in html
