"""Custom back-office screens owned by core."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from . import modules, services
from .forms import ModuleSwitchesForm


class ModuleSwitchesView(FormView):
    """K00: switch modules on and off one by one or apply an edition preset."""

    template_name = "core/admin/module_switches.html"
    form_class = ModuleSwitchesForm
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("core.change_moduleswitch"):
            from django.http import Http404

            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        disabled = modules.disabled_modules()
        kwargs["enabled"] = {m.key for m in modules.MODULES if m.key not in disabled}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        context["title"] = _("Modules and editions")
        context["presets"] = {key: modules.preset_modules(key) for key, _label in modules.Edition.CHOICES}
        return context

    def form_valid(self, form):
        preset = form.cleaned_data["preset"]
        if preset:
            services.modules_apply_preset(edition=preset, changed_by=self.request.user)
            messages.success(self.request, _("Edition preset applied."))
        else:
            services.modules_set_enabled(enabled_keys=form.enabled_keys(), changed_by=self.request.user)
            messages.success(self.request, _("Module switches saved."))
        return redirect("admin:modules")
