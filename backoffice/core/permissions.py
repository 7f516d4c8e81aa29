"""The one place where role permissions are decided.

Views, admin screens, menus and the access-matrix test all ask these functions; nothing else
compares role names.
"""
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from .roles import BUYER_ROLES, STAFF_ROLES, Role
from .sections import APP_SECTIONS, Section

VIEW = frozenset({"view"})
EDIT = frozenset({"view", "add", "change"})
ALL = frozenset({"view", "add", "change", "delete"})

# What each staff role may do in each back-office section. Administrators may do everything.
ROLE_SECTION_ACTIONS: dict[str, dict[str, frozenset]] = {
    Role.ADMIN: {section: ALL for section in Section},
    Role.MARKETING: {Section.CATALOG: EDIT, Section.PRICING: ALL, Section.CONTENT: ALL},
    Role.SALES_MANAGER: {
        Section.CUSTOMERS: EDIT,
        Section.CATALOG: VIEW,  # to pick products for promotions and answer customers
        Section.ORDERS: EDIT,
        Section.PRICING: EDIT,
        Section.FINANCE: VIEW,
        Section.CRM: ALL,
    },
    Role.SALES_REP: {Section.CUSTOMERS: VIEW, Section.ORDERS: EDIT, Section.CRM: EDIT},
}

# Roles allowed into the Wagtail CMS (/cms/). Wagtail grants page and image rights to groups
# only, so users of these roles are kept in CMS_EDITORS_GROUP (accounts.services).
CMS_ROLES = frozenset({Role.ADMIN, Role.MARKETING})
CMS_EDITORS_GROUP = "CMS editors"


def assignable_roles(user) -> list[Role]:
    """Roles a staff member may give to accounts: only administrators create or promote staff."""
    if getattr(user, "is_superuser", False) or role_of(user) == Role.ADMIN:
        return list(Role)
    if can_in_section(user, Section.CUSTOMERS, "change"):
        return [role for role in Role if role not in STAFF_ROLES]
    return []


def may_manage_account(user, account) -> bool:
    """Only administrators may see or change staff accounts (their role, password, data)."""
    if getattr(user, "is_superuser", False) or role_of(user) == Role.ADMIN:
        return True
    return not (account.is_superuser or account.role in STAFF_ROLES)


def role_of(user) -> Role | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Role(user.role) if user.role else None


def is_administrator(user) -> bool:
    """Administrators (role or superuser): installation settings only they may change."""
    return bool(getattr(user, "is_superuser", False) and user.is_active) or role_of(user) == Role.ADMIN


def is_staff_role(user) -> bool:
    return role_of(user) in STAFF_ROLES


def company_has_access(company) -> bool:
    """A company's users may use the platform only while it is active and flagged for B2B access."""
    return company is not None and company.is_active and company.b2b_access


def is_buyer(user) -> bool:
    """May use the ordering storefront (belongs to a company with platform access)."""
    return role_of(user) in BUYER_ROLES and company_has_access(user.company)


# Main accounts of a customer company: they hold every right within their company (A10).
MAIN_ACCOUNT_ROLES = frozenset({Role.CUSTOMER, Role.DISTRIBUTOR, Role.END_CUSTOMER})


def is_main_account(user) -> bool:
    return role_of(user) in MAIN_ACCOUNT_ROLES


def may_see_finance(user) -> bool:
    """A10: settlements, invoices, balances and limits. Main accounts always; employees when granted.
    Finance pages answer 404 to everybody else."""
    return is_buyer(user) and (is_main_account(user) or bool(user.can_see_finance))


def may_manage_users(user) -> bool:
    """A10: create and change the company's employee accounts. Main accounts always; employees when
    granted (and never grant more than they hold: accounts.team)."""
    return is_buyer(user) and (is_main_account(user) or (role_of(user) == Role.EMPLOYEE and bool(user.can_manage_users)))


def may_serve_end_customers(user) -> bool:
    """A11: users of a distributor company manage its end customers and approve their orders
    (margins are shown only to those who may see finance)."""
    return is_buyer(user) and bool(user.company.is_distributor) and role_of(user) != Role.END_CUSTOMER


def is_end_customer(user) -> bool:
    """A11: a user of a company that buys through a distributor."""
    return is_buyer(user) and user.company.distributor_id is not None


def may_log_in(user) -> bool:
    """Buyers whose company lost platform access are refused at login; everybody else may try."""
    return role_of(user) not in BUYER_ROLES or company_has_access(user.company)


def is_applicant(user) -> bool:
    return role_of(user) == Role.APPLICANT


def sections_for(user) -> set[str]:
    if getattr(user, "is_superuser", False) and user.is_active:
        return set(Section)
    return set(ROLE_SECTION_ACTIONS.get(role_of(user), {}))


def can_in_section(user, section: str, action: str = "view") -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return action in ROLE_SECTION_ACTIONS.get(role_of(user), {}).get(section, frozenset())


def can_access_cms(user) -> bool:
    return role_of(user) in CMS_ROLES or (getattr(user, "is_superuser", False) and user.is_active)


def landing_url(user) -> str:
    """Where a user lands after login: staff in the back office, buyers in the storefront."""
    if is_staff_role(user) or getattr(user, "is_superuser", False):
        return reverse("admin:index")
    if is_applicant(user):
        return reverse("storefront:application_pending")
    return "/"


def _action_of(codename: str) -> str:
    return codename.split("_", 1)[0]


class RolePermissionBackend(ModelBackend):
    """Email + password login (ModelBackend), permissions derived from the user's role.

    Explicit user/group permissions still count (Wagtail's page and collection permissions are
    group-based), but a role never needs hand-assigned Django permissions.
    """

    def get_user(self, user_id):
        """The request's user with its company and price list: every storefront page needs them,
        so they come in the same query instead of two more."""
        from django.contrib.auth import get_user_model

        user = get_user_model()._default_manager.select_related("company__price_list").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if super().has_perm(user_obj, perm, obj):
            return True
        if role_of(user_obj) == Role.ADMIN:
            return True
        app_label, _sep, codename = perm.partition(".")
        if perm == "wagtailadmin.access_admin":
            return can_access_cms(user_obj)
        section = APP_SECTIONS.get(app_label)
        if section is None:
            return role_of(user_obj) == Role.ADMIN
        return can_in_section(user_obj, section, _action_of(codename))

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active:
            return False
        if super().has_module_perms(user_obj, app_label):
            return True
        section = APP_SECTIONS.get(app_label)
        if section is None:
            return role_of(user_obj) == Role.ADMIN
        return section in sections_for(user_obj)
