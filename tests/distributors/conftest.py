"""A11 test data: a distributor (company on the PLN price list of tests/catalog_factories, markup
10 %) with the checkout shop of tests/checkout (drill 100.00, bit 10.00, glove 5.00 at 8 % VAT),
and an end customer created through the service with its own markup of 20 %."""
import uuid
from decimal import Decimal

import pytest

from backoffice.accounts.models import Address
from backoffice.core.roles import Role
from backoffice.distributors.services import EndCustomerData, end_customer_create
from backoffice.orders.cart import cart_for
from backoffice.orders.placing import order_place
from tests.catalog_factories import catalog_world
from tests.checkout.conftest import TODAY, checkout_data, fill, shop  # noqa: F401  (the `shop` fixture is re-used)
from tests.factories import PASSWORD


@pytest.fixture
def world(make_user):
    """The distributor's world: its main account is `world.user`."""
    catalog = catalog_world(make_user, role=Role.DISTRIBUTOR)
    catalog.company.is_distributor = True
    catalog.company.markup_percent = Decimal("10")
    catalog.company.email = "biuro@dystrybutor.pl"
    catalog.company.save(update_fields=["is_distributor", "markup_percent", "email"])
    return catalog


def make_end_customer(distributor_user, *, name="Sklep Końcowy", email=None, markup="20", verified=False, nip=""):
    company = end_customer_create(user=distributor_user, data=EndCustomerData(
        name=name, email=email or f"{uuid.uuid4().hex[:8]}@klient.pl", markup_percent=Decimal(markup), nip=nip, street="ul. Sklepowa 3",
        postal_code="30-001", city="Kraków", phone="+48 12 000 00 00", first_name="Ewa", last_name="Końcowa", orders_auto_approved=verified,
    ))
    user = company.users.get()
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    Address.objects.create(company=company, kind=Address.Kind.SHIPPING, name="Sklep", street="ul. Sklepowa 3", postal_code="30-001",
                           city="Kraków", phone="+48 12 000 00 00")
    return user


@pytest.fixture
def end_user(world):
    return make_end_customer(world.user)


def end_address(user):
    return user.company.addresses.get()


def place_as(user, shop, *items, **changes):  # noqa: F811
    """Fill the user's cart with items and place it (cash on delivery unless changed)."""
    cart = cart_for(user=user, company=user.company)
    fill(cart, user, *items)
    values = {"delivery_address": str(end_address(user).pk) if user.company.distributor_id else str(shop.address.pk), **changes}
    user.__dict__.pop("_catalog_access", None)
    return order_place(cart=cart, placed_by=user, checkout=checkout_data(shop, **values), idempotency_key=uuid.uuid4().hex,
                       today=TODAY)
