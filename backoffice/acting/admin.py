"""R01 audit screen: Customers > Acting sessions (read-only). Administrators and sales managers
see every session, reps only their own."""
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.contrib.filters.admin import AutocompleteSelectFilter
from unfold.decorators import display

from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.core.permissions import role_of
from backoffice.core.roles import Role
from backoffice.orders.admin import DayRangeFilter

from .models import ActingAction, ActingSession
from .services import max_duration

SEES_ALL = frozenset({Role.ADMIN, Role.SALES_MANAGER})


def acting_sessions_for_staff(user):
    """Administrators and sales managers: every session; anybody else: their own."""
    qs = ActingSession.objects.all()
    if user.is_superuser or role_of(user) in SEES_ALL:
        return qs
    return qs.filter(rep_id=user.pk)


class ActingActionInline(ReadOnlyAdminMixin, TabularInline):
    model = ActingAction
    fields = ("at", "method", "path", "view_name", "status_code", "order_link", "description")
    readonly_fields = ("order_link",)
    per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order").order_by("at", "pk")

    @display(description=_("order placed"))
    def order_link(self, obj):
        if obj.order_id is None:
            return "—"
        url = reverse("admin:orders_order_change", args=(obj.order_id,))
        return format_html('<a href="{}" class="text-primary-600">{}</a>', url, obj.order.number or obj.order_id)


@admin.register(ActingSession)
class ActingSessionAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("started_at", "rep", "company", "customer", "ended_display", "end_reason", "action_count", "ip_address")
    list_filter = (
        ("rep", AutocompleteSelectFilter),
        ("company", AutocompleteSelectFilter),
        ("started_at", DayRangeFilter),
        "end_reason",
    )
    list_filter_submit = True
    list_select_related = ("rep", "company", "customer")
    search_fields = ("company__name", "company__nip", "company__erp_id", "rep__email", "rep__last_name", "customer__email")
    date_hierarchy = "started_at"
    list_per_page = 50
    fields = ("rep", "company", "customer", "started_at", "ended_at", "end_reason", "ip_address", "user_agent")
    inlines = [ActingActionInline]

    def get_queryset(self, request):
        return acting_sessions_for_staff(request.user).select_related("rep", "company", "customer").annotate(actions_total=Count("actions"))

    @display(description=_("ended at"), ordering="ended_at")
    def ended_display(self, obj):
        if obj.ended_at is None:
            # closed only by the rep's next request; a browser simply left alone keeps it open
            limit = max_duration()
            if limit is not None and timezone.now() - obj.started_at > limit:
                return _("never closed (past the time limit)")
            return _("open")
        return date_format(timezone.localtime(obj.ended_at), "SHORT_DATETIME_FORMAT")

    @display(description=_("actions"), ordering="actions_total")
    def action_count(self, obj):
        return obj.actions_total
