"""F05/S03/S04: turn a placed order into outbox rows (ErpHandoff), one "customer order" document per
part, delivered to the ERP after commit by a django-q2 task (handoff_delivery.py).

Parts: every line ships from the warehouse of its assortment group (Category.warehouse, inherited
from the nearest ancestor that names one), else from the line's own warehouse, else from the
default local warehouse. When the buyer chose "split into shipments" (S03), lines served from an
external supplier's stock go into a document of their own.

The document is the contract's `outbound_customer_order` (docs/erp-contract.md); its
`platform_id` and the row's `dedup_key` are fixed when the row is written, so every retry sends
the very same document and the ERP can ignore repeats.
"""
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backoffice.catalog.models import Category, Warehouse
from backoffice.erp.contract import CONTRACT_VERSION

from .checkout_methods import order_methods
from .models import ErpHandoff, Order, OrderLine
from .placing_distributor import line_vat

# F16/F17: the buyer could not pay on terms (credit limit, overdue payments) and chose another way;
# the ERP operator checks the customer's payments before releasing the order. Fixed Polish text:
# the ERP's operators read Polish whatever language the order was placed in.
PAYMENT_CHECK_COMMENT = "sprawdzić płatności (check payments)"
DELIVERY_TASK = "backoffice.orders.tasks.handoff_deliver_task"
DEDUP_KEY_MAX = ErpHandoff._meta.get_field("dedup_key").max_length

# Later issues add comments for the ERP operator here (e.g. "check the payment before release"):
# a callable (order) -> list[str]; see register_comment_provider.
_comment_providers: list[Callable[[Order], list[str]]] = []


def register_comment_provider(provider: Callable[[Order], list[str]]) -> None:
    """Add a source of operator comments put on every document of an order (idempotent)."""
    if provider not in _comment_providers:
        _comment_providers.append(provider)


def handoffs_create_for(*, order: Order) -> list[ErpHandoff]:
    """Write the outbox rows of a PLACED order and queue their delivery after commit.

    Call it inside the transaction that places (or releases) the order: the rows commit or roll
    back with the order. Calling it again for the same order returns the rows already written."""
    if order.status != Order.Status.PLACED:
        raise ValidationError(_("Only a placed order can be handed over to the ERP."))
    if not order.number:
        raise ValidationError(_("An order needs its number before it is handed over to the ERP."))
    existing = list(ErpHandoff.objects.filter(order=order).order_by("pk"))
    if existing:
        return existing
    lines = list(
        OrderLine.objects.filter(order=order)
        .select_related("product__category", "warehouse")
        .order_by("position", "pk")
    )
    if not lines:
        raise ValidationError(_("An order without lines cannot be handed over to the ERP."))
    order = _with_parties(order)
    handoffs = [
        ErpHandoff(order=order, dedup_key=dedup_key(order, warehouse), warehouse=warehouse, document=document)
        for warehouse, document in _documents(order, lines)
    ]
    ErpHandoff.objects.bulk_create(handoffs)
    handoffs = list(ErpHandoff.objects.filter(order=order).order_by("pk"))
    for handoff in handoffs:
        queue_delivery(handoff.pk)
    return handoffs


def _documents(order: Order, lines: list[OrderLine]) -> list[tuple[Warehouse | None, dict]]:
    parts = split_into_parts(order, lines)
    documents = []
    for index, (warehouse, part_lines) in enumerate(parts, start=1):
        platform_id = order.number if len(parts) == 1 else f"{order.number}-{index}"
        documents.append((warehouse, build_document(order, part_lines, warehouse=warehouse, platform_id=platform_id,
                                                    part=(index, len(parts)))))
    return documents


def documents_for(order: Order) -> list[dict]:
    """The documents of an order: those in its outbox, or (not handed over yet, e.g. a pre-sale
    order still waiting) the ones it would get. Used by the EDI++ download."""
    stored = [h.document for h in ErpHandoff.objects.filter(order=order).order_by("dedup_key")]
    if stored or not order.number:
        return stored
    lines = list(OrderLine.objects.filter(order=order).select_related("product__category", "warehouse").order_by("position", "pk"))
    return [document for _warehouse, document in _documents(_with_parties(order), lines)] if lines else []


