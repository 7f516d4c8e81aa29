"""`manage.py load_demo_catalog` (run by `make run` after the demo ERP import) is idempotent."""
import pytest
from django.core.management import call_command

from backoffice.catalog.models import Category, CategoryAccess, ComplementaryProduct, Product, ProductLink, SearchSynonym
from backoffice.inventory.models import StockRange
from tests.catalog_factories import make_category, make_product

pytestmark = pytest.mark.django_db


def test_demo_catalog_settings_load_twice_without_duplicates(world, settings):
    settings.DEBUG = True
    world.company.erp_id = "K-0001"
    world.company.save()
    restricted = make_category("Literatura i szkolenia")
    other_leaf = make_category("Kable", world.root)
    for i in range(4):
        make_product(world.leaf, f"Wiertarka {i}", brand="Bosch", price="10", price_list=world.price_list)
        make_product(other_leaf, f"Kabel {i}", brand="Bitner", price="10", price_list=world.price_list)
    for _ in range(2):
        call_command("load_demo_catalog")
    assert StockRange.objects.count() == 3
    assert SearchSynonym.objects.count() == 3
    assert Product.objects.exclude(variant_group="").count() == 8
    assert ProductLink.objects.count() == 6  # neighbours within a category
    assert ComplementaryProduct.objects.exists()
    assert Category.objects.get(pk=restricted.pk).restricted
    assert CategoryAccess.objects.filter(company=world.company, category=restricted).count() == 1
