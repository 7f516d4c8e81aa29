"""A07 on the back office's Address screen: the approval queue (pending first), approve / reject
with a reason, in bulk from the list and one by one from an address's page. Mixed into
accounts.admin.AddressAdmin; every decision goes through addresses.services."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action, display

from backoffice.accounts.models import Address

from . import services

PENDING_FIRST = Case(When(status=Address.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())


class AddressDecisionAdminMixin:
    @display(description=_("status"), ordering="status")
    def status_display(self, obj):
        return obj.get_status_display()

    def get_ordering(self, request):
        return (PENDING_FIRST.asc(), "-created_at", "-pk")

    def has_decide_permission(self, request, obj=None):
        """Who may change customer data (administrators, sales managers); reps only look."""
        return request.user.has_perm("accounts.change_address")

    @admin.action(description=_("Approve the selected addresses"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        waiting = list(queryset.filter(status=Address.Status.PENDING).values_list("pk", flat=True))
        done = sum(1 for pk in waiting if services.address_approve(address_id=pk, user=request.user))
        if done:
            messages.success(request, gettext("Addresses approved: %(count)d. The customers have been emailed.") % {"count": done})
        skipped = queryset.count() - done
        if skipped:
            messages.warning(request, gettext("Addresses not awaiting approval, left as they were: %(count)d.") % {"count": skipped})

    @admin.action(description=_("Reject the selected addresses (with a reason)"), permissions=["decide"])
    def reject_selected(self, request, queryset):
        """First the form asking for the reason (the customer reads it), then the rejection."""
        if "reason" in request.POST:
            reason = request.POST.get("reason", "").strip()
            if reason:
                waiting = list(queryset.filter(status=Address.Status.PENDING).values_list("pk", flat=True))
                done = sum(1 for pk in waiting if services.address_reject(address_id=pk, user=request.user, reason=reason))
                messages.success(request, gettext("Addresses rejected: %(count)d. The customers have been emailed.") % {"count": done})
                return None
            messages.error(request, gettext("Give the reason for rejecting: the customer reads it."))
        return TemplateResponse(request, "addresses/admin/reject_selected.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "addresses": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME, "title": gettext("Reject shipping addresses"),
        })

    @action(description=_("Approve or reject"), url_path="decide", icon="fact_check", permissions=["decide"])
    def decide_detail(self, request, object_id):
        address = self.get_object(request, object_id)
        if address is None:
            raise Http404
        if not self.has_decide_permission(request, address):
            raise PermissionDenied
        error = ""
        if request.method == "POST" and address.status == Address.Status.PENDING:
            try:
                if request.POST.get("decision") == "approve":
                    services.address_approve(address_id=address.pk, user=request.user)
                    messages.success(request, gettext("The address has been approved and the customer emailed."))
                elif request.POST.get("decision") == "reject":
                    services.address_reject(address_id=address.pk, user=request.user, reason=request.POST.get("reason", ""))
                    messages.success(request, gettext("The address has been rejected and the customer emailed."))
                else:
                    raise ValidationError(gettext("Choose approve or reject."))
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect(reverse("admin:accounts_address_change", args=(address.pk,)))
        return TemplateResponse(request, "addresses/admin/decide.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "address": address, "error": error,
            "reason": request.POST.get("reason", "") if request.method == "POST" else "",
            "title": gettext("Approve or reject the address %(address)s") % {"address": address},
        }, status=400 if error else 200)
