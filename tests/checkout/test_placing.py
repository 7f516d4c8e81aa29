"""order_place (backoffice/orders/placing.py): snapshot, totals, bundles, status, cart, events,
ERP outbox, email and the refusals that write nothing."""
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from backoffice.core.roles import Role
from backoffice.inventory.models import PresaleOffer, Stock
from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.reservations import shortage_message
from backoffice.orders.models import CartLine, ErpHandoff, Order, OrderEvent, OrderLine, OrderSettings, StockReservation
from backoffice.pricing.engine import rule_label
from backoffice.pricing.models import CustomerGroup, OrderValueTier, Price

from .conftest import TODAY, add_bundle, fill, make_bundle, place

pytestmark = pytest.mark.django_db


def view_of(cart, user):
    user.__dict__.pop("_catalog_access", None)
    return cart_view_for(cart=cart, user=user, today=TODAY)


def test_snapshot_of_lines_prices_and_rules(cart, world, shop):
    fill(cart, world.user, (shop.drill, "2", "karton"), (shop.bit, "3"))
    order = place(cart, world.user, shop)
    drill, bit = order.lines.order_by("position")
    assert (drill.position, drill.sku, drill.name, drill.unit, drill.quantity, drill.base_quantity) == (
        1, "WU-700", "Wiertarka udarowa", "karton", Decimal("2"), Decimal("24"))
    assert (drill.unit_net, drill.vat_rate, drill.line_net, drill.line_gross) == (
        Decimal("1200.0000"), Decimal("23"), Decimal("2400.00"), Decimal("2952.00"))
    with translation.override("pl"):
        labels = [rule_label("list_price"), rule_label("unit_conversion", unit="karton", factor=Decimal("12"))]
    assert drill.rules == [
        {"code": "list_price", "label": labels[0], "percent": None, "amount": "100.00"},
        {"code": "unit_conversion", "label": labels[1], "percent": None, "amount": "1200.00"},
    ]
    assert (bit.sku, bit.quantity, bit.unit, bit.line_net) == ("BIT-8", Decimal("3"), "", Decimal("30.00"))
    assert (order.net, order.vat, order.gross) == (Decimal("2430.00"), Decimal("558.90"), Decimal("2988.90"))
    assert order.status == Order.Status.PLACED and order.source == Order.Source.PLATFORM


def test_order_records_choices_delivery_snapshot_and_who_placed_it(cart, world, shop, make_user):
    rep = make_user(Role.SALES_REP)
    fill(cart, world.user, (shop.bit, "1"))
    order = place(cart, world.user, shop, requested_delivery_date=date(2026, 3, 10))
    assert (order.company, order.placed_by, order.acting_rep, order.language) == (world.company, world.user, None, "pl")
    assert (order.delivery_address, order.delivery_name, order.delivery_street, order.delivery_postal_code, order.delivery_city) == (
        shop.address, "Magazyn klienta", "ul. Składowa 5", "90-001", "Łódź")
    assert (order.requested_delivery_date, order.customer_reference, order.notes) == (date(2026, 3, 10), "PO-77", "Brama nr 2")
    assert (order.delivery_method, order.payment_method, order.shipping_preference) == ("courier", "cod", "")
    assert order.number == f"B2B/{order.placed_at.year}/{order.pk:06d}"

    fill(cart, world.user, (shop.bit, "1"))
    by_rep = place(cart, world.user, shop, acting_rep=rep, language="en")
    assert (by_rep.placed_by, by_rep.acting_rep, by_rep.language) == (world.user, rep, "en")
    event = by_rep.events.get()
    assert event.user == rep and "(sales rep)" in event.message


def test_order_number_prefix_and_year_from_settings(cart, world, shop):
    OrderSettings.objects.create(pk=1, order_number_prefix="ZAM")
    fill(cart, world.user, (shop.bit, "1"))
    order = place(cart, world.user, shop)
    year = order.placed_at.year
    assert order.number == f"ZAM/{year}/{order.pk:06d}"


def test_totals_equal_the_cart_view_with_an_order_value_discount_and_a_bundle(cart, world, shop):
    group = CustomerGroup.objects.create(name="Hurt")
    OrderValueTier.objects.create(group=group, threshold=Decimal("100"), percent=Decimal("3"), currency="PLN")
    world.company.customer_group = group
    world.company.save(update_fields=["customer_group"])
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "5"), (shop.glove, "3")], price="139.99")
    fill(cart, world.user, (shop.drill, "1"), (shop.bit, "7"), (shop.glove, "3"))
    add_bundle(cart, bundle, "2")
    before = view_of(cart, world.user)
    assert before.order_discount > 0 and before.can_check_out
    order = place(cart, world.user, shop, shipping_preference="split")
    assert (order.net, order.vat, order.gross) == (before.net, before.vat, before.gross)
    assert (order.order_discount, order.order_discount_percent) == (before.order_discount, Decimal("3"))
    assert [rule["code"] for rule in order.pricing_rules] == ["order_discount"]
    assert order.pricing_rules[0]["amount"] == str(before.order_discount)
    lines = list(order.lines.all())
    assert sum(line.line_net for line in lines) == order.net
    assert sum(line.line_gross for line in lines) == order.gross


