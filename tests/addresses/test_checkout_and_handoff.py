"""A07-A09 at checkout and in the ERP hand-off: pending addresses are not offered; approved and
"no approval" ones are; dropshipping buyers type a one-off address in the checkout form; the
order document tells the ERP which addresses are new or one-off."""
import pytest

from backoffice.accounts.models import Address
from backoffice.erp.contract import first_schema_error
from backoffice.orders.handoff import documents_for
from backoffice.orders.models import Order
from tests.checkout.conftest import cart, fill, place, shop  # noqa: F401  (fixtures and helpers)
from tests.checkout.test_views import form_data

from .conftest import ADDRESS, customer_address

pytestmark = pytest.mark.django_db

ONE_OFF = {"one_off_name": "Jan Kowalski", "one_off_street": "ul. Kwiatowa 3", "one_off_postal_code": "31-000",
           "one_off_city": "Kraków", "one_off_country": "PL", "one_off_phone": "600 200 300"}


def choices(response) -> list[str]:
    return [key for key, _label in response.context["form"].fields["delivery_address"].choices]


def test_checkout_offers_approved_addresses_only(shopper, cart, world, shop):
    pending = customer_address(world.company)
    rejected = customer_address(world.company, status=Address.Status.REJECTED, street="ul. Odrzucona 1")
    approved = customer_address(world.company, status=Address.Status.APPROVED, street="ul. Zatwierdzona 1")
    fill(cart, world.user, (shop.bit, "2"))
    keys = choices(shopper.get("/checkout/"))
    assert str(approved.pk) in keys and str(shop.address.pk) in keys
    assert str(pending.pk) not in keys and str(rejected.pk) not in keys and "one-off" not in keys
    response = shopper.post("/checkout/", form_data(shopper.get("/checkout/"), shop, delivery_address=str(pending.pk)))
    assert response.status_code == 200 and not Order.objects.exists()  # a pending address cannot be forced in


def test_an_approved_customer_address_goes_to_the_erp_as_new(cart, world, shop):
    address = customer_address(world.company, status=Address.Status.APPROVED)
    fill(cart, world.user, (shop.bit, "2"))
    order = place(cart, world.user, shop, delivery_address=str(address.pk))
    (document,) = documents_for(order)
    assert document["delivery_address"] == {"name": "Budowa Północ", "street": "ul. Nowa 7", "postal_code": "90-123", "city": "Łódź",
                                            "country": "PL", "phone": "+48 600 100 200", "new": True, "platform_id": str(address.pk)}
    assert first_schema_error("outbound_customer_order", document) is None


def test_erp_addresses_go_by_their_erp_id_and_the_head_office_as_text(cart, world, shop):
    shop.address.erp_id = "A7"
    shop.address.save(update_fields=["erp_id"])
    fill(cart, world.user, (shop.bit, "2"))
    document = documents_for(place(cart, world.user, shop))[0]
    assert document["delivery_address"]["erp_id"] == "A7"
    assert not {"new", "one_off", "platform_id"} & set(document["delivery_address"])
    shop.address.delete()
    fill(cart, world.user, (shop.bit, "1"))
    document = documents_for(place(cart, world.user, shop, delivery_address="head-office"))[0]
    assert not {"erp_id", "new", "one_off", "platform_id"} & set(document["delivery_address"])
    assert first_schema_error("outbound_customer_order", document) is None


@pytest.fixture
def dropshipper(world):
    world.company.is_dropshipping = True
    world.company.save(update_fields=["is_dropshipping"])
    return world


def test_dropshipping_buyer_delivers_to_a_new_one_off_address(shopper, cart, dropshipper, shop):
    fill(cart, dropshipper.user, (shop.bit, "2"))
    page = shopper.get("/checkout/")
    assert "one-off" in choices(page) and 'name="one_off_street"' in page.content.decode()
    response = shopper.post("/checkout/", form_data(page, shop, delivery_address="one-off", **ONE_OFF))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    order = Order.objects.get()
    address = order.delivery_address
    assert (address.is_one_off, address.status, address.source, address.street) == (True, "approved", "customer", "ul. Kwiatowa 3")
    assert (order.delivery_street, order.delivery_city, order.delivery_postal_code) == ("ul. Kwiatowa 3", "Kraków", "31-000")
    (document,) = documents_for(order)
    assert document["delivery_address"]["one_off"] is True and document["delivery_address"]["platform_id"] == str(address.pk)
    assert "new" not in document["delivery_address"]
    assert first_schema_error("outbound_customer_order", document) is None


def test_one_off_address_with_bad_input_places_nothing_and_stores_nothing(shopper, cart, dropshipper, shop):
    fill(cart, dropshipper.user, (shop.bit, "2"))
    page = shopper.get("/checkout/")
    response = shopper.post("/checkout/", form_data(page, shop, delivery_address="one-off", **{**ONE_OFF, "one_off_postal_code": "31000x",
                                                                                              "one_off_city": ""}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "one_off_postal_code" in errors and "one_off_city" in errors and "delivery_address" not in errors
    assert not Order.objects.exists() and not Address.objects.filter(is_one_off=True).exists()


def test_other_buyers_cannot_post_a_one_off_address(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "2"))
    response = shopper.post("/checkout/", form_data(shopper.get("/checkout/"), shop, delivery_address="one-off", **ONE_OFF))
    assert response.status_code == 200 and "delivery_address" in response.context["form"].errors
    assert not Order.objects.exists() and not Address.objects.filter(street=ADDRESS["street"]).exists()
