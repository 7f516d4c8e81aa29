"""The back-office shell (django-unfold): title, colours and the sidebar callback."""
from django.utils.translation import gettext_lazy as _

UNFOLD = {
    "SITE_TITLE": _("B2B back office"),
    "SITE_HEADER": _("B2B back office"),
    "SITE_URL": "/",
    "SITE_SYMBOL": "storefront",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": True,
    "SHOW_LANGUAGES": True,
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": False,
        "navigation": "backoffice.core.navigation.sidebar_navigation",
    },
}
