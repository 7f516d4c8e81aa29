"""ERP sync admin: the history of sync runs with their counts and rejected rows, and "Run now".

Runs and rejected rows are records of what happened: nobody adds or edits them here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import action, display

from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.core.csv_export import csv_stream

from .models import SyncError, SyncRun

COUNTERS = ("inserted", "updated", "unchanged", "deactivated", "rejected", "skipped")
COUNTER_LABELS = {
    "inserted": _("inserted"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "deactivated": _("deactivated"),
    "rejected": _("rejected"),
    "skipped": _("skipped"),
}
STATUS_LABELS = {
    SyncRun.Status.RUNNING: "info",
    SyncRun.Status.SUCCESS: "success",
    SyncRun.Status.PARTIAL: "warning",
    SyncRun.Status.FAILED: "danger",
}
ERRORS_PER_PAGE = 50
# unfold's own table classes (present in its compiled stylesheet)
TABLE_TH = 'class="px-3 py-2 text-left font-semibold border-b border-base-200 dark:border-base-800"'
TABLE_TD = 'class="px-3 py-1.5 border-b border-base-200 dark:border-base-800"'
def errors_csv_rows(run: SyncRun):
    """Header and every rejected row of a run, formula-safe, streamed in chunks from the database."""
    rows = run.errors.order_by("id").values_list("file", "line", "erp_id", "reason")
    return csv_stream(["file", "line", "erp_id", "reason"], rows.iterator(chunk_size=2000))


class SyncErrorInline(ReadOnlyAdminMixin, TabularInline):
    model = SyncError
    fields = ("file", "line", "erp_id", "reason")
    readonly_fields = fields
    extra = 0
    per_page = ERRORS_PER_PAGE  # paginated: a run may have up to 10 000 stored rejections
    can_delete = False
    verbose_name_plural = _("rejected rows")


@admin.register(SyncRun)
class SyncRunAdmin(ModelAdmin):
    list_display = (
        "started_at", "package", "kind", "status_badge", "inserted", "updated", "unchanged", "deactivated",
        "rejected", "duration",
    )
    list_filter = ("status", "kind")
    search_fields = ("package", "triggered_by")
    date_hierarchy = "started_at"
    inlines = [SyncErrorInline]
    actions_list = ["run_now"]
    fields = (
        "package", "kind", "status", "started_at", "finished_at", "duration", "triggered_by", "message",
        "counts_table", "errors_download",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # ---------------------------------------------------------------- columns

    @display(description=_("status"), ordering="status", label=STATUS_LABELS)
    def status_badge(self, obj):
        return obj.status, obj.get_status_display()

    @display(description=_("inserted"))
    def inserted(self, obj):
        return obj.total("inserted")

    @display(description=_("updated"))
    def updated(self, obj):
        return obj.total("updated")

    @display(description=_("unchanged"))
    def unchanged(self, obj):
        return obj.total("unchanged")

    @display(description=_("deactivated"))
    def deactivated(self, obj):
        return obj.total("deactivated")

    @display(description=_("rejected"))
    def rejected(self, obj):
        return obj.total("rejected")

    @display(description=_("duration"))
    def duration(self, obj):
        if obj.finished_at is None or obj.started_at is None:
            return "—"
        return f"{(obj.finished_at - obj.started_at).total_seconds():.1f} s"

    # ---------------------------------------------------------------- detail

    @display(description=_("counts per file"))
    def counts_table(self, obj):
        counts = obj.counts if isinstance(obj.counts, dict) else {}
        if not counts:
            return "—"
        th, td = mark_safe(TABLE_TH), mark_safe(TABLE_TD)
        header = format_html_join("", "<th {}>{}</th>", ((th, COUNTER_LABELS[c]) for c in COUNTERS))
        body = format_html_join(
            "",
            '<tr><th scope="row" {}>{}</th>{}</tr>',
            (
                (th, entity, format_html_join("", "<td {}>{}</td>", ((td, values.get(c, 0)) for c in COUNTERS)))
                for entity, values in sorted(counts.items())
                if isinstance(values, dict)
            ),
        )
        totals = format_html_join("", "<td {}><strong>{}</strong></td>", ((td, obj.total(c)) for c in COUNTERS))
        return format_html(
            '<table class="sync-counts"><thead><tr><th {}>{}</th>{}</tr></thead><tbody>{}</tbody>'
            '<tfoot><tr><th scope="row" {}>{}</th>{}</tr></tfoot></table>',
            th, _("file"), header, body, th, _("total"), totals,
        )

    @display(description=_("rejected rows"))
    def errors_download(self, obj):
        stored = obj.errors.count()
        if not stored:
            return _("none")
        url = reverse("admin:erp_syncrun_errors_csv", args=(obj.pk,))
        return format_html(
            '{} <a href="{}" class="text-primary-600">{}</a> {}',
            _("%(count)d stored, listed below %(per_page)d per page.") % {"count": stored, "per_page": ERRORS_PER_PAGE},
            url,
            _("Download all as CSV"),
            _("(only the first 10 000 rejected rows of a run are stored; see the message)") if obj.total("rejected") > stored else "",
        )

    # ---------------------------------------------------------------- CSV of all rejected rows

    def get_urls(self):
        view = self.admin_site.admin_view(self.errors_csv_view)
        return [path("<path:object_id>/errors.csv", view, name="erp_syncrun_errors_csv")] + super().get_urls()

    def errors_csv_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = self.get_object(request, object_id)
        if run is None:
            raise Http404
        response = StreamingHttpResponse(errors_csv_rows(run), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sync-run-{run.pk}-rejected-rows.csv"'
        return response

    # ---------------------------------------------------------------- Run now

    def has_run_sync_permission(self, request, obj=None):
        # Roles that may change ERP-section objects (administrators). A method rather than the
        # dotted "erp.change_syncrun": unfold's system check looks dotted permissions up in the
        # database, which breaks `migrate` on a fresh database.
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @action(
        description=_("Run now"),
        url_path="run-now",
        icon="sync",
        permissions=["run_sync"],
        dialog={
            "title": _("Import waiting ERP packages now?"),
            "description": _("Every package waiting in the ERP inbox is imported in the background, oldest first."),
            "form_class": None,
            "form_submit_text": _("Run now"),
        },
    )
    def run_now(self, request, form):
        triggered_by = request.user.email
        transaction.on_commit(lambda: async_task("backoffice.erp.tasks.sync_inbox_task", triggered_by=triggered_by))
        messages.success(request, _("The ERP sync has been queued; refresh this list in a moment to see the run."))
        url = reverse("admin:erp_syncrun_changelist")
        if getattr(request, "htmx", False):
            return HttpResponse(headers={"HX-Redirect": url})
        return redirect(url)


@admin.register(SyncError)
class SyncErrorAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("run", "file", "line", "erp_id", "reason")
    list_filter = ("file",)
    search_fields = ("erp_id", "reason", "run__package")
    list_select_related = ("run",)
    fields = ("run", "file", "line", "erp_id", "reason")
    readonly_fields = fields
