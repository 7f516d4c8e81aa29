"""Cached platform-wide pricing rules are dropped when staff change them (pricing/selectors.py)."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import PricingSettings, QuantityDiscountTier
from .selectors import pricing_rules_changed


@receiver([post_save, post_delete], sender=PricingSettings, dispatch_uid="pricing_settings_cache")
@receiver([post_save, post_delete], sender=QuantityDiscountTier, dispatch_uid="pricing_tiers_cache")
def _drop_cached_rules(sender, **kwargs):
    pricing_rules_changed()
