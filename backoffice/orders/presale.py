"""S07 pre-sale / contracting rules shared by the cart and order placement.

A pre-sale product is sold before it is in stock, up to its offer's sellable quantity. One order
holds one pre-sale product only (any quantity, any unit) and never together with other products.
"""
from collections.abc import Iterable

from django.utils.translation import gettext as _

from backoffice.core import modules
from backoffice.inventory.models import PresaleOffer


def presale_offers_for(product_ids: Iterable[int]) -> dict[int, PresaleOffer]:
    """Open pre-sale offers of `product_ids` (one query; none when the module is switched off)."""
    ids = {int(pk) for pk in product_ids}
    if not ids or not modules.is_enabled("presale"):
        return {}
    return {offer.product_id: offer for offer in PresaleOffer.objects.filter(product_id__in=ids, is_active=True)}


def presale_mix_error(product_ids: Iterable[int], offers: dict[int, PresaleOffer]) -> str | None:
    """Why this set of products cannot be in one cart/order, or None. `offers` comes from
    presale_offers_for (over at least these products)."""
    ids = {int(pk) for pk in product_ids}
    presale = ids & offers.keys()
    if not presale or len(ids) == 1:
        return None
    if len(presale) > 1:
        return _("Only one pre-sale product can be ordered at a time. Place a separate order for each.")
    return _("A pre-sale product cannot be ordered together with other products. Place a separate order for it.")
