"""Price engine benchmark, run by `make bench` after the ERP import benchmark (which leaves the
profile's data in its database):
  BENCH price_page_48  p50_ms=.. p95_ms=.. queries=..   48 products, one customer with a contract
                                                        list and category discounts
  BENCH price_cart_500 p50_ms=.. p95_ms=.. queries=..   a 500-line cart with every rule type active
Each measurement is the selector (database) plus the pure engine, as a page would call them.
"""
import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))


def setup(profile: str, db: str) -> None:
    from erp_import import database_url, setup_django

    setup_django(database_url(profile, db))


def configure_every_rule(company, products) -> None:
    """Idempotent: a customer group with order tiers, quantity tiers, packaging, promotions."""
    from django.utils import timezone

    from backoffice.pricing.models import CustomerGroup, OrderValueTier, PricingSettings, Promotion, QuantityDiscountTier

    today = timezone.localdate()
    group, _ = CustomerGroup.objects.get_or_create(name="Bench group")
    for threshold, percent in ((Decimal("1000"), Decimal("1")), (Decimal("10000"), Decimal("2"))):
        OrderValueTier.objects.get_or_create(group=group, currency=company.currency, threshold=threshold, defaults={"percent": percent})
    if company.customer_group_id != group.pk:
        company.customer_group = group
        company.save(update_fields=["customer_group"])
    for quantity, percent in ((Decimal("10"), Decimal("2")), (Decimal("100"), Decimal("5"))):
        QuantityDiscountTier.objects.get_or_create(min_quantity=quantity, defaults={"percent": percent})
    settings = PricingSettings.current()
    settings.packaging_discount_percent = Decimal("3")
    settings.save()
    for product_id in products[:50]:
        Promotion.objects.get_or_create(
            product_id=product_id, currency=company.currency,
            defaults={"name": "Bench 10+1", "buy_quantity": 10, "promo_price": Decimal("0.01"),
                      "valid_from": today - timedelta(days=1), "valid_to": today + timedelta(days=30)},
        )


def measure(name: str, function, runs: int = 30) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for i in range(runs + 3):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            function()
            elapsed = (time.perf_counter() - started) * 1000
        if i >= 3:
            timings.append(elapsed)
            queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    print(f"BENCH {name} p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} queries={queries}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    setup(args.profile, args.db)
    from django.db.models import Count

    from backoffice.accounts.models import Company
    from backoffice.pricing.engine import quote_cart, quote_line
    from backoffice.pricing.models import Price
    from backoffice.pricing.selectors import pricing_input_for
    from backoffice.pricing.types import LineRequest

    company = (
        Company.objects.filter(price_list__isnull=False, b2b_access=True, distributor__isnull=True)
        .annotate(contracts=Count("contract_prices"), discounts=Count("category_discounts", distinct=True))
        .filter(discounts__gt=0)
        .order_by("-contracts")
        .first()
    )
    listed = list(Price.objects.filter(price_list_id=company.price_list_id, is_active=True).order_by("product_id").values_list("product_id", flat=True)[:500])
    contract = list(company.contract_prices.filter(is_active=True).values_list("product_id", flat=True)[:24])
    page = (contract + [p for p in listed if p not in contract])[:48]
    configure_every_rule(company, listed)

    def price_page():
        pricing = pricing_input_for(company, page)
        return [quote_line(pricing, LineRequest(product_id=pid, quantity=Decimal("1"))) for pid in page]

    cart = [LineRequest(product_id=pid, quantity=Decimal(1 + (i % 120))) for i, pid in enumerate(listed)]

    def price_cart():
        pricing = pricing_input_for(company, listed)
        return quote_cart(pricing, cart)

    # Objects loaded at start-up are moved out of the collector's way, as a production worker does
    # after forking (gc.freeze); otherwise a full collection now and then shows up as a p95 spike.
    import gc

    price_cart()
    gc.collect()
    gc.freeze()
    measure("price_page_48", price_page)
    measure("price_cart_500", price_cart)


if __name__ == "__main__":
    main()
