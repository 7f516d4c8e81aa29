"""F02 on the Orders screen: staff record a prepayment they saw on the bank statement ("Mark as
paid", on the list and on an order's page), a "paid" column and a payment filter. Mixed into
orders.admin.OrderAdmin; every payment goes through orders.payment_state.order_mark_paid."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action, display

from backoffice.core.permissions import role_of
from backoffice.core.roles import Role
from backoffice.orders.checkout_methods import PAYMENT, registered_methods
from backoffice.orders.models import Order
from backoffice.orders.payment_state import PaymentSource

from .emails import payment_record

# Who confirms money on the bank statement (sales reps see orders but do not book payments).
MARK_PAID_ROLES = frozenset({Role.ADMIN, Role.SALES_MANAGER})


def prepaid_codes() -> list[str]:
    return [handler.code for handler in registered_methods(PAYMENT) if handler.prepaid]


def awaiting_payment(queryset):
    return queryset.filter(status=Order.Status.AWAITING_PAYMENT, paid_at__isnull=True, payment_method__in=prepaid_codes())


class PaymentFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return (("awaiting", _("awaiting payment (unpaid)")), ("paid", _("paid")), ("unpaid", _("not paid")))

    def queryset(self, request, queryset):
        value = self.value()
        if value == "awaiting":
            return awaiting_payment(queryset)
        if value == "paid":
            return queryset.filter(paid_at__isnull=False)
        if value == "unpaid":
            return queryset.filter(paid_at__isnull=True)
        return queryset


class OrderPaymentAdminMixin:
    """For OrderAdmin: add "paid_display" to list_display, PaymentFilter to list_filter,
    "mark_paid" to actions and "mark_paid_detail" to actions_detail."""

    def has_mark_paid_permission(self, request, obj=None):
        user = request.user
        if not (user.is_superuser or role_of(user) in MARK_PAID_ROLES):
            return False
        if not request.user.has_perm("orders.change_order"):
            return False
        if obj is None:
            return True
        order_id = obj.pk if isinstance(obj, Order) else obj  # unfold passes the object id of a detail action
        return awaiting_payment(self.get_queryset(request)).filter(pk=order_id).exists()

    @display(description=_("paid"), ordering="paid_at")
    def paid_display(self, obj):
        if obj.paid_at:
            return date_format(timezone.localtime(obj.paid_at), "SHORT_DATETIME_FORMAT")
        return _("awaiting payment") if obj.status == Order.Status.AWAITING_PAYMENT else "—"

    @admin.action(description=_("Mark as paid (payment received)"), permissions=["mark_paid"])
    def mark_paid(self, request, queryset):
        due = list(awaiting_payment(queryset).values_list("pk", flat=True))
        paid = sum(1 for order_id in due if payment_record(order_id=order_id, source=PaymentSource.STAFF, user=request.user))
        if paid:
            messages.success(request, _("Orders marked as paid and sent on: %(count)d.") % {"count": paid})
        skipped = queryset.count() - paid
        if skipped:
            messages.warning(request, _("Orders not awaiting a prepayment, left as they were: %(count)d.") % {"count": skipped})

    @action(description=_("Mark as paid"), url_path="mark-paid", icon="payments", permissions=["mark_paid"])
    def mark_paid_detail(self, request, object_id):
        if request.method != "POST":
            # a state change: only from the confirmation form below (GET shows it)
            from django.template.response import TemplateResponse

            order = self.get_object(request, object_id)
            if order is None:
                raise Http404
            return TemplateResponse(request, "payments/admin/mark_paid_confirm.html", {
                **self.admin_site.each_context(request), "order": order, "opts": self.opts,
                "title": _("Mark order %(order)s as paid") % {"order": order},
            })
        order = self.get_object(request, object_id)
        if order is None:
            raise Http404
        if not self.has_mark_paid_permission(request, order):
            raise PermissionDenied
        reference = request.POST.get("reference", "").strip()[:128]
        if payment_record(order_id=order.pk, source=PaymentSource.STAFF, reference=reference, user=request.user):
            messages.success(request, _("Order %(order)s is marked as paid.") % {"order": order})
        else:
            messages.warning(request, _("Order %(order)s was already paid or cancelled; nothing changed.") % {"order": order})
        return redirect(reverse("admin:orders_order_change", args=(order.pk,)))
