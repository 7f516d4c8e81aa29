"""Reads for accounts. Objects are fetched through access-checking selectors only."""
from django.http import Http404

from backoffice.core.permissions import company_has_access, is_staff_role, role_of
from backoffice.core.roles import STAFF_ROLES, Role

from .models import Address, Company, User


def companies_visible_to(user):
    """Companies a user may see: staff all (reps their own), buyers only their own company."""
    qs = Company.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    if is_staff_role(user):
        if role_of(user) == Role.SALES_REP:
            return qs.filter(sales_rep=user)
        return qs
    if user.is_authenticated and user.company_id:
        return qs.filter(pk=user.company_id)
    return qs.none()


def company_get_for_user(user, pk) -> Company:
    """The company, or 404 when it does not exist or the user may not see it."""
    company = companies_visible_to(user).filter(pk=pk).first()
    if company is None:
        raise Http404
    return company


def sales_rep_for(user) -> User | None:
    """The sales rep shown on a customer's pages (R01): the company's assigned rep."""
    company = getattr(user, "company", None) if user.is_authenticated else None
    if company is None:
        return None
    if company.distributor_id and company.sales_rep_id is None:
        company = company.distributor
    return company.sales_rep if company.sales_rep and company.sales_rep.is_active else None


def users_visible_to(user):
    """Users a staff member may manage: admins all, managers every non-staff account, reps the
    accounts of their companies."""
    qs = User.objects.all()
    if getattr(user, "is_superuser", False) or role_of(user) == Role.ADMIN:
        return qs
    if role_of(user) == Role.SALES_MANAGER:
        return qs.filter(is_superuser=False).exclude(role__in=STAFF_ROLES)
    if is_staff_role(user):
        return qs.filter(company__in=companies_visible_to(user))
    if user.is_authenticated and user.company_id:
        return qs.filter(company_id=user.company_id)
    return qs.none()


def shipping_addresses_for(company):
    """The company's active, approved shipping addresses (usable for orders), in a stable order (one query)."""
    if company is None:
        return Address.objects.none()
    return Address.objects.filter(
        company=company, kind=Address.Kind.SHIPPING, is_active=True, status=Address.Status.APPROVED
    ).order_by("name", "pk")


def addresses_visible_to(user):
    """Addresses of the companies a user may see (reps: their own companies only)."""
    return Address.objects.filter(company__in=companies_visible_to(user))


def welcome_email_recipients(companies):
    """Main accounts to welcome: active users of role customer of the given companies that have
    platform access (users of other companies are never included)."""
    company_ids = [company.pk for company in companies if company_has_access(company)]
    return User.objects.filter(company_id__in=company_ids, role=Role.CUSTOMER, is_active=True).select_related("company").order_by("email")
