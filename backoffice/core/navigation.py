"""The back-office sidebar, grouped by section and filtered by role and module switches.

Each later app adds its entries to SIDEBAR; unfold calls `sidebar_navigation(request)`.
"""
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import modules
from .permissions import can_access_cms
from .sections import Section


@dataclass(frozen=True)
class NavItem:
    title: str
    icon: str
    url: str  # a URL name ("admin:accounts_company_changelist") or a path ("/cms/pages/")
    permission: str = ""  # Django permission, or "cms" for Wagtail access
    module: str = ""  # module switch that must be on

    def href(self) -> str:
        if self.url.startswith("/"):
            return self.url
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return ""

    def allowed(self, user, disabled: frozenset[str]) -> bool:
        if self.module and self.module in disabled:
            return False
        if self.permission == "cms":
            return can_access_cms(user)
        return not self.permission or user.has_perm(self.permission)


SIDEBAR: dict[str, list[NavItem]] = {
    Section.CUSTOMERS: [
        NavItem(_("Companies"), "apartment", "admin:accounts_company_changelist", "accounts.view_company"),
        NavItem(_("Users"), "people", "admin:accounts_user_changelist", "accounts.view_user"),
        NavItem(_("Addresses"), "location_on", "admin:accounts_address_changelist", "accounts.view_address"),
        NavItem(_("Addresses to approve"), "local_shipping", "/admin/accounts/address/?status__exact=pending", "accounts.view_address", "addresses"),
        NavItem(_("Shipping address settings"), "tune", "admin:addresses_addresssettings_changelist", "addresses.view_addresssettings",
                "addresses"),
        NavItem(_("Change requests"), "edit_note", "admin:change_requests_changerequest_changelist", "change_requests.view_changerequest",
                "change_requests"),
        NavItem(_("Registration applications"), "how_to_reg", "admin:registration_registrationapplication_changelist",
                "registration.view_registrationapplication", "registration"),
        NavItem(_("Consent texts"), "policy", "admin:registration_consenttext_changelist", "registration.view_consenttext", "registration"),
        NavItem(_("Registration settings"), "settings", "admin:registration_registrationsettings_changelist",
                "registration.view_registrationsettings", "registration"),
        NavItem(_("Act as a customer"), "storefront", "acting:customers", "acting.view_actingsession", "sales_reps"),
        NavItem(_("Acting sessions"), "switch_account", "admin:acting_actingsession_changelist", "acting.view_actingsession", "sales_reps"),
    ],
    Section.CATALOG: [
        NavItem(_("Products"), "inventory_2", "admin:catalog_product_changelist", "catalog.view_product"),
        NavItem(_("Categories"), "account_tree", "admin:catalog_category_changelist", "catalog.view_category"),
        NavItem(_("Brands"), "sell", "admin:catalog_brand_changelist", "catalog.view_brand"),
        NavItem(_("Warehouses"), "warehouse", "admin:catalog_warehouse_changelist", "catalog.view_warehouse"),
        NavItem(_("Stock"), "stacks", "admin:inventory_stock_changelist", "inventory.view_stock"),
        NavItem(_("Customer product codes"), "qr_code", "admin:catalog_customerproductcode_changelist", "catalog.view_customerproductcode"),
        NavItem(_("Stock display"), "visibility", "admin:inventory_stockdisplaysettings_changelist", "inventory.view_stockdisplaysettings"),
        NavItem(_("Stock ranges"), "signal_cellular_alt", "admin:inventory_stockrange_changelist", "inventory.view_stockrange"),
        NavItem(_("Pre-sale products"), "new_releases", "admin:inventory_presaleoffer_changelist", "inventory.view_presaleoffer", "presale"),
        NavItem(_("Search synonyms"), "swap_horiz", "admin:catalog_searchsynonym_changelist", "catalog.view_searchsynonym", "search_tools"),
        NavItem(_("Zero-result searches"), "search_off", "admin:engagement_zero_results", "catalog.view_searchsynonym", "search_tools"),
    ],
    Section.PRICING: [
        NavItem(_("Price lists"), "list_alt", "admin:pricing_pricelist_changelist", "pricing.view_pricelist"),
        NavItem(_("Prices"), "payments", "admin:pricing_price_changelist", "pricing.view_price"),
        NavItem(_("Contract prices"), "handshake", "admin:pricing_contractprice_changelist", "pricing.view_contractprice"),
        NavItem(_("Category discounts"), "percent", "admin:pricing_categorydiscount_changelist", "pricing.view_categorydiscount"),
        NavItem(_("Promotions"), "redeem", "admin:pricing_promotion_changelist", "pricing.view_promotion"),
        NavItem(_("Quantity discounts"), "stacked_bar_chart", "admin:pricing_quantitydiscounttier_changelist", "pricing.view_quantitydiscounttier"),
        NavItem(_("Customer groups"), "groups", "admin:pricing_customergroup_changelist", "pricing.view_customergroup"),
        NavItem(_("Order value tiers"), "price_check", "admin:pricing_ordervaluetier_changelist", "pricing.view_ordervaluetier"),
        NavItem(_("Pricing settings"), "tune", "admin:pricing_pricingsettings_changelist", "pricing.view_pricingsettings"),
        NavItem(_("Price preview"), "calculate", "admin:pricing_preview", "pricing.view_pricingsettings"),
        NavItem(_("Bundles"), "package_2", "admin:pricing_bundle_changelist", "pricing.view_bundle"),
    ],
    Section.ORDERS: [
        NavItem(_("Orders"), "receipt_long", "admin:orders_order_changelist", "orders.view_order"),
        NavItem(_("Pre-sale orders"), "schedule_send", "admin:orders_presaleorder_changelist", "orders.view_presaleorder", "presale"),
        NavItem(_("ERP hand-offs"), "outbox", "admin:orders_erphandoff_changelist", "orders.view_erphandoff"),
        NavItem(_("Ordering settings"), "tune", "admin:orders_ordersettings_changelist", "orders.view_ordersettings"),
        NavItem(_("Delivery and payment methods"), "checklist", "admin:orders_checkoutmethodsetting_changelist",
                "orders.view_checkoutmethodsetting"),
    ],
    Section.LOGISTICS: [
        NavItem(_("Pickups of the day"), "event_available", "admin:pickup_pickupbooking_day", "pickup.view_pickupbooking"),
        NavItem(_("Pickup bookings"), "calendar_month", "admin:pickup_pickupbooking_changelist", "pickup.view_pickupbooking"),
        NavItem(_("Pickup points"), "warehouse", "admin:pickup_pickuppoint_changelist", "pickup.view_pickuppoint"),
        NavItem(_("Shipping zones"), "public", "admin:shipping_shippingzone_changelist", "shipping.view_shippingzone"),
        NavItem(_("Shipping rates"), "local_shipping", "admin:shipping_shippingrate_changelist", "shipping.view_shippingrate"),
        NavItem(_("Product shipping data"), "inventory", "admin:shipping_shippingproductoverride_changelist",
                "shipping.view_shippingproductoverride"),
        NavItem(_("Own courier labels"), "label", "admin:own_courier_owncourierlabel_changelist", "own_courier.view_owncourierlabel"),
    ],
    Section.FINANCE: [
        NavItem(_("Payment settings"), "account_balance", "admin:payments_paymentsettings_changelist", "payments.view_paymentsettings"),
        NavItem(_("Online payments"), "credit_card", "admin:online_payments_onlinepayment_changelist", "online_payments.view_onlinepayment"),
        NavItem(_("Gateway notifications"), "notifications", "admin:online_payments_paymentnotification_changelist",
                "online_payments.view_paymentnotification"),
    ],
    Section.ERP: [
        NavItem(_("Sync runs"), "sync", "admin:erp_syncrun_changelist", "erp.view_syncrun"),
        NavItem(_("Rejected rows"), "report", "admin:erp_syncerror_changelist", "erp.view_syncerror"),
    ],
    Section.CRM: [
        NavItem(_("Customer events"), "timeline", "admin:engagement_customerevent_changelist", "engagement.view_customerevent"),
    ],
    Section.CONTENT: [
        NavItem(_("Pages"), "article", "/cms/pages/", "cms"),
        NavItem(_("Images"), "image", "/cms/images/", "cms"),
        NavItem(_("Documents"), "description", "/cms/documents/", "cms"),
        NavItem(_("Menus"), "menu", "/cms/snippets/content/menu/", "cms"),
        NavItem(_("Branding: logo, colours, banners"), "palette", "/cms/settings/content/brandingsettings/", "cms"),
        NavItem(_("Contact form submissions"), "mail", "/cms/forms/", "cms"),
    ],
    Section.SETTINGS: [
        NavItem(_("Modules and editions"), "toggle_on", "admin:modules", "core.change_moduleswitch"),
        NavItem(_("Scheduled jobs"), "schedule", "admin:django_q_schedule_changelist", "django_q.view_schedule"),
        NavItem(_("Failed jobs"), "error", "admin:django_q_failure_changelist", "django_q.view_failure"),
        NavItem(_("Login lockouts"), "lock", "admin:axes_accessattempt_changelist", "axes.view_accessattempt"),
    ],
}


def sidebar_navigation(request) -> list[dict]:
    user = request.user
    disabled = modules.disabled_modules()
    groups = []
    for section, items in SIDEBAR.items():
        visible = [
            {"title": item.title, "icon": item.icon, "link": href}
            for item in items
            if item.allowed(user, disabled) and (href := item.href())
        ]
        if visible:
            groups.append({"title": Section(section).label, "separator": True, "collapsible": True, "items": visible})
    return groups
