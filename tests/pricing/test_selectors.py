"""pricing_input_for: what it loads for a customer and a day, and that it does so in a fixed
number of queries however many products are priced."""
from datetime import date
from decimal import Decimal

import pytest

from backoffice.accounts.models import Company
from backoffice.catalog.models import Category, Product, ProductUnit
from backoffice.erp.services import sync_package
from backoffice.pricing.models import (
    CustomerGroup,
    OrderValueTier,
    Price,
    PriceList,
    PricingSettings,
    Promotion,
    QuantityDiscountTier,
)
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import BuyXPromotion, PricingInput, ProductPricingData, QuantityTier
from backoffice.pricing.types import OrderValueTier as OrderValueTierData
from tests.erp.packages import base_files, write_package

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
D = Decimal


@pytest.fixture
def catalog(tmp_path):
    """The ERP base package: K1 (PLN list PL-PLN, 5% on C1, contract 15.00 for P2), P1-P3."""
    run = sync_package(location=write_package(tmp_path, base_files()))
    assert run.status == "success", run.message
    return {
        "k1": Company.objects.get(erp_id="K1"),
        "p1": Product.objects.get(erp_id="P1"),
        "p2": Product.objects.get(erp_id="P2"),
        "p3": Product.objects.get(erp_id="P3"),
        "c1": Category.objects.get(erp_id="C1"),
        "c11": Category.objects.get(erp_id="C11"),
        "pl_pln": PriceList.objects.get(erp_id="PL-PLN"),
    }


def add_products(catalog, count: int) -> list[int]:
    """`count` more products in C11, each priced in PL-PLN, with a carton and a pallet unit."""
    products = Product.objects.bulk_create(
        Product(erp_id=f"X{i}", sku=f"X-{i:04d}", category=catalog["c11"], vat_rate=D("23")) for i in range(count)
    )
    Price.objects.bulk_create(Price(price_list=catalog["pl_pln"], product=p, net=D("10.00") + i) for i, p in enumerate(products))
    ProductUnit.objects.bulk_create(
        [ProductUnit(product=p, code="karton", factor=D("12")) for p in products]
        + [ProductUnit(product=p, code="paleta", factor=D("480")) for p in products]
    )
    for p in products[:3]:
        Promotion.objects.create(name="3+1", product=p, buy_quantity=3, promo_price=D("0.01"), valid_from=TODAY, valid_to=TODAY)
    return [p.pk for p in products]


def test_loads_prices_discounts_and_products_of_a_customer(catalog):
    k1, p1, p2, p3, c1 = catalog["k1"], catalog["p1"], catalog["p2"], catalog["p3"], catalog["c1"]
    PricingSettings.objects.create(pk=1, packaging_discount_percent=D("2.50"), bulk_unit_codes="karton, krąg")

    data = pricing_input_for(k1, [p1.pk, p2.pk, p3.pk], today=TODAY)

    assert isinstance(data, PricingInput)
    assert data.currency == "PLN" and data.today == TODAY
    assert data.list_prices == {p1.pk: D("2.45"), p2.pk: D("18.90")}  # P3 has no price: not available
    assert data.contract_prices == {p2.pk: D("15.00")}
    assert data.category_discounts == {c1.pk: D("5")}
    assert data.packaging_discount == D("2.50")
    assert data.distributor_markup is None
    # P1 sits in C11 under C1: discounts are looked up by the top-level category
    assert data.products[p1.pk] == ProductPricingData(
        product_id=p1.pk, top_category_id=c1.pk, vat_rate=D("23"), unit_factors={"krąg": D("100")}, bulk_units=frozenset({"krąg"})
    )
    assert data.products[p3.pk].vat_rate == D("8") and data.products[p3.pk].top_category_id == c1.pk
    assert data.products[p3.pk].unit_factors == {} and data.products[p3.pk].bulk_units == frozenset()


