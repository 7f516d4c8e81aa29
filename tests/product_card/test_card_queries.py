"""The card costs a fixed number of queries, however many units, images, variants, similar and
complementary products and bundles it shows (saleor-style benchmark with a stated bound)."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.catalog.models import ComplementaryProduct, ProductImage, ProductLink, ProductUnit, StoredImage
from tests.catalog_factories import make_product, set_stock

from .test_card_visibility import make_bundle

pytestmark = pytest.mark.django_db

# Whole requests: session, user, base.html's branding and menus and the recorded view included.
# Cold = empty caches (category tree, stock display settings, pricing rules, module switches) and,
# in tests only, the branding settings row created on first use. Warm = every later request.
# The card also asks for pre-sale offers (S07) and the company's shopping lists (R03).
CARD_MAX_QUERIES_COLD = 52
CARD_MAX_QUERIES_WARM = 33
BUNDLE_CARD_MAX_QUERIES_COLD = 34
BUNDLE_CARD_MAX_QUERIES_WARM = 17


def _populate(world, drill, warehouses, start, stop):
    drill.variant_group = "WU"
    drill.save()
    for i in range(start, stop):
        ProductUnit.objects.create(product=drill, code=f"op{i}", factor=Decimal(i + 2))
        stored = StoredImage.objects.create(sha256=f"{drill.pk:08d}{i:056d}", file=f"products/d{i}.jpg")
        ProductImage.objects.create(product=drill, image=stored, sort=i)
        variant = make_product(world.leaf, f"Wariant {i}", price="10", price_list=world.price_list, variant_group="WU",
                               attributes={"Kolor": f"kolor {i}"}, index=False)
        similar = make_product(world.leaf, f"Podobny {i}", price="10", price_list=world.price_list, index=False)
        complement = make_product(world.leaf, f"Dodatek {i}", price="10", price_list=world.price_list, index=False)
        ProductLink.objects.create(product=drill, linked=similar) if i % 2 else ProductLink.objects.create(product=similar, linked=drill)
        ComplementaryProduct.objects.create(category=world.leaf, product=complement)
        ProductImage.objects.create(product=variant, image=stored, sort=0)
        make_bundle(f"Z{i}", [(drill, "1"), (variant, "2"), (complement, "1")], price="50")
        set_stock(drill, warehouses[i % 2], i + 1)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_product_card_query_count_does_not_grow(shopper, world, drill, warehouses, django_assert_max_num_queries):
    url = reverse("catalog:product", args=[drill.pk])
    _populate(world, drill, warehouses, 0, 1)
    with django_assert_max_num_queries(CARD_MAX_QUERIES_COLD):
        shopper.get(url)
    small = _count(shopper, url)
    assert small <= CARD_MAX_QUERIES_WARM
    _populate(world, drill, warehouses, 1, 7)  # 7 of everything now
    html = shopper.get(url).content.decode()
    assert html.count('class="related-product"') == 14 and html.count("catalog/bundle/") == 7 and "kolor 6" in html
    assert _count(shopper, url) == small


def test_bundle_card_query_count_does_not_grow(shopper, world, drill, django_assert_max_num_queries):
    parts = [make_product(world.leaf, f"Część {i}", price="10", price_list=world.price_list, index=False) for i in range(8)]
    small = make_bundle("SMALL", [(drill, "1"), (parts[0], "1")])
    large = make_bundle("LARGE", [(drill, "1"), *((p, "2") for p in parts)])
    with django_assert_max_num_queries(BUNDLE_CARD_MAX_QUERIES_COLD):
        shopper.get(reverse("catalog:bundle", args=[large.pk]))
    counts = [_count(shopper, reverse("catalog:bundle", args=[b.pk])) for b in (small, large)]
    assert counts[0] == counts[1] <= BUNDLE_CARD_MAX_QUERIES_WARM
