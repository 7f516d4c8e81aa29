"""The "add a shipping address" form (A07/A08/A09). The checks live in
backoffice/addresses/validators.py (the checkout's one-off address uses the same ones)."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from backoffice.addresses.validators import address_clean


def address_fields() -> dict[str, forms.Field]:
    """The fields of an address a customer types in (optional here: address_clean says what is missing)."""
    return {
        "name": forms.CharField(label=_("Recipient / place name"), max_length=255, required=False),
        "street": forms.CharField(label=_("Street and number"), max_length=255, required=False),
        "postal_code": forms.CharField(label=_("Postal code"), max_length=16, required=False,
                                       widget=forms.TextInput(attrs={"placeholder": "00-000", "autocomplete": "postal-code"})),
        "city": forms.CharField(label=_("City"), max_length=128, required=False),
        "country": forms.ChoiceField(label=_("Country"), choices=list(countries), initial="PL", required=False),
        "phone": forms.CharField(label=_("Phone"), max_length=32, required=False,
                                 widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})),
    }


class AddressForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(address_fields())
        for name in ("name", "street", "postal_code", "city"):
            self.fields[name].widget.attrs["required"] = True

    def clean(self):
        cleaned = super().clean()
        try:
            return {**cleaned, **address_clean(cleaned)}
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if not self.has_error(field):
                    self.add_error(field, messages)
        return cleaned
