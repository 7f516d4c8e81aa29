"""The master-data change request form (A06): the new values next to the current ones. Only
values that differ are recorded (backoffice/change_requests/services.changes_from)."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from backoffice.accounts.models import Company
from backoffice.change_requests.services import MESSAGE_MAX, changes_from

# (form field, label); the keys are ChangeRequest.changes keys
FIELDS = (
    ("name", _("Company name")),
    ("nip", _("Tax ID (NIP)")),
    ("street", _("Street and number")),
    ("postal_code", _("Postal code")),
    ("city", _("City")),
    ("email", _("Email")),
    ("phone", _("Phone")),
)


class ChangeRequestForm(forms.Form):
    other = forms.CharField(label=_("Other change"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Anything else (e.g. another contact person), described in your own words."))
    message = forms.CharField(label=_("Message to us"), required=False, max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        fields = {}
        for name, label in FIELDS:
            limit = Company._meta.get_field(name).max_length
            field = forms.EmailField(label=label, required=False, max_length=limit) if name == "email" else \
                forms.CharField(label=label, required=False, max_length=limit)
            field.current = getattr(company, name) or ""
            fields[name] = field
        self.fields = {**fields, **self.fields}

    def rows(self):
        """(bound field, current value) for the template."""
        return [(self[name], self.fields[name].current) for name, _label in FIELDS]

    def new_values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name, _label in (*FIELDS, ("other", ""))}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            changes = changes_from(self.company, self.new_values())
        except ValidationError as exc:
            self.add_error("nip", exc)
            return cleaned
        if not changes:
            raise ValidationError(_("Enter at least one new value that differs from the current data, or describe the change under “Other”."))
        return cleaned
