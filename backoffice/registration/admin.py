"""Back office of A04/A05 (Customers section): the approval queue of registration applications, the
consent texts and the registration settings. Decisions go through registration.services only."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import action, display

from backoffice.core.admin_mixins import SingletonAdminMixin
from backoffice.core.permissions import is_administrator

from . import services
from .admin_forms import AcceptForm, RejectForm
from .models import ApplicationConsent, ConsentText, RegistrationApplication, RegistrationSettings

PENDING_FIRST = Case(When(status=RegistrationApplication.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
STATUS_LABELS = {"pending": "warning", "accepted": "success", "rejected": "danger"}


class ApplicationConsentInline(TabularInline):
    model = ApplicationConsent
    fields = ("kind", "version", "accepted", "accepted_at", "language", "title_shown", "text_shown")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("consents (as shown to the applicant)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RegistrationApplication)
class RegistrationApplicationAdmin(ModelAdmin):
    """The approval queue: pending applications first. The data are the applicant's: read only; staff
    decide with "Accept" (ERP id) or "Reject" (reason) on the application's page."""

    list_display = ("company_name", "nip", "city", "contact_name", "email", "created_at", "status_display", "decided_at")
    list_filter = ("status", "created_at", "country")
    search_fields = ("company_name", "nip", "regon", "email", "last_name", "erp_id", "city")
    ordering = (PENDING_FIRST.asc(), "-created_at")
    list_select_related = ("decided_by",)
    inlines = [ApplicationConsentInline]
    actions_detail = ["accept_detail", "reject_detail"]
    fieldsets = (
        (_("Company"), {"fields": ("company_name", "nip", "regon", "street", "postal_code", "city", "country")}),
        (_("Contact person"), {"fields": ("first_name", "last_name", "phone", "email", "language", "applicant")}),
        (_("Decision"), {"fields": ("status", "erp_id", "company", "rejection_reason", "decided_by", "decided_at")}),
        (_("Submission"), {"fields": ("created_at", "ip_address")}),
    )
    readonly_fields = (
        "company_name", "nip", "regon", "street", "postal_code", "city", "country", "first_name", "last_name", "phone", "email",
        "language", "applicant", "status", "erp_id", "company", "rejection_reason", "decided_by", "decided_at", "created_at",
        "ip_address",
    )

    def has_add_permission(self, request):
        return False  # applications come from the storefront form

    def has_change_permission(self, request, obj=None):
        return False  # the applicant's data stay as filed; decisions are the actions below

    def has_decide_permission(self, request, object_id=None):
        if not request.user.has_perm("registration.change_registrationapplication"):
            return False
        if object_id is None:
            return True
        return RegistrationApplication.objects.filter(pk=object_id, status=RegistrationApplication.Status.PENDING).exists()

    @display(description=_("status"), ordering="status", label=STATUS_LABELS)
    def status_display(self, obj):
        return obj.status, obj.get_status_display()

    @display(description=_("contact person"), ordering="last_name")
    def contact_name(self, obj):
        return obj.contact_name

    @action(description=_("Accept"), url_path="accept", icon="how_to_reg", permissions=["decide"])
    def accept_detail(self, request, object_id):
        return self._decide(
            request, object_id, AcceptForm,
            lambda application, form: services.application_accept(
                application_id=application.pk, erp_id=form.cleaned_data["erp_id"], decided_by=request.user),
            title=_("Accept the application of %(company)s"),
            explanation=_("First create the customer in the ERP, then enter its ERP id here. The applicant becomes the "
                          "company's main account and is emailed that they can log in."),
            submit_label=_("Accept and activate the account"),
            done=_("The application of %(company)s is accepted; the applicant has been emailed."),
        )

    @action(description=_("Reject"), url_path="reject", icon="block", permissions=["decide"])
    def reject_detail(self, request, object_id):
        return self._decide(
            request, object_id, RejectForm,
            lambda application, form: services.application_reject(
                application_id=application.pk, reason=form.cleaned_data["reason"], decided_by=request.user),
            title=_("Reject the application of %(company)s"),
            explanation=_("The applicant is emailed the reason and their account is deactivated."),
            submit_label=_("Reject the application"),
            done=_("The application of %(company)s is rejected; the applicant has been emailed the reason."),
        )

    def _decide(self, request, object_id, form_class, decide, *, title, explanation, submit_label, done):
        """GET shows the form; POST validates it and calls the service. An error shows on the form, nothing changed."""
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        change_url = reverse("admin:registration_registrationapplication_change", args=(application.pk,))
        if application.status != RegistrationApplication.Status.PENDING:
            messages.warning(request, services.ALREADY_DECIDED)
            return redirect(change_url)
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if not self.has_decide_permission(request, application.pk):
                raise PermissionDenied
            if form.is_valid():
                try:
                    decide(application, form)
                except ValidationError as exc:
                    if getattr(exc, "code", None) == "already_decided":
                        messages.warning(request, services.ALREADY_DECIDED)
                        return redirect(change_url)
                    _add_errors(form, exc)
                else:
                    messages.success(request, done % {"company": application.company_name})
                    return redirect(change_url)
        names = {"company": application.company_name}
        return TemplateResponse(request, "registration/admin/decide.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "application": application, "form": form,
            "title": title % names, "explanation": explanation, "submit_label": submit_label,
        })


def _add_errors(form, exc: ValidationError) -> None:
    """Errors of a service on the form: a field's on that field when the form has it, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@admin.register(ConsentText)
class ConsentTextAdmin(TranslatableAdmin, ModelAdmin):
    """Consent versions (Polish and English tabs). Publishing one as current retires the previous current
    version of its kind; versions already accepted by applicants cannot be deleted (their snapshot stays anyway)."""

    list_display = ("kind", "version", "display_title", "is_current", "published_at")
    list_filter = ("kind", "is_current")
    fields = ("kind", "version", "title", "text", "is_current", "published_at")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @display(description=_("title"))
    def display_title(self, obj):
        return obj.safe_translation_getter("title", any_language=True) or ""

    def save_model(self, request, obj, form, change):
        services.consent_text_save(consent=obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.acceptances.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(SingletonAdminMixin, ModelAdmin):
    """A single row (pk=1), changed by administrators: the automatic welcome email (A05) and the per-IP brake."""

    fields = ("auto_welcome_erp_customers", "applications_per_ip_per_hour")

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)
