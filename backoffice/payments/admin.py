"""Finance > Payment settings (F02, F04): the account for transfer prepayments (plus one per further
currency), the transfer title, the cash-on-delivery ceiling and the cancellation of unpaid orders.
A single row; the list opens it. Marking orders paid is on the Orders screen (admin_orders.py)."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from backoffice.core.admin_mixins import SingletonAdminMixin

from .models import PaymentAccount, PaymentSettings
from .unpaid import unpaid_schedule_ensure


class PaymentAccountInline(TabularInline):
    model = PaymentAccount
    fields = ("currency", "iban", "bank_name", "swift")
    extra = 0
    tab = True


@admin.register(PaymentSettings)
class PaymentSettingsAdmin(SingletonAdminMixin, ModelAdmin):
    inlines = [PaymentAccountInline]
    fieldsets = (
        (_("Bank transfer (prepayment)"), {"fields": ("beneficiary_name", "beneficiary_address", "currency", "iban", "bank_name", "swift",
                                                     "transfer_title", "cancel_unpaid_after_days")}),
        (_("Cash on delivery"), {"fields": ("cod_max_gross", "cod_max_currency"),
                                 "description": _("The cash-on-delivery fee is set on the method: Orders > Delivery and payment methods.")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.cancel_unpaid_after_days:
            unpaid_schedule_ensure()  # the daily job that cancels orders left unpaid
