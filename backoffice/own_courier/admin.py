"""Own-courier labels in the back office (Logistics): the list, and a download view that streams
the private file to staff allowed to see labels (own_courier.view_owncourierlabel)."""
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.admin_mixins import ReadOnlyAdminMixin

from .models import OwnCourierLabel

DOWNLOAD_URL_NAME = "own_courier_owncourierlabel_download"


def label_download_url(label: OwnCourierLabel) -> str:
    return reverse(f"admin:{DOWNLOAD_URL_NAME}", args=(label.pk,))


def order_label_link(order) -> str:
    """HTML link to an order's label download ("—" without a label): for the order admin."""
    label = OwnCourierLabel.objects.filter(order_id=order.pk).first()
    if label is None:
        return "—"
    return format_html('<a href="{}" class="text-primary-600">{} ({})</a>', label_download_url(label), label.original_name, label)


@admin.register(OwnCourierLabel)
class OwnCourierLabelAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("order_link", "company", "carrier", "number", "download_link", "size_display", "uploaded_at")
    search_fields = ("number", "carrier", "order__number", "order__company__name")
    list_select_related = ("order", "order__company")
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    fields = ("order_link", "company", "carrier", "number", "download_link", "content_type", "size_display", "sha256", "uploaded_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(order__company_id__in=companies_visible_to(request.user).values("pk"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.download_view)
        return [path("<path:object_id>/download/", view, name=DOWNLOAD_URL_NAME)] + super().get_urls()

    def download_view(self, request, object_id):
        if not request.user.has_perm("own_courier.view_owncourierlabel"):
            raise PermissionDenied
        label = self.get_object(request, object_id)
        if label is None:
            raise Http404
        try:
            handle = label.file.open("rb")
        except (OSError, ValueError) as exc:
            raise Http404("the label file is missing") from exc
        response = FileResponse(handle, as_attachment=True, filename=label.original_name, content_type=label.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    # ---------------------------------------------------------------- columns

    @display(description=_("order"), ordering="order__placed_at")
    def order_link(self, obj):
        return format_html('<a href="{}" class="text-primary-600">{}</a>', reverse("admin:orders_order_change", args=(obj.order_id,)),
                           obj.order)

    @display(description=_("customer"), ordering="order__company__name")
    def company(self, obj):
        return obj.order.company

    @display(description=_("label"))
    def download_link(self, obj):
        return format_html('<a href="{}" class="text-primary-600">{}</a>', label_download_url(obj), obj.original_name)

    @display(description=_("size"), ordering="size")
    def size_display(self, obj):
        return f"{obj.size / 1024:.0f} KB"

