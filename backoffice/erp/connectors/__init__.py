"""ERP connectors. `get_connector()` returns the one configured in settings.ERP_CONNECTOR."""
from django.conf import settings
from django.utils.module_loading import import_string

from .base import ErpConnector, InboundPackage


def get_connector() -> ErpConnector:
    return import_string(settings.ERP_CONNECTOR)()


__all__ = ["ErpConnector", "InboundPackage", "get_connector"]
