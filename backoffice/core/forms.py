from django import forms
from django.utils.translation import gettext_lazy as _

from .modules import MODULES, Edition


class ModuleSwitchesForm(forms.Form):
    """One checkbox per module, or a preset that overrides the checkboxes."""

    preset = forms.ChoiceField(label=_("Apply edition preset"), choices=[("", "---")] + Edition.CHOICES, required=False)

    def __init__(self, *args, enabled: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        enabled = enabled or set()
        for module in MODULES:
            self.fields[f"module_{module.key}"] = forms.BooleanField(
                label=module.label, required=False, initial=module.key in enabled
            )

    def enabled_keys(self) -> set[str]:
        return {module.key for module in MODULES if self.cleaned_data.get(f"module_{module.key}")}

    def rows(self):
        for module in MODULES:
            yield module, self[f"module_{module.key}"]
