"""Inputs and outputs of the price engine (backoffice/pricing/engine.py): plain, immutable data.

The selector (pricing/selectors.py) fills a PricingInput from the database in a fixed number of
queries; the engine never touches the database.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class ProductPricingData:
    product_id: int
    top_category_id: int | None  # the product's top-level category (P03 discounts are per top level)
    vat_rate: Decimal  # e.g. Decimal("23")
    unit_factors: dict[str, Decimal] = field(default_factory=dict)  # auxiliary unit code -> base units
    bulk_units: frozenset[str] = frozenset()  # unit codes that count as bulk packaging (P05)


@dataclass(frozen=True)
class QuantityTier:
    """P07: from `min_quantity` base units of the same product, `percent` off (same for everybody)."""

    min_quantity: Decimal
    percent: Decimal


@dataclass(frozen=True)
class OrderValueTier:
    """P06: from an order net value of `threshold` (customer's currency), `percent` off the order."""

    threshold: Decimal
    percent: Decimal


@dataclass(frozen=True)
class BuyXPromotion:
    """P08: for every `buy_quantity` base units bought, one more unit costs `promo_price`."""

    promotion_id: int
    product_id: int
    buy_quantity: int
    promo_price: Decimal  # in the customer's currency, e.g. 0.01 or 1.00
    valid_from: date
    valid_to: date
    name: str = ""


@dataclass(frozen=True)
class PricingInput:
    """Everything needed to price any number of lines for one customer on one day."""

    currency: str
    today: date
    products: dict[int, ProductPricingData]
    list_prices: dict[int, Decimal]  # P01: product_id -> net price in the customer's price list
    contract_prices: dict[int, Decimal] = field(default_factory=dict)  # P04
    category_discounts: dict[int, Decimal] = field(default_factory=dict)  # P03: top category id -> %
    packaging_discount: Decimal = Decimal("0")  # P05: % when buying in a bulk unit
    quantity_tiers: tuple[QuantityTier, ...] = ()  # P07
    order_value_tiers: tuple[OrderValueTier, ...] = ()  # P06 (the customer's group)
    promotions: dict[int, BuyXPromotion] = field(default_factory=dict)  # P08, product_id -> promotion
    distributor_markup: Decimal | None = None  # A11: end customers pay the distributor's price + %


@dataclass(frozen=True)
class LineRequest:
    product_id: int
    quantity: Decimal  # in `unit`
    unit: str = ""  # "" = base unit


@dataclass(frozen=True)
class AppliedRule:
    code: str  # "list_price", "contract_price", "category_discount", "quantity_discount", ...
    label: str  # shown to people: "category discount 5%"
    percent: Decimal | None = None
    amount: Decimal | None = None  # unit price after this rule


@dataclass(frozen=True)
class LineQuote:
    product_id: int
    quantity: Decimal
    unit: str
    base_quantity: Decimal
    currency: str
    unit_net: Decimal  # per sales unit, rounded to the currency
    vat_rate: Decimal
    unit_gross: Decimal
    line_net: Decimal  # rounded; includes P08 promotional units
    line_gross: Decimal
    rules: tuple[AppliedRule, ...]
    available: bool = True  # False when the customer has no price for the product (C03)


@dataclass(frozen=True)
class CartQuote:
    currency: str
    lines: tuple[LineQuote, ...]
    order_discount_percent: Decimal
    order_discount: Decimal  # net amount taken off by P06 (distributed over the lines)
    net: Decimal
    vat: Decimal
    gross: Decimal
    rules: tuple[AppliedRule, ...]
