"""The courier handler and the cart-as-shipment service against real carts (tests/checkout shop)."""
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import translation

from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.checkout_methods import DELIVERY, MethodContext, methods_offered
from backoffice.shipping.courier import HANDLER as COURIER
from backoffice.shipping.models import ShippingProductOverride, ShippingZone
from backoffice.shipping.services import shipment_items, shipping_config
from tests.checkout.conftest import TODAY, add_bundle, fill, make_bundle

from .conftest import set_shipping_data

pytestmark = pytest.mark.django_db


def context(cart, world, country="PL", **changes):
    world.user.__dict__.pop("_catalog_access", None)
    view = cart_view_for(cart=cart, user=world.user, today=TODAY)
    ctx = MethodContext.for_view(company=world.company, user=world.user, view=view, country=country, today=TODAY)
    for name, value in changes.items():
        setattr(ctx, name, value)
    return ctx


@pytest.fixture
def weighed(shop):
    set_shipping_data(shop.drill, weight_kg="2.5", length_cm="40", width_cm="30", height_cm="12", units_per_pallet=40)
    set_shipping_data(shop.bit, weight_kg="0.1", length_cm="15")
    return shop


def test_cost_from_the_weight_band(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))  # 5.3 kg, 40 cm, goods 230.00 net
    ctx = context(cart, world)
    assert COURIER.is_offered(ctx) and COURIER.cost_net(ctx) == D("25.00")
    with translation.override("en"):
        details = COURIER.cost_details(ctx)
    assert details == [{"kind": "shipping", "label": "Shipping", "net": "25.00"}]


def test_logistic_minimum_exactly_reached_is_free_one_grosz_short_is_not(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))
    world.company.logistic_minimum = D("230.00")
    assert COURIER.cost_net(context(cart, world)) == 0
    world.company.logistic_minimum = D("230.01")
    ctx = context(cart, world)
    assert COURIER.cost_net(ctx) == D("25.00")
    with translation.override("en"):
        assert COURIER.panel_context(ctx)["free_hint"] == "0.01 PLN more (net) for free delivery"


def test_the_threshold_compares_the_net_after_the_order_discount(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"))
    world.company.logistic_minimum = D("200.00")
    assert COURIER.cost_net(context(cart, world)) == 0
    assert COURIER.cost_net(context(cart, world, goods_net=D("199.99"))) == D("25.00")


def test_bundle_components_weigh_and_take_pallet_space(rates, weighed, cart, world):
    bundle = make_bundle("SET-1", [(weighed.drill, "4"), (weighed.bit, "10")], price="300.00")
    add_bundle(cart, bundle, "3")  # 12 drills (30 kg) + 30 bits (3 kg) = 33 kg; 12/40 = 30 % of a pallet
    ctx = context(cart, world)
    items = shipment_items(ctx.view)
    assert sorted((i.product_id, i.quantity) for i in items) == sorted([(weighed.drill.pk, D("12")), (weighed.bit.pk, D("30"))])
    assert COURIER.cost_net(ctx) == D("60.00")
    line = ctx.view.lines[0].pk
    assert ctx.cache[("shipping_quote", "PL", "PLN", ctx.goods_net)].pallet.per_line == {line: None}  # bits have no pallet data


def test_pallets_replace_the_parcel_cost_and_tell_the_erp(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "20"))  # 20/40 = 50 % of a pallet, 50 kg
    ctx = context(cart, world)
    assert COURIER.cost_net(ctx) == D("180.00")
    details = COURIER.cost_details(ctx)
    assert details[0]["kind"] == "pallets" and details[0]["pallets"] == 1
    assert COURIER.erp_comments(SimpleNamespace(charges=details)) == ["wysyłka paletowa: 1 pal."]


