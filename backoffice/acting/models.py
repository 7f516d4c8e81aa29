"""R01: sales reps acting as customers, and the audit log of every acting session."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActingSession(models.Model):
    """A rep's browser session spent as a customer company's main account (R01 audit log)."""

    class EndReason(models.TextChoices):
        STOPPED = "stopped", _("stopped by the rep")
        LOGGED_OUT = "logged_out", _("logged out")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked (rights or account changed)")
        REPLACED = "replaced", _("replaced by a newer acting session")

    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sales rep"), on_delete=models.PROTECT, related_name="acting_sessions"
    )
    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="acting_sessions")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acted as (account)"), on_delete=models.PROTECT, related_name="acted_as_sessions"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=16, choices=EndReason.choices, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("acting session")
        verbose_name_plural = _("acting sessions")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["rep", "ended_at"], name="acting_rep_open_idx")]

    def __str__(self):
        return f"{self.rep} → {self.company} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class ActingAction(models.Model):
    """One non-GET request made while acting (form posts, cart changes, the order placed)."""

    session = models.ForeignKey(ActingSession, verbose_name=_("acting session"), on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(_("at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("address"), max_length=500)
    view_name = models.CharField(_("screen"), max_length=200, blank=True)
    status_code = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order placed"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("action while acting")
        verbose_name_plural = _("actions while acting")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.method} {self.path}"
