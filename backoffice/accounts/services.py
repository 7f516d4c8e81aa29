"""Writes for accounts: every user and company is created or changed here."""
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from backoffice.core.emails import absolute_url, queue_email

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
    can_manage_users: bool = False,
    created_by: User | None = None,
    language: str | None = None,
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
        can_manage_users=can_manage_users,
        created_by=created_by,
        language=language or settings.LANGUAGE_CODE,
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


def set_password_link(user: User) -> str:
    """Django's password-reset link: one-time (the token dies once the password is set) and valid
    for settings.PASSWORD_RESET_TIMEOUT. Welcome and invitation emails carry it, never a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("storefront:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


def set_password_link_days() -> int:
    """How many days the link works, as the emails say it."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def welcome_email(user: User) -> dict:
    """Subject and body of the welcome email with a link to set a password (A05), in the user's language."""
    link = set_password_link(user)
    days = set_password_link_days()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = gettext("Your account on the B2B platform")
        body = gettext(
            "Hello,\n\n"
            "an account on our B2B platform has been created for %(company)s. Your login is %(email)s.\n"
            "To set your password, open this link (valid for %(days)d days):\n\n%(link)s\n\n"
            "If the link has expired, use \"Forgot password\" on the login page.\n"
        ) % {"company": user.company.name if user.company else "", "email": user.email, "days": days, "link": link}
    return {"subject": subject, "body": body, "to": [user.email]}


def user_send_welcome_email(*, user: User) -> None:
    """A05: queue the welcome email with a password-set link (sent by the background worker)."""
    queue_email(**welcome_email(user))
