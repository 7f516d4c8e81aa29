"""Read pricing data for the price engine: one PricingInput per customer and day.

The engine (pricing/engine.py) never touches the database; everything it needs is gathered here
in a fixed number of queries, however many products are priced.
"""
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from backoffice.catalog.models import Product, ProductUnit
from backoffice.catalog.tree import category_tree

from .models import CategoryDiscount, ContractPrice, OrderValueTier, Price, PricingSettings, Promotion, QuantityDiscountTier
from .types import BuyXPromotion, PricingInput, ProductPricingData
from .types import OrderValueTier as OrderValueTierData
from .types import QuantityTier


def _valid_on(today: date) -> Q:
    """Rules with optional dates: no start date means "since always", no end date "for ever"."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))


def _top_category_id(path: str | None) -> int | None:
    """The first segment of a category path ("/12/40/97/" -> 12) is the top-level category's pk."""
    first = (path or "").strip("/").split("/", 1)[0]
    return int(first) if first.isdigit() else None


RULES_KEY = "pricing:shared-rules:v1"
RULES_TTL = 60


def pricing_rules_changed() -> None:
    """Drop the cached platform-wide rules (called when staff save settings or quantity tiers)."""
    cache.delete(RULES_KEY)


def _shared_rules(today: date) -> tuple[PricingSettings, tuple[QuantityTier, ...]]:
    """Settings and quantity tiers are the same for every customer: read once a minute, not per page."""
    cached = cache.get(RULES_KEY)
    if cached is not None and cached[0] == today:
        return cached[1], cached[2]
    settings_row = PricingSettings.objects.filter(pk=1).first() or PricingSettings(pk=1)
    quantity_tiers = tuple(
        QuantityTier(min_quantity=min_quantity, percent=percent)
        for min_quantity, percent in QuantityDiscountTier.objects.filter(_valid_on(today), is_active=True)
        .order_by("min_quantity", "-percent")
        .values_list("min_quantity", "percent")
    )
    cache.set(RULES_KEY, (today, settings_row, quantity_tiers), RULES_TTL)
    return settings_row, quantity_tiers


def end_customer_markup(company) -> Decimal:
    """A11: the % an end customer pays on top of its distributor's prices: its own markup (set
    per end customer by the distributor) wins; else the distributor's default; else none."""
    if company.markup_percent is not None:
        return company.markup_percent
    return company.distributor.markup_percent or Decimal("0")


def pricing_input_for(company, product_ids: Iterable[int], *, today: date | None = None, loaded_products: Iterable | None = None) -> PricingInput:
    """Everything the engine needs to price `product_ids` for `company` on `today` (default: today
    in Europe/Warsaw).

    Amounts are in the company's currency: list prices come only from a price list in that
    currency, contract prices and promotions only in that currency; nothing is converted.
    An end customer (company.distributor set) is priced from its DISTRIBUTOR's price list,
    contract prices and category discounts, plus `distributor_markup`: the end customer's own
    markup_percent (set by its distributor, A11) when set, else the distributor's markup_percent,
    else 0; its own customer group still decides order-value tiers.

    Queries, independent of the number of products:
      1 list prices (price list joined, for its currency and active flag)
      1 contract prices
      1 category discounts
      1 products (category path joined); none when the caller passes `loaded_products`
        (their category paths then come from the cached category tree)
      1 auxiliary units
      1 order value tiers (skipped when the company has no customer group)
      1 promotions
      + pricing settings and quantity tiers, the same for everybody: 2 queries once a minute
        (cached; `pricing_rules_changed` drops them when staff edit them)
    = 7 at most (5 when products are passed and the company has no customer group), plus 1 to
    load the distributor of an end customer unless it is already loaded. No product queries when
    `product_ids` is empty.
    """
    today = today or timezone.localdate()
    ids = sorted({int(pk) for pk in product_ids})
    currency = str(company.currency)
    end_customer = company.distributor_id is not None
    source = company.distributor if end_customer else company  # whose prices and discounts apply

    list_prices: dict[int, Decimal] = {}
    contract_prices: dict[int, Decimal] = {}
    category_discounts: dict[int, Decimal] = {}
    products: dict[int, ProductPricingData] = {}
    promotions: dict[int, BuyXPromotion] = {}

    settings_row, quantity_tiers = _shared_rules(today)
    bulk_codes = settings_row.bulk_units()

    if ids:
        if source.price_list_id:
            list_prices = dict(
                Price.objects.filter(
                    price_list_id=source.price_list_id,
                    price_list__is_active=True,
                    price_list__currency=currency,
                    is_active=True,
                    product_id__in=ids,
                ).values_list("product_id", "net")
            )
        contract_prices = dict(
            ContractPrice.objects.filter(company_id=source.pk, is_active=True, currency=currency, product_id__in=ids).values_list(
                "product_id", "net"
            )
        )
        category_discounts = dict(
            CategoryDiscount.objects.filter(company_id=source.pk, is_active=True).values_list("category_id", "percent")
        )
        units: dict[int, dict[str, Decimal]] = defaultdict(dict)
        for product_id, code, factor in ProductUnit.objects.filter(product_id__in=ids).values_list("product_id", "code", "factor"):
            units[product_id][code] = factor
        if loaded_products is not None:  # already loaded by the caller: paths come from the cached tree
            tree = category_tree()
            wanted = set(ids)
            rows = [(p.pk, p.vat_rate, tree.path_of(p.category_id)) for p in loaded_products if p.pk in wanted]
        else:
            rows = Product.objects.filter(pk__in=ids).values_list("pk", "vat_rate", "category__path")
        for product_id, vat_rate, path in rows:
            product_units = units.get(product_id, {})
            products[product_id] = ProductPricingData(
                product_id=product_id,
                top_category_id=_top_category_id(path),
                vat_rate=vat_rate,
                unit_factors=dict(product_units),
                bulk_units=frozenset(code for code in product_units if code in bulk_codes),
            )
        # One promotion per product: the most recently started one wins when several overlap.
        for promo in (
            Promotion.objects.filter(
                product_id__in=ids, is_active=True, currency=currency, valid_from__lte=today, valid_to__gte=today
            )
            .order_by("product_id", "-valid_from", "-pk")
            .values("pk", "product_id", "buy_quantity", "promo_price", "valid_from", "valid_to", "name")
        ):
            promotions.setdefault(
                promo["product_id"],
                BuyXPromotion(
                    promotion_id=promo["pk"],
                    product_id=promo["product_id"],
                    buy_quantity=promo["buy_quantity"],
                    promo_price=promo["promo_price"],
                    valid_from=promo["valid_from"],
                    valid_to=promo["valid_to"],
                    name=promo["name"],
                ),
            )

    order_value_tiers: tuple[OrderValueTierData, ...] = ()
    if company.customer_group_id:
        order_value_tiers = tuple(
            OrderValueTierData(threshold=threshold, percent=percent)
            for threshold, percent in OrderValueTier.objects.filter(
                _valid_on(today), group_id=company.customer_group_id, currency=currency, is_active=True
            )
            .order_by("threshold")
            .values_list("threshold", "percent")
        )

    return PricingInput(
        currency=currency,
        today=today,
        products=products,
        list_prices=list_prices,
        contract_prices=contract_prices,
        category_discounts=category_discounts,
        packaging_discount=settings_row.packaging_discount_percent,
        quantity_tiers=quantity_tiers,
        order_value_tiers=order_value_tiers,
        promotions=promotions,
        distributor_markup=end_customer_markup(company) if end_customer else None,
    )
