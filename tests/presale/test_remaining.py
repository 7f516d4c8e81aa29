"""S07: what is left to sell of a pre-sale offer, and the check order placement runs."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import disabled_modules, forget_cached_switches
from backoffice.orders.models import Order
from backoffice.orders.presale import presale_check_quantity, presale_offers_for, presale_sold_for, presale_status_for
from tests.factories import CompanyFactory

from .conftest import days_ago, presale_order

pytestmark = pytest.mark.django_db


def test_remaining_is_sellable_minus_pre_sale_lines_of_orders_not_cancelled(world, novelty, offer):
    other = CompanyFactory()
    presale_order(world.company, novelty, 30)
    presale_order(other, novelty, 2, unit="karton", factor="12")  # 24 base units
    presale_order(world.company, novelty, 40, status=Order.Status.CANCELLED)  # given back
    presale_order(world.company, novelty, 5, status=Order.Status.PLACED)  # released orders still count
    status = presale_status_for([novelty.pk])[novelty.pk]
    assert status.sold == Decimal("59")
    assert status.remaining == Decimal("41")
    assert status.planned_delivery_date == offer.planned_delivery_date


def test_orders_of_an_earlier_pre_sale_do_not_count(world, novelty, offer):
    presale_order(world.company, novelty, 80, placed_at=days_ago(30))  # before this offer was created
    presale_order(world.company, novelty, 10)
    assert presale_sold_for([offer]) == {novelty.pk: Decimal("10")}


def test_remaining_never_goes_below_zero(world, novelty):
    presale_order(world.company, novelty, 120)
    assert presale_status_for([novelty.pk])[novelty.pk].remaining == 0


def test_status_costs_two_queries_and_none_without_offers(world, novelty, django_assert_num_queries):
    disabled_modules()  # the module switches are cached for every request
    with django_assert_num_queries(2):
        presale_status_for([novelty.pk, novelty.pk + 1000])
    with django_assert_num_queries(0):
        assert presale_status_for([novelty.pk], offers={}) == {}


def test_check_accepts_up_to_what_is_left(world, novelty):
    presale_order(world.company, novelty, 60)
    status = presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("40"))
    assert status.remaining == Decimal("40")


def test_check_refuses_more_than_is_left_with_the_numbers(world, novelty):
    presale_order(world.company, novelty, 60)
    with pytest.raises(ValidationError) as refused:
        presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("40.5"))
    assert refused.value.code == "presale_sold_out"
    assert "40" in refused.value.messages[0] and "40,5" in refused.value.messages[0]  # Polish decimal comma


def test_check_of_a_sold_out_offer(world, novelty):
    presale_order(world.company, novelty, 100)
    with pytest.raises(ValidationError) as refused:
        presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("1"))
    assert refused.value.code == "presale_sold_out"


def test_check_can_leave_out_the_order_being_placed(world, novelty):
    order = presale_order(world.company, novelty, 100)  # lines already written
    presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("100"), exclude_order_id=order.pk)


def test_check_refuses_a_closed_offer(world, novelty, offer):
    offer.is_active = False
    offer.save()
    with pytest.raises(ValidationError) as refused:
        presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("1"))
    assert refused.value.code == "presale_closed"


def test_module_switched_off_means_no_offers(novelty):
    assert presale_offers_for([novelty.pk])
    ModuleSwitch.objects.update_or_create(key="presale", defaults={"enabled": False})
    forget_cached_switches()
    assert presale_offers_for([novelty.pk]) == {}
