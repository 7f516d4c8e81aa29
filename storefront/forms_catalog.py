"""Listing and search parameters from the query string. Bad values never fail the page: they are
dropped (a hand-edited URL shows the unfiltered listing, with the form errors for the price)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.catalog.listing import PAGE_SIZES, SORTS, ListingQuery

ATTRIBUTE_SEPARATOR = "::"


class ListingForm(forms.Form):
    brand = forms.TypedMultipleChoiceField(required=False, coerce=int, choices=())
    a = forms.MultipleChoiceField(required=False, choices=())
    stock = forms.ChoiceField(
        required=False,
        choices=[("", _("all")), ("local", _("in stock in our warehouse")), ("any", _("in stock, including suppliers"))],
        label=_("Availability"),
    )
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=14, decimal_places=2, label=_("Price from"))
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=14, decimal_places=2, label=_("Price to"))
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("relevance", _("best match")),
            ("name", _("name")),
            ("price_asc", _("price: lowest first")),
            ("price_desc", _("price: highest first")),
            ("sku", _("code")),
        ],
        label=_("Sort by"),
    )
    view = forms.ChoiceField(required=False, choices=[("grid", _("grid")), ("list", _("list"))])
    per_page = forms.TypedChoiceField(required=False, coerce=int, choices=[(n, n) for n in PAGE_SIZES], label=_("Per page"))
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, data, *, default_sort: str):
        super().__init__(data)
        self.default_sort = default_sort
        # Any brand id / attribute pair is syntactically fine; facets decide what is offered.
        self.fields["brand"].valid_value = lambda value: str(value).isdigit()
        self.fields["a"].valid_value = lambda value: ATTRIBUTE_SEPARATOR in value and len(value) <= 400
        if default_sort != "relevance":
            self.fields["sort"].choices = [c for c in self.fields["sort"].choices if c[0] != "relevance"]

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price cannot be lower than the lower price."))
            self.cleaned_data.pop("price_min", None)  # an impossible range filters nothing
        return data

    def listing_query(self) -> ListingQuery:
        self.is_valid()
        data = self.cleaned_data

        def value(name, default=None):
            return data.get(name) if name not in self.errors and data.get(name) not in (None, "") else default

        attributes = tuple(tuple(pair.split(ATTRIBUTE_SEPARATOR, 1)) for pair in value("a", ()))
        sort = value("sort", self.default_sort)
        return ListingQuery(
            brands=tuple(value("brand", ())),
            attributes=attributes,
            stock=value("stock", ""),
            price_min=value("price_min"),
            price_max=value("price_max"),
            sort=sort if sort in SORTS else self.default_sort,
            page=value("page", 1),
            per_page=value("per_page", 48),
        )

    @property
    def view_mode(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("view") or "grid"
