"""R03 shopping lists: named lists of products a company keeps for reuse.

A list belongs to the company: every user of the company sees and edits it; another company's
list answers 404 (`shopping_list_get_for_user`, the one access check). A product that stopped
being visible to the customer stays on the list (the customer may see it again later) but is
shown without price, marked unavailable and skipped, with a note, when the list goes into the
cart. Services are keyword-only and validate everything before writing.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.catalog.models import Product, ProductUnit
from backoffice.catalog.selectors import CatalogAccess, catalog_access_for, products_visible_to
from backoffice.catalog.selectors_card import _translated
from backoffice.pricing.engine import quote_line
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineQuote, LineRequest

from .cart import BAD_QUANTITY, NOT_VISIBLE, UNKNOWN_UNIT, CartAddReport, CartItem, cart_add_many, cart_for, clean_quantity, reason_text
from .models import CartLine, ShoppingList, ShoppingListLine
from .presale import presale_offers_for
from .selectors import buying_company

NAME_MAX = ShoppingList._meta.get_field("name").max_length
MAX_LINES = 1000  # per list: a list is read on one page


# ------------------------------------------------------------------------------------------------
# Selectors


def shopping_lists_for(user) -> QuerySet[ShoppingList]:
    """The lists of the company `user` buys for (404 for non-buyers), with their line counts."""
    company = buying_company(user)
    return (
        ShoppingList.objects.filter(company_id=company.pk).select_related("created_by")
        .annotate(line_count=Count("lines")).order_by("name", "pk")
    )


def shopping_list_get_for_user(user, pk) -> ShoppingList:
    """THE access check: the list if it belongs to the user's company, else 404."""
    company = buying_company(user)
    return get_object_or_404(ShoppingList.objects.select_related("created_by"), company_id=company.pk, pk=pk)


def shopping_list_line_get(shopping_list: ShoppingList, pk) -> ShoppingListLine:
    return get_object_or_404(ShoppingListLine, shopping_list_id=shopping_list.pk, pk=pk)


@dataclass
class ListLineView:
    line: ShoppingListLine
    available: bool  # the customer may still see (and buy) the product
    name: str = ""
    sku: str = ""
    unit_name: str = ""
    quote: LineQuote | None = None
    is_presale: bool = False


@dataclass
class ListView:
    shopping_list: ShoppingList
    lines: list[ListLineView] = field(default_factory=list)
    currency: str = ""
    net: Decimal = Decimal("0")  # of the available, priced lines

    @property
    def unavailable_count(self) -> int:
        return sum(1 for line in self.lines if not line.available)


def shopping_list_view_for(user, shopping_list: ShoppingList, *, today: date | None = None) -> ListView:
    """The list page's data in a fixed number of queries, however many lines: lines + products +
    translations 3, visible ids 1, units 1, pricing_input_for once (5-7), pre-sale offers 1."""
    access = catalog_access_for(user)
    lines = list(
        ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk)
        .select_related("product")
        .prefetch_related("product__translations")
        .order_by("pk")
    )
    ids = {line.product_id for line in lines}
    visible = set(products_visible_to(access).filter(pk__in=sorted(ids)).values_list("pk", flat=True)) if ids else set()
    shown = [line.product for line in lines if line.product_id in visible]
    pricing = pricing_input_for(user.company, visible, today=today, loaded_products=shown) if visible else None
    offers = presale_offers_for(visible)
    view = ListView(shopping_list, currency=access.currency)
    for line in lines:
        product = line.product
        if line.product_id not in visible:
            # Like the cart: a product the customer may no longer see shows no name, code or price.
            view.lines.append(ListLineView(line, available=False))
            continue
        quote = quote_line(pricing, LineRequest(product.pk, line.quantity, line.unit))
        row = ListLineView(
            line, available=quote.available, name=_translated(product, "name", product.sku), sku=product.sku,
            unit_name=line.unit or product.base_unit, quote=quote if quote.available else None, is_presale=product.pk in offers,
        )
        if row.quote:
            view.net += row.quote.line_net
        view.lines.append(row)
    return view


def list_choices_for(user) -> list[tuple[int, str]]:
    """(pk, name) of the company's lists, for the "add to list" form on the product card: 1 query."""
    company = buying_company(user)
    return list(ShoppingList.objects.filter(company_id=company.pk).order_by("name", "pk").values_list("pk", "name"))


