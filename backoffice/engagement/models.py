"""R08: what customers do, recorded for analytics (logins, views, searches)."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CustomerEvent(models.Model):
    """One thing a buyer did. Written with a single INSERT and no reads (engagement/services.py);
    reports aggregate it. `object_id` is the viewed category, product or page."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("login")
        CATEGORY_VIEW = "category_view", _("category view")
        PRODUCT_VIEW = "product_view", _("product view")
        PAGE_VIEW = "page_view", _("content page view")
        SEARCH = "search", _("search")

    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+", db_index=False)
    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), null=True, on_delete=models.SET_NULL, related_name="+", db_index=False)
    object_id = models.PositiveIntegerField(_("object id"), null=True, blank=True)
    phrase = models.CharField(_("search phrase"), max_length=200, blank=True)
    result_count = models.PositiveIntegerField(_("results"), null=True, blank=True)

    class Meta:
        verbose_name = _("customer event")
        verbose_name_plural = _("customer events")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "created_at"]),
            models.Index(fields=["company", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
