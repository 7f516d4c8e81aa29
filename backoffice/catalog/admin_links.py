"""C11/C12 in the back office: similar products on the product page, complementary products on
the page of a lowest-level category. Both are platform-owned: the ERP sync never touches them.
Shown only while the `product_links` module is on (see CategoryAdmin/ProductAdmin.get_inlines)."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline
from unfold.forms import PaginationInlineFormSet

from . import services
from .models import ComplementaryProduct, ProductLink

PRODUCT_LINKS_MODULE = "product_links"


class ProductLinkForm(forms.ModelForm):
    class Meta:
        model = ProductLink
        fields = ("linked", "sort")

    def clean(self):
        cleaned = super().clean()
        linked = cleaned.get("linked")
        if linked is not None and linked.pk == self.instance.product_id:
            self.add_error("linked", _("A product cannot be similar to itself."))
        return cleaned


class ProductLinkInline(TabularInline):
    model = ProductLink
    form = ProductLinkForm
    fk_name = "product"
    fields = ("linked", "sort")
    autocomplete_fields = ("linked",)
    extra = 0
    verbose_name_plural = _("similar products (shown both ways on the product card)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("linked")


class ComplementaryFormSet(PaginationInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        added = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if added:
            try:
                services.complementary_category_check(self.instance)
            except ValidationError as error:
                raise ValidationError(error.messages) from error


class ComplementaryProductInline(TabularInline):
    model = ComplementaryProduct
    formset = ComplementaryFormSet
    fields = ("product", "sort")
    autocomplete_fields = ("product",)
    extra = 0
    verbose_name_plural = _("complementary products (offered on every product of this lowest-level category)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")
