"""Writes owned by core: module switches."""
from django.db import transaction

from .models import ModuleSwitch
from .modules import MODULES_BY_KEY, forget_cached_switches, preset_modules


@transaction.atomic
def modules_set_enabled(*, enabled_keys: set[str], changed_by=None) -> None:
    """Store the on/off state of every module: keys in `enabled_keys` on, all others off."""
    unknown = set(enabled_keys) - set(MODULES_BY_KEY)
    if unknown:
        raise ValueError(f"Unknown modules: {sorted(unknown)}")
    for key in MODULES_BY_KEY:
        ModuleSwitch.objects.update_or_create(key=key, defaults={"enabled": key in enabled_keys, "changed_by": changed_by})
    transaction.on_commit(forget_cached_switches)
    forget_cached_switches()


def modules_apply_preset(*, edition: str, changed_by=None) -> None:
    modules_set_enabled(enabled_keys=preset_modules(edition), changed_by=changed_by)
