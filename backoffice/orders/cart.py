"""Cart services (S09, C06, C10): put products and bundles into a buyer's cart, change, remove.

Every write validates first and writes afterwards, in one transaction with bulk statements:
- a product must be visible to the customer (catalog/selectors.products_visible_to: hidden,
  unpriced and missing products all look the same - "not available to you");
- the unit is "" (base unit) or one of the product's auxiliary units with a positive factor;
- the quantity is positive, has at most 3 decimal places and stays below MAX_QUANTITY, also after
  adding to what the cart already holds;
- pre-sale products (S07) are never mixed with anything else (orders/presale.py).
A product line and a unit are one cart line: adding the same product in the same unit again adds
up. A bundle (C10) is one line in bundles (whole numbers); it is split into components only on
the order. Prices are never stored: the cart read model (cart_view.py) quotes on every read.

The cart is locked (select_for_update; real on PostgreSQL) while lines are written, so two tabs
adding at once do not trip over the unique (cart, product, unit) constraint.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.catalog.models import ProductUnit
from backoffice.catalog.selectors import CatalogAccess, products_visible_to
from backoffice.core import modules

from .models import Cart, CartLine
from .presale import presale_mix_error, presale_offers_for

MAX_QUANTITY = Decimal("1000000")  # per line, in the line's unit (the product card allows the same)
QUANTITY_PLACES = 3  # CartLine.quantity has 3 decimal places

# Why an item was refused (CartRejection.code); the text is translated when the report is made.
UNKNOWN_CODE = "unknown_code"
NOT_VISIBLE = "not_visible"
BAD_QUANTITY = "bad_quantity"
UNKNOWN_UNIT = "unknown_unit"
PRESALE_CONFLICT = "presale_conflict"


def reason_text(code: str) -> str:
    """The customer-facing text of a refusal code (pre-sale texts come from presale.py)."""
    return {
        UNKNOWN_CODE: _("Unknown product code."),
        NOT_VISIBLE: _("This product is not available to you."),
        BAD_QUANTITY: _("Enter a quantity greater than zero, with at most 3 decimal places and below 1,000,000."),
        UNKNOWN_UNIT: _("This unit is not sold for this product."),
    }[code]


@dataclass(frozen=True)
class CartItem:
    """One product to add: quantity in `unit` ("" = base unit). `source_line` is where the item
    came from (a pasted or imported line number), carried into the report."""

    product_id: int
    quantity: Decimal
    unit: str = ""
    source_line: int | None = None


@dataclass(frozen=True)
class CartRejection:
    item: CartItem
    code: str  # UNKNOWN_CODE, NOT_VISIBLE, ...
    reason: str  # translated, in the active language


@dataclass
class CartAddReport:
    added: list[CartItem] = field(default_factory=list)  # accepted items, in the order given
    lines: list[CartLine] = field(default_factory=list)  # cart lines created or increased
    rejected: list[CartRejection] = field(default_factory=list)

    @property
    def added_count(self) -> int:
        return len(self.added)


# ------------------------------------------------------------------------------------------------
# Small validators (pure)


def clean_quantity(value) -> Decimal | None:
    """A sane cart quantity as Decimal, or None. Accepts Decimal, int and strings ("2,5")."""
    if isinstance(value, (float, bool)):
        return None
    try:
        quantity = Decimal(str(value).strip().replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not quantity.is_finite() or quantity <= 0 or quantity >= MAX_QUANTITY:
        return None
    if quantity.as_tuple().exponent < -QUANTITY_PLACES and quantity != round(quantity, QUANTITY_PLACES):
        return None
    return quantity.quantize(Decimal(1).scaleb(-QUANTITY_PLACES))


def _valid_units(product_ids: Iterable[int]) -> dict[int, set[str]]:
    """Auxiliary unit codes per product, with a usable (positive) factor: 1 query."""
    units: dict[int, set[str]] = {}
    for product_id, code in ProductUnit.objects.filter(product_id__in=list(product_ids), factor__gt=0).values_list("product_id", "code"):
        units.setdefault(product_id, set()).add(code)
    return units


def _reject(report: CartAddReport, item: CartItem, code: str, reason: str | None = None) -> None:
    report.rejected.append(CartRejection(item, code, reason or reason_text(code)))


def _cart_contents(cart: Cart) -> list[CartLine]:
    return list(CartLine.objects.filter(cart_id=cart.pk).only("pk", "cart_id", "product_id", "bundle_id", "unit", "quantity"))


def _bundle_marker(bundle_id: int) -> int:
    """Bundles count as "other products" for the pre-sale rule: a negative id never matches an offer."""
    return -int(bundle_id)


def _cart_identities(lines: Iterable[CartLine]) -> set[int]:
    return {line.product_id if line.product_id else _bundle_marker(line.bundle_id) for line in lines}


def _lock(cart: Cart) -> None:
    Cart.objects.select_for_update().filter(pk=cart.pk).values_list("pk").first()


def _touch(cart: Cart) -> None:
    cart.updated_at = timezone.now()
    Cart.objects.filter(pk=cart.pk).update(updated_at=cart.updated_at)


# ------------------------------------------------------------------------------------------------
# Services


def cart_for(*, user, company) -> Cart:
    """The open cart of `user` buying for `company` (created on first use)."""
    cart, _created = Cart.objects.get_or_create(user=user, company=company)
    cart.user, cart.company = user, company  # keep the caller's objects (memoised catalog access)
    return cart


def cart_add_many(*, cart: Cart, access: CatalogAccess, items: Sequence[CartItem]) -> CartAddReport:
    """Add `items` to `cart`: every item is checked first; valid ones are written together (same
    product and unit: quantities add up), the others come back in the report with a reason.

    Queries, however many items: visible products 1, units 1 (only with units), then in the
    transaction: lock 1, cart lines 1, pre-sale offers 1 (module on), create 1, update 1, touch 1.
    """
    report = CartAddReport()
    ids = {int(item.product_id) for item in items if isinstance(item.product_id, int) and item.product_id > 0}
    visible = set(products_visible_to(access).filter(pk__in=sorted(ids)).values_list("pk", flat=True)) if ids else set()
    units = _valid_units(visible) if any(item.unit for item in items) else {}

    checked: list[tuple[CartItem, Decimal]] = []
    for item in items:
        quantity = clean_quantity(item.quantity)
        if item.product_id not in visible:
            _reject(report, item, NOT_VISIBLE)
        elif item.unit and item.unit not in units.get(item.product_id, ()):
            _reject(report, item, UNKNOWN_UNIT)
        elif quantity is None:
            _reject(report, item, BAD_QUANTITY)
        else:
            checked.append((item, quantity))
    if not checked:
        return report

    with transaction.atomic():
        _lock(cart)
        existing = _cart_contents(cart)
        present = _cart_identities(existing)
        offers = presale_offers_for({item.product_id for item, _q in checked} | {pk for pk in present if pk > 0})
        by_key = {(line.product_id, line.unit): line for line in existing if line.product_id}
        new_lines: dict[tuple[int, str], CartLine] = {}
        changed: dict[int, CartLine] = {}
        for item, quantity in checked:
            mix = presale_mix_error(present | {item.product_id}, offers) if offers else None
            if mix:
                _reject(report, item, PRESALE_CONFLICT, mix)
                continue
            key = (item.product_id, item.unit)
            line = by_key.get(key) or new_lines.get(key)
            if line is not None and clean_quantity(line.quantity + quantity) is None:
                _reject(report, item, BAD_QUANTITY)
                continue
            if line is None:
                new_lines[key] = CartLine(cart_id=cart.pk, product_id=item.product_id, unit=item.unit, quantity=quantity)
            else:
                line.quantity += quantity
                if line.pk:
                    changed[line.pk] = line
            present.add(item.product_id)
            report.added.append(item)
        if new_lines:
            CartLine.objects.bulk_create(list(new_lines.values()))
        if changed:
            CartLine.objects.bulk_update(list(changed.values()), ["quantity"])
        if report.added:
            _touch(cart)
    report.lines = [*changed.values(), *new_lines.values()]
    return report


def cart_add(*, cart: Cart, access: CatalogAccess, product_id: int | None = None, bundle_id: int | None = None,
             quantity, unit: str = "") -> CartLine:
    """Add one product (in `unit`) or one bundle; ValidationError with the reason otherwise."""
    if (product_id is None) == (bundle_id is None):
        raise ValueError("give either product_id or bundle_id")
    if bundle_id is not None:
        return _bundle_add(cart=cart, bundle_id=bundle_id, quantity=quantity)
    report = cart_add_many(cart=cart, access=access, items=[CartItem(int(product_id), quantity, unit or "")])
    if report.rejected:
        raise ValidationError(report.rejected[0].reason, code=report.rejected[0].code)
    return report.lines[0]


def _bundle_add(*, cart: Cart, bundle_id: int, quantity) -> CartLine:
    """C10: a bundle is offered when bundles_offered (catalog/selectors_card.py) says so for the
    cart's buyer; bundles are bought in whole numbers."""
    from backoffice.catalog.selectors_card import bundles_offered

    cleaned = clean_quantity(quantity)
    if cleaned is None or cleaned != cleaned.to_integral_value():
        raise ValidationError(_("Enter a whole number of bundles."), code=BAD_QUANTITY)
    if not modules.is_enabled("bundles") or not bundles_offered(cart.user, [bundle_id]):
        raise ValidationError(_("This bundle is not available to you."), code=NOT_VISIBLE)
    with transaction.atomic():
        _lock(cart)
        existing = _cart_contents(cart)
        offers = presale_offers_for([line.product_id for line in existing if line.product_id])
        mix = presale_mix_error(_cart_identities(existing) | {_bundle_marker(bundle_id)}, offers) if offers else None
        if mix:
            raise ValidationError(mix, code=PRESALE_CONFLICT)
        line = next((line for line in existing if line.bundle_id == int(bundle_id)), None)
        if line is None:
            line = CartLine.objects.create(cart_id=cart.pk, bundle_id=bundle_id, quantity=cleaned)
        else:
            total = clean_quantity(line.quantity + cleaned)
            if total is None:
                raise ValidationError(reason_text(BAD_QUANTITY), code=BAD_QUANTITY)
            line.quantity = total
            line.save(update_fields=["quantity"])
        _touch(cart)
    return line


