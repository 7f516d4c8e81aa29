"""Writes for accounts: every user and company is created or changed here."""
from django.contrib.auth.models import Group
from django.db import transaction

from backoffice.core.permissions import CMS_EDITORS_GROUP, CMS_ROLES
from backoffice.core.roles import BUYER_ROLES, Role

from .models import Company, User
from .validators import normalize_nip


def user_sync_role_groups(user: User) -> None:
    group = Group.objects.filter(name=CMS_EDITORS_GROUP).first()
    if group is None:
        return
    if user.role in CMS_ROLES:
        user.groups.add(group)
    else:
        user.groups.remove(group)


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    role: str,
    company: Company | None = None,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    can_see_finance: bool = True,
) -> User:
    role = Role(role)
    if role in BUYER_ROLES and company is None:
        raise ValueError("A buyer account needs a company.")
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        company=company,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        can_see_finance=can_see_finance,
    )
    user_sync_role_groups(user)
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    user.role = Role(role)
    user.save(update_fields=["role"])
    user_sync_role_groups(user)
    return user


@transaction.atomic
def company_create(*, name: str, nip: str = "", **fields) -> Company:
    company = Company(name=name, nip=normalize_nip(nip) if nip else "", **fields)
    company.full_clean()
    company.save()
    return company
