"""Module switches (K00): the catalogue of switchable modules and the three edition presets.

A module owns URL namespaces (storefront) and admin app labels (back office). When it is switched
off, its menu entries disappear and its URLs answer 404 (ModuleSwitchMiddleware). A module whose
screens share an app label with screens that stay (search_tools, product_links live in catalog)
is switched by its ModelAdmins instead (core.admin_mixins.ModuleGatedAdminMixin, `is_enabled`
checks for inlines and fields). Modules whose code has not been built yet are listed with
`built=False` so staff see the whole product map.
"""
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


class Edition:
    START = "start"
    BUSINESS = "business"
    ENTERPRISE = "enterprise"
    CHOICES = [(START, _("Start")), (BUSINESS, _("Business")), (ENTERPRISE, _("Enterprise"))]


S, B, E = Edition.START, Edition.BUSINESS, Edition.ENTERPRISE


@dataclass(frozen=True)
class Module:
    key: str
    label: str
    features: tuple[str, ...]
    editions: frozenset = field(default_factory=lambda: frozenset({S, B, E}))
    url_namespaces: tuple[str, ...] = ()
    admin_app_labels: tuple[str, ...] = ()
    built: bool = False


def _m(key, label, features, editions, **kwargs) -> Module:
    return Module(key=key, label=label, features=tuple(features.split()), editions=frozenset(editions), **kwargs)


MODULES: tuple[Module, ...] = (
    _m("registration", _("Self-registration of applicants"), "A04", {S, B, E},
       url_namespaces=("registration",), admin_app_labels=("registration",), built=True),
    _m("change_requests", _("Master-data change requests"), "A06", {S, B, E},
       url_namespaces=("change_requests",), admin_app_labels=("change_requests",), built=True),
    _m("addresses", _("Customer shipping addresses"), "A07 A08 A09", {S, B, E},
       url_namespaces=("addresses",), admin_app_labels=("addresses",), built=True),
    _m("employees", _("Employee sub-accounts"), "A10", {S, B, E},
       url_namespaces=("team",), admin_app_labels=(), built=True),
    _m("distributors", _("Distributors and end customers"), "A11", {B, E},
       url_namespaces=("distributor",), admin_app_labels=("distributors",), built=True),
    _m("recently_bought", _("Recently bought"), "C05", {S, B, E}, built=True),
    _m("cart_import", _("CSV/Excel import to cart"), "C06", {S, B, E}, built=True),
    _m("search_tools", _("Search synonyms and zero-result report"), "C07 C08", {B, E}, built=True),
    _m("bundles", _("Bundles"), "C10", {B, E}),
    _m("product_links", _("Variants, similar and complementary products"), "C11 C12", {B, E}, built=True),
    _m("back_in_stock", _("Back-in-stock notifications"), "S05", {B, E}),
    _m("rfq", _("Price inquiries (RFQ)"), "S06", {B, E}),
    _m("presale", _("Pre-sale and contracting"), "S07", {B, E}, built=True),
    _m("external_stock", _("External supplier stock"), "S03 S08", {B, E}),
    _m("promotions", _("Promotions and discount tables"), "P05 P06 P07 P08", {B, E}),
    _m("purchase_targets", _("Purchase targets with rebates"), "P09", {E}),
    _m("shipping_rules", _("Shipping costs and logistic minimum"), "L01 L02 L03", {S, B, E}),
    _m("pallets", _("Pallet occupancy"), "L05", {B, E}),
    _m("own_courier", _("Customer's own courier label"), "L06", {B, E}),
    _m("pickup", _("Personal pickup slots"), "L07", {B, E}),
    _m("trade_credit", _("Trade credit and limits"), "F01 F14 F15 F16 F17 F18", {S, B, E}),
    _m("online_payments", _("Online payments"), "F03", {B, E}),
    _m("cash_on_delivery", _("Cash on delivery"), "F04", {S, B, E}),
    _m("predictive_reorder", _("Predictive reorder"), "F07", {E}),
    _m("erp_order_history", _("Order history mirrored from the ERP"), "F09", {B, E}, built=True),
    _m("settlements", _("Settlements and invoices"), "F10 F11 F12 F13", {S, B, E}),
    _m("sales_reps", _("Sales rep card and acting as a customer"), "R01", {S, B, E}, url_namespaces=("acting",),
       admin_app_labels=("acting",), built=True),
    _m("shopping_lists", _("Shopping lists"), "R03", {S, B, E}, built=True),
    _m("rep_quotes", _("Sales rep quotes"), "R04", {B, E}),
    _m("customer_offers", _("Customer offers for their clients"), "R05", {B, E}),
    _m("rep_dashboard", _("Sales rep dashboard"), "R06", {B, E}),
    _m("abandoned_carts", _("Abandoned carts"), "R07", {B, E}),
    _m("behaviour_tracking", _("Behaviour tracking"), "R08", {B, E}),
    _m("crm", _("CRM: funnel, tasks, contractors, leads"), "M01 M02 M04 M05 M06 M07 M10", {E}),
    _m("crm_maps", _("CRM maps"), "M03", {E}),
    _m("crm_email", _("CRM email and calendar sync"), "M08 M09", {E}),
    _m("sales_targets", _("Sales targets and commissions"), "M11", {E}),
    _m("field_app", _("Field sales app"), "X01 X02 X03 X04 X05 X06 X07 X08", {E}),
    _m("warehouse", _("Warehouse and courier labels"), "W01", {E}),
    _m("marketplaces", _("Allegro and marketplaces"), "W02 W03 W04", {E}),
    _m("loyalty", _("Loyalty programme"), "E01", {B, E}),
    _m("complaints", _("Complaints (RMA)"), "E02", {B, E}),
    _m("surveys", _("Customer surveys"), "E03", {B, E}),
    _m("newsletter_chat", _("Newsletter and chat integrations"), "E04 E05", {B, E}),
    _m("messages", _("In-platform messages"), "E06", {B, E}),
    _m("offer_feeds", _("XML offer feeds"), "I01", {B, E}),
    _m("customer_api", _("Ordering API for customers"), "I02", {E}),
)
MODULES_BY_KEY = {module.key: module for module in MODULES}

_CACHE_KEY = "core:disabled-modules:v1"


def preset_modules(edition: str) -> set[str]:
    return {module.key for module in MODULES if edition in module.editions}


def disabled_modules() -> frozenset[str]:
    """Keys of switched-off modules. Cached; the cache is cleared by every write of a switch."""
    disabled = cache.get(_CACHE_KEY)
    if disabled is None:
        from .models import ModuleSwitch

        disabled = frozenset(ModuleSwitch.objects.filter(enabled=False).values_list("key", flat=True))
        cache.set(_CACHE_KEY, disabled, 300)
    return disabled


def forget_cached_switches() -> None:
    cache.delete(_CACHE_KEY)


def is_enabled(key: str) -> bool:
    return key not in disabled_modules()


def module_for_namespace(namespace: str) -> Module | None:
    return next((m for m in MODULES if namespace in m.url_namespaces), None)


def module_for_app_label(app_label: str) -> Module | None:
    return next((m for m in MODULES if app_label in m.admin_app_labels), None)


def module_required(key: str):
    """View decorator for storefront views of a module that shares a URL namespace with others:
    404 while the module is switched off (K00)."""
    from functools import wraps

    from django.http import Http404

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_enabled(key):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
