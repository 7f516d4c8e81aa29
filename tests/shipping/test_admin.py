"""Back office (Logistics): zones, rates with their bands, product shipping data; validation that
changes nothing on bad input; the demo configuration."""
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.shipping.models import ShippingBand, ShippingRate, ShippingZone
from backoffice.shipping.services import shipping_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(Role.ADMIN))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def rate_post(zone, bands, **fields):
    data = {"zone": zone.pk, "currency": "PLN", "pricing": "table", "flat_net": "", "free_above_net": "1000.00", "pallet_net": "",
            "pallet_from_percent": "", "oversize_net": "0", "bands-TOTAL_FORMS": len(bands), "bands-INITIAL_FORMS": 0,
            "bands-MIN_NUM_FORMS": 0, "bands-MAX_NUM_FORMS": 1000}
    data.update(fields)
    for n, (weight, size, net) in enumerate(bands):
        data.update({f"bands-{n}-max_weight_kg": weight, f"bands-{n}-max_size_cm": size, f"bands-{n}-net": net})
    return data


def test_rate_with_bands_is_saved_and_overlapping_bands_are_refused(admin_client):
    zone = ShippingZone.objects.create(name="Polska", countries=["PL"])
    url = reverse("admin:shipping_shippingrate_add")
    response = admin_client.post(url, rate_post(zone, [("30", "120", "25.00"), ("30", "120", "27.00")]))
    assert response.status_code == 200 and "they overlap" in response.content.decode()
    assert not ShippingRate.objects.exists() and not ShippingBand.objects.exists()
    response = admin_client.post(url, rate_post(zone, [("30", "120", "-1")]))
    assert response.status_code == 200 and not ShippingRate.objects.exists()  # negative cost
    response = admin_client.post(url, rate_post(zone, []))
    assert "needs at least one band" in response.content.decode() and not ShippingRate.objects.exists()
    response = admin_client.post(url, rate_post(zone, [("30", "120", "25.00"), ("30", "", "40.00"), ("100", "", "60.00")]))
    assert response.status_code == 302
    rate = ShippingRate.objects.get()
    assert [(b.max_weight_kg, b.max_size_cm, b.net) for b in rate.bands.all()] == [
        (D("30"), D("120"), D("25.00")), (D("30"), None, D("40.00")), (D("100"), None, D("60.00"))]
    assert shipping_config().rate_for("PL", "PLN").bands[0].net == D("25.00")
    assert admin_client.post(url, rate_post(zone, [("30", "", "1")])).status_code == 200  # a second PLN rate for the zone
    assert ShippingRate.objects.count() == 1


def test_flat_rate_needs_its_cost_and_no_bands(admin_client):
    zone = ShippingZone.objects.create(name="UE", countries=["DE"])
    url = reverse("admin:shipping_shippingrate_add")
    assert admin_client.post(url, rate_post(zone, [], pricing="flat")).status_code == 200
    body = admin_client.post(url, rate_post(zone, [("10", "", "5")], pricing="flat", flat_net="19.00")).content.decode()
    assert "A flat cost has no bands" in body and not ShippingRate.objects.exists()
    assert admin_client.post(url, rate_post(zone, [], pricing="flat", flat_net="19.00", currency="EUR")).status_code == 302


def test_a_country_belongs_to_one_zone_and_one_zone_covers_the_rest():
    ShippingZone.objects.create(name="Polska", countries=["PL"])
    with pytest.raises(ValidationError) as error:
        ShippingZone(name="Sąsiedzi", countries=["DE", "PL"]).full_clean()
    assert "countries" in error.value.message_dict
    with pytest.raises(ValidationError):
        ShippingZone(name="Pusta").full_clean()  # no countries
    ShippingZone.objects.create(name="Świat", is_rest_of_world=True)
    with pytest.raises(ValidationError):
        ShippingZone(name="Świat 2", is_rest_of_world=True).full_clean()
    with pytest.raises(ValidationError):
        ShippingZone(name="Świat 3", is_rest_of_world=True, countries=["US"]).full_clean()


def test_rate_rules():
    zone = ShippingZone.objects.create(name="Polska", countries=["PL"])
    with pytest.raises(ValidationError) as error:
        ShippingRate(zone=zone, currency="PLN", pricing="table", pallet_from_percent=D("50"), flat_net=D("1")).full_clean()
    assert set(error.value.message_dict) == {"pallet_from_percent", "flat_net"}


def test_admin_screens_render(admin_client, shop):
    call_command("load_demo_shipping", "--force")
    rate = ShippingRate.objects.get(zone__name="Polska")
    for url in (reverse("admin:shipping_shippingzone_changelist"), reverse("admin:shipping_shippingrate_changelist"),
                reverse("admin:shipping_shippingproductoverride_changelist"), reverse("admin:shipping_shippingrate_change", args=[rate.pk]),
                reverse("admin:shipping_shippingzone_change", args=[rate.zone_id]), reverse("admin:shipping_shippingproductoverride_add")):
        assert admin_client.get(url).status_code == 200, url


def test_demo_configuration_is_idempotent():
    call_command("load_demo_shipping", "--force")
    call_command("load_demo_shipping", "--force")
    assert ShippingZone.objects.count() == 2 and ShippingRate.objects.count() == 3
    config = shipping_config()
    assert config.rate_for("PL", "PLN").bands[0].net == D("25.00") and config.rate_for("DE", "EUR").pallet_net == D("95.00")
    assert config.rate_for("US", "PLN") is None