def test_inactive_rows_and_other_currencies_are_left_out(catalog):
    k1, p1, p2 = catalog["k1"], catalog["p1"], catalog["p2"]
    Price.objects.filter(product=p1).update(is_active=False)
    k1.contract_prices.update(currency="EUR")

    data = pricing_input_for(k1, [p1.pk, p2.pk], today=TODAY)

    assert data.list_prices == {p2.pk: D("18.90")}
    assert data.contract_prices == {}


def test_a_price_list_in_another_currency_gives_no_prices(catalog):
    k1, p1 = catalog["k1"], catalog["p1"]
    Company.objects.filter(pk=k1.pk).update(price_list=PriceList.objects.get(erp_id="PL-EUR"))
    k1.refresh_from_db()
    assert pricing_input_for(k1, [p1.pk], today=TODAY).list_prices == {}  # never EUR amounts as PLN


def test_rules_valid_today_in_the_customers_currency(catalog):
    k1, p1, p2, p3 = catalog["k1"], catalog["p1"], catalog["p2"], catalog["p3"]
    group = CustomerGroup.objects.create(name="Instalatorzy")
    other = CustomerGroup.objects.create(name="Hurt")
    Company.objects.filter(pk=k1.pk).update(customer_group=group)
    k1.refresh_from_db()
    QuantityDiscountTier.objects.create(min_quantity=D("100"), percent=D("3"))
    QuantityDiscountTier.objects.create(min_quantity=D("10"), percent=D("1"), valid_from=TODAY, valid_to=TODAY)
    QuantityDiscountTier.objects.create(min_quantity=D("50"), percent=D("2"), valid_to=date(2026, 11, 30))  # ended
    QuantityDiscountTier.objects.create(min_quantity=D("500"), percent=D("9"), valid_from=date(2026, 12, 2))  # not yet
    QuantityDiscountTier.objects.create(min_quantity=D("1000"), percent=D("10"), is_active=False)
    OrderValueTier.objects.create(group=group, threshold=D("5000"), percent=D("4"))
    OrderValueTier.objects.create(group=group, threshold=D("1000"), percent=D("2"), valid_from=date(2026, 1, 1))
    OrderValueTier.objects.create(group=group, threshold=D("1000"), percent=D("2"), currency="EUR")
    OrderValueTier.objects.create(group=group, threshold=D("9000"), percent=D("6"), valid_to=date(2026, 11, 30))
    OrderValueTier.objects.create(group=other, threshold=D("10"), percent=D("50"))
    promo = Promotion.objects.create(
        name="10+1", product=p1, buy_quantity=10, promo_price=D("0.01"), valid_from=date(2026, 11, 1), valid_to=TODAY
    )
    Promotion.objects.create(name="EUR", product=p2, buy_quantity=2, promo_price=D("1"), currency="EUR", valid_from=TODAY, valid_to=TODAY)
    Promotion.objects.create(name="past", product=p2, buy_quantity=2, promo_price=D("1"), valid_from=date(2026, 1, 1), valid_to=date(2026, 11, 30))
    Promotion.objects.create(name="off", product=p3, buy_quantity=2, promo_price=D("1"), valid_from=TODAY, valid_to=TODAY, is_active=False)

    data = pricing_input_for(k1, [p1.pk, p2.pk, p3.pk], today=TODAY)

    assert data.quantity_tiers == (QuantityTier(D("10"), D("1")), QuantityTier(D("100"), D("3")))
    assert data.order_value_tiers == (OrderValueTierData(D("1000"), D("2")), OrderValueTierData(D("5000"), D("4")))
    assert data.promotions == {
        p1.pk: BuyXPromotion(
            promotion_id=promo.pk, product_id=p1.pk, buy_quantity=10, promo_price=D("0.01"),
            valid_from=date(2026, 11, 1), valid_to=TODAY, name="10+1",
        )
    }
    # the last day of a promotion still counts; the day after does not
    assert pricing_input_for(k1, [p1.pk], today=date(2026, 12, 2)).promotions == {}


