"""Forms of the engagement back-office screens."""
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import default_report_period


class ReportPeriodForm(forms.Form):
    """A report period of whole days in the platform's time zone; empty dates fall back to the
    default period (the last six months up to today)."""

    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        default_from, default_to = default_report_period()
        cleaned["date_from"] = cleaned.get("date_from") or default_from
        cleaned["date_to"] = cleaned.get("date_to") or default_to
        if cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start of the period must not be after its end."))
        return cleaned

    def period(self) -> tuple[date, date]:
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
