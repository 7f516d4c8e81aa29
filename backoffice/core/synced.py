"""Fields every record synchronised from the ERP carries."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErpSynced(models.Model):
    """`erp_hash` is a digest of the last imported record: equal hash means nothing to write.
    Records missing from a full package are deactivated, never deleted (orders keep history)."""

    is_active = models.BooleanField(_("active"), default=True)
    erp_hash = models.CharField(_("ERP record digest"), max_length=32, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True