def test_no_customer_group_means_no_order_value_tiers(catalog):
    assert pricing_input_for(catalog["k1"], [catalog["p1"].pk], today=TODAY).order_value_tiers == ()


def test_end_customer_is_priced_from_the_distributor_with_markup(catalog):
    k1, p1, p2 = catalog["k1"], catalog["p1"], catalog["p2"]
    Company.objects.filter(pk=k1.pk).update(is_distributor=True, markup_percent=D("12.50"))
    k1.refresh_from_db()
    own_list = PriceList.objects.create(erp_id="OWN", name="Own", currency="PLN")
    Price.objects.create(price_list=own_list, product=p1, net=D("999"))
    end = Company.objects.create(name="Odbiorca końcowy", erp_id="E1", distributor=k1, price_list=own_list)

    data = pricing_input_for(end, [p1.pk, p2.pk], today=TODAY)

    assert data.list_prices == {p1.pk: D("2.45"), p2.pk: D("18.90")}  # the distributor's list, not its own
    assert data.contract_prices == {p2.pk: D("15.00")}
    assert data.category_discounts == {catalog["c1"].pk: D("5")}
    assert data.distributor_markup == D("12.50")

    Company.objects.filter(pk=k1.pk).update(markup_percent=None)
    end = Company.objects.select_related("distributor").get(pk=end.pk)
    assert pricing_input_for(end, [p1.pk], today=TODAY).distributor_markup == D("0")


def test_today_defaults_to_the_local_date(catalog, settings):
    from django.utils import timezone

    assert pricing_input_for(catalog["k1"], [], today=None).today == timezone.localdate()


@pytest.mark.parametrize("count", [1, 48, 500])
def test_query_count_does_not_depend_on_the_number_of_products(catalog, count, django_assert_num_queries):
    k1 = catalog["k1"]
    group = CustomerGroup.objects.create(name="G")
    Company.objects.filter(pk=k1.pk).update(customer_group=group)
    k1.refresh_from_db()
    OrderValueTier.objects.create(group=group, threshold=D("1000"), percent=D("2"))
    PricingSettings.objects.create(pk=1, bulk_unit_codes="karton,paleta", packaging_discount_percent=D("3"))
    ids = add_products(catalog, count)

    with django_assert_num_queries(9):
        data = pricing_input_for(k1, ids, today=TODAY)

    assert len(data.products) == len(data.list_prices) == count
    assert data.products[ids[-1]].bulk_units == frozenset({"karton", "paleta"})
    assert data.products[ids[-1]].unit_factors == {"karton": D("12"), "paleta": D("480")}
    assert len(data.promotions) == min(count, 3)


@pytest.mark.parametrize("count", [1, 48, 500])
def test_query_count_for_an_end_customer(catalog, count, django_assert_num_queries):
    end = Company.objects.create(name="Odbiorca", erp_id="E1", distributor=catalog["k1"])
    end = Company.objects.select_related("distributor").get(pk=end.pk)
    ids = add_products(catalog, count)

    with django_assert_num_queries(8):  # no customer group: no order-value tier query
        data = pricing_input_for(end, ids, today=TODAY)

    assert len(data.list_prices) == count and data.distributor_markup == D("0")


def test_shared_rules_are_cached_until_staff_change_them(catalog, django_assert_num_queries):
    k1 = catalog["k1"]
    ids = add_products(catalog, 3)
    pricing_input_for(k1, ids, today=TODAY)
    with django_assert_num_queries(6):  # settings and quantity tiers come from the cache
        pricing_input_for(k1, ids, today=TODAY)
    PricingSettings.objects.update_or_create(pk=1, defaults={"packaging_discount_percent": D("4")})
    assert pricing_input_for(k1, ids, today=TODAY).packaging_discount == D("4")
    QuantityDiscountTier.objects.create(min_quantity=D("10"), percent=D("3"))
    assert [t.percent for t in pricing_input_for(k1, ids, today=TODAY).quantity_tiers] == [D("3")]