def test_bundle_is_split_into_component_lines_that_add_up_to_the_bundle_price(cart, world, shop):
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "5"), (shop.glove, "3")], price="139.99")
    add_bundle(cart, bundle, "3")
    order = place(cart, world.user, shop, shipping_preference="complete")
    lines = list(order.lines.order_by("position"))
    # the gloves (3 x 3 = 9) come from two warehouses (4 own + 5 fast supplier): two lines
    assert [(line.sku, line.base_quantity, line.warehouse.erp_id, line.bundle_id, line.bundle_code) for line in lines] == [
        ("WU-700", Decimal("3"), "MAG-1", bundle.pk, "SET-1"), ("BIT-8", Decimal("15"), "MAG-1", bundle.pk, "SET-1"),
        ("GLV-1", Decimal("4"), "MAG-2", bundle.pk, "SET-1"), ("GLV-1", Decimal("5"), "DOST-3", bundle.pk, "SET-1")]
    assert sum(line.line_net for line in lines) == Decimal("419.97") == order.net  # 3 x 139.99
    per_sku = {}
    for line in lines:
        per_sku[line.sku] = per_sku.get(line.sku, 0) + line.line_net
    regular = {"WU-700": Decimal("300"), "BIT-8": Decimal("150"), "GLV-1": Decimal("45")}  # the split follows regular values
    for sku, value in regular.items():
        assert abs(per_sku[sku] - Decimal("419.97") * value / sum(regular.values())) <= Decimal("0.01")
    assert per_sku["WU-700"] == Decimal("254.53")
    for line in lines:
        assert line.rules[0]["code"] == "bundle_share" and "SET-1" in line.rules[0]["label"]
    vat = {line.pk: line.line_gross - line.line_net for line in lines}
    assert vat[lines[0].pk] == (lines[0].line_net * Decimal("0.23")).quantize(Decimal("0.01"))
    # VAT of a component line is computed once, then shared by its warehouse parts (totals stay exact)
    assert vat[lines[2].pk] + vat[lines[3].pk] == (per_sku["GLV-1"] * Decimal("0.08")).quantize(Decimal("0.01"))


def test_names_and_rule_labels_in_the_orders_language(cart, world, shop):
    fill(cart, world.user, (shop.drill, "1", "karton"))
    order = place(cart, world.user, shop, language="en")
    line = order.lines.get()
    assert line.name == "Hammer drill"
    assert line.rules[0]["label"] == "price list"


def test_stock_is_reserved_local_first_and_a_line_is_split_per_warehouse(cart, world, shop):
    fill(cart, world.user, (shop.drill, "3", "karton"))  # 36 = 30 own + 6 supplier
    order = place(cart, world.user, shop, shipping_preference="split")
    lines = list(order.lines.order_by("position"))
    assert [(line.position, line.warehouse, line.unit, line.quantity, line.base_quantity) for line in lines] == [
        (1, shop.local, "karton", Decimal("2.5"), Decimal("30")), (2, shop.supplier, "karton", Decimal("0.5"), Decimal("6"))]
    assert [(line.unit_net, line.line_net, line.line_gross) for line in lines] == [
        (Decimal("1200"), Decimal("3000.00"), Decimal("3690.00")), (Decimal("1200"), Decimal("600.00"), Decimal("738.00"))]
    assert order.net == Decimal("3600.00")
    assert Stock.objects.get(product=shop.drill, warehouse=shop.local).reserved == 30
    assert Stock.objects.get(product=shop.drill, warehouse=shop.supplier).reserved == 6
    assert sorted(StockReservation.objects.filter(order=order).values_list("warehouse__erp_id", "quantity")) == [
        ("DOST-1", Decimal("6")), ("MAG-1", Decimal("30"))]
    assert order.shipping_preference == "split"


