"""S07 pre-sale products in the back office (module "presale"): which product is sold before it
arrives, from which date and how much of it, with what has been sold and what is left.

Staff close an offer by hand (the goods came in another way, or the pre-sale is over); an ERP
sync that brings own stock closes it automatically (orders/presale_release.py). Closing releases
the orders waiting for the product. A closed offer is not reopened: delete it and start a new one
(orders placed before the new offer do not count against it).
"""
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin
from unfold.decorators import action, display

from backoffice.catalog.admin import ProductColumnsMixin
from backoffice.core.admin_mixins import ModuleGatedAdminMixin
from backoffice.inventory.availability import format_quantity
from backoffice.orders.admin_presale import RELEASE_ARRIVED_ACTION
from backoffice.orders.models import Order, OrderLine
from backoffice.orders.presale import sold_lines
from backoffice.orders.presale_release import own_stock_arrived, presale_offer_close, presale_release_arrived

from .models import PresaleOffer

PRESALE_MODULE = "presale"
QUANTITY_FIELD = DecimalField(max_digits=14, decimal_places=3)


def with_sales(queryset):
    """Offers with `sold_quantity` (base units of pre-sale lines of orders placed since the offer
    started, cancelled ones left out) and `waiting_count` (orders still waiting for stock): two
    subqueries, no query per row."""
    sold = (
        sold_lines().filter(product_id=OuterRef("product_id"), order__placed_at__gte=OuterRef("created_at"))
        .order_by().values("product_id").annotate(total=Sum("base_quantity")).values("total")
    )
    waiting = (
        OrderLine.objects.filter(is_presale=True, product_id=OuterRef("product_id"), order__status=Order.Status.AWAITING_STOCK,
                                 order__is_presale=True)
        .order_by().values("product_id").annotate(n=Count("order_id", distinct=True)).values("n")
    )
    return queryset.annotate(
        sold_quantity=Coalesce(Subquery(sold, output_field=QUANTITY_FIELD), Value(Decimal("0")), output_field=QUANTITY_FIELD),
        waiting_count=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0)),
    )


def _waiting_count(offer: PresaleOffer) -> int:
    if hasattr(offer, "waiting_count"):
        return offer.waiting_count
    return with_sales(PresaleOffer.objects.filter(pk=offer.pk)).values_list("waiting_count", flat=True).first() or 0


class PresaleOfferForm(forms.ModelForm):
    class Meta:
        model = PresaleOffer
        fields = ("product", "planned_delivery_date", "sellable_quantity")

    def clean_sellable_quantity(self):
        quantity = self.cleaned_data["sellable_quantity"]
        if quantity is not None and quantity <= 0:
            raise forms.ValidationError(_("Enter a quantity greater than zero."))
        sold = getattr(self.instance, "sold_quantity", None)
        if quantity is not None and sold is not None and quantity < sold:
            raise forms.ValidationError(_("%(sold)s have already been sold in this pre-sale: the quantity cannot be lower.")
                                        % {"sold": format_quantity(sold)})
        return quantity

    def clean_planned_delivery_date(self):
        value = self.cleaned_data["planned_delivery_date"]
        if self.instance.pk is None and value and value < timezone.localdate():
            raise forms.ValidationError(_("The planned delivery date cannot be in the past."))
        return value

    def clean_product(self):
        product = self.cleaned_data["product"]
        if self.instance.pk is None and product and own_stock_arrived().filter(product=product).exists():
            raise forms.ValidationError(
                _("This product is in stock in our warehouse: it is sold normally (a pre-sale would close at the next ERP sync).")
            )
        return product


@admin.register(PresaleOffer)
class PresaleOfferAdmin(ModuleGatedAdminMixin, ProductColumnsMixin, ModelAdmin):
    module_key = PRESALE_MODULE
    form = PresaleOfferForm
    list_display = ("product_sku", "product_name", "planned_delivery_date", "sellable_quantity", "sold", "remaining", "waiting",
                    "status", "closed_at")
    list_filter = ("is_active",)
    search_fields = ("product__sku", "product__ean", "product__translations__name")
    autocomplete_fields = ("product",)
    readonly_fields = ("sold", "remaining", "waiting", "status", "closed_at")
    actions = ["close_selected"]
    actions_detail = ["close_offer"]
    actions_list = ["release_arrived"]

    def get_queryset(self, request):
        return with_sales(super().get_queryset(request)).select_related("product").prefetch_related("product__translations")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("product", "planned_delivery_date", "sellable_quantity")
        return ("product", "planned_delivery_date", "sellable_quantity", "sold", "remaining", "waiting", "status", "closed_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.is_active:  # closed: a record of what happened
            return ("product", "planned_delivery_date", "sellable_quantity", *self.readonly_fields)
        return ("product", *self.readonly_fields)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, so an offer with waiting orders is never deleted
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _waiting_count(obj):
            return False  # its orders would wait for ever: close it instead
        return super().has_delete_permission(request, obj)

    # ---------------------------------------------------------------- columns

    @display(description=_("sold"))
    def sold(self, obj):
        return format_quantity(obj.sold_quantity)

    @display(description=_("left to sell"))
    def remaining(self, obj):
        return format_quantity(max(obj.sellable_quantity - obj.sold_quantity, Decimal("0")))

    @display(description=_("orders waiting"))
    def waiting(self, obj):
        return obj.waiting_count

    @display(description=_("status"), label={"open": "success", "closed": "info"})
    def status(self, obj):
        return ("open", _("open")) if obj.is_active else ("closed", _("closed"))

    # ---------------------------------------------------------------- closing and releasing

    def has_close_permission(self, request, obj=None):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def _report(self, request, offers: int, orders: int) -> None:
        messages.success(request, ngettext(
            "%(offers)d pre-sale closed, %(orders)d orders released to fulfilment.",
            "%(offers)d pre-sales closed, %(orders)d orders released to fulfilment.", offers,
        ) % {"offers": offers, "orders": orders})

    @action(description=_("Close pre-sale and release its orders"), permissions=["close"])
    def close_selected(self, request, queryset):
        offers = list(queryset.filter(is_active=True))
        released = [order for offer in offers for order in presale_offer_close(offer=offer, user=request.user)]
        self._report(request, len(offers), len(released))

    @action(
        description=_("Close pre-sale and release orders"),
        url_path="close",
        icon="lock",
        permissions=["close"],
        dialog={
            "title": _("Close this pre-sale?"),
            "description": _("The product is no longer sold in pre-sale; every order waiting for it is released to fulfilment and sent to the ERP."),
            "form_class": None,
            "form_submit_text": _("Close and release"),
        },
    )
    def close_offer(self, request, form, object_id):
        offer = self.get_object(request, object_id)
        if offer is None:
            messages.error(request, _("This pre-sale no longer exists."))
            return self._back(request, reverse("admin:inventory_presaleoffer_changelist"))
        released = presale_offer_close(offer=offer, user=request.user)
        self._report(request, 1, len(released))
        return self._back(request, reverse("admin:inventory_presaleoffer_change", args=(offer.pk,)))

    @action(**RELEASE_ARRIVED_ACTION, permissions=["close"])
    def release_arrived(self, request, form):
        report = presale_release_arrived(user=request.user)
        if report.closed or report.released:
            self._report(request, len(report.closed), len(report.released))
        else:
            messages.info(request, _("No pre-sale product has arrived in our warehouse yet."))
        return self._back(request, reverse("admin:inventory_presaleoffer_changelist"))

    @staticmethod
    def _back(request, url):
        if getattr(request, "htmx", False):
            return HttpResponse(headers={"HX-Redirect": url})
        return redirect(url)
