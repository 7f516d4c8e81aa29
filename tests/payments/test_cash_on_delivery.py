"""F04: cash on delivery: the staff's fee in the order totals, only with a courier, and not above
the configured amount."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from backoffice.core.money import quantize
from backoffice.orders.checkout import DeliveryMethod
from backoffice.orders.checkout_methods import DELIVERY, PAYMENT, CheckoutMethod, MethodContext, method_handler, methods_offered, register_method
from backoffice.orders.models import Order
from backoffice.payments.cash_on_delivery import HANDLER
from backoffice.payments.models import PaymentSettings

from .conftest import TODAY, fill, place

pytestmark = pytest.mark.django_db


def ctx_for(world, gross="100.00", currency="PLN", delivery=None):
    ctx = MethodContext(company=world.company, user=world.user, view=None, currency=currency, goods_net=Decimal(gross),
                        goods_gross=Decimal(gross), today=TODAY)
    if delivery is not None:
        ctx.cache["delivery_method"] = delivery
    return ctx


def test_fee_is_added_to_the_order_totals(cart, world, shop, cod_fee):
    fill(cart, world.user, (shop.bit, "3"))  # 30.00 net, 36.90 gross
    order = place(cart, world.user, shop, payment_method="cod")
    assert order.payment_fee_net == Decimal("10.00")
    charges_net = order.shipping_net + order.payment_fee_net
    assert order.net == Decimal("30.00") + charges_net
    assert order.gross == Decimal("36.90") + charges_net + quantize(charges_net * order.charges_vat_rate / 100, "PLN")


def test_fee_in_another_currency_is_not_charged(world, cod_fee):
    assert HANDLER.cost_net(ctx_for(world, currency="EUR"), cod_fee) == Decimal("0")
    assert HANDLER.cost_net(ctx_for(world), cod_fee) == Decimal("10.00")


@pytest.mark.parametrize("delivery, refused", [("courier", False), ("pickup", True), ("own_courier", True), ("", False)])
def test_only_with_a_courier(world, delivery, refused):
    with translation.override("en"):
        errors = HANDLER.validate(ctx_for(world, delivery=delivery), {})
    assert bool(errors) is refused
    if refused:
        assert "only possible with courier delivery" in errors["payment_method"][0]


class StubPickup(CheckoutMethod):
    kind = DELIVERY
    code = DeliveryMethod.PICKUP.value
    label = "pickup (test)"


def test_placing_cod_with_pickup_is_refused(cart, world, shop):
    original = method_handler(DELIVERY, "pickup")
    if original is None or original.validate.__func__ is not CheckoutMethod.validate:
        register_method(StubPickup())  # a pickup without slots to pick: only the payment rule is under test
    try:
        fill(cart, world.user, (shop.bit, "3"))
        with pytest.raises(ValidationError) as info:
            place(cart, world.user, shop, payment_method="cod", delivery_method="pickup")
        assert "payment_method" in info.value.message_dict
        assert not Order.objects.exists()
    finally:
        if original is not None:
            register_method(original)
        else:
            from backoffice.orders import checkout_methods

            checkout_methods._REGISTRY.pop((DELIVERY, "pickup"), None)


def test_not_offered_above_the_configured_amount(world):
    PaymentSettings.objects.create(pk=1, cod_max_gross=Decimal("1000.00"), cod_max_currency="PLN")
    assert HANDLER.is_offered(ctx_for(world, gross="1000.00"))
    assert not HANDLER.is_offered(ctx_for(world, gross="1000.01"))
    assert HANDLER.is_offered(ctx_for(world, gross="5000.00", currency="EUR"))  # the limit is in PLN
    offer = methods_offered(PAYMENT, ctx_for(world, gross="2000.00"))
    assert offer.get("cod") is None and not offer.refused  # silent: no "check payments" for the ERP
