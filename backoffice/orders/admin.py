"""Orders section of the back office: orders (read-only snapshots with their lines, events,
shipments, ERP documents and hand-offs; staff cancel through the state machine; EDI++ download),
the ERP hand-off outbox (admin_handoff.py) and the ordering settings.

Sales reps see the orders of their own customers only (accounts.selectors.companies_visible_to),
the same rule as for companies. Orders are records: nobody adds, edits or deletes them here.
"""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin, TabularInline
from unfold.contrib.filters.admin import AutocompleteSelectFilter, RangeDateFilter
from unfold.utils import parse_date_str
from unfold.decorators import action, display

from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.admin_mixins import ReadOnlyAdminMixin, SingletonAdminMixin
from backoffice.core.money import money_text
from backoffice.core.permissions import role_of
from backoffice.core.roles import Role
from backoffice.payments.admin_orders import OrderPaymentAdminMixin, PaymentFilter

from .cancel import order_cancel
from .checkout_methods import order_method_info
from .edi_zk import epp_for_documents, epp_for_order
from .handoff import documents_for
from .models import ErpHandoff, ErpOrderDocument, Order, OrderEvent, OrderLine, OrderSettings, OrderShipment

S = Order.Status
STATUS_LABELS = {
    S.AWAITING_APPROVAL: "info", S.AWAITING_PAYMENT: "info", S.AWAITING_STOCK: "info", S.PLACED: "warning",
    S.SENT: "primary", S.ACCEPTED: "primary", S.ON_HOLD: "warning", S.IN_PROGRESS: "primary", S.SHIPPED: "success",
    S.COMPLETED: "success", S.CANCELLED: "danger",
}
INLINE_PAGE = 50
SETTINGS_EDITORS = frozenset({Role.ADMIN, Role.SALES_MANAGER})


def orders_for_staff(user):
    """Orders of the companies `user` may see in the back office."""
    return Order.objects.filter(company_id__in=companies_visible_to(user).values("pk"))


def handoff_count(**filters) -> Subquery:
    rows = ErpHandoff.objects.filter(order=OuterRef("pk"), **filters).order_by().values("order").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def epp_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/plain; charset=windows-1250")
    response["Content-Disposition"] = f'attachment; filename="{name}.epp"'
    return response


def safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


class DayRangeFilter(RangeDateFilter):
    """From/to calendar days (local time) on a date-time field; both days included."""

    def queryset(self, request, queryset):
        filters = {}
        for suffix, lookup in (("_from", "gte"), ("_to", "lte")):
            value = self.used_parameters.get(self.parameter_name + suffix)
            if isinstance(value, str) and value:
                filters[f"{self.parameter_name}__date__{lookup}"] = parse_date_str(value)
        return queryset.filter(**filters)


class OrderLineInline(ReadOnlyAdminMixin, TabularInline):
    model = OrderLine
    fields = ("position", "sku", "name", "quantity", "unit", "base_quantity", "unit_net", "vat_rate", "line_net", "line_gross",
              "distributor_unit_net", "distributor_line_net", "bundle_code", "warehouse", "is_presale", "rules")
    readonly_fields = fields
    extra = 0
    per_page = INLINE_PAGE
    tab = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse")


class OrderEventInline(ReadOnlyAdminMixin, TabularInline):
    model = OrderEvent
    fields = ("created_at", "kind", "status_from", "status_to", "user", "message")
    readonly_fields = fields
    extra = 0
    per_page = INLINE_PAGE
    tab = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class OrderShipmentInline(ReadOnlyAdminMixin, TabularInline):
    model = OrderShipment
    fields = ("tracking_number", "carrier", "shipped_at")
    readonly_fields = fields
    extra = 0
    tab = True


class ErpOrderDocumentInline(ReadOnlyAdminMixin, TabularInline):
    model = ErpOrderDocument
    fields = ("erp_number", "erp_id", "status", "reported_at", "handoff")
    readonly_fields = fields
    extra = 0
    tab = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("handoff")


class ErpHandoffInline(ReadOnlyAdminMixin, TabularInline):
    model = ErpHandoff
    fields = ("handoff_link", "warehouse", "status", "attempts", "next_attempt_at", "sent_at", "last_error")
    readonly_fields = fields
    extra = 0
    tab = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse")

    @display(description=_("document key"))
    def handoff_link(self, obj):
        return format_html('<a href="{}" class="text-primary-600">{}</a>', reverse("admin:orders_erphandoff_change", args=(obj.pk,)), obj)


