"""Forms of the pricing back-office screens."""
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.accounts.models import Company
from backoffice.catalog.models import Product

MAX_COMPANY_MATCHES = 10


class PricePreviewForm(forms.Form):
    """"Price of product X for customer Y at quantity Q on day D" (GET form, nothing is saved)."""

    company = forms.CharField(label=_("Customer"), max_length=255, help_text=_("Id, ERP id, tax ID (NIP) or part of the name."))
    product = forms.CharField(label=_("Product"), max_length=64, help_text=_("SKU or EAN."))
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=3, min_value=Decimal("0.001"), initial=1)
    unit = forms.CharField(label=_("Unit"), max_length=16, required=False, help_text=_("Empty: the base unit."))
    day = forms.DateField(label=_("Date"), required=False, help_text=_("Empty: today."), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_company(self) -> Company:
        term = self.cleaned_data["company"].strip()
        qs = Company.objects.select_related("distributor")
        if term.isdigit() and (company := qs.filter(pk=int(term)).first()):
            return company
        exact = list(qs.filter(Q(erp_id__iexact=term) | Q(nip=term.replace("-", "")))[:2])
        if len(exact) == 1:
            return exact[0]
        matches = exact or list(qs.filter(name__icontains=term)[: MAX_COMPANY_MATCHES + 1])
        if not matches:
            raise forms.ValidationError(_("No customer matches “%(term)s”."), params={"term": term})
        if len(matches) > 1:
            names = ", ".join(f"{c.name} (id {c.pk})" for c in matches[:MAX_COMPANY_MATCHES])
            raise forms.ValidationError(
                _("Several customers match: %(names)s. Enter the id or the ERP id."), params={"names": names}
            )
        return matches[0]

    def clean_product(self) -> Product:
        term = self.cleaned_data["product"].strip()
        product = (
            Product.objects.filter(sku__iexact=term).first()
            or (term and Product.objects.filter(Q(ean=term) | Q(units__ean=term)).distinct().first())
        )
        if not product:
            raise forms.ValidationError(_("No product with SKU or EAN “%(term)s”."), params={"term": term})
        return product

    def clean(self):
        cleaned = super().clean()
        product, unit = cleaned.get("product"), (cleaned.get("unit") or "").strip()
        if product and unit:
            if unit == product.base_unit:
                unit = ""
            elif not product.units.filter(code=unit).exists():
                codes = ", ".join([product.base_unit, *product.units.values_list("code", flat=True)])
                self.add_error("unit", _("The product is not sold in “%(unit)s”; units: %(codes)s.") % {"unit": unit, "codes": codes})
        cleaned["unit"] = unit
        cleaned["day"] = cleaned.get("day") or timezone.localdate()
        return cleaned