# ------------------------------------------------------------------------------------------------
# Validation helpers (no writes)


def _clean_name(name: str, *, company_id: int, exclude_pk: int | None = None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError(_("Give the list a name."), code="name_required")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(_("The name may have at most %(max)d characters.") % {"max": NAME_MAX}, code="name_too_long")
    same = ShoppingList.objects.filter(company_id=company_id, name__iexact=cleaned)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError(_("Your company already has a list called “%(name)s”.") % {"name": cleaned}, code="name_taken")
    return cleaned


def _clean_quantity(value) -> Decimal:
    quantity = clean_quantity(value)
    if quantity is None:
        raise ValidationError(reason_text(BAD_QUANTITY), code=BAD_QUANTITY)
    return quantity


def _is_zero(value) -> bool:
    try:
        return Decimal(str(value).strip().replace(",", ".")) == 0
    except (InvalidOperation, ValueError):
        return False


def _touch(shopping_list: ShoppingList) -> None:
    shopping_list.updated_at = timezone.now()
    ShoppingList.objects.filter(pk=shopping_list.pk).update(updated_at=shopping_list.updated_at)


# ------------------------------------------------------------------------------------------------
# Services: lists


def shopping_list_create(*, user, name: str) -> ShoppingList:
    company = buying_company(user)
    cleaned = _clean_name(name, company_id=company.pk)
    return ShoppingList.objects.create(company=company, created_by=user, name=cleaned)


def shopping_list_rename(*, shopping_list: ShoppingList, name: str) -> ShoppingList:
    shopping_list.name = _clean_name(name, company_id=shopping_list.company_id, exclude_pk=shopping_list.pk)
    shopping_list.updated_at = timezone.now()
    shopping_list.save(update_fields=["name", "updated_at"])
    return shopping_list


def shopping_list_delete(*, shopping_list: ShoppingList) -> None:
    shopping_list.delete()


# ------------------------------------------------------------------------------------------------
# Services: lines


def shopping_list_add_product(*, shopping_list: ShoppingList, access: CatalogAccess, product_id: int, quantity,
                              unit: str = "") -> ShoppingListLine:
    """Put a product the customer may see on the list; the same product in the same unit adds up."""
    quantity = _clean_quantity(quantity)
    unit = unit or ""
    if not products_visible_to(access).filter(pk=product_id).exists():
        raise ValidationError(reason_text(NOT_VISIBLE), code=NOT_VISIBLE)
    if unit and not ProductUnit.objects.filter(product_id=product_id, code=unit, factor__gt=0).exists():
        raise ValidationError(reason_text(UNKNOWN_UNIT), code=UNKNOWN_UNIT)
    with transaction.atomic():
        ShoppingList.objects.select_for_update().filter(pk=shopping_list.pk).values_list("pk").first()  # one writer per list
        line = ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk, product_id=product_id, unit=unit).first()
        if line is None:
            if ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk).count() >= MAX_LINES:
                raise ValidationError(_("A list holds at most %(max)d products.") % {"max": MAX_LINES}, code="list_full")
            line = ShoppingListLine.objects.create(shopping_list=shopping_list, product_id=product_id, unit=unit, quantity=quantity)
        else:
            line.quantity = _clean_quantity(line.quantity + quantity)
            line.save(update_fields=["quantity"])
        _touch(shopping_list)
    return line


def shopping_list_find_product(*, access: CatalogAccess, code: str) -> Product:
    """A product the customer may see, by its SKU or EAN (typed on the list page)."""
    code = (code or "").strip()
    product = products_visible_to(access).filter(sku__iexact=code).first() if code else None
    if product is None and code:
        product = products_visible_to(access).filter(ean=code).first()
    if product is None:
        raise ValidationError(_("No product with the code “%(code)s” is available to you.") % {"code": code[:64]}, code="unknown_code")
    return product


