from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeRequestsConfig(AppConfig):
    name = "backoffice.change_requests"
    label = "change_requests"
    verbose_name = _("Master-data change requests")
