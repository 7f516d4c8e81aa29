"""The label a buyer uploaded for their own courier (L06), kept on private storage."""
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


def label_path(instance, filename) -> str:
    """A random name (the buyer's name is kept in original_name only): nothing to guess or traverse."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"own_courier/{uuid.uuid4().hex}.{extension}"


class OwnCourierLabel(models.Model):
    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="own_courier_label")
    file = models.FileField(_("label file"), storage=private_storage, upload_to=label_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("file type"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    number = models.CharField(_("shipment number"), max_length=64)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("own courier label")
        verbose_name_plural = _("own courier labels")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.carrier} {self.number}".strip()