@admin.register(Order)
class OrderAdmin(OrderPaymentAdminMixin, ModelAdmin):
    list_display = ("display_number", "placed_at", "company", "status_badge", "source", "is_presale", "gross_display", "paid_display",
                    "handoff_state", "placed_by")
    list_filter = ("status", "source", "is_presale", ("placed_at", DayRangeFilter), ("company", AutocompleteSelectFilter),
                   ("distributor", AutocompleteSelectFilter), ("acting_rep", AutocompleteSelectFilter), "delivery_method", "payment_method", PaymentFilter)
    list_filter_submit = True
    search_fields = ("number", "erp_number", "customer_reference", "company__name", "company__nip", "company__erp_id")
    list_select_related = ("company", "placed_by")
    date_hierarchy = "placed_at"
    list_per_page = 50
    inlines = [OrderLineInline, OrderEventInline, OrderShipmentInline, ErpOrderDocumentInline, ErpHandoffInline]
    actions = ["cancel_selected", "export_epp", "mark_paid"]
    actions_detail = ["download_epp", "mark_paid_detail"]
    fieldsets = (
        (None, {"fields": ("number", "status", "status_changed_at", "source", "erp_id", "erp_number", "company", "placed_by",
                           "acting_rep", "placed_at", "language", "is_presale")}),
        (_("Delivery"), {"fields": ("delivery_address", "delivery_name", "delivery_street", "delivery_postal_code", "delivery_city",
                                    "delivery_country", "delivery_phone", "requested_delivery_date", "customer_reference", "notes",
                                    "delivery_method", "payment_method", "shipping_preference", "method_details", "own_courier_label")}),
        (_("Amounts"), {"fields": ("currency", "net", "vat", "gross", "order_discount_percent", "order_discount", "shipping_net",
                                   "payment_fee_net", "charges_vat_rate", "charges", "pricing_rules")}),
        (_("Payment"), {"fields": ("paid_at", "payment_reference", "payment_check_required")}),
        # A11: an end customer's order, bought from the wholesaler by its distributor at these prices.
        (_("Distributor"), {"fields": ("distributor", "distributor_net", "distributor_order_discount", "distributor_vat",
                                       "distributor_gross", "distributor_margin")}),
    )

    def get_queryset(self, request):
        return (
            orders_for_staff(request.user)
            .select_related("company", "placed_by")
            # correlated subqueries, not a JOIN + GROUP BY: the page's COUNT(*) stays a plain count
            .annotate(handoffs_total=handoff_count(), handoffs_sent=handoff_count(status=ErpHandoff.Status.SENT))
        )

    def get_readonly_fields(self, request, obj=None):
        return [f for fieldset in self.fieldsets for f in fieldset[1]["fields"]]

    @display(description=_("delivery and payment details"))
    def method_details(self, obj):
        """What the order's methods tell about it: pickup window and driver, transfer
        instructions, the customer's courier..."""
        info, _actions = order_method_info(obj)
        return format_html_join(format_html("<br>"), "{}", ((line,) for line in info)) or "—"

    @display(description=_("distributor's margin (net)"))
    def distributor_margin(self, obj):
        if obj.distributor_id is None or obj.distributor_net is None:
            return "—"
        return money_text(obj.net - obj.distributor_net, obj.currency)

    @display(description=_("own courier label"))
    def own_courier_label(self, obj):
        from backoffice.own_courier.admin import order_label_link

        return order_label_link(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancel_permission(self, request, obj=None):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    # ---------------------------------------------------------------- columns

    @display(description=_("number"), ordering="number")
    def display_number(self, obj):
        return str(obj)

    @display(description=_("status"), ordering="status", label=STATUS_LABELS)
    def status_badge(self, obj):
        return obj.status, obj.get_status_display()

    @display(description=_("gross"), ordering="gross")
    def gross_display(self, obj):
        return f"{obj.gross:.2f} {obj.currency}"

    @display(description=_("ERP hand-off"))
    def handoff_state(self, obj):
        if not obj.handoffs_total:
            return "—"
        return _("%(sent)d of %(total)d delivered") % {"sent": obj.handoffs_sent, "total": obj.handoffs_total}

    # ---------------------------------------------------------------- actions

    @admin.action(description=_("Cancel selected orders"), permissions=["cancel"])
    def cancel_selected(self, request, queryset):
        cancelled = 0
        for order in queryset:
            try:
                order_cancel(order=order, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                cancelled += 1
        if cancelled:
            messages.success(request, ngettext("%(count)d order cancelled.", "%(count)d orders cancelled.", cancelled) % {"count": cancelled})

    @admin.action(description=_("Download selected as EDI++ (.epp)"), permissions=["view"])
    def export_epp(self, request, queryset):
        documents = []
        for order in queryset.filter(source=Order.Source.PLATFORM).order_by("placed_at", "pk"):
            documents += documents_for(order)
        if not documents:
            messages.warning(request, _("Only orders placed on the platform can be exported."))
            return None
        return epp_response(epp_for_documents(documents), "orders")

    @action(description=_("Download EDI++ (.epp)"), url_path="epp", icon="download", permissions=["view"])
    def download_epp(self, request, object_id):
        order = self.get_object(request, object_id)
        if order is None:
            raise Http404
        if not self.has_view_permission(request, order):
            raise PermissionDenied
        if order.source != Order.Source.PLATFORM or not order.number:
            messages.warning(request, _("Orders placed in the ERP are not exported back to it."))
            return redirect(reverse("admin:orders_order_change", args=(order.pk,)))
        return epp_response(epp_for_order(order), safe_name(f"ZK-{order.number}"))


@admin.register(OrderSettings)
class OrderSettingsAdmin(SingletonAdminMixin, ModelAdmin):
    """A single row (pk=1, read by OrderSettings.current()). The list opens that row (written with
    the defaults on first visit), so no "add" and no query for it on every back-office page."""

    fields = ("delivery_lead_working_days", "order_number_prefix")

    def has_change_permission(self, request, obj=None):
        # Installation rules, not day-to-day order work: administrators and sales managers only.
        user = request.user
        return super().has_change_permission(request, obj) and (user.is_superuser or role_of(user) in SETTINGS_EDITORS)


from . import admin_handoff  # noqa: E402,F401  (the ERP hand-off outbox screen)
from . import admin_presale  # noqa: E402,F401  (S07: pre-sale orders waiting for stock)
from . import admin_methods  # noqa: E402,F401  (delivery and payment methods: on/off, customer groups, fees)
