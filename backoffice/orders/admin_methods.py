"""Delivery and payment methods in the back office (L01-L07, F01-F04): staff switch each
registered method on or off, offer it to chosen customer groups only, set its position and an
optional fee (F04: the cash-on-delivery fee). What a method's own rule refuses (e.g. paying on
terms without the ERP's consent) stays refused whatever is set here (checkout_methods.py).

A method without a row here is offered to every customer at its default position, free.
Administrators and sales managers change these rules; other staff with the Orders section see them.
"""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.core.permissions import role_of
from backoffice.core.roles import Role

from .checkout import method_label
from .checkout_methods import DELIVERY, PAYMENT, method_choices
from .models import CheckoutMethodSetting

EDITORS = frozenset({Role.ADMIN, Role.SALES_MANAGER})
KIND_LABELS = dict(CheckoutMethodSetting.Kind.choices)
WRONG_KIND = {DELIVERY: _("This is not a delivery method: choose one from the Delivery list."),
              PAYMENT: _("This is not a payment method: choose one from the Payment list.")}


def registered_code_choices() -> list:
    """The registered methods grouped by kind (a select with optgroups); clean() checks the pair."""
    return [("", "---------")] + [(KIND_LABELS[kind], method_choices(kind)) for kind in (DELIVERY, PAYMENT)]


class CheckoutMethodSettingForm(forms.ModelForm):
    code = forms.ChoiceField(label=_("method"), choices=registered_code_choices)

    class Meta:
        model = CheckoutMethodSetting
        fields = ("kind", "code", "is_active", "customer_groups", "position", "fee_net", "fee_currency")

    def clean(self):
        cleaned = super().clean()
        kind, code = cleaned.get("kind"), cleaned.get("code")
        if kind and code and code not in dict(method_choices(kind)):
            self.add_error("code", WRONG_KIND[kind])
        return cleaned


@admin.register(CheckoutMethodSetting)
class CheckoutMethodSettingAdmin(ModelAdmin):
    form = CheckoutMethodSettingForm
    list_display = ("kind", "method_display", "is_active", "groups_display", "position", "fee_display")
    list_display_links = ("kind", "method_display")
    list_filter = ("kind", "is_active", "customer_groups")
    filter_horizontal = ("customer_groups",)
    fieldsets = (
        (None, {"fields": ("kind", "code", "is_active", "position")}),
        (_("Who is offered the method"), {"fields": ("customer_groups",)}),
        (_("Fee"), {"fields": ("fee_net", "fee_currency")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("customer_groups")

    def get_readonly_fields(self, request, obj=None):
        # A row is the setting of one method: to set another method, add its own row.
        return ("kind", "code") if obj is not None else ()

    def _may_edit(self, request) -> bool:
        user = request.user
        return user.is_superuser or role_of(user) in EDITORS

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request)

    @display(description=_("method"), ordering="code")
    def method_display(self, obj):
        return method_label(obj.kind, obj.code)

    @display(description=_("customer groups"))
    def groups_display(self, obj):
        names = [group.name for group in obj.customer_groups.all()]
        return ", ".join(names) if names else _("everyone")

    @display(description=_("fee (net)"), ordering="fee_net")
    def fee_display(self, obj):
        return f"{obj.fee_net:.2f} {obj.fee_currency}" if obj.fee_net else "—"