def queue_delivery(handoff_id: int) -> None:
    """Deliver after the surrounding transaction commits (never a document for a rolled-back order)."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(DELIVERY_TASK, handoff_id))


def dedup_key(order: Order, warehouse: Warehouse | None) -> str:
    key = f"order:{order.number}:{warehouse.erp_id if warehouse else '-'}"
    if len(key) > DEDUP_KEY_MAX:  # very long ERP ids: keep the key unique and within the column
        import hashlib

        key = f"order:{order.number}:{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}"
    return key


# Splitting ------------------------------------------------------------------------------------

def split_into_parts(order: Order, lines: list[OrderLine]) -> list[tuple[Warehouse | None, list[OrderLine]]]:
    """[(warehouse, lines)] in a stable order (by warehouse ERP id), lines keeping their positions."""
    category_warehouses = _category_warehouses({line.product.category for line in lines if line.product_id})
    default = None
    split_supplier = order.shipping_preference == Order.ShippingPreference.SPLIT
    groups: dict[int | None, tuple[Warehouse | None, list[OrderLine]]] = {}
    for line in lines:
        target = None
        if split_supplier and line.warehouse is not None and line.warehouse.kind == Warehouse.Kind.SUPPLIER:
            target = line.warehouse
        elif line.product_id:
            target = category_warehouses.get(line.product.category_id)
        if target is None:
            target = line.warehouse
        if target is None:
            default = default or default_warehouse()
            target = default
        key = target.pk if target else None
        groups.setdefault(key, (target, []))[1].append(line)
    return sorted(groups.values(), key=lambda part: part[0].erp_id if part[0] else "")


def _category_warehouses(categories: set[Category]) -> dict[int, Warehouse]:
    """category id -> the warehouse of the category or of its nearest ancestor (S04), two queries."""
    ancestor_ids = set()
    for category in categories:
        ancestor_ids.update(int(part) for part in category.path.strip("/").split("/") if part)
        ancestor_ids.add(category.pk)
    own = dict(Category.objects.filter(pk__in=ancestor_ids, warehouse__isnull=False).values_list("pk", "warehouse_id"))
    warehouses = Warehouse.objects.in_bulk(set(own.values()))
    result = {}
    for category in categories:
        chain = [int(part) for part in category.path.strip("/").split("/") if part] or [category.pk]
        if category.pk not in chain:
            chain.append(category.pk)
        for pk in reversed(chain):  # nearest first
            if pk in own:
                result[category.pk] = warehouses[own[pk]]
                break
    return result


def default_warehouse() -> Warehouse | None:
    """settings.ERP_DEFAULT_WAREHOUSE (an ERP id) or the first active own warehouse."""
    wanted = getattr(settings, "ERP_DEFAULT_WAREHOUSE", "")
    if wanted:
        found = Warehouse.objects.filter(erp_id=wanted).first()
        if found:
            return found
    return Warehouse.objects.filter(kind=Warehouse.Kind.LOCAL, is_active=True).order_by("erp_id").first()


# The document ---------------------------------------------------------------------------------

def _with_parties(order: Order) -> Order:
    return (
        Order.objects.select_related("company", "company__sales_rep", "placed_by", "acting_rep", "delivery_address",
                                     "distributor", "distributor__sales_rep")
        .get(pk=order.pk)
    )


def erp_customer(order: Order):
    """Who the ERP sells to: the customer, or for an end customer's order (A11) its distributor."""
    return order.distributor if order.distributor_id else order.company


def amount(value: Decimal | int | None) -> str:
    """A contract decimal: plain notation, at most 4 decimals, never an exponent."""
    value = Decimal(value or 0).quantize(Decimal("0.0001")).normalize()
    text = format(value, "f")
    return text if text != "-0" else "0"


def _person(user) -> dict:
    person = {"email": user.email, "role": user.role}
    name = f"{user.first_name} {user.last_name}".strip()
    if name:
        person["name"] = name
    return person