@dataclass(frozen=True)
class LineUpdate:
    line_id: int
    quantity: object  # as typed; 0 removes the line
    unit: str | None = None  # None = keep the unit


def _is_zero(value) -> bool:
    try:
        return Decimal(str(value).strip().replace(",", ".")) == 0
    except (InvalidOperation, ValueError):
        return False


def cart_lines_update(*, cart: Cart, updates: Sequence[LineUpdate]) -> None:
    """Change quantities (and units) of several lines at once, as the cart page's one form does.
    All changes are checked first; any error -> ValidationError listing them, nothing written.
    Quantity 0 removes a line; a unit change onto a unit the product already has in the cart
    merges the two lines. Lines no longer in the cart (removed in another tab) are skipped."""
    with transaction.atomic():
        _lock(cart)
        lines = {line.pk: line for line in _cart_contents(cart)}
        original_units = {pk: line.unit for pk, line in lines.items()}
        asked = [u for u in updates if u.line_id in lines]
        unit_products = {lines[u.line_id].product_id for u in asked if u.unit and lines[u.line_id].product_id}
        units = _valid_units(unit_products) if unit_products else {}
        errors: list[str] = []
        removed: set[int] = set()
        for update in asked:
            line = lines[update.line_id]
            if _is_zero(update.quantity):
                removed.add(line.pk)
                continue
            quantity = clean_quantity(update.quantity)
            unit = line.unit if update.unit is None or line.bundle_id else update.unit
            if line.bundle_id and quantity is not None and quantity != quantity.to_integral_value():
                errors.append(_("Enter a whole number of bundles."))
            elif quantity is None:
                errors.append(reason_text(BAD_QUANTITY))
            elif unit != line.unit and unit and unit not in units.get(line.product_id, ()):
                errors.append(reason_text(UNKNOWN_UNIT))
            else:
                line.quantity, line.unit = quantity, unit
        if errors:
            raise ValidationError(list(dict.fromkeys(errors)))
        merged: dict[tuple, CartLine] = {}
        for pk, line in lines.items():  # two product lines now in the same unit become one
            if pk in removed:
                continue
            key = ("bundle", line.bundle_id) if line.bundle_id else ("product", line.product_id, line.unit)
            if key not in merged:
                merged[key] = line
                continue
            total = clean_quantity(merged[key].quantity + line.quantity)
            if total is None:
                raise ValidationError(reason_text(BAD_QUANTITY))
            merged[key].quantity = total
            removed.add(pk)
        if removed:
            CartLine.objects.filter(cart_id=cart.pk, pk__in=removed).delete()
        survivors = list(merged.values())
        if survivors:
            CartLine.objects.bulk_update(survivors, ["quantity"])
        moved = [line for line in survivors if line.unit != original_units[line.pk]]
        if moved:
            # Two lines may swap units: park each on a unique temporary unit first (unique constraint).
            CartLine.objects.bulk_update([CartLine(pk=line.pk, unit=f"~{line.pk}") for line in moved], ["unit"])
            CartLine.objects.bulk_update(moved, ["unit"])
        _touch(cart)


def cart_line_set_quantity(*, cart: Cart, line_id: int, quantity, unit: str | None = None) -> None:
    """One line's quantity (0 removes it) and optionally its unit; ValidationError on bad input."""
    if not CartLine.objects.filter(cart_id=cart.pk, pk=line_id).exists():
        raise ValidationError(_("This line is no longer in your cart."))
    cart_lines_update(cart=cart, updates=[LineUpdate(int(line_id), quantity, unit)])


def cart_line_remove(*, cart: Cart, line_id: int) -> bool:
    """Remove a line of this cart; False when it was not there (already removed, another cart)."""
    deleted, _detail = CartLine.objects.filter(cart_id=cart.pk, pk=line_id).delete()
    if deleted:
        _touch(cart)
    return bool(deleted)


def cart_clear(*, cart: Cart) -> int:
    deleted, _detail = CartLine.objects.filter(cart_id=cart.pk).delete()
    _touch(cart)
    return deleted
