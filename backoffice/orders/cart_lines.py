"""Typed or imported order lines ("SKU-or-EAN quantity") into the cart: the ONE parser and code
lookup behind the quick-order pad (quick_order.py) and the CSV/Excel import (cart_import.py).

1. `split_line` turns one line's cells into (code, quantity text). A pasted line is split on tab
   or semicolon when it has one, else on whitespace (the last token is the quantity, so codes may
   contain spaces), else on the first comma (so "ABC,2,5" is 2.5 of ABC: decimal comma).
2. A first row without any digit whose quantity is not a number is a header and is skipped.
3. `resolve_codes` finds products for all codes at once, in this order: exact SKU, EAN of a
   product, EAN of an auxiliary unit (-> that unit, S09), SKU ignoring case, the customer's own
   product code (C09). A fixed number of queries for any number of codes.
4. cart_add_many (cart.py) checks visibility, units, quantities and pre-sale and adds the rest.
The report lists every refused line: its number, the code and the reason in the user's language.
"""
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from backoffice.catalog.models import CustomerProductCode, Product, ProductUnit
from backoffice.catalog.selectors import CatalogAccess, products_visible_to

from .cart import BAD_QUANTITY, UNKNOWN_CODE, CartItem, cart_add_many, clean_quantity, reason_text
from .models import Cart

MAX_LINES = 2000  # one paste or file; a 1,000-line import is the benchmark
MAX_CODE_LENGTH = 64
ONE = Decimal("1")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line (or spreadsheet row) number, as the customer sees it
    code: str
    quantity: str  # as typed; "" when missing


@dataclass(frozen=True)
class LineProblem:
    number: int
    code: str
    reason: str


@dataclass
class LinesReport:
    added: int = 0
    problems: list[LineProblem] = field(default_factory=list)
    error: str = ""  # the whole input was refused (too many lines, unreadable file): nothing added

    @property
    def ok(self) -> bool:
        return not self.error and not self.problems


def split_line(cells: Sequence[str]) -> tuple[str, str]:
    """(code, quantity text) of one line. `cells` are spreadsheet cells, or [text] of a pasted line."""
    cells = [str(cell).strip() if cell is not None else "" for cell in cells]
    if len(cells) > 1:
        return cells[0], cells[1]
    text = cells[0] if cells else ""
    for separator in ("\t", ";"):
        if separator in text:
            parts = [part.strip() for part in text.split(separator)]
            return parts[0], parts[1]
    tokens = _WHITESPACE.split(text)
    if len(tokens) > 1:
        return " ".join(tokens[:-1]), tokens[-1]
    if "," in text:
        code, quantity = text.split(",", 1)
        return code.strip(), quantity.strip()
    return text, ""


def _is_header(code: str, quantity: str) -> bool:
    return clean_quantity(quantity) is None and not any(ch.isdigit() for ch in code + quantity)


def source_lines(rows: Iterable[tuple[int, Sequence[str]]]) -> list[SourceLine]:
    """Non-empty lines as (code, quantity); the header row (if any) left out. ValueError when
    there are more than MAX_LINES."""
    lines: list[SourceLine] = []
    for number, cells in rows:
        code, quantity = split_line(cells)
        if not code and not quantity:
            continue
        if not lines and _is_header(code, quantity):
            continue
        lines.append(SourceLine(number, code, quantity))
        if len(lines) > MAX_LINES:
            raise ValueError(_("Too many lines: at most %(count)s at a time.") % {"count": MAX_LINES})
    return lines


def text_rows(text: str) -> list[tuple[int, list[str]]]:
    return [(number, [line]) for number, line in enumerate(text.splitlines(), start=1)]


def _normalise(code: str) -> str:
    return code.strip().strip('"').strip()


def resolve_codes(codes: Iterable[str], access: CatalogAccess) -> dict[str, tuple[int, str]]:
    """code -> (product id, unit) for the codes that name a product (see the module docstring for
    the order). When several products share a code the one this customer may see wins.
    Queries: SKU 1, product EAN 1, unit EAN 1 (numeric codes only), SKU ignoring case 1 (only for
    codes still unknown), customer codes 1 (idem), visibility 1 (only when a code is ambiguous)."""
    wanted = {code for code in codes if code and len(code) <= MAX_CODE_LENGTH}
    candidates: dict[str, list[tuple[int, str]]] = {}

    def found(code: str, product_id: int, unit: str = "") -> None:
        candidates.setdefault(code, [])
        if (product_id, unit) not in candidates[code]:
            candidates[code].append((product_id, unit))

    for pk, sku in Product.objects.filter(sku__in=wanted, is_active=True).values_list("pk", "sku"):
        found(sku, pk)
    numbers = sorted(code for code in wanted - candidates.keys() if code.isdigit())
    if numbers:
        for pk, ean in Product.objects.filter(ean__in=numbers, is_active=True).order_by("pk").values_list("pk", "ean"):
            found(ean, pk)
        for pk, unit, ean in ProductUnit.objects.filter(ean__in=numbers, factor__gt=0, product__is_active=True).order_by(
                "product_id").values_list("product_id", "code", "ean"):
            if ean not in candidates or candidates[ean][0][1]:  # a product's own EAN beats a unit's
                found(ean, pk, unit)
    left = {code.upper(): code for code in wanted - candidates.keys()}
    if left:
        for pk, upper in Product.objects.annotate(upper_sku=Upper("sku")).filter(upper_sku__in=list(left), is_active=True).values_list(
                "pk", "upper_sku"):
            found(left[upper], pk)
        still = [code for code in left.values() if code not in candidates]
        if still:
            for pk, code in CustomerProductCode.objects.filter(company_id=access.company_id, code__in=still).values_list(
                    "product_id", "code"):
                found(code, pk)

    ambiguous = {pk for options in candidates.values() if len(options) > 1 for pk, _unit in options}
    visible = set(products_visible_to(access).filter(pk__in=sorted(ambiguous)).values_list("pk", flat=True)) if ambiguous else set()
    return {code: next((o for o in options if o[0] in visible), options[0]) for code, options in candidates.items()}


def lines_add(*, cart: Cart, access: CatalogAccess, lines: list[SourceLine], default_quantity: Decimal | None = None) -> LinesReport:
    """Add parsed lines to the cart. A missing quantity is `default_quantity` (the pad: 1, a
    scanned EAN) or an error (files)."""
    report = LinesReport()
    codes = {line.number: _normalise(line.code) for line in lines}
    products = resolve_codes(codes.values(), access)
    items: list[CartItem] = []
    for line in lines:
        code = codes[line.number]
        quantity = clean_quantity(line.quantity) if line.quantity else default_quantity
        if code not in products:
            report.problems.append(LineProblem(line.number, code, reason_text(UNKNOWN_CODE)))
        elif quantity is None:
            report.problems.append(LineProblem(line.number, code, reason_text(BAD_QUANTITY)))
        else:
            product_id, unit = products[code]
            items.append(CartItem(product_id, quantity, unit, source_line=line.number))
    if items:
        added = cart_add_many(cart=cart, access=access, items=items)
        report.added = added.added_count
        report.problems += [LineProblem(r.item.source_line, codes[r.item.source_line], r.reason) for r in added.rejected]
    report.problems.sort(key=lambda problem: problem.number)
    return report
