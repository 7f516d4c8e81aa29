"""Delivery and payment methods in the back office (orders/admin_methods.py): staff restrict a
method to customer groups and set its fee; checkout and order_place follow."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.orders.models import CheckoutMethodSetting, Order
from backoffice.pricing.models import CustomerGroup

from .conftest import fill, place

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:orders_checkoutmethodsetting_add")


def setting_form(**changes) -> dict:
    data = {"kind": "payment", "code": "cod", "is_active": "on", "position": "", "fee_net": "0", "fee_currency": "PLN"}
    data.update(changes)
    return data


@pytest.fixture
def groups(world):
    group_a, group_b = CustomerGroup.objects.create(name="Grupa A"), CustomerGroup.objects.create(name="Grupa B")
    world.company.customer_group = group_b
    world.company.save(update_fields=["customer_group"])
    return group_a, group_b


def test_staff_restrict_cash_on_delivery_to_group_a(client, admin_user, world, shop, cart, groups):
    group_a, _group_b = groups
    fill(cart, world.user, (shop.bit, "3"))
    client.force_login(admin_user)
    response = client.post(ADD_URL, setting_form(customer_groups=[group_a.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    setting = CheckoutMethodSetting.objects.get(kind="payment", code="cod")
    assert list(setting.customer_groups.all()) == [group_a]

    client.force_login(world.user)  # a customer of group B
    page = client.get(reverse("orders:checkout"))
    assert page.status_code == 200
    assert 'data-method="cod"' not in page.content.decode() and 'data-method="courier"' in page.content.decode()
    with pytest.raises(ValidationError) as refused:
        place(cart, world.user, shop, payment_method="cod")
    assert "payment_method" in refused.value.message_dict and not Order.objects.exists()

    world.company.customer_group = group_a  # the same customer moved to group A is offered it again
    world.company.save(update_fields=["customer_group"])
    assert 'data-method="cod"' in client.get(reverse("orders:checkout")).content.decode()
    assert place(cart, world.user, shop, payment_method="cod").payment_method == "cod"


def test_cash_on_delivery_fee_is_added_with_vat(world, shop, cart):
    CheckoutMethodSetting.objects.create(kind="payment", code="cod", fee_net=Decimal("10.00"), fee_currency="PLN")
    fill(cart, world.user, (shop.bit, "3"))  # 30.00 net, 23 % VAT
    order = place(cart, world.user, shop, payment_method="cod", delivery_method="courier")
    assert order.payment_fee_net == Decimal("10.00") and order.charges_vat_rate == Decimal("23")
    charges = order.shipping_net + Decimal("10.00")  # shipping is the courier tables' business (0 without tables)
    assert order.net == Decimal("30.00") + charges
    assert order.vat == Decimal("6.90") + (charges * Decimal("0.23")).quantize(Decimal("0.01"))
    assert order.gross == order.net + order.vat
    if order.shipping_net == 0:
        assert (order.net, order.vat, order.gross) == (Decimal("40.00"), Decimal("9.20"), Decimal("49.20"))


def test_a_fee_in_another_currency_is_not_added(world, shop, cart):
    CheckoutMethodSetting.objects.create(kind="payment", code="cod", fee_net=Decimal("3.00"), fee_currency="EUR")
    fill(cart, world.user, (shop.bit, "3"))
    assert place(cart, world.user, shop, payment_method="cod", delivery_method="courier").payment_fee_net == Decimal("0.00")


def test_the_method_must_be_one_of_the_chosen_kind(client, admin_user):
    client.force_login(admin_user)
    response = client.post(ADD_URL, setting_form(kind="delivery", code="cod"))
    assert response.status_code == 200 and not CheckoutMethodSetting.objects.exists()
    assert "code" in response.context["adminform"].form.errors
    response = client.post(ADD_URL, setting_form(code="no-such-method"))
    assert response.status_code == 200 and not CheckoutMethodSetting.objects.exists()
    client.post(ADD_URL, setting_form())
    response = client.post(ADD_URL, setting_form())  # one row per method
    assert response.status_code == 200 and CheckoutMethodSetting.objects.count() == 1


def test_list_shows_kind_method_groups_and_fee(client, admin_user, groups):
    setting = CheckoutMethodSetting.objects.create(kind="payment", code="cod", fee_net=Decimal("12.50"), fee_currency="PLN")
    setting.customer_groups.add(groups[0])
    CheckoutMethodSetting.objects.create(kind="delivery", code="own_courier", is_active=False)
    client.force_login(admin_user)
    page = client.get(reverse("admin:orders_checkoutmethodsetting_changelist"))
    html = page.content.decode()
    assert page.status_code == 200 and "Grupa A" in html and "12.50 PLN" in html
    change = client.get(reverse("admin:orders_checkoutmethodsetting_change", args=(setting.pk,)))
    assert change.status_code == 200


@pytest.mark.parametrize("role, may_change", [(Role.SALES_MANAGER, True), (Role.SALES_REP, False), (Role.MARKETING, False)])
def test_who_may_change_the_rules(client, make_user, role, may_change):
    setting = CheckoutMethodSetting.objects.create(kind="payment", code="cod")
    client.force_login(make_user(role))
    response = client.post(reverse("admin:orders_checkoutmethodsetting_change", args=(setting.pk,)),
                           setting_form(fee_net="99", is_active=""))
    setting.refresh_from_db()
    assert (setting.fee_net == Decimal("99")) is may_change
    if not may_change:
        assert response.status_code == 403
