"""The cart read model (backoffice/orders/cart_view.py): prices, stock limits, problems, queries."""
from decimal import Decimal

import pytest
from django.utils import translation

from backoffice.catalog.models import ProductUnit
from backoffice.catalog.tree import category_tree_changed
from backoffice.inventory.models import PresaleOffer, Stock
from backoffice.orders.cart import CartItem, cart_add, cart_add_many
from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.models import CartLine
from backoffice.pricing.models import Price
from tests.catalog_factories import make_product

from .conftest import add, make_bundle

pytestmark = pytest.mark.django_db


def view(cart, world):
    world.user.__dict__.pop("_catalog_access", None)  # a new request
    return cart_view_for(cart=cart, user=world.user)


def test_lines_prices_units_and_totals(cart, access, shop, world):
    add(cart, access, (shop.drill, "2", "karton"), (shop.bit, "3"))
    result = view(cart, world)
    drill, bit = result.lines
    assert (drill.sku, drill.name, drill.unit_name, drill.factor, drill.base_quantity) == ("WU-700", "Wiertarka udarowa", "karton",
                                                                                          Decimal("12"), Decimal("24"))
    assert (drill.unit_net, drill.line_net, drill.line_gross) == (Decimal("1200.00"), Decimal("2400.00"), Decimal("2952.00"))
    assert [u.code for u in drill.units] == ["", "karton"]
    assert [rule.code for rule in drill.rules] == ["list_price", "unit_conversion"]
    assert (bit.line_net, result.net, result.vat, result.gross) == (Decimal("30.00"), Decimal("2430.00"), Decimal("558.90"),
                                                                     Decimal("2988.90"))
    assert result.currency == "PLN" and result.can_check_out and result.problems == []


def test_name_in_the_users_language(cart, access, shop, world):
    add(cart, access, (shop.drill, "1"))
    with translation.override("en"):
        assert view(cart, world).lines[0].name == "Hammer drill"


def test_stock_limit_is_own_plus_supplier_stock_over_all_lines(cart, access, shop, world):
    add(cart, access, (shop.drill, "2", "karton"), (shop.drill, "26"))  # 24 + 26 = 50 = 30 own + 20 supplier
    result = view(cart, world)
    assert result.can_check_out
    plan = result.lines[1].availability
    assert [part.quantity for part in plan.parts] == [Decimal("26")]
    assert result.lines[0].availability_rows[0][0] == "24 szt"
    add(cart, access, (shop.drill, "1"))
    with translation.override("en"):
        result = view(cart, world)
    assert not result.can_check_out
    assert all("Only 50 szt can be ordered now" in line.problem for line in result.lines)
    assert len(result.problems) == 2


def test_planned_availability_from_supplier_when_own_stock_is_short(cart, access, shop, world):
    add(cart, access, (shop.drill, "40"))
    with translation.override("en"):
        line = view(cart, world).lines[0]
    assert [(qty, label) for qty, label in line.availability_rows] == [
        ("30 szt", "now, from our warehouse"), ("10 szt", "from an external supplier, in 2–4 days")]
    assert line.problem == ""


def test_out_of_stock_product_blocks_checkout(cart, access, shop, world):
    add(cart, access, (shop.glove, "1"))
    result = view(cart, world)
    assert result.lines[0].problem and not result.can_check_out


def test_product_no_longer_visible_is_shown_without_name_or_price(cart, access, shop, world):
    add(cart, access, (shop.bit, "1"), (shop.drill, "1"))
    Price.objects.filter(product=shop.drill).delete()
    result = view(cart, world)
    hidden = result.lines[1]
    assert (hidden.product, hidden.sku, hidden.name, hidden.line_net, hidden.quote) == (None, "", "", Decimal("0"), None)
    assert hidden.problem and not result.can_check_out
    assert result.net == Decimal("10.00")


def test_restricted_later_hides_too(cart, access, shop, world):
    add(cart, access, (shop.bit, "1"))
    world.leaf.restricted = True
    world.leaf.save()
    category_tree_changed()
    assert view(cart, world).lines[0].product is None


def test_unit_no_longer_sold_is_a_problem(cart, access, shop, world):
    add(cart, access, (shop.drill, "1", "karton"))
    ProductUnit.objects.filter(product=shop.drill).delete()
    line = view(cart, world).lines[0]
    assert line.problem and line.quote is None


