"""Back-office screens of staff-configured pricing: promotions, quantity and order-value
discounts, customer groups, pricing settings (a single row) and the price preview."""
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from backoffice.accounts.models import Company
from backoffice.catalog.models import Product
from backoffice.core.navigation import sidebar_navigation
from backoffice.core.roles import Role
from backoffice.erp.services import sync_package
from backoffice.pricing.models import CustomerGroup, OrderValueTier, PricingSettings, Promotion, QuantityDiscountTier
from tests.erp.packages import base_files, write_package

pytestmark = pytest.mark.django_db

D = Decimal
MODELS = ("promotion", "quantitydiscounttier", "customergroup", "ordervaluetier")


@pytest.fixture
def catalog(tmp_path):
    run = sync_package(location=write_package(tmp_path, base_files()))
    assert run.status == "success", run.message
    return {"k1": Company.objects.get(erp_id="K1"), "p1": Product.objects.get(erp_id="P1"), "p2": Product.objects.get(erp_id="P2")}


@pytest.fixture
def rules(catalog):
    group = CustomerGroup.objects.create(name="Instalatorzy <b>")
    OrderValueTier.objects.create(group=group, threshold=D("1000"), percent=D("2"))
    QuantityDiscountTier.objects.create(min_quantity=D("100"), percent=D("3"))
    today = timezone.localdate()
    for product in (catalog["p1"], catalog["p2"]):
        Promotion.objects.create(name=f"Promo {product.sku}", product=product, buy_quantity=3, promo_price=D("0.01"), valid_from=today, valid_to=today)
    return group


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER])
def test_pricing_roles_see_every_screen(client, make_user, rules, role):
    client.force_login(make_user(role))
    for model in MODELS:
        assert client.get(reverse(f"admin:pricing_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:pricing_{model}_add")).status_code == 200, model
    assert client.get(reverse("admin:pricing_customergroup_change", args=[rules.pk])).status_code == 200
    promo = Promotion.objects.first()
    assert client.get(reverse("admin:pricing_promotion_change", args=[promo.pk])).status_code == 200
    PricingSettings.current()
    response = client.get(reverse("admin:pricing_pricingsettings_changelist"))
    assert response.status_code == 200
    assert client.get(reverse("admin:pricing_pricingsettings_change", args=[1])).status_code == 200
    assert client.get(reverse("admin:pricing_preview")).status_code == 200
    links = {item["link"] for group in sidebar_navigation(response.wsgi_request) for item in group["items"]}
    assert reverse("admin:pricing_promotion_changelist") in links and reverse("admin:pricing_preview") in links


@pytest.mark.parametrize("role", [Role.SALES_REP])
def test_sales_reps_are_refused(client, make_user, rules, role):
    client.force_login(make_user(role))
    for model in (*MODELS, "pricingsettings"):
        assert client.get(reverse(f"admin:pricing_{model}_changelist")).status_code == 403, model
    assert client.get(reverse("admin:pricing_preview")).status_code == 404


def test_buyers_do_not_reach_the_preview(client, make_user):
    client.force_login(make_user(Role.CUSTOMER))
    assert client.get(reverse("admin:pricing_preview")).status_code == 404


