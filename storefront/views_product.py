"""Product card (C02, C10-C12, S01, S02, S08, S09) and bundle card (C10).

Access and data come from backoffice/catalog/selectors_card.py; this module only reads the
quantity the customer asks about and shapes the texts the template and product.js show.
"""
from decimal import Decimal

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.utils.translation import gettext, gettext_lazy as _

from backoffice.catalog.selectors import product_get_for_user
from backoffice.catalog.selectors_card import ProductCard, bundle_card_for, product_card_for
from backoffice.engagement.models import CustomerEvent
from backoffice.engagement.services import event_record
from backoffice.inventory.availability import Availability, format_quantity, lead_time_label, step_label
from backoffice.pricing.engine import quote_line
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineRequest

ONE = Decimal("1")


class QuantityForm(forms.Form):
    """The quantity and unit a customer asks about (and, once the cart exists, buys)."""

    quantity = forms.DecimalField(label=_("Quantity"), min_value=Decimal("0.001"), max_value=Decimal("1000000"), max_digits=13,
                                  decimal_places=3, initial=ONE)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, card: ProductCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in card.units]

    def chosen(self) -> tuple[Decimal, str]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["quantity"], self.cleaned_data["unit"] or ""
        return ONE, ""


def _plan_rows(plan: Availability, base_unit: str) -> list[tuple[str, str]]:
    return [(f"{format_quantity(part.quantity)} {base_unit}", step_label(part.step)) for part in plan.parts]


def _script_data(card: ProductCard) -> dict:
    """What product.js needs to repeat `allocate` for another quantity (labels already translated)."""
    return {
        "baseUnit": card.product.base_unit,
        "units": {u.code: str(u.factor) for u in card.units},
        "steps": [{"capacity": None if s.capacity is None else str(s.capacity), "label": step_label(s)} for s in card.steps],
        "invalid": gettext("Enter a quantity greater than zero."),
    }


def product_card(request, pk):
    card = product_card_for(request.user, pk)
    event_record(user=request.user, request=request, kind=CustomerEvent.Kind.PRODUCT_VIEW, object_id=card.product.pk)
    form = QuantityForm(request.GET if "quantity" in request.GET else None, card=card, initial={"quantity": ONE, "unit": ""})
    quantity, unit_code = form.chosen()
    plan = card.plan(quantity, unit_code)
    base_unit = card.product.base_unit
    context = {
        "card": card,
        "product": card.product,
        "form": form,
        "quantity": quantity,
        "unit_code": unit_code,
        "requested": f"{format_quantity(plan.requested)} {base_unit}",
        "plan": plan,
        "plan_rows": _plan_rows(plan, base_unit),
        "local_stock": card.display.label(card.stock.local_quantity, base_unit),
        "supplier_stock": [
            (lead_time_label(s.lead_days_min, s.lead_days_max), card.display.label(s.quantity, base_unit))
            for s in card.stock.supplier_groups()
        ],
        "unit_factors": [(u, format_quantity(u.factor)) for u in card.units[1:]],
        "script_data": _script_data(card),
    }
    return render(request, "storefront/catalog/product_card.html", context)


def bundle_card(request, pk):
    offer = bundle_card_for(request.user, pk)
    lines = [(line, format_quantity(line.quantity)) for line in offer.components]
    return render(request, "storefront/catalog/bundle_card.html", {"offer": offer, "lines": lines})


@require_GET
def price_rules(request, pk):
    """ "Why this price?" of one product for the logged-in customer, fetched when a listing tile
    opens it (tiles do not render the rules of every product up front)."""
    product = product_get_for_user(request.user, pk)
    pricing = pricing_input_for(request.user.company, [product.pk], loaded_products=[product])
    quote = quote_line(pricing, LineRequest(product_id=product.pk, quantity=ONE))
    return render(request, "storefront/catalog/includes/price_rules.html", {"quote": quote})
