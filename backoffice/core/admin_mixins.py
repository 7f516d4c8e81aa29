"""Shared behaviour of back-office screens."""
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, reverse

from . import modules


class ReadOnlyAdminMixin:
    """View only, for every role: records the ERP (or the platform itself) owns; the next sync
    would overwrite any edit. Works for ModelAdmins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SingletonAdminMixin:
    """Settings kept in one row (pk=1): the list opens that row, created on first use. Nothing to add
    or delete, and no query to decide it (the admin asks on every page's app list)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        row, _created = self.model.objects.get_or_create(pk=1)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=(row.pk,)))


class ModuleGatedAdminMixin:
    """The screens of one switchable module that shares its admin app label with screens that
    stay (ModuleSwitchMiddleware switches off whole app labels only): while the module is off,
    every URL of this ModelAdmin answers 404 and the model leaves the app list."""

    module_key = ""

    def module_enabled(self) -> bool:
        return modules.is_enabled(self.module_key)

    def has_module_permission(self, request):
        return self.module_enabled() and super().has_module_permission(request)

    def get_urls(self):
        return [
            URLPattern(p.pattern, self._gated(p.callback), p.default_args, p.name) if isinstance(p, URLPattern) else p
            for p in super().get_urls()
        ]

    def _gated(self, view):
        @wraps(view)
        def gated(request, *args, **kwargs):
            if not self.module_enabled():
                raise Http404
            return view(request, *args, **kwargs)

        return gated
