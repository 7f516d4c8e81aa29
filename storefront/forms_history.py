"""Filters of the order history (F08) and of "recently bought" (C05), read from the query string.

A bad value never fails the page: it is dropped, and the form shows why next to the field.
"""
from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.orders.history import PHRASE_MAX, OrderFilters
from backoffice.orders.models import Order
from backoffice.orders.recently_bought import DEFAULT_MONTHS, PER_PAGE, RecentQuery

MAX_ID = 2**63 - 1
SELECTED_MAX = 500  # products per "add selected" / "export selected" request


def _value(form: forms.Form, name: str, default=None):
    data = form.cleaned_data
    return data.get(name) if name not in form.errors and data.get(name) not in (None, "") else default


class OrderFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Placed from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Placed to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("any status")), *Order.Status.choices])
    q = forms.CharField(
        label=_("Order number, PO or product"), required=False, max_length=PHRASE_MAX,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. B2B/2025/0012, your PO, a product code")}),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean(self):
        data = super().clean()
        low, high = data.get("date_from"), data.get("date_to")
        if low and high and low > high:
            self.add_error("date_to", _("The end date cannot be earlier than the start date."))
        return data

    def filters(self) -> OrderFilters:
        self.is_valid()
        return OrderFilters(
            date_from=_value(self, "date_from"),
            date_to=_value(self, "date_to"),
            status=_value(self, "status", ""),
            phrase=_value(self, "q", ""),
        )

    def page_number(self) -> int:
        self.is_valid()
        return _value(self, "page", 1)


class RecentlyBoughtForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Bought in the last"), required=False, coerce=int,
        choices=[(3, _("3 months")), (6, _("6 months")), (12, _("12 months")), (24, _("24 months"))],
    )
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1, max_value=MAX_ID)
    brand = forms.IntegerField(label=_("Brand"), required=False, min_value=1, max_value=MAX_ID)
    q = forms.CharField(
        label=_("Code or name"), required=False, max_length=PHRASE_MAX, widget=forms.TextInput(attrs={"type": "search"})
    )
    stock = forms.ChoiceField(
        label=_("Availability"), required=False,
        choices=[("", _("all")), ("local", _("in stock in our warehouse")), ("any", _("in stock, including suppliers"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[("last", _("last ordered")), ("quantity", _("quantity bought")), ("code", _("code"))],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def recent_query(self) -> RecentQuery:
        self.is_valid()
        return RecentQuery(
            months=_value(self, "months", DEFAULT_MONTHS),
            category_id=_value(self, "category"),
            brand_id=_value(self, "brand"),
            phrase=_value(self, "q", ""),
            stock=_value(self, "stock", ""),
            sort=_value(self, "sort", "last"),
            page=_value(self, "page", 1),
            per_page=PER_PAGE,
        )


def selected_product_ids(data) -> list[int]:
    """The ticked products (`product` values): positive ids only, at most SELECTED_MAX."""
    ids = []
    for value in data.getlist("product"):
        value = str(value).strip()
        if value.isdigit() and 0 < int(value) <= MAX_ID:
            ids.append(int(value))
    return list(dict.fromkeys(ids))[:SELECTED_MAX]