def shopping_list_update_lines(*, shopping_list: ShoppingList, quantities: Mapping[int, object]) -> int:
    """Set the quantities of several lines (line pk -> quantity as typed; 0 removes the line).
    Every value is checked first; any bad one -> ValidationError, nothing written. Lines that are
    no longer on the list (removed in another tab) are skipped. Returns the lines changed."""
    lines = {line.pk: line for line in ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk, pk__in=list(quantities))}
    removed, changed = [], []
    for pk, value in quantities.items():
        line = lines.get(pk)
        if line is None:
            continue
        if _is_zero(value):
            removed.append(pk)
            continue
        quantity = clean_quantity(value)
        if quantity is None:
            raise ValidationError(reason_text(BAD_QUANTITY), code=BAD_QUANTITY)
        if quantity != line.quantity:
            line.quantity = quantity
            changed.append(line)
    with transaction.atomic():
        if removed:
            ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk, pk__in=removed).delete()
        if changed:
            ShoppingListLine.objects.bulk_update(changed, ["quantity"])
        if removed or changed:
            _touch(shopping_list)
    return len(removed) + len(changed)


def shopping_list_remove_line(*, shopping_list: ShoppingList, line_id: int) -> bool:
    deleted, _detail = ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk, pk=line_id).delete()
    if deleted:
        _touch(shopping_list)
    return bool(deleted)


# ------------------------------------------------------------------------------------------------
# Services: from and to the cart


@dataclass
class FromCartReport:
    shopping_list: ShoppingList
    saved: int
    skipped_bundles: int


def shopping_list_from_cart(*, user, name: str) -> FromCartReport:
    """Save the user's cart (product lines) as a new list. Bundles are not list items: skipped and
    counted. An empty cart is refused."""
    company = buying_company(user)
    cart = cart_for(user=user, company=company)
    lines = list(CartLine.objects.filter(cart_id=cart.pk).order_by("added_at", "pk").values_list("product_id", "unit", "quantity"))
    products = [(product_id, unit, quantity) for product_id, unit, quantity in lines if product_id]
    if not products:
        raise ValidationError(_("Your cart has no products to save."), code="cart_empty")
    cleaned = _clean_name(name, company_id=company.pk)
    with transaction.atomic():
        shopping_list = ShoppingList.objects.create(company=company, created_by=user, name=cleaned)
        ShoppingListLine.objects.bulk_create(
            ShoppingListLine(shopping_list=shopping_list, product_id=product_id, unit=unit, quantity=quantity)
            for product_id, unit, quantity in products[:MAX_LINES]
        )
    return FromCartReport(shopping_list, saved=min(len(products), MAX_LINES), skipped_bundles=len(lines) - len(products))


@dataclass
class ToCartReport:
    cart: CartAddReport
    unavailable: list[ShoppingListLine] = field(default_factory=list)  # no longer visible: not added
    names: dict[int, str] = field(default_factory=dict)  # line pk -> product name (visible products)

    @property
    def added_count(self) -> int:
        return self.cart.added_count


def shopping_list_to_cart(*, user, shopping_list: ShoppingList, line_ids: Iterable[int] | None = None,
                          quantities: Mapping[int, object] | None = None) -> ToCartReport:
    """Put the list's lines (all, or `line_ids`) into the user's cart with cart_add_many. A product
    the customer may no longer see is skipped and reported; `quantities` (line pk -> quantity)
    orders a different quantity this time without changing the list. The list is not changed."""
    access = catalog_access_for(user)
    lines = ShoppingListLine.objects.filter(shopping_list_id=shopping_list.pk).select_related("product").order_by("pk")
    if line_ids is not None:
        lines = lines.filter(pk__in=[int(pk) for pk in line_ids])
    lines = list(lines)
    if not lines:
        raise ValidationError(_("Choose at least one product of the list."), code="nothing_chosen")
    quantities = quantities or {}
    for line in lines:
        if line.pk in quantities:
            line.quantity = _clean_quantity(quantities[line.pk])  # checked before anything is written
    ids = sorted({line.product_id for line in lines})
    visible = set(products_visible_to(access).filter(pk__in=ids).values_list("pk", flat=True))
    report = ToCartReport(cart=CartAddReport(), unavailable=[line for line in lines if line.product_id not in visible])
    report.names = {line.pk: line.product.sku for line in lines if line.product_id in visible}
    items = [CartItem(line.product_id, line.quantity, line.unit, source_line=line.pk) for line in lines if line.product_id in visible]
    if items:
        cart = cart_for(user=user, company=buying_company(user))
        report.cart = cart_add_many(cart=cart, access=access, items=items)
    return report
