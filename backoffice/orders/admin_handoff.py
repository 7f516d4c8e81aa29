"""The ERP hand-off outbox in the back office (F05): what is waiting, failing or given up, with
the document sent, and "Retry now" for staff once the ERP is reachable again."""
import json

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.admin_mixins import ReadOnlyAdminMixin

from .handoff_delivery import handoff_retry_now
from .models import ErpHandoff

H = ErpHandoff.Status
STATUS_LABELS = {H.PENDING: "info", H.SENDING: "info", H.SENT: "success", H.FAILED: "warning", H.GAVE_UP: "danger"}


@admin.register(ErpHandoff)
class ErpHandoffAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("dedup_key", "order_link", "company", "warehouse", "status_badge", "attempts", "next_attempt_at", "sent_at",
                    "short_error")
    list_filter = ("status", "warehouse")
    search_fields = ("dedup_key", "order__number", "order__company__name")
    list_select_related = ("order", "order__company", "warehouse")
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["retry_now"]
    fields = ("dedup_key", "order_link", "warehouse", "status", "attempts", "created_at", "next_attempt_at", "sent_at", "last_error",
              "document_pretty")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(order__company_id__in=companies_visible_to(request.user).values("pk"))

    def has_retry_permission(self, request, obj=None):
        # Staff who may change orders (managers, reps for their customers, administrators).
        return request.user.has_perm("orders.change_order")

    @display(description=_("order"), ordering="order__placed_at")
    def order_link(self, obj):
        return format_html('<a href="{}" class="text-primary-600">{}</a>', reverse("admin:orders_order_change", args=(obj.order_id,)),
                           obj.order)

    @display(description=_("customer"), ordering="order__company__name")
    def company(self, obj):
        return obj.order.company

    @display(description=_("status"), ordering="status", label=STATUS_LABELS)
    def status_badge(self, obj):
        return obj.status, obj.get_status_display()

    @display(description=_("last error"))
    def short_error(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else (obj.last_error or "—")

    @display(description=_("document"))
    def document_pretty(self, obj):
        return format_html('<pre class="text-xs whitespace-pre-wrap">{}</pre>', json.dumps(obj.document, ensure_ascii=False, indent=2))

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        queued = sum(handoff_retry_now(handoff=handoff, user=request.user) for handoff in queryset.select_related("order"))
        skipped = queryset.count() - queued
        if queued:
            messages.success(request, ngettext("%(count)d hand-off queued for delivery.", "%(count)d hand-offs queued for delivery.",
                                               queued) % {"count": queued})
        if skipped:
            messages.info(request, ngettext("%(count)d hand-off was skipped: delivered already or being delivered.",
                                            "%(count)d hand-offs were skipped: delivered already or being delivered.", skipped)
                          % {"count": skipped})
