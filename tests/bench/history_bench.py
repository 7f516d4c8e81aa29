"""Order-history benchmark, run by `make bench` after the catalog benchmark, on the ERP bench
database the import benchmark left (its profile's products, customers and prices).

Generates the order history once (idempotent; fast bulk inserts, fixed seed): M 50,000 orders x 40
lines spread over all companies and 24 months, of which the bench customer of catalog_bench.py
(`prepare()`) gets ~10,000 lines over a pool of products it buys again and again; S is 1/20 of
that. Then, as the bench customer:
  BENCH history_generate_<P>  seconds=.. rows_written=..   (only when it generated)
  BENCH recently_bought        GET /recently-bought/ (12 months, first page of 50)
  BENCH recently_bought_24     the same for 24 months
  BENCH order_list             GET /orders/ (first page of 20)
  BENCH order_detail           an order of 40 lines
Each line: p50_ms, p95_ms (server time through the Django test client) and queries.
"""
import argparse
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

PROFILES = {
    "S": dict(orders=2_500, lines=40, bench_lines=500, bench_pool=300, pool=10_000),
    "M": dict(orders=50_000, lines=40, bench_lines=10_000, bench_pool=2_000, pool=40_000),
}
PREFIX = "BENCH/"
SEED = 6
CHUNK = 1_000  # orders per transaction
DAYS = 730


def _existing() -> int:
    from backoffice.orders.models import Order

    return Order.objects.filter(number__startswith=PREFIX).count()


def _clear() -> None:
    """Leftovers of an interrupted run: lines first (fast delete), then the orders."""
    from backoffice.orders.models import Order, OrderEvent, OrderLine, OrderShipment

    mine = Order.objects.filter(number__startswith=PREFIX)
    for model in (OrderLine, OrderEvent, OrderShipment):
        model.objects.filter(order__in=mine.values("pk")).delete()
    mine.delete()


def _catalogue(ids: list[int]) -> dict[int, tuple[str, str, Decimal]]:
    """sku, Polish name and VAT rate of `ids` (the names in one query)."""
    from backoffice.catalog.models import Product

    translations = Product._parler_meta.root_model
    names = dict(translations.objects.filter(master_id__in=ids, language_code="pl").values_list("master_id", "name"))
    return {pk: (sku, names.get(pk, sku), vat) for pk, sku, vat in Product.objects.filter(pk__in=ids).values_list("pk", "sku", "vat_rate")}


def generate(profile: str, bench_company_id: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from backoffice.accounts.models import Company
    from backoffice.catalog.models import Product
    from backoffice.catalog.selectors import catalog_access_for_company, products_visible_to
    from backoffice.orders.models import Order, OrderLine

    spec = PROFILES[profile]
    if _existing() >= spec["orders"]:
        return
    _clear()
    started = time.perf_counter()
    rng = random.Random(SEED)
    bench_company = Company.objects.get(pk=bench_company_id)
    visible = list(products_visible_to(catalog_access_for_company(bench_company)).values_list("pk", flat=True))
    favourites = rng.sample(visible, min(spec["bench_pool"], len(visible)))
    everything = list(Product.objects.filter(is_active=True).values_list("pk", flat=True))
    pool = rng.sample(everything, min(spec["pool"], len(everything)))
    products = _catalogue(sorted(set(pool) | set(favourites)))
    companies = [pk for pk in Company.objects.filter(is_active=True).exclude(pk=bench_company_id).values_list("pk", flat=True)]
    bench_orders = spec["bench_lines"] // spec["lines"]
    owners = [bench_company_id] * bench_orders + [rng.choice(companies) for _ in range(spec["orders"] - bench_orders)]
    rng.shuffle(owners)
    now = timezone.now()
    written = 0
    for start in range(0, len(owners), CHUNK):
        with transaction.atomic():
            orders = []
            for n, company_id in enumerate(owners[start:start + CHUNK], start=start):
                placed_at = now - timedelta(seconds=rng.randint(0, DAYS * 86_400))
                status = Order.Status.CANCELLED if n % 50 == 7 else (Order.Status.COMPLETED if placed_at < now - timedelta(days=30)
                                                                       else Order.Status.SHIPPED)
                orders.append(Order(number=f"{PREFIX}{n + 1:07d}", company_id=company_id, placed_at=placed_at, status_changed_at=placed_at,
                                    status=status, currency="PLN", customer_reference=f"PO-{n % 997}" if n % 3 == 0 else "",
                                    delivery_method="courier", payment_method="cod"))
            Order.objects.bulk_create(orders, batch_size=CHUNK)
            lines = []
            for order in orders:
                choices = favourites if order.company_id == bench_company_id else pool
                net_total = gross_total = Decimal("0")
                for position, product_id in enumerate(rng.sample(choices, min(spec["lines"], len(choices))), start=1):
                    sku, name, vat = products[product_id]
                    quantity = Decimal(rng.choice((1, 2, 3, 5, 10, 12, 20, 50)))
                    unit_net = Decimal(rng.randint(100, 50_000)) / 100
                    net = quantity * unit_net
                    gross = (net * (100 + vat) / 100).quantize(Decimal("0.01"))
                    net_total, gross_total = net_total + net, gross_total + gross
                    lines.append(OrderLine(order_id=order.pk, position=position, product_id=product_id, sku=sku, name=name[:255],
                                           quantity=quantity, base_quantity=quantity, unit_net=unit_net, vat_rate=vat, line_net=net,
                                           line_gross=gross))
                order.net, order.gross, order.vat = net_total, gross_total, gross_total - net_total
            OrderLine.objects.bulk_create(lines, batch_size=2_000)
            Order.objects.bulk_update(orders, ["net", "vat", "gross"], batch_size=CHUNK)
            written += len(orders) + len(lines)
    seconds = time.perf_counter() - started
    print(f"BENCH history_generate_{profile} seconds={seconds:.1f} rows_written={written}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S", choices=sorted(PROFILES))
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", help="another database with an imported ERP package (default: the ERP benchmark's)")
    args = parser.parse_args()
    from erp_import import database_url, setup_django

    setup_django(args.database_url or database_url(args.profile, args.db))
    import gc

    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from backoffice.orders.models import Order, OrderLine
    from catalog_bench import prepare
    from run import measure

    settings.ALLOWED_HOSTS = ["testserver"]
    user = prepare()
    generate(args.profile, user.company_id)
    mine = OrderLine.objects.filter(order__company_id=user.company_id)
    big = Order.objects.filter(company_id=user.company_id).annotate(n=Count("lines")).order_by("-n", "-pk").first()
    print(f"# bench customer {user.company_id}: {mine.count()} order lines, {mine.values('product_id').distinct().count()} products")
    gc.freeze()  # what was loaded so far lives for the whole process, as in a server worker
    client = Client()
    client.force_login(user)
    measure("recently_bought", client, reverse("orders:recently_bought"), data={"months": 12})
    measure("recently_bought_24", client, reverse("orders:recently_bought"), data={"months": 24})
    measure("order_list", client, reverse("orders:order_list"))
    measure("order_detail", client, reverse("orders:order_detail", args=[big.pk]))


if __name__ == "__main__":
    main()
