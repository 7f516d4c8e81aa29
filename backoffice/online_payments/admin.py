"""Online payments in the back office (Finance): the attempts at the gateway and the log of every
notification received, read-only (only the gateway changes them)."""
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.core.permissions import role_of
from backoffice.core.roles import Role

from .models import OnlinePayment, PaymentNotification

P = OnlinePayment.Status
R = PaymentNotification.Result
PAYMENT_LABELS = {P.NEW: "info", P.PENDING: "info", P.WAITING: "warning", P.COMPLETED: "success", P.CANCELED: "warning", P.FAILED: "danger"}
RESULT_LABELS = {R.ACCEPTED: "success", R.DUPLICATE: "info", R.FORGED: "danger", R.UNKNOWN_ORDER: "warning", R.AMOUNT_MISMATCH: "danger",
                 R.INVALID: "warning"}


def _order_link(order):
    return format_html('<a href="{}" class="text-primary-600">{}</a>', reverse("admin:orders_order_change", args=(order.pk,)), order)


class NotificationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PaymentNotification
    fields = ("received_at", "status", "result", "signature_valid", "remote_addr")
    readonly_fields = fields
    extra = 0
    ordering = ("received_at", "pk")


@admin.register(OnlinePayment)
class OnlinePaymentAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("ext_order_id", "order_link", "company", "amount", "currency", "status_badge", "provider_order_id", "created_at",
                    "completed_at")
    list_filter = ("status", "provider", "currency", "created_at")
    search_fields = ("ext_order_id", "provider_order_id", "order__number", "order__company__name")
    list_select_related = ("order", "order__company")
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = ("ext_order_id", "order_link", "provider", "provider_order_id", "amount", "currency", "status", "redirect_uri", "error",
              "created_at", "completed_at")
    readonly_fields = fields
    inlines = [NotificationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(order__company_id__in=companies_visible_to(request.user).values("pk"))

    @display(description=_("order"), ordering="order__placed_at")
    def order_link(self, obj):
        return _order_link(obj.order)

    @display(description=_("customer"), ordering="order__company__name")
    def company(self, obj):
        return obj.order.company

    @display(description=_("status"), ordering="status", label=PAYMENT_LABELS)
    def status_badge(self, obj):
        return obj.status, obj.get_status_display()


@admin.register(PaymentNotification)
class PaymentNotificationAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("received_at", "provider", "payment", "status", "result_badge", "signature_valid", "remote_addr")
    list_filter = ("result", "signature_valid", "provider", "received_at")
    search_fields = ("payment__ext_order_id", "payment__provider_order_id", "payment__order__number", "remote_addr")
    list_select_related = ("payment",)
    date_hierarchy = "received_at"
    list_per_page = 50
    fields = ("received_at", "provider", "remote_addr", "payment", "status", "result", "signature_valid", "signature_header", "body")
    readonly_fields = fields

    def get_queryset(self, request):
        # Notifications of no known payment (forged, unknown) are shown to staff who see every customer.
        qs = super().get_queryset(request)
        if request.user.is_superuser or role_of(request.user) != Role.SALES_REP:
            return qs
        return qs.filter(payment__order__company_id__in=companies_visible_to(request.user).values("pk"))

    @display(description=_("result"), ordering="result", label=RESULT_LABELS)
    def result_badge(self, obj):
        return obj.result, obj.get_result_display()
