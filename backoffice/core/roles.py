"""Every role on the platform, in one enum. Permissions for each role live in permissions.py."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MARKETING = "marketing", _("Marketing")
    SALES_MANAGER = "sales_manager", _("Sales manager")
    SALES_REP = "sales_rep", _("Sales representative")
    CUSTOMER = "customer", _("Customer (main account)")
    EMPLOYEE = "employee", _("Customer employee")
    DISTRIBUTOR = "distributor", _("Distributor")
    END_CUSTOMER = "end_customer", _("End customer")
    APPLICANT = "applicant", _("Applicant")


STAFF_ROLES = frozenset({Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP})
# Roles that buy in the storefront and belong to a company.
BUYER_ROLES = frozenset({Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR, Role.END_CUSTOMER})