def _delivery_address(order: Order) -> dict:
    address = {
        "name": order.delivery_name,
        "street": order.delivery_street,
        "postal_code": order.delivery_postal_code,
        "city": order.delivery_city,
        "country": str(order.delivery_country or "PL"),
    }
    if order.delivery_phone:
        address["phone"] = order.delivery_phone
    saved = order.delivery_address
    if saved is not None and saved.erp_id:
        address["erp_id"] = saved.erp_id
    elif saved is not None and saved.source == saved.Source.CUSTOMER:
        # A07/A08/A09: an address the customer added, unknown to the ERP. The ERP creates it (a
        # one-off delivery address for dropshipping) and may send its own id back in customers.jsonl
        # with our platform_id, so the next sync links the two.
        address["one_off" if saved.is_one_off else "new"] = True
        address["platform_id"] = str(saved.pk)
    # else: the company's head-office (payer) address, or an address the ERP gave without an id:
    # the text only.
    return address


def _payer(order: Order) -> dict:
    company = erp_customer(order)
    payer = {"name": company.name, "street": company.street, "postal_code": company.postal_code, "city": company.city,
             "country": str(company.country or "PL")}
    if company.erp_id:
        payer["erp_id"] = company.erp_id
    if company.nip:
        payer["nip"] = company.nip
    if company.email:
        payer["email"] = company.email
    return payer


def _notes(order: Order) -> str:
    """Free text for the ERP operator. The requested date (F06) is repeated here because many
    ERPs have no field for it on a customer order."""
    parts = []
    if order.requested_delivery_date:
        parts.append(f"Requested delivery date: {order.requested_delivery_date.isoformat()}")
    if order.customer_reference:
        parts.append(f"PO: {order.customer_reference}")
    if order.notes:
        parts.append(order.notes)
    return "\n".join(parts)


def _line_amounts(order: Order, line: OrderLine) -> tuple[Decimal, Decimal, Decimal]:
    """(unit net, net, gross) the ERP invoices: an end customer's order (A11) is sold to the
    distributor at the distributor's own prices (VAT recomputed on that net, per line)."""
    if order.distributor_id and line.distributor_line_net is not None:
        net = line.distributor_line_net
        vat = line_vat(net, line.vat_rate, str(order.currency))  # as placing summed distributor_vat
        return line.distributor_unit_net, net, net + vat
    return line.unit_net, line.line_net, line.line_gross


def _end_customer(order: Order) -> dict:
    """A11: the distributor's end customer the goods are for (the ERP sells to the distributor)."""
    company = order.company
    record = {"name": company.name, "street": company.street, "postal_code": company.postal_code, "city": company.city,
              "country": str(company.country or "PL")}
    for field in ("nip", "email", "phone"):
        if getattr(company, field):
            record[field] = getattr(company, field)
    return record


def end_customer_comment(order: Order) -> str:
    """Fixed Polish text (the ERP's operators read Polish), for ERPs that ignore `end_customer`."""
    company = order.company
    parts = [company.name, f"NIP {company.nip}" if company.nip else "",
             " ".join(part for part in (company.street, company.postal_code, company.city) if part)]
    return "klient końcowy dystrybutora (distributor's end customer): " + ", ".join(part for part in parts if part)


def _line(line: OrderLine, order: Order | None = None) -> dict:
    product = line.product
    record = {
        "position": line.position,
        "product_erp_id": product.erp_id if product else "",
        "sku": line.sku,
        "name": line.name,
        "quantity": amount(line.quantity),
        "unit": line.unit or (product.base_unit if product else ""),
        "base_quantity": amount(line.base_quantity),
        "base_unit": product.base_unit if product else "",
        "net_price": amount(line.unit_net),
        "vat_rate": amount(line.vat_rate),
        "net": amount(line.line_net),
        "gross": amount(line.line_gross),
    }
    if order is not None and order.distributor_id:
        unit_net, net, gross = _line_amounts(order, line)
        record.update({"net_price": amount(unit_net), "net": amount(net), "gross": amount(gross)})
    if line.bundle_code:
        record["bundle"] = line.bundle_code
    if line.warehouse is not None:
        record["stock_warehouse_erp_id"] = line.warehouse.erp_id
    if line.is_presale:
        record["presale"] = True
    return record


