"""Cart benchmark, run by `make bench` after the ERP import benchmark (which leaves the profile's
data in its database) and the catalog benchmark (whose bench customer, with contract prices and
category restrictions, is reused: catalog_bench.prepare()):
  BENCH cart_200         the cart page with 200 lines (a third in auxiliary units where products have them)
  BENCH cart_500         the cart page with 500 lines
  BENCH csv_import_1000  POST of a 1,000-line CSV (half EAN, half SKU, a few bad lines) to an empty cart
Each line: p50_ms, p95_ms (server time through the Django test client) and queries.
Targets (issue 6, M profile, PostgreSQL): cart_200 p95 <= 250 ms, cart_500 <= 600 ms,
csv_import_1000 <= 1.5 s.
"""
import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

RUNS = 30


def cart_products(user, count: int) -> list:
    """Visible products with stock, the same every run (lowest ids first); with their first unit."""
    from django.db.models import Exists, OuterRef

    from backoffice.catalog.models import ProductUnit
    from backoffice.catalog.selectors import catalog_access_for, products_visible_to
    from backoffice.inventory.models import Stock

    access = catalog_access_for(user)
    stocked = Stock.objects.filter(product_id=OuterRef("pk"), quantity__gt=10)
    products = list(products_visible_to(access).filter(Exists(stocked)).order_by("pk").only("pk", "sku", "ean")[:count])
    if len(products) < count:
        products += list(products_visible_to(access).exclude(pk__in=[p.pk for p in products]).order_by("pk")
                         .only("pk", "sku", "ean")[: count - len(products)])
    units = dict(ProductUnit.objects.filter(product__in=products, factor__gt=0).order_by("product_id", "-code")
                 .values_list("product_id", "code"))
    return [(product, units.get(product.pk, "")) for product in products]


def fill_cart(user, products, count: int):
    from backoffice.catalog.selectors import catalog_access_for
    from backoffice.orders.cart import CartItem, cart_add_many, cart_clear, cart_for

    cart = cart_for(user=user, company=user.company)
    cart_clear(cart=cart)
    items = [CartItem(p.pk, Decimal("1"), unit if i % 3 == 0 else "") for i, (p, unit) in enumerate(products[:count])]
    report = cart_add_many(cart=cart, access=catalog_access_for(user), items=items)
    print(f"# cart with {report.added_count} lines ({len(report.rejected)} refused)")
    return cart


def csv_file(products) -> bytes:
    rows = ["EAN lub SKU;ilość"]
    for i, (product, _unit) in enumerate(products[:1000]):
        code = product.ean if (i % 2 and product.ean) else product.sku
        rows.append(f"{code};{i % 5 + 1}")
    for i in (100, 500, 900):  # a few lines the report must explain
        rows[i] = f"NO-SUCH-CODE-{i};1"
    return "\r\n".join(rows).encode("cp1250", errors="replace")


def measure_import(client, user, data: bytes) -> None:
    """Like run.measure, with the cart emptied before every run (outside the timing)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from backoffice.orders.cart import cart_clear, cart_for

    cart = cart_for(user=user, company=user.company)
    url = reverse("orders:cart_import")
    timings, queries = [], 0
    for i in range(RUNS + 2):
        cart_clear(cart=cart)
        upload = SimpleUploadedFile("zamowienie.csv", data, content_type="text/csv")
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post(url, {"file": upload})
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code in (200, 302), f"csv_import_1000 answered {response.status_code}"
        if i >= 2:
            timings.append(elapsed)
            queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    print(f"BENCH csv_import_1000 p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} queries={queries}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    from erp_import import database_url, setup_django

    setup_django(database_url(args.profile, args.db))
    import gc

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from catalog_bench import prepare
    from run import measure

    settings.ALLOWED_HOSTS = ["testserver"]
    user = prepare()
    products = cart_products(user, 1000)
    gc.freeze()  # what was loaded so far lives for the whole process, as in a server worker
    client = Client()
    client.force_login(user)
    for count in (200, 500):
        fill_cart(user, products, count)
        measure(f"cart_{count}", client, reverse("orders:cart"), runs=RUNS)
    measure_import(client, user, csv_file(products))
    fill_cart(user, products, 0)  # leave the bench customer's cart empty


if __name__ == "__main__":
    main()
