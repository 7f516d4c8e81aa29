from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleSwitch(models.Model):
    """Stored state of one module switch; a module without a row is on."""

    key = models.CharField(_("module"), max_length=64, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    changed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("module switch")
        verbose_name_plural = _("module switches")
        ordering = ["key"]

    def __str__(self):
        return self.key
