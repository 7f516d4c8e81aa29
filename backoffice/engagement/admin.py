"""Customer behaviour in the back office: the event log (R08, view only) and, on its URLs, the
zero-result search report (C08, views_admin.py).

Events are records of what customers did: nobody adds or edits them here. The table grows fast:
the list joins its relations in one query and skips the unfiltered total count.
"""
from django.contrib import admin
from django.urls import path
from unfold.admin import ModelAdmin

from backoffice.core.admin_mixins import ReadOnlyAdminMixin

from .models import CustomerEvent


@admin.register(CustomerEvent)
class CustomerEventAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("created_at", "kind", "company", "user", "phrase", "result_count", "object_id")
    list_filter = ("kind", "created_at")
    search_fields = ("phrase", "company__name", "company__erp_id")
    list_select_related = ("company", "user")
    show_full_result_count = False
    fields = ("created_at", "kind", "company", "user", "object_id", "phrase", "result_count")
    readonly_fields = fields

    def get_urls(self):
        from .views_admin import ZeroResultsCsvView, ZeroResultsView

        report = self.admin_site.admin_view(ZeroResultsView.as_view(admin_site=self.admin_site))
        export = self.admin_site.admin_view(ZeroResultsCsvView.as_view())
        return [
            path("zero-results/", report, name="engagement_zero_results"),
            path("zero-results.csv", export, name="engagement_zero_results_csv"),
        ] + super().get_urls()