def test_staff_override_wins_over_the_erp_values(rates, weighed, cart, world):
    set_shipping_data(weighed.bit, is_oversize=True)
    ShippingProductOverride.objects.create(product=weighed.drill, units_per_pallet=10, is_oversize=True, oversize_net=D("50.00"),
                                           oversize_currency="PLN")
    ShippingProductOverride.objects.create(product=weighed.bit, is_oversize=False)
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))
    ctx = context(cart, world)
    quote_total = COURIER.cost_net(ctx)
    quote = ctx.cache[("shipping_quote", "PL", "PLN", ctx.goods_net)]
    assert quote.pallet.total_share == D("0.2")  # 2 / 10, not 2 / 40
    assert quote.oversize_units == 2 and quote.oversize_net == D("100.00")  # the drill's own 50.00; the bit is not oversize
    assert quote.weight_kg == D("0.3") and quote_total == D("125.00")


def test_mixed_oversize_pays_even_with_free_delivery(rates, weighed, cart, world):
    set_shipping_data(weighed.drill, is_oversize=True)
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))
    world.company.logistic_minimum = D("100.00")
    ctx = context(cart, world)
    assert COURIER.cost_net(ctx) == D("70.00")
    assert [row["kind"] for row in COURIER.cost_details(ctx)] == ["shipping", "free", "oversize"]


def test_no_zone_for_the_destination_hides_the_courier(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"))
    ctx = context(cart, world, country="US")
    assert not COURIER.is_offered(ctx) and COURIER.refusal(ctx) is None
    assert methods_offered(DELIVERY, ctx).get("courier") is None


def test_too_heavy_without_pallets_is_refused_with_a_reason(rates, weighed, cart, world):
    rates["pln"].pallet_net = rates["pln"].pallet_from_percent = None
    rates["pln"].save()
    fill(cart, world.user, (weighed.drill, "30"))  # 75 kg... and 30 more
    fill(cart, world.user, (weighed.bit, "300"))  # + 30 kg = 105 kg
    ctx = context(cart, world)
    assert not COURIER.is_offered(ctx) and COURIER.refusal(ctx)


def test_eur_customer_uses_eur_tables_only(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"))
    view = cart_view_for(cart=cart, user=world.user, today=TODAY)
    view.currency = "EUR"  # the same cart priced in EUR
    company = SimpleNamespace(pk=world.company.pk, logistic_minimum=None, customer_group_id=None)
    to_germany = MethodContext(company=company, user=world.user, view=view, currency="EUR", goods_net=D("499.99"), goods_gross=D("0"),
                               country="DE", today=TODAY)
    assert COURIER.cost_net(to_germany) == D("19.00")
    to_germany_free = MethodContext(company=company, user=world.user, view=view, currency="EUR", goods_net=D("500.00"),
                                    goods_gross=D("0"), country="DE", today=TODAY)
    assert COURIER.cost_net(to_germany_free) == 0
    to_poland = MethodContext(company=company, user=world.user, view=view, currency="EUR", goods_net=D("1"), goods_gross=D("0"),
                              country="PL", today=TODAY)
    assert not COURIER.is_offered(to_poland)  # Poland has a PLN table only


def test_rest_of_world_zone(rates, weighed, cart, world):
    ShippingZone.objects.create(name="Świat", is_rest_of_world=True).rates.create(currency="PLN", pricing="flat", flat_net=D("99.00"))
    fill(cart, world.user, (weighed.drill, "1"))
    assert COURIER.cost_net(context(cart, world, country="US")) == D("99.00")
    assert COURIER.cost_net(context(cart, world, country="PL")) == D("25.00")


def test_without_any_zone_the_courier_is_free_as_before(weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"))
    ctx = context(cart, world)
    assert not shipping_config().is_configured
    assert COURIER.is_offered(ctx) and COURIER.cost_net(ctx) == 0 and COURIER.cost_details(ctx) == []


def test_the_configuration_cache_follows_staff_changes(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "1"))
    assert COURIER.cost_net(context(cart, world)) == D("25.00")
    band = rates["pln"].bands.get(max_weight_kg=D("30"))
    band.net = D("27.50")
    band.save()
    assert COURIER.cost_net(context(cart, world)) == D("27.50")


def test_without_country_the_first_delivery_address_is_used(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "1"))
    ctx = context(cart, world, country="")
    assert COURIER.cost_net(ctx) == D("25.00") and ctx.cache["shipping_default_country"] == "PL"