def test_a_split_part_that_is_no_whole_thousandth_of_the_unit_is_expressed_in_base_units(cart, world, shop):
    Stock.objects.filter(product=shop.drill, warehouse=shop.local).update(quantity=31)
    fill(cart, world.user, (shop.drill, "3", "karton"), (shop.bit, "1"))  # 36 = 31 own + 5 supplier
    order = place(cart, world.user, shop, shipping_preference="split")
    drill_own, drill_supplier, bit = order.lines.order_by("position")
    assert [(line.warehouse, line.unit, line.quantity, line.unit_net, line.line_net) for line in (drill_own, drill_supplier)] == [
        (shop.local, "", Decimal("31"), Decimal("100"), Decimal("3100.00")),
        (shop.supplier, "", Decimal("5"), Decimal("100"), Decimal("500.00"))]
    assert (bit.position, bit.warehouse) == (3, shop.local)
    assert order.net == Decimal("3610.00") and order.vat == Decimal("830.30")


def test_supplier_stock_is_taken_fastest_first(cart, world, shop):
    fill(cart, world.user, (shop.glove, "18"))  # 4 own, then 10 from the fast supplier, then 4 from the slow one
    order = place(cart, world.user, shop, shipping_preference="complete")
    assert [(line.warehouse.erp_id, line.quantity) for line in order.lines.order_by("position")] == [
        ("MAG-2", Decimal("4")), ("DOST-3", Decimal("10")), ("DOST-2", Decimal("4"))]
    assert order.shipping_preference == "complete"


def test_mixed_cart_needs_the_shipping_choice(cart, world, shop):
    fill(cart, world.user, (shop.drill, "35"))
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop)
    assert "shipping_preference" in info.value.message_dict
    assert not Order.objects.exists()


def test_stock_taken_by_someone_else_after_the_cart_was_read_writes_nothing(cart, world, shop, monkeypatch):
    """The race the row locks decide: the cart looked fine, but by the time this checkout holds the
    stock rows another order has taken part of it."""
    fill(cart, world.user, (shop.bit, "5"), (shop.drill, "40"))
    stale = view_of(cart, world.user)
    assert stale.can_check_out
    monkeypatch.setattr("backoffice.orders.placing.cart_view_for", lambda **kwargs: stale)
    Stock.objects.filter(product=shop.drill, warehouse=shop.supplier).update(reserved=15)  # another order: 35 left
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop, shipping_preference="split")
    with translation.override("pl"):
        expected = shortage_message("Wiertarka udarowa", Decimal("40"), Decimal("35"), "szt")
    assert info.value.messages == [expected] and info.value.error_list[0].code == "not_enough_stock"
    assert "40" in expected and "35" in expected
    assert not Order.objects.exists() and not OrderLine.objects.exists() and not StockReservation.objects.exists()
    assert Stock.objects.get(product=shop.bit).reserved == 0  # the bits were fine, but nothing is reserved
    assert Stock.objects.get(product=shop.drill, warehouse=shop.local).reserved == 0
    assert CartLine.objects.filter(cart=cart).count() == 2  # the cart is kept


def test_out_of_stock_between_cart_and_checkout_is_refused_with_the_carts_problems(cart, world, shop):
    fill(cart, world.user, (shop.drill, "10"))
    Stock.objects.filter(product=shop.drill).update(quantity=0)
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop)
    assert {e.code for e in info.value.error_list} == {"cart_problems"}
    assert len(info.value.messages) == 1 and info.value.messages[0].startswith("WU-700: ")
    assert not Order.objects.exists()


def test_the_engine_requotes_at_placement_time(cart, world, shop):
    fill(cart, world.user, (shop.bit, "10"))
    Price.objects.filter(product=shop.bit).update(net=Decimal("12.50"))  # the price changed after the page was shown
    order = place(cart, world.user, shop)
    assert order.lines.get().line_net == Decimal("125.00")


def test_cart_is_cleared_status_event_and_erp_handoff_written(cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))
    order = place(cart, world.user, shop)
    assert not CartLine.objects.filter(cart=cart).exists()
    event = order.events.get(kind=OrderEvent.Kind.STATUS)
    assert (event.status_from, event.status_to, event.user) == ("", Order.Status.PLACED, world.user)
    assert ErpHandoff.objects.filter(order=order).count() == 1


def test_same_key_gives_the_same_order(cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))
    first = place(cart, world.user, shop, key="double-click-0001")
    fill(cart, world.user, (shop.bit, "5"))  # even with a new cart, a retry of the same form is the same order
    again = place(cart, world.user, shop, key="double-click-0001")
    assert again.pk == first.pk and Order.objects.count() == 1
    assert Stock.objects.get(product=shop.bit).reserved == 2
    assert CartLine.objects.filter(cart=cart).count() == 1  # the new cart is untouched


def test_second_tab_with_another_key_finds_the_cart_empty(cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))
    place(cart, world.user, shop, key="tab-one-000001")
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop, key="tab-two-000002")
    with translation.override("pl"):
        assert info.value.messages == [gettext("Your cart is empty.")]
    assert Order.objects.count() == 1


def test_a_bad_key_is_a_programming_error(cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))
    with pytest.raises(ValueError):
        place(cart, world.user, shop, key="x")