def test_promotion_changelist_queries_are_bounded(client, admin_user, rules, catalog, django_assert_max_num_queries):
    client.force_login(admin_user)
    url = reverse("admin:pricing_promotion_changelist")
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    today = timezone.localdate()
    Promotion.objects.bulk_create(
        Promotion(name=f"P{i}", product=catalog["p1"], buy_quantity=2, promo_price=D("1"), valid_from=today, valid_to=today) for i in range(30)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert b"YDY-315" in response.content


def test_marketing_creates_a_promotion(client, make_user, catalog):
    client.force_login(make_user(Role.MARKETING))
    response = client.post(
        reverse("admin:pricing_promotion_add"),
        {"name": "10+1", "product": catalog["p1"].pk, "buy_quantity": 10, "promo_price": "0.01", "currency": "PLN",
         "valid_from": "2026-12-01", "valid_to": "2026-12-31", "is_active": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert Promotion.objects.get().buy_quantity == 10


def test_promotion_refuses_an_end_before_its_start(catalog):
    promo = Promotion(name="x", product=catalog["p1"], buy_quantity=1, promo_price=D("1"), valid_from=date(2026, 12, 2), valid_to=date(2026, 12, 1))
    with pytest.raises(ValidationError) as exc:
        promo.full_clean()
    assert "valid_to" in exc.value.message_dict


@pytest.mark.parametrize(
    "model, fields, bad",
    [
        (QuantityDiscountTier, {"min_quantity": D("10"), "percent": D("5")}, {"percent": D("101")}),
        (QuantityDiscountTier, {"min_quantity": D("10"), "percent": D("5")}, {"min_quantity": D("0")}),
        (QuantityDiscountTier, {"min_quantity": D("10"), "percent": D("5")}, {"percent": D("-1")}),
        (PricingSettings, {}, {"packaging_discount_percent": D("100.01")}),
    ],
)
def test_percentages_and_amounts_are_validated(model, fields, bad):
    model(**fields).full_clean()
    with pytest.raises(ValidationError) as exc:
        model(**{**fields, **bad}).full_clean()
    assert set(exc.value.message_dict) == set(bad)


def test_promotion_amounts_cannot_be_negative(catalog):
    promo = Promotion(name="x", product=catalog["p1"], buy_quantity=0, promo_price=D("-0.01"), valid_from=date(2026, 12, 1), valid_to=date(2026, 12, 1))
    with pytest.raises(ValidationError) as exc:
        promo.full_clean()
    assert {"buy_quantity", "promo_price"} <= set(exc.value.message_dict)


def test_pricing_settings_added_in_the_admin_is_the_current_row(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:pricing_pricingsettings_add"), {"packaging_discount_percent": "3", "bulk_unit_codes": "paleta"})
    assert response.status_code == 302
    assert PricingSettings.objects.get().pk == 1
    assert PricingSettings.current().bulk_units() == frozenset({"paleta"})


def test_pricing_settings_is_a_single_row(client, admin_user):
    assert PricingSettings.current().pk == PricingSettings.current().pk == 1
    assert PricingSettings.objects.count() == 1
    settings_row = PricingSettings.current()
    settings_row.bulk_unit_codes = " karton, paleta ,,"
    assert settings_row.bulk_units() == frozenset({"karton", "paleta"})

    client.force_login(admin_user)
    assert client.get(reverse("admin:pricing_pricingsettings_add")).status_code == 403  # it exists already
    assert client.get(reverse("admin:pricing_pricingsettings_delete", args=[1])).status_code == 403
    response = client.post(
        reverse("admin:pricing_pricingsettings_change", args=[1]), {"packaging_discount_percent": "2.5", "bulk_unit_codes": "karton"}
    )
    assert response.status_code == 302
    assert PricingSettings.current().packaging_discount_percent == D("2.5")


def test_customer_group_with_order_value_tiers_inline(client, make_user):
    client.force_login(make_user(Role.SALES_MANAGER))
    response = client.post(
        reverse("admin:pricing_customergroup_add"),
        {
            "name": "Hurt", "description": "",
            "order_value_tiers-TOTAL_FORMS": "1", "order_value_tiers-INITIAL_FORMS": "0",
            "order_value_tiers-MIN_NUM_FORMS": "0", "order_value_tiers-MAX_NUM_FORMS": "1000",
            "order_value_tiers-0-threshold": "5000", "order_value_tiers-0-percent": "3", "order_value_tiers-0-currency": "PLN",
            "order_value_tiers-0-is_active": "on",
        },
    )
    assert response.status_code == 302
    group = CustomerGroup.objects.get(name="Hurt")
    assert list(group.order_value_tiers.values_list("threshold", "percent")) == [(D("5000"), D("3"))]


# ---------------------------------------------------------------- price preview


def preview(client, **params):
    # Pages speak Polish by default; these tests read the English wording.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("admin:pricing_preview"), params)


def test_preview_shows_a_quote_with_its_rules(client, make_user, catalog):
    from backoffice.pricing.engine import STACKING_ORDER

    client.force_login(make_user(Role.MARKETING))
    response = preview(client, company="K1", product="YDY-315", quantity="10", day="2026-12-01")

    assert response.status_code == 200
    quote = response.context["quote"]
    assert quote.currency == "PLN" and quote.available
    # list price 2.45, 5% category discount on C1 (P1 is in C11 under C1) -> 2.33 (rounded once)
    assert quote.unit_net == D("2.33") and quote.line_net == D("23.30")
    html = response.content.decode()
    assert ("2,33 PLN" in html and "23,30 PLN" in html) or ("2.33 PLN" in html and "23.30 PLN" in html)  # localised
    for rule in quote.rules:
        assert str(rule.label) in html
    assert [r.code for r in quote.rules][:2] == ["list_price", "category_discount"]
    assert str(STACKING_ORDER[0][-1])[:40] in html  # "how prices are calculated"


def test_preview_by_ean_nip_and_name_in_an_auxiliary_unit(client, admin_user, catalog):
    client.force_login(admin_user)
    response = preview(client, company="Elektro", product="5901234123457", quantity="2", unit="krąg")
    quote = response.context["quote"]
    assert quote.unit == "krąg" and quote.base_quantity == D("200")
    assert response.context["day"] == timezone.localdate()
    assert preview(client, company="9074833787", product="GN-2", quantity="1").context["quote"].unit_net == D("15.00")  # contract


def test_preview_of_an_end_customer_includes_the_distributor_markup(client, admin_user, catalog):
    k1 = catalog["k1"]
    Company.objects.filter(pk=k1.pk).update(is_distributor=True, markup_percent=D("10"))
    end = Company.objects.create(name="Odbiorca końcowy", erp_id="E1", distributor=k1)
    client.force_login(admin_user)
    response = preview(client, company=str(end.pk), product="GN-2", quantity="1")
    assert response.context["quote"].unit_net == D("16.50")  # contract 15.00 of the distributor + 10%
    assert "Elektro-Mont" in response.content.decode()


@pytest.mark.parametrize(
    "params, field",
    [
        ({"company": "K1", "product": "NO-SUCH", "quantity": "1"}, "product"),
        ({"company": "nobody at all", "product": "GN-2", "quantity": "1"}, "company"),
        ({"company": "999999", "product": "GN-2", "quantity": "1"}, "company"),
        ({"company": "K1", "product": "GN-2", "quantity": "abc"}, "quantity"),
        ({"company": "K1", "product": "GN-2", "quantity": "0"}, "quantity"),
        ({"company": "K1", "product": "GN-2", "quantity": "-3"}, "quantity"),
        ({"company": "K1", "product": "GN-2", "quantity": "1", "unit": "paleta"}, "unit"),
        ({"company": "K1", "product": "GN-2", "quantity": "1", "day": "2026-13-45"}, "day"),
        ({"company": "", "product": "", "quantity": ""}, "company"),
    ],
)
def test_preview_bad_input_is_a_form_error(client, admin_user, catalog, params, field):
    client.force_login(admin_user)
    response = preview(client, **params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "quote" not in response.context
    assert "errorlist" in response.content.decode()


def test_preview_asks_to_narrow_down_several_matching_companies(client, admin_user, catalog):
    client.force_login(admin_user)
    Company.objects.create(name="Pierwsza Sp. z o.o.", erp_id="K8")
    Company.objects.create(name="Druga Sp. z o.o.", erp_id="K9")
    response = preview(client, company="sp. z o.o.", product="GN-2", quantity="1")
    assert "company" in response.context["form"].errors
    assert "Druga Sp. z o.o." in str(response.context["form"].errors["company"])


def test_preview_without_a_price_says_the_product_is_not_available(client, admin_user, catalog):
    client.force_login(admin_user)
    response = preview(client, company="K1", product="WYL-B16", quantity="1")  # P3 has no price in PL-PLN
    assert response.context["quote"].available is False
    assert "cannot be ordered" in response.content.decode()
