"""Order history pages (F08, F09, L04): list with filters and a query bound, detail, repeat order
into the cart (bundles, units no longer sold, products no longer visible)."""
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from backoffice.orders.models import CartLine, Order
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice

from .conftest import add_shipment, add_status, make_order, warsaw

pytestmark = pytest.mark.django_db


def texts(response, level):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == level]


def cart_lines(world):
    return {
        (line.product_id or f"bundle-{line.bundle_id}", line.unit): line.quantity
        for line in CartLine.objects.filter(cart__user=world.user, cart__company=world.company)
    }


def test_order_list_page_with_filters_and_bounded_queries(shopper, world, shop, django_assert_max_num_queries):
    for n in range(25):
        make_order(world.company, [(shop.drill, 1)], number=f"B2B/2025/{n:06d}", placed_at=warsaw(2025, 1, 1 + n, 9),
                   placed_by=world.user, customer_reference=f"PO-{n}")
    make_order(shop.other_company, [(shop.drill, 1)], number="THEIRS-1")
    url = reverse("orders:order_list")
    shopper.get(url)
    with django_assert_max_num_queries(8):
        response = shopper.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "B2B/2025/000024" in content and "B2B/2025/000004" not in content  # 20 per page, newest first
    assert "THEIRS-1" not in content and "Jan Testowy" in content
    assert shopper.get(url, {"page": 2}).content.decode().count('class="order-row"') == 5
    filtered = shopper.get(url, {"q": "PO-3", "date_from": "2025-01-02", "date_to": "2025-01-31"}).content.decode()
    assert filtered.count('class="order-row"') == 1 and "B2B/2025/000003" in filtered


def test_bad_filters_never_fail_the_page(shopper, world, shop):
    make_order(world.company, [(shop.drill, 1)], number="ONLY-1")
    response = shopper.get(reverse("orders:order_list"), {"date_from": "2025-13-45", "status": "nonsense", "page": "x",
                                                          "date_to": "31.02.2025"})
    assert response.status_code == 200 and "ONLY-1" in response.content.decode()
    backwards = shopper.get(reverse("orders:order_list"), {"date_from": "2025-02-01", "date_to": "2025-01-01"}).content.decode()
    assert "ONLY-1" in backwards and "field-error" in backwards  # the end date is dropped, with the reason shown


def test_order_detail_page(shopper, world, shop):
    order = make_order(world.company, [(shop.drill, 2, "karton", 24)], number="B2B/2025/000100", erp_number="ZK 55/2025",
                       status=Order.Status.SHIPPED, customer_reference="PO-9", delivery_method="courier",
                       payment_method="bank_transfer", delivery_street="ul. Długa 1", delivery_city="Łódź",
                       delivery_postal_code="90-001", notes="Proszę dzwonić <b>przed</b>")
    add_status(order, Order.Status.SHIPPED)
    add_shipment(order, "6800123", "InPost")
    add_shipment(order, "<script>x</script>", "Kurier lokalny")
    shopper.cookies["b2b_language"] = "en"
    response = shopper.get(reverse("orders:order_detail", args=[order.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("B2B/2025/000100", "ZK 55/2025", "PO-9", "ul. Długa 1", "https://inpost.pl/sledzenie-przesylek?number=6800123",
                 "courier", "bank transfer", "WU-700"):
        assert text in content, text
    assert "<script>x</script>" not in content and "&lt;b&gt;przed" in content  # escaped


def test_another_company_order_is_404(shopper, shop):
    theirs = make_order(shop.other_company, [(shop.others, 1)])
    assert shopper.get(reverse("orders:order_detail", args=[theirs.pk])).status_code == 404
    assert shopper.post(reverse("orders:reorder", args=[theirs.pk])).status_code == 404


def test_reorder_adds_visible_products_at_their_units_and_reports_the_rest(shopper, world, shop):
    order = make_order(world.company, [(shop.drill, 2, "karton", 24), (shop.bit, 5), (shop.hidden, 1), (shop.others, 3)])
    order.lines.create(position=9, product=None, sku="GONE-1", name="Wycofany produkt", quantity=1, base_quantity=1,
                       unit_net=1, vat_rate=23)
    response = shopper.post(reverse("orders:reorder", args=[order.pk]))
    assert response.status_code == 302
    assert cart_lines(world) == {(shop.drill.pk, "karton"): Decimal("2"), (shop.bit.pk, ""): Decimal("5")}
    assert len(texts(response, "success")) == 1 and "2" in texts(response, "success")[0]
    (warning,) = texts(response, "warning")
    assert "HID-R" in warning and "HID-OTHER" in warning and "GONE-1" in warning and "WU-700" not in warning


def test_reorder_falls_back_to_base_units_when_the_unit_is_gone(shopper, world, shop):
    order = make_order(world.company, [(shop.bit, 2, "paczka", 20)])  # BIT-8 is not sold in packs (any more)
    shopper.post(reverse("orders:reorder", args=[order.pk]))
    assert cart_lines(world) == {(shop.bit.pk, ""): Decimal("20")}


@pytest.fixture
def bundle(world, shop):
    bundle = Bundle.objects.create(code="ZEST-1", name="Zestaw wiertarski")
    BundleComponent.objects.create(bundle=bundle, product=shop.drill, quantity=1)
    BundleComponent.objects.create(bundle=bundle, product=shop.bit, quantity=3)
    BundlePrice.objects.create(bundle=bundle, currency="PLN", net=Decimal("120"))
    return bundle


def bundle_order(world, shop, bundle, count=2):
    spec = [{"product": p, "sku": p.sku, "name": p.sku, "quantity": q * count, "base_quantity": q * count, "bundle": bundle,
             "bundle_code": bundle.code, "line_net": 10, "line_gross": "12.30"} for p, q in ((shop.drill, 1), (shop.bit, 3))]
    return make_order(world.company, spec)


def test_reorder_puts_an_active_bundle_back_as_one_line(shopper, world, shop, bundle):
    order = bundle_order(world, shop, bundle)
    shopper.post(reverse("orders:reorder", args=[order.pk]))
    assert cart_lines(world) == {(f"bundle-{bundle.pk}", ""): Decimal("2")}


def test_reorder_adds_components_of_a_bundle_no_longer_offered(shopper, world, shop, bundle):
    order = bundle_order(world, shop, bundle)
    Bundle.objects.filter(pk=bundle.pk).update(is_active=False)
    shopper.post(reverse("orders:reorder", args=[order.pk]))
    assert cart_lines(world) == {(shop.drill.pk, ""): Decimal("2"), (shop.bit.pk, ""): Decimal("6")}


def test_reorder_needs_post(shopper, world, shop):
    order = make_order(world.company, [(shop.bit, 1)])
    assert shopper.get(reverse("orders:reorder", args=[order.pk])).status_code == 405
    assert cart_lines(world) == {}


def test_order_detail_page_queries_do_not_grow_with_lines(shopper, world, shop, django_assert_max_num_queries):
    small = make_order(world.company, [(shop.drill, 1)])
    big = make_order(world.company, [(shop.drill, n + 1) for n in range(40)] + [(shop.glove, 1)] * 20)
    for n in range(4):
        add_shipment(big, f"T{n}", "DPD")
        add_status(big, Order.Status.ACCEPTED)
    shopper.get(reverse("orders:order_detail", args=[small.pk]))
    with django_assert_max_num_queries(11):
        response = shopper.get(reverse("orders:order_detail", args=[big.pk]))
    assert response.content.decode().count('<tr class="order-line') == 60
