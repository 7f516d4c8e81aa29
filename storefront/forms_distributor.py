"""A11 forms: a distributor's new end customer, its terms, the filters of the orders page and the
rejection reason. They validate and translate input; the writes are backoffice/distributors."""
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from backoffice.accounts.models import User
from backoffice.accounts.validators import validate_nip
from backoffice.distributors.approval import MAX_REASON
from backoffice.distributors.services import MAX_MARKUP, EndCustomerData

MARKUP_HELP = _("Percent added to your own prices on the whole assortment, e.g. 15 or 12.5.")


def markup_field():
    return forms.DecimalField(
        label=_("Markup (percent)"), max_digits=5, decimal_places=2, help_text=MARKUP_HELP,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_MARKUP)],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "inputmode": "decimal"}),
    )


VERIFIED_HELP = _("Orders of a verified customer are passed on for processing without waiting for your approval.")


class EndCustomerForm(forms.Form):
    name = forms.CharField(label=_("Company or customer name"), max_length=255)
    nip = forms.CharField(label=_("Tax ID (NIP)"), max_length=16, required=False,
                          help_text=_("Optional (a private customer has none); checked when given."))
    street = forms.CharField(label=_("Street and number"), max_length=255)
    postal_code = forms.CharField(label=_("Postal code"), max_length=16)
    city = forms.CharField(label=_("City"), max_length=128)
    country = CountryField(default="PL").formfield(label=_("Country"))
    first_name = forms.CharField(label=_("Contact person: first name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Contact person: last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email (login)"), help_text=_("The customer gets a link to set a password at this address."))
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    markup_percent = markup_field()
    orders_auto_approved = forms.BooleanField(label=_("Verified customer (approve orders automatically)"), required=False,
                                              help_text=VERIFIED_HELP)
    language = forms.ChoiceField(label=_("Language of the account"), choices=User._meta.get_field("language").choices, initial="pl")

    def clean_nip(self):
        nip = self.cleaned_data["nip"].strip()
        if nip:
            validate_nip(nip)
        return nip

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email

    def data_object(self) -> EndCustomerData:
        data = self.cleaned_data
        return EndCustomerData(
            name=data["name"], email=data["email"], markup_percent=data["markup_percent"], nip=data["nip"], street=data["street"],
            postal_code=data["postal_code"], city=data["city"], country=data["country"] or "PL", phone=data["phone"],
            first_name=data["first_name"], last_name=data["last_name"], orders_auto_approved=data["orders_auto_approved"],
            language=data["language"],
        )


class EndCustomerTermsForm(forms.Form):
    markup_percent = markup_field()
    orders_auto_approved = forms.BooleanField(label=_("Verified customer (approve orders automatically)"), required=False,
                                              help_text=VERIFIED_HELP)
    is_active = forms.BooleanField(label=_("Active (may log in and order)"), required=False)


AWAITING = "awaiting"


class EndCustomerOrderFilterForm(forms.Form):
    """Status first ("awaiting my approval" is the first choice), then the customer."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    customer = forms.TypedChoiceField(label=_("Customer"), required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, *args, customers=(), **kwargs):
        super().__init__(*args, **kwargs)
        from backoffice.orders.models import Order

        self.fields["status"].choices = [("", _("any status")), (AWAITING, _("awaiting my approval")),
                                         *[(value, label) for value, label in Order.Status.choices if value != Order.Status.AWAITING_APPROVAL]]
        self.fields["customer"].choices = [("", _("all customers")), *[(c.pk, c.name) for c in customers]]

    def value(self, name):
        self.is_valid()
        return self.cleaned_data.get(name) if name not in self.errors else None


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason (your customer will read it)"), max_length=MAX_REASON,
                             widget=forms.Textarea(attrs={"rows": 3}))
