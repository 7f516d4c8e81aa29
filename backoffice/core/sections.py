"""Back-office sections: the groups of the admin sidebar, and which app belongs to which."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    CUSTOMERS = "customers", _("Customers")
    CATALOG = "catalog", _("Catalog")
    PRICING = "pricing", _("Pricing")
    ORDERS = "orders", _("Orders")
    LOGISTICS = "logistics", _("Logistics")
    FINANCE = "finance", _("Finance")
    ERP = "erp", _("ERP sync")
    CRM = "crm", _("CRM")
    CONTENT = "content", _("Content")
    SETTINGS = "settings", _("Settings")


# app_label -> section. A model whose app is not listed is visible to administrators only.
APP_SECTIONS = {
    "accounts": Section.CUSTOMERS,
    "registration": Section.CUSTOMERS,
    "change_requests": Section.CUSTOMERS,
    "addresses": Section.CUSTOMERS,
    "acting": Section.CUSTOMERS,
    "distributors": Section.CUSTOMERS,
    "catalog": Section.CATALOG,
    "inventory": Section.CATALOG,
    "pricing": Section.PRICING,
    "orders": Section.ORDERS,
    "logistics": Section.LOGISTICS,
    "shipping": Section.LOGISTICS,
    "pickup": Section.LOGISTICS,
    "own_courier": Section.LOGISTICS,
    "finance": Section.FINANCE,
    "payments": Section.FINANCE,
    "online_payments": Section.FINANCE,
    "erp": Section.ERP,
    "crm": Section.CRM,
    "content": Section.CONTENT,
    # Sites, locales and workflows are installation settings; pages are granted through groups.
    "wagtailcore": Section.SETTINGS,
    "wagtailimages": Section.CONTENT,
    "wagtaildocs": Section.CONTENT,
    "core": Section.SETTINGS,
    "auth": Section.SETTINGS,
    "axes": Section.SETTINGS,
    "django_q": Section.SETTINGS,
}
