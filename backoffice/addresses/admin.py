"""Customers > Shipping address settings: the approval default for companies without a group.
A single row; the list opens it. The approval queue is the Address screen (accounts/admin.py)."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from backoffice.core.admin_mixins import SingletonAdminMixin

from .models import AddressSettings


@admin.register(AddressSettings)
class AddressSettingsAdmin(SingletonAdminMixin, ModelAdmin):
    fieldsets = (
        (None, {
            "fields": ("default_needs_approval",),
            "description": _("Companies in a customer group follow the group's setting (Pricing > Customer groups). "
                             "Dropshipping companies always add one-off addresses usable at once."),
        }),
    )

