"""Template helpers of the shopping lists (R03) and pre-sale (S07) bits of the storefront."""
from decimal import Decimal

from django import template
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from backoffice.core import modules
from backoffice.inventory.availability import format_quantity

register = template.Library()


@register.simple_tag(takes_context=True)
def card_shopping_lists(context):
    """The company's lists as (pk, name) for the product card's "add to a list" form (1 query);
    None when the module is off or the visitor is not a buyer (no form then)."""
    request = context.get("request")
    if request is None or not modules.is_enabled("shopping_lists"):
        return None
    try:
        reverse("orders:list_add_product")
    except NoReverseMatch:
        return None
    from backoffice.orders.lists import list_choices_for

    try:
        return list_choices_for(request.user)
    except Http404:
        return None


@register.filter
def quantity(value) -> str:
    """12.000 -> "12", 2.500 -> "2,5" in Polish (inventory.availability.format_quantity)."""
    if value is None or value == "":
        return ""
    return format_quantity(value if isinstance(value, Decimal) else Decimal(str(value)))
