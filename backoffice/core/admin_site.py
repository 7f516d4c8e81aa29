"""The back-office admin site: unfold's look, one login page, module-aware app list."""
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode
from unfold.sites import UnfoldAdminSite

from . import modules


def _app_is_switched_off(app_label: str, disabled: frozenset[str]) -> bool:
    module = modules.module_for_app_label(app_label)
    return module is not None and module.key in disabled


class PlatformAdminSite(UnfoldAdminSite):
    def login(self, request, extra_context=None):
        # One login page for everybody: brute-force protection and the login wall live there.
        target = reverse("storefront:login")
        next_url = request.GET.get("next")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)

    def get_app_list(self, request, app_label=None):
        disabled = modules.disabled_modules()
        return [app for app in super().get_app_list(request, app_label) if not _app_is_switched_off(app["app_label"], disabled)]

    def get_urls(self):
        from .views_admin import ModuleSwitchesView

        view = self.admin_view(ModuleSwitchesView.as_view(admin_site=self))
        return [path("settings/modules/", view, name="modules")] + super().get_urls()
