"""A11 at placing: per-end-customer markup, the distributor's price snapshot, awaiting approval
with stock reserved and no ERP hand-off, auto-approval of verified end customers."""
from decimal import Decimal

import pytest

from backoffice.orders.models import ErpHandoff, Order, StockReservation

from .conftest import make_end_customer, place_as

pytestmark = pytest.mark.django_db
D = Decimal


def test_end_customer_order_waits_for_approval_with_both_prices(world, shop, end_user):
    order = place_as(end_user, shop, (shop.drill, "2"), (shop.bit, "3"))
    assert order.status == Order.Status.AWAITING_APPROVAL
    assert order.distributor == world.company
    drill, bit = order.lines.order_by("position")
    # 20 % on the distributor's 100.00 and 10.00 (its own markup wins over the distributor's 10 %)
    assert (drill.unit_net, drill.line_net, drill.distributor_unit_net, drill.distributor_line_net) == (D("120"), D("240"), D("100"), D("200"))
    assert (bit.unit_net, bit.line_net, bit.distributor_unit_net, bit.distributor_line_net) == (D("12"), D("36"), D("10"), D("30"))
    assert (order.net, order.distributor_net) == (D("276.00"), D("230.00"))
    assert order.distributor_vat == D("52.90") and order.distributor_gross == D("282.90")
    assert StockReservation.objects.filter(order=order, released_at__isnull=True).count() == 2
    assert not ErpHandoff.objects.filter(order=order).exists()


def test_verified_end_customer_goes_straight_on(world, shop):
    user = make_end_customer(world.user, verified=True)
    order = place_as(user, shop, (shop.bit, "1"))
    assert order.status == Order.Status.PLACED
    assert ErpHandoff.objects.filter(order=order).count() == 1


def test_ordinary_customer_order_has_no_distributor_snapshot(world, shop):
    from backoffice.accounts.models import Company

    Company.objects.filter(pk=world.company.pk).update(is_distributor=False)
    order = place_as(world.user, shop, (shop.bit, "1"))
    assert order.status == Order.Status.PLACED and order.distributor is None and order.distributor_net is None
    assert order.lines.get().distributor_line_net is None


def test_line_split_over_warehouses_splits_the_distributor_price_too(world, shop, end_user):
    from backoffice.distributors.approval import order_approve
    from backoffice.erp.contract import first_schema_error

    order = place_as(end_user, shop, (shop.drill, "3", "karton"), shipping_preference="split")  # 36 drills: 30 own + 6 at the supplier
    lines = list(order.lines.order_by("position", "pk"))
    assert [line.base_quantity for line in lines] == [D("30"), D("6")]
    assert sum(line.line_net for line in lines) == D("4320.00")  # 3 x 12 x 120.00
    assert sum(line.distributor_line_net for line in lines) == D("3600.00")  # 3 x 12 x 100.00
    assert {line.distributor_unit_net for line in lines if line.unit == ""} <= {D("100")}
    assert order.net - order.distributor_net == D("720.00")
    order_approve(user=world.user, order_id=order.pk)
    for handoff in order.handoffs.all():
        assert first_schema_error("outbound_customer_order", handoff.document) is None
    nets = [D(line["net"]) for handoff in order.handoffs.all() for line in handoff.document["lines"]]
    assert sum(nets) == D("3600")


def test_distributor_price_includes_its_own_order_value_discount(world, shop, end_user):
    from backoffice.pricing.models import CustomerGroup, OrderValueTier

    group = CustomerGroup.objects.create(name="Dystrybutorzy")
    OrderValueTier.objects.create(group=group, threshold=D("100"), percent=D("10"), currency="PLN")
    type(world.company).objects.filter(pk=world.company.pk).update(customer_group=group)
    end_user = type(end_user).objects.get(pk=end_user.pk)  # its company's distributor as now in the database
    order = place_as(end_user, shop, (shop.bit, "20"))  # the end customer has no group: no discount for it
    line = order.lines.get()
    assert (line.line_net, line.distributor_line_net) == (D("240.00"), D("180.00"))  # 200.00 - 10 %
    assert (order.distributor_order_discount, order.distributor_order_discount_percent) == (D("20.00"), D("10"))


def test_a_bundle_is_marked_up_for_the_end_customer_and_invoiced_to_the_distributor_at_its_own_split(world, shop, end_user):
    """The end customer pays the bundle price + 20 %; each component line keeps the distributor's
    share of the same bundle at the distributor's price (the margin is the markup)."""
    from backoffice.orders.cart import cart_for
    from tests.checkout.conftest import add_bundle, make_bundle

    bundle = make_bundle("SET-D", [(shop.drill, "1"), (shop.bit, "5")], price="100.00")
    add_bundle(cart_for(user=end_user, company=end_user.company), bundle, "2")
    order = place_as(end_user, shop)
    lines = list(order.lines.filter(bundle_code="SET-D"))
    assert sum(line.line_net for line in lines) == Decimal("240.00")  # 2 x 100.00 x 1.20
    assert sum(line.distributor_line_net for line in lines) == Decimal("200.00")
    assert all(line.distributor_line_net < line.line_net for line in lines)
