"""S07: pre-sale orders waiting for stock, in their own place of the Orders section (module
"presale"), with the CSV export of these future orders for purchasing and the warehouse.

The screen lists only orders of a pre-sale product that still wait for the goods; they leave it
by themselves when the offer closes (orders/presale_release.py). Reps see their customers' orders
only (the same company visibility as everywhere in the back office). Read-only: the order itself
is managed in the orders screen.
"""
from collections.abc import Iterable, Iterator

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin
from unfold.decorators import action, display

from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.admin_mixins import ModuleGatedAdminMixin, ReadOnlyAdminMixin
from backoffice.core.csv_export import csv_stream
from backoffice.inventory.availability import format_quantity

from .models import Order, OrderLine, PresaleOrder
from .presale_release import presale_release_arrived

PRESALE_MODULE = "presale"
CSV_CHUNK = 500


def presale_lines_prefetch() -> Prefetch:
    return Prefetch(
        "lines",
        queryset=OrderLine.objects.filter(is_presale=True).select_related("product__presale").order_by("position", "pk"),
        to_attr="presale_lines",
    )


def waiting_presale_orders(user):
    """Pre-sale orders still waiting for stock, of the companies `user` may see, oldest first."""
    return (
        PresaleOrder.objects.filter(is_presale=True, status=Order.Status.AWAITING_STOCK)
        .filter(company_id__in=companies_visible_to(user).values("pk"))
        .select_related("company", "placed_by")
        .prefetch_related(presale_lines_prefetch())
        .order_by("placed_at", "pk")
    )


def csv_header() -> list[str]:
    return [
        gettext("order number"), gettext("placed at"), gettext("customer"), gettext("NIP"), gettext("customer ERP id"),
        gettext("SKU"), gettext("product"), gettext("quantity"), gettext("unit"), gettext("quantity (base unit)"),
        gettext("planned delivery date"), gettext("requested delivery date"), gettext("customer PO"), gettext("placed by"),
    ]


def csv_rows(orders: Iterable[Order]) -> Iterator[list]:
    """One row per pre-sale line (an order holds one pre-sale product, possibly in two units).
    Values are plain; csv_stream makes every cell safe against formula injection."""
    for order in orders:
        company = order.company
        for line in order.presale_lines:
            offer = getattr(line.product, "presale", None) if line.product_id else None
            yield [
                str(order), timezone.localtime(order.placed_at).strftime("%Y-%m-%d %H:%M"), company.name, company.nip, company.erp_id,
                line.sku, line.name, line.quantity, line.unit, line.base_quantity,
                offer.planned_delivery_date.isoformat() if offer else "",
                order.requested_delivery_date.isoformat() if order.requested_delivery_date else "",
                order.customer_reference, order.placed_by.email if order.placed_by_id else "",
            ]


def csv_response(orders) -> StreamingHttpResponse:
    rows = csv_rows(orders.iterator(chunk_size=CSV_CHUNK) if hasattr(orders, "iterator") else orders)
    response = StreamingHttpResponse(csv_stream(csv_header(), rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="presale-orders-{timezone.localdate().isoformat()}.csv"'
    return response


# "Check stock and release", offered on both pre-sale screens (orders and products).
RELEASE_ARRIVED_ACTION = dict(
    description=_("Check stock and release"),
    url_path="release-arrived",
    icon="inventory",
    dialog={
        "title": _("Release pre-sale orders whose goods arrived?"),
        "description": _("Every pre-sale product now in stock in our warehouse is closed and its orders are released. "
                         "This also runs after every ERP sync."),
        "form_class": None,
        "form_submit_text": _("Check and release"),
    },
)


@admin.register(PresaleOrder)
class PresaleOrderAdmin(ModuleGatedAdminMixin, ReadOnlyAdminMixin, ModelAdmin):
    module_key = PRESALE_MODULE
    list_display = ("order_link", "placed_at", "company", "company_nip", "product", "quantity", "planned_delivery", "requested_delivery_date",
                    "placed_by")
    list_display_links = None  # the order's own screen is the orders list (order_link)
    search_fields = ("number", "company__name", "company__nip", "company__erp_id", "lines__sku")
    actions = ["export_selected"]
    actions_list = ["export_csv", "release_arrived"]

    def get_queryset(self, request):
        return waiting_presale_orders(request.user)

    # ---------------------------------------------------------------- columns

    @display(description=_("order"), ordering="number")
    def order_link(self, obj):
        try:
            url = reverse("admin:orders_order_change", args=(obj.pk,))
        except NoReverseMatch:  # the orders screen is not registered (yet)
            return str(obj)
        return format_html('<a href="{}" class="text-primary-600">{}</a>', url, obj)

    @display(description=_("NIP"))
    def company_nip(self, obj):
        return obj.company.nip

    @display(description=_("product"))
    def product(self, obj):
        return ", ".join(f"{line.sku} {line.name}" for line in obj.presale_lines) or "—"

    @display(description=_("quantity"))
    def quantity(self, obj):
        return ", ".join(f"{format_quantity(line.quantity)} {line.unit or (line.product.base_unit if line.product_id else '')}".strip()
                         for line in obj.presale_lines) or "—"

    @display(description=_("planned delivery"))
    def planned_delivery(self, obj):
        dates = {line.product.presale.planned_delivery_date for line in obj.presale_lines
                 if line.product_id and getattr(line.product, "presale", None)}
        return ", ".join(sorted(d.isoformat() for d in dates)) or "—"

    # ---------------------------------------------------------------- export and release

    def has_release_permission(self, request, obj=None):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @action(description=_("Export selected to CSV"))
    def export_selected(self, request, queryset):
        return csv_response(queryset)  # the changelist's queryset: lines already prefetched

    @action(description=_("Export all to CSV"), url_path="export-csv", icon="download", permissions=["view"])
    def export_csv(self, request):
        return csv_response(self.get_queryset(request))

    @action(**RELEASE_ARRIVED_ACTION, permissions=["release"])
    def release_arrived(self, request, form):
        report = presale_release_arrived(user=request.user)
        if report.released:
            messages.success(request, ngettext("%(count)d order released to fulfilment.", "%(count)d orders released to fulfilment.",
                                               len(report.released)) % {"count": len(report.released)})
        else:
            messages.info(request, _("No pre-sale product has arrived in our warehouse yet."))
        url = reverse("admin:orders_presaleorder_changelist")
        if getattr(request, "htmx", False):
            return HttpResponse(headers={"HX-Redirect": url})
        return redirect(url)
