"""Forms of the shopping-list pages (R03). They only read what was typed; the rules (names,
visibility, quantities) are checked by backoffice/orders/lists.py."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.orders.lists import NAME_MAX

ONE = Decimal("1")
QUANTITY = {"min_value": Decimal("0.001"), "max_value": Decimal("999999.999"), "max_digits": 9 + 3, "decimal_places": 3}


class ListNameForm(forms.Form):
    name = forms.CharField(label=_("List name"), max_length=NAME_MAX, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class AddToListForm(forms.Form):
    """The product card's "add to a shopping list": an existing list of the company or a new one."""

    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.DecimalField(label=_("Quantity"), initial=ONE, **QUANTITY)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=16)
    shopping_list = forms.TypedChoiceField(label=_("List"), required=False, coerce=int, empty_value=None)
    new_name = forms.CharField(label=_("or a new list"), required=False, max_length=NAME_MAX)

    def __init__(self, *args, lists: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shopping_list"].choices = [("", _("— new list —")), *lists]

    def clean(self):
        data = super().clean()
        if not data.get("shopping_list") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose a list or give a name for a new one."), code="no_list")
        return data


class AddByCodeForm(forms.Form):
    """The list page's "add a product" by its code (SKU or EAN)."""

    code = forms.CharField(label=_("Product code or EAN"), max_length=64)
    quantity = forms.DecimalField(label=_("Quantity"), initial=ONE, **QUANTITY)


def posted_quantities(data) -> dict[int, str]:
    """Quantities typed on the list page: fields "qty-<line pk>" -> {line pk: text as typed}."""
    quantities = {}
    for key, value in data.items():
        prefix, _sep, pk = key.partition("-")
        if prefix == "qty" and pk.isdigit() and len(pk) < 19:
            quantities[int(pk)] = value
    return quantities


def posted_line_ids(data) -> list[int]:
    return [int(pk) for pk in data.getlist("line") if pk.isdigit() and len(pk) < 19]
