"""Bundles (C10): A x1 + B x3 + C x5 at one price for any multiple, split into component lines
priced proportionally to the bundle discount, adding up exactly to the bundle total."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.accounts.models import Company
from backoffice.catalog.models import Category, Product
from backoffice.core.roles import Role
from backoffice.erp.services import sync_package
from backoffice.pricing.bundle_quotes import bundle_quotes_for, quote_bundle
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice, Price, PriceList
from backoffice.pricing.types import PricingInput, ProductPricingData
from tests.erp.packages import base_files, write_package

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = date(2026, 12, 1)


@pytest.fixture
def world(tmp_path):
    """K1 (PLN, list PL-PLN) plus A 100.00, B 20.00, C 7.00 in a category without discounts."""
    run = sync_package(location=write_package(tmp_path, base_files()))
    assert run.status == "success", run.message
    category = Category.objects.create(erp_id="CB")
    pl = PriceList.objects.get(erp_id="PL-PLN")
    products = {}
    for key, net in (("a", "100.00"), ("b", "20.00"), ("c", "7.00")):
        products[key] = Product.objects.create(erp_id=f"B-{key}", sku=f"B-{key.upper()}", category=category, vat_rate=D("23"))
        Price.objects.create(price_list=pl, product=products[key], net=D(net))
    return {"k1": Company.objects.get(erp_id="K1"), "p3": Product.objects.get(erp_id="P3"), **products}


def make_bundle(world, code="ZESTAW", price="150.00", currency="PLN", components=None, **kwargs):
    bundle = Bundle.objects.create(code=code, name=f"Zestaw {code}", **kwargs)
    for product, qty in components or ((world["a"], "1"), (world["b"], "3"), (world["c"], "5")):
        BundleComponent.objects.create(bundle=bundle, product=product, quantity=D(qty))
    if price is not None:
        BundlePrice.objects.create(bundle=bundle, currency=currency, net=D(price))
    return bundle


def test_a1_b3_c5_is_split_proportionally_to_the_cent(world):
    bundle = make_bundle(world)
    [quote] = bundle_quotes_for(world["k1"], [bundle.pk], today=TODAY)

    assert quote.available and quote.currency == "PLN" and quote.code == "ZESTAW"
    assert quote.bundle_net == D("150.00") and quote.regular_net == D("195.00") and quote.saving == D("45.00")
    rows = [(c.product_id, c.quantity, c.regular_unit_net, c.regular_line_net, c.split_line_net, c.split_unit_net) for c in quote.components]
    assert rows == [
        (world["a"].pk, D("1"), D("100.00"), D("100.00"), D("76.92"), D("76.92")),
        (world["b"].pk, D("3"), D("20.00"), D("60.00"), D("46.16"), D("15.39")),  # largest remainder gets the cent
        (world["c"].pk, D("5"), D("7.00"), D("35.00"), D("26.92"), D("5.38")),
    ]
    assert sum(c.split_line_net for c in quote.components) == quote.bundle_net


def test_any_multiple_keeps_the_sum_exact(world):
    bundle = make_bundle(world)
    [quote] = bundle_quotes_for(world["k1"], [bundle.pk], quantity=D("7"), today=TODAY)

    assert quote.quantity == D("7")
    assert quote.bundle_net == D("1050.00") and quote.regular_net == D("1365.00")
    assert quote.saving == quote.regular_net - quote.bundle_net == D("315.00")
    assert [c.quantity for c in quote.components] == [D("7"), D("21"), D("35")]
    assert [c.split_line_net for c in quote.components] == [D("538.46"), D("323.08"), D("188.46")]
    assert sum(c.split_line_net for c in quote.components) == D("1050.00")


@pytest.mark.parametrize("price", ["99.99", "0.01", "194.99", "0.00"])
@pytest.mark.parametrize("quantity", ["1", "7", "13"])
def test_pure_quote_split_always_adds_up(price, quantity):
    pricing = PricingInput(
        currency="PLN", today=TODAY,
        products={pid: ProductPricingData(product_id=pid, top_category_id=None, vat_rate=D("23")) for pid in (1, 2, 3)},
        list_prices={1: D("3.33"), 2: D("1.17"), 3: D("0.07")},
    )
    quote = quote_bundle(pricing, bundle_id=9, code="X", bundle_price=D(price),
                         components=[(1, D("1")), (2, D("3")), (3, D("5"))], quantity=D(quantity))
    assert quote.available
    assert quote.bundle_net == (D(price) * D(quantity)).quantize(D("0.01"))
    assert sum(c.split_line_net for c in quote.components) == quote.bundle_net
    assert quote.saving == quote.regular_net - quote.bundle_net


def test_unavailable_without_a_price_in_the_customers_currency(world):
    bundle = make_bundle(world, currency="EUR", price="35.00")
    [quote] = bundle_quotes_for(world["k1"], [bundle.pk], today=TODAY)
    assert not quote.available
    assert quote.bundle_net == D("0") and quote.saving == D("0")
    assert quote.regular_net == D("195.00")  # the components are still shown at the regular price
    assert all(c.split_line_net == 0 for c in quote.components)


def test_unavailable_when_a_component_is_not_priced_for_the_customer(world):
    bundle = make_bundle(world, components=((world["a"], "1"), (world["p3"], "2")))  # P3: no price for K1 (C03)
    [quote] = bundle_quotes_for(world["k1"], [bundle.pk], today=TODAY)
    assert not quote.available and quote.bundle_net == D("0")


def test_only_active_bundles_valid_today(world):
    valid = make_bundle(world, code="OK", valid_from=TODAY, valid_to=TODAY)
    expired = make_bundle(world, code="OLD", valid_to=TODAY - timedelta(days=1))
    future = make_bundle(world, code="NEW", valid_from=TODAY + timedelta(days=1))
    inactive = make_bundle(world, code="OFF", is_active=False)
    quotes = bundle_quotes_for(world["k1"], [expired.pk, future.pk, inactive.pk, valid.pk], today=TODAY)
    assert [q.code for q in quotes] == ["OK"]


def test_query_count_does_not_depend_on_the_number_of_bundles(world, django_assert_num_queries):
    bundles = [make_bundle(world, code=f"Z{i}", price=f"{150 + i}.00") for i in range(5)]
    bundle_quotes_for(world["k1"], [bundles[0].pk], today=TODAY)  # platform-wide rules are cached after the first call
    with CaptureQueriesContext(connection) as one:
        assert len(bundle_quotes_for(world["k1"], [bundles[0].pk], today=TODAY)) == 1
    assert len(one.captured_queries) <= 3 + 10  # bundles, components, prices + pricing_input_for
    with django_assert_num_queries(len(one.captured_queries)):
        quotes = bundle_quotes_for(world["k1"], [b.pk for b in bundles], today=TODAY)
    assert [q.bundle_net for q in quotes] == [D(f"{150 + i}.00") for i in range(5)]


def test_bundle_dates_are_validated():
    with pytest.raises(ValidationError):
        Bundle(code="X", name="X", valid_from=TODAY, valid_to=TODAY - timedelta(days=1)).full_clean()
    Bundle(code="X", name="X", valid_from=TODAY, valid_to=TODAY).full_clean()


def test_admin_screens_render(client, make_user, world):
    bundle = make_bundle(world, valid_from=TODAY)
    client.force_login(make_user(Role.ADMIN))
    response = client.get(reverse("admin:pricing_bundle_changelist"))
    assert response.status_code == 200 and b"ZESTAW" in response.content
    assert client.get(reverse("admin:pricing_bundle_changelist"), {"q": "zest"}).status_code == 200
    assert client.get(reverse("admin:pricing_bundle_add")).status_code == 200
    assert client.get(reverse("admin:pricing_bundle_change", args=[bundle.pk])).status_code == 200


def test_an_end_customer_pays_the_bundle_with_its_markup(world):
    """A11: the bundle price is the distributor's, plus the end customer's markup, like every
    component price (never the distributor's own price)."""
    distributor = world["k1"]
    distributor.is_distributor = True
    distributor.markup_percent = D("10")
    distributor.save()
    end_customer = Company.objects.create(name="Sklep Końcowy", currency="PLN", distributor=distributor, markup_percent=D("20"))
    bundle = make_bundle(world)

    [own] = bundle_quotes_for(distributor, [bundle.pk], today=TODAY)
    [marked] = bundle_quotes_for(end_customer, [bundle.pk], today=TODAY)

    assert own.bundle_net == D("150.00")
    assert marked.bundle_net == D("180.00") and marked.regular_net == D("234.00") and marked.saving == D("54.00")
    assert sum(c.split_line_net for c in marked.components) == marked.bundle_net
