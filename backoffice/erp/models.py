"""A record of every ERP synchronisation run and of every rejected row."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCESS = "success", _("success")
        PARTIAL = "partial", _("applied with rejected rows")
        FAILED = "failed", _("failed, nothing changed")

    package = models.CharField(_("package"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, blank=True)  # full / delta
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING, db_index=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    triggered_by = models.CharField(_("triggered by"), max_length=120, blank=True)
    # {"products": {"inserted": 1, "updated": 0, "unchanged": 5, "deactivated": 0, "rejected": 1}, ...}
    counts = models.JSONField(_("counts"), default=dict)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.package} ({self.get_status_display()})"

    def total(self, counter: str) -> int:
        return sum(entity.get(counter, 0) for entity in self.counts.values())


class SyncError(models.Model):
    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="errors")
    file = models.CharField(_("file"), max_length=120)
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    erp_id = models.CharField(_("ERP id"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")
        ordering = ["id"]

    def __str__(self):
        return f"{self.file}:{self.line} {self.reason}"
