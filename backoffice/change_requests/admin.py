"""Customers > Change requests (A06): the list with a status filter; on a request's page staff read
the changes asked for, then set the status with an answer (the customer is emailed). The data
itself is changed in the ERP; the next ERP sync brings it to the platform."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.accounts.selectors import companies_visible_to

from . import services
from .models import ChangeRequest


class ChangeRequestForm(forms.ModelForm):
    class Meta:
        model = ChangeRequest
        fields = ("status", "staff_answer")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ChangeRequest.Status.REJECTED and not (cleaned.get("staff_answer") or "").strip():
            raise ValidationError({"staff_answer": _("Tell the customer why the request is rejected.")})
        return cleaned


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ModelAdmin):
    form = ChangeRequestForm
    list_display = ("pk", "company", "fields_display", "status", "requested_by", "created_at", "handled_by")
    list_display_links = ("pk", "company")
    list_filter = ("status",)
    search_fields = ("company__name", "company__erp_id", "company__nip", "message")
    list_select_related = ("company", "requested_by", "handled_by")
    date_hierarchy = "created_at"
    readonly_fields = ("company", "requested_by", "created_at", "changes_display", "message", "handled_by", "handled_at")
    fieldsets = (
        (_("Request"), {"fields": ("company", "requested_by", "created_at", "changes_display", "message")}),
        (_("Handling"), {
            "fields": ("status", "staff_answer", "handled_by", "handled_at"),
            "description": _("Change the data in the ERP: the next ERP sync brings it to the platform (company data cannot be "
                             "edited here). Then set the status and answer the customer: they are emailed when the status changes."),
        }),
    )

    def get_queryset(self, request):
        # Reps see the requests of their own companies only (the companies' selector).
        return super().get_queryset(request).filter(company__in=companies_visible_to(request.user))

    def has_add_permission(self, request):
        return False  # customers file requests in the storefront

    @display(description=_("changes"))
    def fields_display(self, obj):
        return ", ".join(label for label, _old, _new in obj.change_rows())

    @display(description=_("requested changes"))
    def changes_display(self, obj):
        return render_to_string("change_requests/admin/changes.html", {"rows": obj.change_rows()})

    def save_model(self, request, obj, form, change):
        if not change:
            return
        services.change_request_set_status(change_request_id=obj.pk, status=form.cleaned_data["status"],
                                           answer=form.cleaned_data.get("staff_answer", ""), user=request.user)
        obj.refresh_from_db()
