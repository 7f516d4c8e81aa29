"""Orders written straight into the database, as order placement leaves them, for hand-off and
ERP status tests (tests/handoff, tests/erp/test_order_statuses.py)."""
from decimal import Decimal
from itertools import count

from django.db import transaction

from backoffice.catalog.models import Warehouse
from backoffice.orders.handoff import handoffs_create_for
from backoffice.orders.models import Order, OrderLine
from tests.catalog_factories import make_category, make_product

_numbers = count(1)


def make_warehouses() -> dict:
    return {
        "MAG1": Warehouse.objects.create(erp_id="MAG1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL),
        "MAG2": Warehouse.objects.create(erp_id="MAG2", name="Magazyn Gdańsk", kind=Warehouse.Kind.LOCAL),
        "DOST": Warehouse.objects.create(erp_id="DOST", name="Dostawca", kind=Warehouse.Kind.SUPPLIER),
    }


def make_shop(world, warehouses) -> dict:
    """Two assortment groups shipping from different warehouses (S04); a subcategory inherits."""
    tools = make_category("Narzędzia", warehouse=warehouses["MAG1"])
    drills = make_category("Wiertarki", tools)  # no warehouse of its own: ships from MAG1
    cables = make_category("Kable", warehouse=warehouses["MAG2"])
    return {
        "drill": make_product(drills, "Wiertarka udarowa", sku="WU-1", base_unit="szt", index=False),
        "cable": make_product(cables, "Przewód YDY 3x1,5", sku="YDY-315", base_unit="m", index=False),
        "plain": make_product(world.leaf, "Wiertło", sku="WI-8", index=False),
        "world": world,
        **warehouses,
    }


def line(product, quantity="1", *, unit="", base_quantity=None, unit_net="10.00", vat="23", warehouse=None, bundle_code="", position=None):
    return {"product": product, "quantity": quantity, "unit": unit, "base_quantity": base_quantity or quantity,
            "unit_net": unit_net, "vat": vat, "warehouse": warehouse, "bundle_code": bundle_code, "position": position}


def make_order(company, lines, *, user=None, status=Order.Status.PLACED, handoff=True, **fields) -> Order:
    """An order as placement leaves it (number, snapshot lines), with its outbox rows."""
    with transaction.atomic():
        order = Order.objects.create(company=company, placed_by=user, status=status, number=f"B2B/2026/{next(_numbers):06d}",
                                     delivery_name="Magazyn", delivery_street="ul. Krótka 2", delivery_postal_code="90-002",
                                     delivery_city="Łódź", payment_method="transfer", delivery_method="courier", **fields)
        net = gross = Decimal(0)
        for position, spec in enumerate(lines, start=1):
            quantity = Decimal(spec["quantity"])
            line_net = (Decimal(spec["unit_net"]) * quantity).quantize(Decimal("0.01"))
            line_gross = (line_net * (1 + Decimal(spec["vat"]) / 100)).quantize(Decimal("0.01"))
            product = spec["product"]
            OrderLine.objects.create(
                order=order, position=spec["position"] or position, product=product, sku=product.sku, name=str(product.name),
                unit=spec["unit"], quantity=quantity, base_quantity=Decimal(spec["base_quantity"]), unit_net=Decimal(spec["unit_net"]),
                vat_rate=Decimal(spec["vat"]), line_net=line_net, line_gross=line_gross, warehouse=spec["warehouse"],
                bundle_code=spec["bundle_code"],
            )
            net, gross = net + line_net, gross + line_gross
        Order.objects.filter(pk=order.pk).update(net=net, gross=gross, vat=gross - net)
        order.refresh_from_db()
        if handoff and status == Order.Status.PLACED:
            handoffs_create_for(order=order)
    return order