@pytest.mark.parametrize("changes, field", [
    ({"requested_delivery_date": date(2026, 3, 3)}, "requested_delivery_date"),  # earlier than 2 working days
    ({"requested_delivery_date": date(2026, 3, 7)}, "requested_delivery_date"),  # Saturday
    ({"requested_delivery_date": date(2026, 4, 6)}, "requested_delivery_date"),  # Easter Monday
    ({"requested_delivery_date": date(2027, 6, 1)}, "requested_delivery_date"),  # more than a year ahead
    ({"delivery_address": "999999"}, "delivery_address"),
    ({"payment_method": "on_terms"}, "payment_method"),  # the company may not buy on terms
    ({"delivery_method": "drone"}, "delivery_method"),
    ({"customer_reference": "x" * 65}, "customer_reference"),
])
def test_bad_choices_are_refused_and_nothing_written(cart, world, shop, changes, field):
    fill(cart, world.user, (shop.bit, "2"))
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop, **changes)
    assert list(info.value.message_dict) == [field]
    assert not Order.objects.exists() and Stock.objects.get(product=shop.bit).reserved == 0


def test_payment_on_terms_for_companies_allowed_to(cart, world, shop):
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    fill(cart, world.user, (shop.bit, "2"))
    assert place(cart, world.user, shop, payment_method="on_terms").payment_method == "on_terms"


def test_head_office_address_when_the_company_has_no_shipping_address(cart, world, shop):
    shop.address.delete()
    fill(cart, world.user, (shop.bit, "2"))
    order = place(cart, world.user, shop, delivery_address="head-office")
    assert (order.delivery_address, order.delivery_street, order.delivery_city) == (None, "ul. Główna 1", "Warszawa")


def test_presale_order_waits_for_stock_reserves_nothing_and_is_not_handed_over(cart, world, shop):
    PresaleOffer.objects.create(product=shop.glove, planned_delivery_date=date(2026, 5, 4), sellable_quantity=Decimal("100"))
    fill(cart, world.user, (shop.glove, "60"))
    with pytest.raises(ValidationError) as info:  # before the planned delivery date
        place(cart, world.user, shop, requested_delivery_date=date(2026, 4, 30))
    assert list(info.value.message_dict) == ["requested_delivery_date"]
    order = place(cart, world.user, shop, requested_delivery_date=date(2026, 5, 4))
    assert (order.status, order.is_presale) == (Order.Status.AWAITING_STOCK, True)
    line = order.lines.get()
    assert (line.is_presale, line.warehouse, line.base_quantity) == (True, None, Decimal("60"))
    assert not StockReservation.objects.exists() and not ErpHandoff.objects.exists()

    fill(cart, world.user, (shop.glove, "50"))  # 100 sellable, 60 already ordered
    with pytest.raises(ValidationError) as info:
        place(cart, world.user, shop, requested_delivery_date=date(2026, 5, 4))
    assert "40" in info.value.messages[0]


def test_confirmation_email_html_and_text_in_the_orders_language(cart, world, shop, django_capture_on_commit_callbacks):
    fill(cart, world.user, (shop.drill, "1"), (shop.bit, "2"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = place(cart, world.user, shop, language="en")
    assert mail.outbox == []  # nothing leaves before the order is committed
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    confirmations = [m for m in mail.outbox if order.number in m.subject]
    assert len(confirmations) == 1
    message = confirmations[0]
    assert message.subject == f"Order {order.number} confirmed"
    assert sorted(message.to) == sorted([world.user.email, "biuro@firma.pl"])
    assert "Hammer drill" in message.body and "PO-77" in message.body and "Total gross: 147.60 PLN" in message.body
    html = message.alternatives[0][0]
    assert "Hammer drill" in html and f"/orders/{order.pk}/" in html and "<table" in html
    assert order.events.filter(kind=OrderEvent.Kind.EMAIL).exists()


def test_confirmation_email_in_polish(cart, world, shop, django_capture_on_commit_callbacks):
    fill(cart, world.user, (shop.drill, "1"))
    with django_capture_on_commit_callbacks(execute=True):
        order = place(cart, world.user, shop, language="pl")
    message = next(m for m in mail.outbox if order.number in m.subject)
    with translation.override("pl"):
        assert message.subject == gettext("Order %(number)s confirmed") % {"number": order.number}
    assert "Wiertarka udarowa" in message.body and "Hammer drill" not in message.body
    assert "123,00 PLN" in message.body  # Polish number format


def test_a_shipping_choice_without_a_question_is_not_stored(cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))  # all from our warehouse: nothing to choose
    assert place(cart, world.user, shop, shipping_preference="split").shipping_preference == ""