def build_document(order: Order, lines: list[OrderLine], *, warehouse: Warehouse | None, platform_id: str,
                   part: tuple[int, int] = (1, 1)) -> dict:
    """The contract's `outbound_customer_order` for one part of an order. An end customer's order
    (A11) names the distributor as the ERP customer and payer, at the distributor's prices, and
    the end customer as `end_customer` (plus a comment for the operator)."""
    company = erp_customer(order)
    amounts = [_line_amounts(order, line) for line in lines]
    net = sum((line_net for _unit, line_net, _gross in amounts), Decimal(0))
    gross = sum((line_gross for _unit, _net, line_gross in amounts), Decimal(0))
    totals = _order_totals(order)
    document = {
        "document": "customer_order",
        "contract": CONTRACT_VERSION,
        "platform_id": platform_id,
        "order_number": order.number,
        "part": {"number": part[0], "of": part[1]},
        "placed_at": order.placed_at.isoformat(),
        "language": order.language,
        "customer_erp_id": company.erp_id or "",
        "payer": _payer(order),
        "placed_by": _person(order.placed_by) if order.placed_by else {"email": company.email or "", "role": "customer"},
        "currency": str(order.currency),
        "delivery_address": _delivery_address(order),
        "payment_method": order.payment_method,
        "delivery_method": order.delivery_method,
        "lines": [_line(line, order) for line in lines],
        "totals": {"net": amount(net), "vat": amount(gross - net), "gross": amount(gross)},
        "order_totals": totals,
    }
    if order.distributor_id:
        document["end_customer"] = _end_customer(order)
    if not company.erp_id:
        document.pop("customer_erp_id")  # a customer the ERP does not know yet: `payer` describes it
    if warehouse is not None:
        document["warehouse_erp_id"] = warehouse.erp_id
        document["supplier_warehouse"] = warehouse.kind == Warehouse.Kind.SUPPLIER
    if order.acting_rep is not None:
        document["placed_by_rep"] = _person(order.acting_rep)
        if order.acting_rep.erp_id:
            document["placed_by_rep"]["erp_id"] = order.acting_rep.erp_id
    if company.sales_rep is not None and company.sales_rep.erp_id:
        document["sales_rep_erp_id"] = company.sales_rep.erp_id
    if order.customer_reference:
        document["po_number"] = order.customer_reference
    if order.requested_delivery_date:
        document["requested_delivery_date"] = order.requested_delivery_date.isoformat()
    notes = _notes(order)
    if notes:
        document["notes"] = notes
    if order.shipping_preference:
        document["shipping_preference"] = order.shipping_preference
    if order.is_presale:
        document["presale"] = True
    comments = [comment for provider in _comment_providers for comment in provider(order)]
    comments += [comment for handler in order_methods(order) for comment in handler.erp_comments(order)]
    if order.payment_check_required:
        comments.append(PAYMENT_CHECK_COMMENT)
    if order.distributor_id:
        comments.append(end_customer_comment(order))
    if comments:
        document["comments"] = comments
    return document


def _order_totals(order: Order) -> dict:
    """Totals of the whole order; an end customer's order (A11) at the distributor's prices."""
    if order.distributor_id and order.distributor_net is not None:
        net, vat, gross = order.distributor_net, order.distributor_vat, order.distributor_gross
        discount, percent = order.distributor_order_discount, order.distributor_order_discount_percent
    else:
        net, vat, gross = order.net, order.vat, order.gross
        discount, percent = order.order_discount, order.order_discount_percent
    return {
        "net": amount(net), "vat": amount(vat), "gross": amount(gross),
        "shipping_net": amount(order.shipping_net), "payment_fee_net": amount(order.payment_fee_net),
        "charges_vat_rate": amount(order.charges_vat_rate), "order_discount": amount(discount),
        "order_discount_percent": amount(percent),
    }
