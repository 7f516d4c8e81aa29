"""S02 planned availability: the pure plan over local stock, suppliers, next delivery and restock
time. No database."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from backoffice.inventory.availability import (DELIVERY, LOCAL, RESTOCK, SUPPLIER, SupplierStock, allocate, format_quantity,
                                               lead_time_label, plan_availability, step_label, supply_steps)

D = Decimal
TODAY = date(2026, 3, 10)
RESTOCK_DAYS = (5, 7)


def plan(requested, local="0", suppliers=(), next_delivery=None, restock=RESTOCK_DAYS):
    result = plan_availability(D(requested), D(local), [SupplierStock(D(q), lo, hi) for q, lo, hi in suppliers], next_delivery,
                               restock, TODAY)
    return [(p.step.source, p.quantity, p.step.days_min, p.step.days_max, p.step.on_date) for p in result.parts], result


def test_everything_from_local_stock_now():
    parts, result = plan("10", local="25")
    assert parts == [(LOCAL, D("10"), None, None, None)]
    assert result.all_now and result.now_quantity == D("10")


def test_exactly_the_local_stock_is_still_all_now():
    parts, result = plan("25", local="25", suppliers=[("100", 2, 4)])
    assert parts == [(LOCAL, D("25"), None, None, None)]
    assert result.all_now


def test_one_unit_above_local_stock_goes_to_the_supplier():
    parts, result = plan("26", local="25", suppliers=[("100", 2, 4)])
    assert parts == [(LOCAL, D("25"), None, None, None), (SUPPLIER, D("1"), 2, 4, None)]
    assert not result.all_now and result.now_quantity == D("25")


def test_fastest_suppliers_first_then_restock():
    parts, _ = plan("100", local="10", suppliers=[("20", 10, 14), ("30", 2, 4), ("5", 1, 4)])
    assert parts == [
        (LOCAL, D("10"), None, None, None),
        (SUPPLIER, D("5"), 1, 4, None),  # the same upper bound as 2-4: the lower bound decides
        (SUPPLIER, D("30"), 2, 4, None),
        (SUPPLIER, D("20"), 10, 14, None),
        (RESTOCK, D("35"), 5, 7, None),
    ]


def test_suppliers_with_the_same_lead_time_are_one_source():
    steps = supply_steps(D("0"), [SupplierStock(D("3"), 2, 4), SupplierStock(D("4"), 2, 4)], None, RESTOCK_DAYS, TODAY)
    assert [(s.source, s.capacity) for s in steps] == [(SUPPLIER, D("7")), (RESTOCK, None)]


def test_rest_by_the_next_delivery_date_when_the_erp_gave_one():
    delivery = TODAY + timedelta(days=3)
    parts, _ = plan("50", local="20", next_delivery=delivery)
    assert parts == [(LOCAL, D("20"), None, None, None), (DELIVERY, D("30"), None, None, delivery)]


def test_a_past_delivery_date_is_ignored():
    parts, _ = plan("5", next_delivery=TODAY - timedelta(days=1))
    assert parts == [(RESTOCK, D("5"), 5, 7, None)]


def test_a_delivery_today_counts():
    parts, _ = plan("5", next_delivery=TODAY)
    assert parts == [(DELIVERY, D("5"), None, None, TODAY)]


def test_no_stock_anywhere_means_the_restock_time():
    parts, result = plan("3")
    assert parts == [(RESTOCK, D("3"), 5, 7, None)]
    assert not result.all_now and result.now_quantity == 0


@pytest.mark.parametrize("requested", ["0", "-2"])
def test_nothing_requested_nothing_planned(requested):
    parts, result = plan(requested, local="10")
    assert parts == [] and not result.all_now


def test_negative_and_zero_stock_count_as_none():
    parts, _ = plan("4", local="-3", suppliers=[("0", 1, 2), ("-5", 1, 1)])
    assert parts == [(RESTOCK, D("4"), 5, 7, None)]


def test_fractional_quantities_are_exact():
    # 2.5 cartons of 12 = 30 base units; 12.5 m of cable in stock
    parts, _ = plan(D("2.5") * D("12"), local="12.5", suppliers=[("10.25", 3, 3)])
    assert parts == [(LOCAL, D("12.5"), None, None, None), (SUPPLIER, D("10.25"), 3, 3, None), (RESTOCK, D("7.25"), 5, 7, None)]
    assert sum(p[1] for p in parts) == D("30")


def test_missing_lead_times():
    # one bound missing: the other one is both; none at all: the general restock time
    steps = supply_steps(D("0"), [SupplierStock(D("1"), None, 6), SupplierStock(D("1"), 3, None), SupplierStock(D("1"))], None,
                         (8, 9), TODAY)
    assert [(s.source, s.days_min, s.days_max) for s in steps] == [
        (SUPPLIER, 3, 3), (SUPPLIER, 6, 6), (SUPPLIER, 8, 9), (RESTOCK, 8, 9),
    ]


def test_reversed_lead_time_bounds_are_put_right():
    steps = supply_steps(D("0"), [SupplierStock(D("1"), 9, 4)], None, RESTOCK_DAYS, TODAY)
    assert (steps[0].days_min, steps[0].days_max) == (4, 9)


def test_the_last_step_is_always_unbounded():
    steps = supply_steps(D("10"), [SupplierStock(D("5"), 1, 2)], None, RESTOCK_DAYS, TODAY)
    assert [s.capacity for s in steps] == [D("10"), D("5"), None]
    assert sum(p.quantity for p in allocate(D("1000000"), steps).parts) == D("1000000")


def test_allocate_refuses_floats():
    with pytest.raises(TypeError):
        allocate(1.5, ())


def test_labels_in_english_and_polish():
    steps = supply_steps(D("1"), [SupplierStock(D("1"), 2, 4), SupplierStock(D("1"), 1, 1)], None, RESTOCK_DAYS, TODAY)
    with translation.override("en"):
        assert [step_label(s) for s in steps] == [
            "now, from our warehouse",
            "from an external supplier, in 1 day",
            "from an external supplier, in 2–4 days",
            "after restocking, in 5–7 days",
        ]
        assert step_label(supply_steps(D("0"), [], TODAY, RESTOCK_DAYS, TODAY)[0]).startswith("with the next delivery, planned for ")
        assert lead_time_label(2, 4) == "delivery in 2–4 days" and lead_time_label(None, None) == ""
    with translation.override("pl"):
        assert format_quantity(D("2.500")) == "2,5"
        assert format_quantity(D("12.000")) == "12"
