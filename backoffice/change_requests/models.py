"""A06: customers' requests to change their master data. Customers cannot edit company data (it
comes from the ERP): they file a request, staff change the data in the ERP and answer here."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a customer may ask to change: the key in ChangeRequest.changes -> the Company field (None:
# free text) and its label.
FIELD_LABELS = {
    "name": _("company name"),
    "nip": _("tax ID (NIP)"),
    "street": _("street and number"),
    "postal_code": _("postal code"),
    "city": _("city"),
    "email": _("email"),
    "phone": _("phone"),
    "other": _("other"),
}


class ChangeRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        REJECTED = "rejected", _("rejected")

    company = models.ForeignKey("accounts.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # {field: {"old": current value, "new": requested value}}; "other" holds {"old": "", "new": free text}
    changes = models.JSONField(_("requested changes"), default=dict)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    staff_answer = models.TextField(_("answer to the customer"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("master-data change request")
        verbose_name_plural = _("master-data change requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"#{self.pk} {self.company}"

    def change_rows(self) -> list[tuple[str, str, str]]:
        """(label, old, new) in the form's order, for pages and emails."""
        return [(str(FIELD_LABELS.get(key, key)), str(value.get("old", "")), str(value.get("new", "")))
                for key in FIELD_LABELS for value in [self.changes.get(key)] if isinstance(value, dict)]
