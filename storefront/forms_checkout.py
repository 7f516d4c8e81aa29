"""The checkout form: reads the buyer's choices; the rules live in backoffice/orders/checkout.py
(the same function order_place runs again)."""
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from backoffice.addresses.services import one_off_address_for_checkout
from backoffice.addresses.validators import FIELDS as ADDRESS_FIELDS
from backoffice.addresses.validators import address_clean
from backoffice.core.modules import is_enabled
from backoffice.orders.checkout import NOTES_MAX, REFERENCE_MAX, SHIPPING_CHOICE_REQUIRED, CheckoutData, checkout_validate, delivery_addresses_for
from backoffice.orders.checkout_methods import DELIVERY, PAYMENT, MethodContext, extra_fields_for, method_choices, methods_offered
from backoffice.orders.models import Order
from backoffice.orders.placing import KEY_PATTERN

from .forms_addresses import address_fields

ONE_OFF = "one-off"  # delivery_address choice: a new address typed in at checkout (A09, dropshipping)
ONE_OFF_PREFIX = "one_off_"


class CheckoutForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    delivery_address = forms.ChoiceField(label=_("Delivery address"), widget=forms.RadioSelect)
    requested_delivery_date = forms.DateField(
        label=_("Requested delivery date"), required=False, input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    customer_reference = forms.CharField(label=_("Your order number (PO)"), required=False, max_length=REFERENCE_MAX)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=NOTES_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    delivery_method = forms.ChoiceField(label=_("Delivery"), widget=forms.RadioSelect)
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)
    shipping_preference = forms.ChoiceField(label=_("How should we ship?"), widget=forms.RadioSelect,
                                            choices=Order.ShippingPreference.choices,
                                            error_messages={"required": SHIPPING_CHOICE_REQUIRED})

    def __init__(self, *args, company, needs_choice: bool | None, earliest: date, ctx: MethodContext | None = None, **kwargs):
        """`needs_choice` None and `ctx` None: the cart is not read yet (order_place reads it and
        decides the S03 question and the methods), so the answers are read but not checked here.
        With `ctx` the methods offered to this buyer for this cart are the choices."""
        super().__init__(*args, **kwargs)
        self.company, self.needs_choice, self.earliest, self.ctx = company, needs_choice, earliest, ctx
        self.extra_names = []
        for kind in (DELIVERY, PAYMENT):
            for name, field in extra_fields_for(kind).items():
                self.fields[name] = field
                self.extra_names.append(name)
        self.addresses = delivery_addresses_for(company)
        self.fields["delivery_address"].choices = [(a.key, a.label) for a in self.addresses]
        self.one_off_enabled = bool(company.is_dropshipping) and is_enabled("addresses")  # A09 belongs to the addresses module
        self.one_off_data: dict | None = None
        if self.one_off_enabled:
            self.fields["delivery_address"].choices = [*self.fields["delivery_address"].choices,
                                                       (ONE_OFF, _("Deliver to a new one-off address"))]
            for name, field in address_fields().items():
                self.fields[ONE_OFF_PREFIX + name] = field
        if self.addresses:
            self.fields["delivery_address"].initial = self.addresses[0].key
        day = self.fields["requested_delivery_date"]
        day.widget.attrs["min"] = earliest.isoformat()
        day.help_text = _("Working days from %(date)s. Leave empty for the earliest possible delivery.") % {
            "date": date_format(earliest, "DATE_FORMAT")}
        for kind in (DELIVERY, PAYMENT):
            choices = methods_offered(kind, ctx).choices if ctx is not None else method_choices(kind)
            self.fields[f"{kind}_method"].choices = choices
            if choices:
                self.fields[f"{kind}_method"].initial = choices[0][0]
        if needs_choice is None:
            self.fields["shipping_preference"].required = False
        elif not needs_choice:
            del self.fields["shipping_preference"]

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not KEY_PATTERN.match(token):
            raise ValidationError(_("This form has expired. Please check your order and submit it again."))
        return token

    def one_off_fields(self):
        return [self[ONE_OFF_PREFIX + name] for name in ADDRESS_FIELDS] if self.one_off_enabled else []

    def one_off_chosen(self) -> bool:
        return self.one_off_enabled and self.cleaned_data.get("delivery_address") == ONE_OFF

    def checkout_data(self, *, language: str, user=None) -> CheckoutData:
        """The choices for order_place. A one-off address (A09) is stored here, just before placing
        (the same address typed again is reused), so order_place finds it among the company's."""
        delivery_address = self.cleaned_data.get("delivery_address", "")
        if self.one_off_chosen() and self.one_off_data is not None:
            delivery_address = str(one_off_address_for_checkout(company=self.company, user=user, data=self.one_off_data).pk)
        return self._data(language=language, delivery_address=delivery_address)

    def _data(self, *, language: str, delivery_address: str) -> CheckoutData:
        data = self.cleaned_data
        return CheckoutData(
            delivery_address=delivery_address,
            requested_delivery_date=data.get("requested_delivery_date"),
            customer_reference=data.get("customer_reference", ""),
            notes=data.get("notes", ""),
            delivery_method=data.get("delivery_method", ""),
            payment_method=data.get("payment_method", ""),
            shipping_preference=data.get("shipping_preference", ""),
            language=language,
            extra={name: data.get(name) for name in self.extra_names},
        )

    def _clean_one_off(self) -> None:
        try:
            self.one_off_data = address_clean({name: self.cleaned_data.get(ONE_OFF_PREFIX + name, "") for name in ADDRESS_FIELDS})
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.add_error(ONE_OFF_PREFIX + name, messages)

    def clean(self):
        cleaned = super().clean()
        one_off = self.one_off_chosen()
        if one_off:
            self._clean_one_off()
        if self.ctx is None:
            return cleaned  # order_place checks everything against the cart it reads
        if one_off and self.one_off_data is not None:
            self.ctx.country = self.one_off_data["country"]  # shipping rules of the typed-in destination
        try:
            checkout_validate(ctx=self.ctx, checkout=self._data(language="", delivery_address=cleaned.get("delivery_address", "")),
                              needs_choice=bool(self.needs_choice), earliest=self.earliest)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field == "delivery_address" and one_off:
                    continue  # not stored yet: it is created just before placing (checkout_data)
                if field in self.fields and not self.has_error(field):
                    self.add_error(field, messages)
        return cleaned