def test_presale_limited_by_sellable_quantity(cart, access, shop, world):
    PresaleOffer.objects.create(product=shop.glove, planned_delivery_date="2030-01-01", sellable_quantity=Decimal("10"))
    add(cart, access, (shop.glove, "10"))
    assert view(cart, world).can_check_out  # no stock needed for pre-sale
    CartLine.objects.update(quantity=11)
    with translation.override("en"):
        assert "pre-sale" in view(cart, world).lines[0].problem


def test_presale_mixed_in_by_data_change_is_a_cart_problem(cart, access, shop, world):
    add(cart, access, (shop.glove, "1"), (shop.bit, "1"))
    PresaleOffer.objects.create(product=shop.glove, planned_delivery_date="2030-01-01", sellable_quantity=Decimal("10"))
    result = view(cart, world)
    assert result.cart_problems and not result.can_check_out


def test_bundle_line_priced_by_the_bundle_with_component_split(cart, access, shop, world):
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "5")], price="130.00")
    cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="2")
    add(cart, access, (shop.bit, "1"))
    result = view(cart, world)
    line = result.lines[0]
    assert line.is_bundle and (line.sku, line.name, line.quantity) == ("SET-1", "Zestaw SET-1", Decimal("2"))
    assert line.line_net == Decimal("260.00") and line.line_gross == Decimal("319.80")
    assert [(c.sku, c.quantity) for c in line.components] == [("WU-700", Decimal("2")), ("BIT-8", Decimal("10"))]
    assert sum(c.split_line_net for c in line.components) == Decimal("260.00")
    assert result.net == Decimal("270.00") and result.can_check_out


def test_bundle_component_demand_counts_towards_stock(cart, access, shop, world):
    bundle = make_bundle("SET-1", [(shop.drill, "10")], price="900.00")
    cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="5")  # 50 drills: all there is
    assert view(cart, world).can_check_out
    add(cart, access, (shop.drill, "1"))
    result = view(cart, world)
    assert "WU-700" not in result.lines[0].problem and "Wiertarka udarowa" in result.lines[0].problem
    assert result.lines[1].problem and not result.can_check_out


def test_bundle_no_longer_offered(cart, access, shop, world):
    bundle = make_bundle("SET-1", [(shop.drill, "1")], price="90.00")
    cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="1")
    bundle.is_active = False
    bundle.save()
    line = view(cart, world).lines[0]
    assert line.problem and line.bundle_quote is None and line.line_net == 0


def _fill(cart, access, world, warehouse, n):
    products = [make_product(world.leaf, f"Produkt {i}", price="2.00", price_list=world.price_list, index=False) for i in range(n)]
    Stock.objects.bulk_create([Stock(warehouse=warehouse, product=p, quantity=Decimal("100")) for p in products])
    for p in products[::2]:
        ProductUnit.objects.create(product=p, code="op", factor=Decimal("10"))
    cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, Decimal("3"), "op" if i % 2 == 0 else "") for i, p in enumerate(products)])
    return products


@pytest.mark.parametrize("with_bundle, bound", [(False, 12), (True, 22)])
def test_queries_do_not_depend_on_the_number_of_lines(cart, access, shop, world, with_bundle, bound, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "2")], price="100.00")
    for n in (5, 200):
        CartLine.objects.all().delete()
        _fill(cart, access, world, shop.local, n)
        if with_bundle:
            cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="1")
        view(cart, world)  # warm the caches (stock display, shared pricing rules)
        with django_assert_max_num_queries(bound), CaptureQueriesContext(connection) as ctx:
            result = view(cart, world)
        assert len(result.lines) == n + with_bundle and result.can_check_out
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_first_image_and_units_by_factor(cart, access, shop, world):
    from backoffice.catalog.models import ProductImage, StoredImage

    for sort, name in ((2, "b.jpg"), (1, "a.jpg")):
        stored = StoredImage.objects.create(sha256=name * 8, file=f"products/{name}")
        ProductImage.objects.create(product=shop.drill, image=stored, sort=sort)
    ProductUnit.objects.create(product=shop.drill, code="paleta", factor=Decimal("480"))
    ProductUnit.objects.create(product=shop.drill, code="zepsuta", factor=Decimal("0"))  # a bad ERP factor is left out
    add(cart, access, (shop.drill, "1"))
    line = view(cart, world).lines[0]
    assert line.image.endswith("products/a.jpg")
    assert [(u.code, u.factor) for u in line.units] == [("", 1), ("karton", Decimal("12")), ("paleta", Decimal("480"))]
