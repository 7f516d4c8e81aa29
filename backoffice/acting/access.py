"""R01: who may act as which customer company, and as which of its accounts.

Reps act for the companies assigned to them by the ERP (`Company.sales_rep`, the same selector as
the back office: `companies_visible_to`); sales managers and administrators for any company.
The company must have platform access and an active main account.
"""
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404

from backoffice.accounts.models import Company, User
from backoffice.accounts.selectors import companies_visible_to
from backoffice.core.permissions import MAIN_ACCOUNT_ROLES, company_has_access, role_of
from backoffice.core.roles import Role

ACTING_ROLES = frozenset({Role.SALES_REP, Role.SALES_MANAGER, Role.ADMIN})


def may_act(user) -> bool:
    """May act as customers at all (the companies follow from `actable_companies`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in ACTING_ROLES


def may_act_for(user, company) -> bool:
    """The check of a running acting session: the rep still may act, and still for this company."""
    if not may_act(user) or not company_has_access(company):
        return False
    return role_of(user) != Role.SALES_REP or user.is_superuser or company.sales_rep_id == user.pk


def _main_accounts(company_id):
    return User.objects.filter(company_id=company_id, role__in=MAIN_ACCOUNT_ROLES, is_active=True).order_by("date_joined", "pk")


def actable_companies(user):
    """Companies the user may act for, each with the email of the account acting would use."""
    if not may_act(user):
        return Company.objects.none()
    main_email = Subquery(_main_accounts(OuterRef("pk")).values("email")[:1])
    return (
        companies_visible_to(user)
        .filter(is_active=True, b2b_access=True)
        .select_related("sales_rep")
        .annotate(main_account_email=main_email)
    )


def actable_company_get(user, pk) -> Company:
    """The company to act for, or 404 (not visible to the user, no platform access, or no such company)."""
    return get_object_or_404(actable_companies(user), pk=pk)


def main_account_for(company) -> User | None:
    """The account acting uses: the company's oldest active main account (A10: it holds every right)."""
    return _main_accounts(company.pk).select_related("company__price_list").first()


def search_companies(queryset, text: str):
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(name__icontains=text) | Q(nip__icontains=text) | Q(erp_id__icontains=text) | Q(city__icontains=text))
