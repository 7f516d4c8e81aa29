"""Order placement benchmark, run by `make bench` after the catalog benchmark, on the ERP bench
database the import benchmark left (its profile's products, customers, prices and stock).

The bench customer of catalog_bench.py (`prepare()`) fills its cart with 200 visible products
that have stock in our own warehouses (1 unit each, base unit), then POSTs the checkout form:
  BENCH place_order_200   POST /checkout/ placing a 200-line order (re-quote, stock locks and
                          reservation, snapshot, ERP outbox rows, confirmation queued)
Only the POST is timed; before each run the cart is filled again, after it the order's stock
reservations are released and the order (with its outbox rows and queued tasks) deleted, so the
stock figures end as they began. Each line: p50_ms, p95_ms (server time through the Django test
client) and queries.
"""
import argparse
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

LINES = 200
RUNS = 30
WARMUP = 2


def bench_products(user, count: int) -> list[int]:
    """`count` products the bench customer may buy, with at least one unit left in an own warehouse
    and no pre-sale offer (a pre-sale product is never ordered with others)."""
    from django.db.models import F

    from backoffice.catalog.models import Warehouse
    from backoffice.catalog.selectors import catalog_access_for, products_visible_to
    from backoffice.inventory.models import PresaleOffer, Stock

    visible = products_visible_to(catalog_access_for(user)).exclude(pk__in=PresaleOffer.objects.filter(is_active=True).values("product_id"))
    stocked = (
        Stock.objects.filter(product__in=visible.values("pk"), is_active=True, warehouse__is_active=True, warehouse__kind=Warehouse.Kind.LOCAL,
                             quantity__gte=F("reserved") + 1)
        .order_by("product_id").values_list("product_id", flat=True).distinct()[: count * 2]
    )
    ids = list(dict.fromkeys(stocked))[:count]
    if len(ids) < count:
        raise SystemExit(f"the bench customer can buy only {len(ids)} products with own stock, {count} needed")
    return ids


def delivery_address_key(company) -> str:
    """A delivery address of the bench company (one is added if the ERP gave none)."""
    from backoffice.accounts.models import Address
    from backoffice.orders.checkout import delivery_addresses_for

    addresses = delivery_addresses_for(company)
    if not addresses:
        Address.objects.get_or_create(company=company, kind=Address.Kind.SHIPPING, name="Bench delivery",
                                      defaults={"street": "ul. Testowa 1", "postal_code": "00-001", "city": "Warszawa"})
        addresses = delivery_addresses_for(company)
    return addresses[0].key


def fill_cart(user, product_ids) -> None:
    from backoffice.catalog.selectors import catalog_access_for
    from backoffice.orders.cart import CartItem, cart_add_many, cart_clear, cart_for

    cart = cart_for(user=user, company=user.company)
    cart_clear(cart=cart)
    report = cart_add_many(cart=cart, access=catalog_access_for(user), items=[CartItem(pk, Decimal("1")) for pk in product_ids])
    assert not report.rejected, report.rejected[:3]


def undo(order_id: int, queued_after: int) -> None:
    """Give the stock back and remove the order, its outbox rows and the tasks it queued."""
    from django_q.models import OrmQ

    from backoffice.orders.models import Order
    from backoffice.orders.reservations import reservations_release

    order = Order.objects.get(pk=order_id)
    reservations_release(order=order)
    order.delete()
    OrmQ.objects.filter(pk__gt=queued_after).delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    from erp_import import database_url, setup_django

    setup_django(database_url(args.profile, args.db))
    import gc

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_q.models import OrmQ

    from backoffice.orders.models import Order

    from catalog_bench import prepare

    settings.ALLOWED_HOSTS = ["testserver"]
    user = prepare()
    product_ids = bench_products(user, LINES)
    address = delivery_address_key(user.company)
    Order.objects.filter(company=user.company, idempotency_key__startswith="bench-").delete()  # an interrupted run
    gc.freeze()
    client = Client()
    client.force_login(user)
    timings, queries = [], 0
    for i in range(args.runs + WARMUP):
        fill_cart(user, product_ids)
        token = f"bench-{uuid.uuid4().hex}"
        data = {"token": token, "delivery_address": address, "delivery_method": "courier", "payment_method": "cod",
                "shipping_preference": "complete", "customer_reference": f"BENCH-{i}"}
        queued_after = OrmQ.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post("/checkout/", data)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, f"place_order_200: checkout answered {response.status_code}"
        order = Order.objects.get(company=user.company, idempotency_key=token)
        assert order.lines.count() >= LINES
        undo(order.pk, queued_after)
        if i >= WARMUP:
            timings.append(elapsed)
            queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    print(f"BENCH place_order_200 p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} queries={queries}")


if __name__ == "__main__":
    main()
