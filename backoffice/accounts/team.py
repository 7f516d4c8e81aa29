"""A10: a company's employee accounts, managed by the company itself in the storefront.

Who may manage: `core.permissions.may_manage_users` (main accounts always, employees when granted).
The rules on top of that, decided here and nowhere else:

* A manager sees the users of their own company only (`team_members_for`); any other user is a 404.
* A manager changes only EMPLOYEE accounts of their company: never the main account (our staff
  manage it in the back office) and never their own account (nobody raises or removes their own
  rights, nor locks themselves out).
* Nobody grants more than they hold: finance only by a manager who may see finance, "may manage
  users" only by a manager (which every manager is). Main accounts hold every right.
* An employee manager may not change an employee who holds a right the manager lacks (e.g. a
  manager without finance cannot deactivate or edit the finance person): such an account is
  changed by the main account.
* Emails are not editable here (an email is the login; changing it goes through our staff), so a
  sales rep acting as the customer can never change a login email either.

Refusals raise TeamRefused with a message for the user; nothing is written then. Every write is
atomic and re-reads the employee under a row lock, so two managers cannot race past a check.
"""
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from backoffice.core.permissions import is_main_account, may_manage_users, may_see_finance
from backoffice.core.roles import BUYER_ROLES, Role

from .models import User
from .services import user_create
from .team_emails import send_invitation


class TeamRefused(Exception):
    """A team change that the rules above refuse; str(exc) is the message for the user."""


@dataclass(frozen=True)
class Rights:
    see_finance: bool = False
    manage_users: bool = False

    def exceeding(self, held: "Rights") -> list[str]:
        """Names of the rights in self that `held` lacks (for messages)."""
        missing = []
        if self.see_finance and not held.see_finance:
            missing.append(_("access to finance"))
        if self.manage_users and not held.manage_users:
            missing.append(_("managing users"))
        return missing


def rights_held(user) -> Rights:
    """What a user may do, as the permission functions decide (main accounts: everything)."""
    return Rights(see_finance=may_see_finance(user), manage_users=may_manage_users(user))


def rights_of_employee(employee) -> Rights:
    """The rights stored on an employee account (whatever its company's state)."""
    return Rights(see_finance=bool(employee.can_see_finance), manage_users=bool(employee.can_manage_users))


# ------------------------------------------------------------------------------------------------
# Reads


def team_members_for(user):
    """The users of the manager's company (main accounts and employees, active or not); nobody
    for a user who may not manage users. Who created each account comes in the same query."""
    if not may_manage_users(user):
        return User.objects.none()
    return (
        User.objects.filter(company_id=user.company_id, role__in=BUYER_ROLES, is_superuser=False)
        .select_related("created_by")
        .order_by("last_name", "first_name", "email")
    )


def team_member_get(user, pk) -> User:
    """One user of the manager's company, or 404 (another company's user, staff, missing)."""
    return get_object_or_404(team_members_for(user), pk=pk)


def refusal_to_change(actor, member) -> str | None:
    """Why `actor` may not change `member` (name, phone, rights, active, new link), or None."""
    if member.pk == actor.pk:
        return _("You cannot change your own account here. Another person who manages your company's users, or our staff, can.")
    if member.role != Role.EMPLOYEE:
        return _("The company's main account is managed by our staff. Please contact your sales representative to change it.")
    if not is_main_account(actor):
        missing = rights_of_employee(member).exceeding(rights_held(actor))
        if missing:
            return _("%(name)s has rights you do not have (%(rights)s), so only the company's main account can change this account.") % {
                "name": member.get_full_name() or member.email,
                "rights": ", ".join(missing),
            }
    return None


def refusal_to_grant(actor, rights: Rights) -> str | None:
    """Why `actor` may not give an employee `rights`, or None (nobody grants more than they hold)."""
    missing = rights.exceeding(rights_held(actor))
    if missing:
        return _("You cannot grant rights you do not have yourself: %(rights)s.") % {"rights": ", ".join(missing)}
    return None


def may_change(actor, member) -> bool:
    return refusal_to_change(actor, member) is None


# ------------------------------------------------------------------------------------------------
# Writes


def _require_manager(actor) -> None:
    if not may_manage_users(actor):
        raise TeamRefused(_("You may not manage your company's users."))


def _locked_member(actor, member) -> User:
    """The employee re-read under a row lock, checked against the rules on fresh data."""
    _require_manager(actor)
    fresh = User.objects.select_for_update().filter(pk=member.pk, company_id=actor.company_id).first()
    if fresh is None:
        raise Http404
    refusal = refusal_to_change(actor, fresh)
    if refusal:
        raise TeamRefused(refusal)
    return fresh


def email_taken(email: str) -> bool:
    """Logins are case-insensitive and unique across the platform."""
    return User.objects.filter(email__iexact=email.strip()).exists()


@transaction.atomic
def employee_create(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    language: str = "",
    rights: Rights = Rights(),
    created_by: User | None = None,
) -> User:
    """A new employee of the actor's company, without a password: the invitation email carries a
    one-time link to set it. `created_by` defaults to the actor (a rep acting passes themselves)."""
    _require_manager(actor)
    refusal = refusal_to_grant(actor, rights)
    if refusal:
        raise TeamRefused(refusal)
    email = email.strip().lower()
    if email_taken(email):
        raise TeamRefused(_("An account with this email already exists."))
    created_by = created_by or actor
    try:
        employee = user_create(
            email=email,
            password=None,  # unusable until the employee sets one through the emailed link
            role=Role.EMPLOYEE,
            company=actor.company,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=phone.strip(),
            can_see_finance=rights.see_finance,
            can_manage_users=rights.manage_users,
            created_by=created_by,
            language=language or None,
        )
    except IntegrityError:  # the same email created a moment ago by someone else
        raise TeamRefused(_("An account with this email already exists.")) from None
    send_invitation(employee, invited_by=created_by)
    return employee


@transaction.atomic
def employee_update(
    *, actor: User, employee: User, first_name: str, last_name: str, phone: str, language: str, rights: Rights
) -> User:
    """Name, phone, language and rights of an employee (never the email: it is the login)."""
    employee = _locked_member(actor, employee)
    refusal = refusal_to_grant(actor, rights)
    if refusal:
        raise TeamRefused(refusal)
    employee.first_name = first_name.strip()
    employee.last_name = last_name.strip()
    employee.phone = phone.strip()
    employee.language = language or employee.language
    employee.can_see_finance = rights.see_finance
    employee.can_manage_users = rights.manage_users
    employee.save(update_fields=["first_name", "last_name", "phone", "language", "can_see_finance", "can_manage_users"])
    return employee


@transaction.atomic
def employee_set_active(*, actor: User, employee: User, active: bool) -> User:
    """Deactivate (cannot log in any more, open sessions end) or reactivate an employee."""
    employee = _locked_member(actor, employee)
    if employee.is_active != active:
        employee.is_active = active
        employee.save(update_fields=["is_active"])
    return employee


@transaction.atomic
def employee_resend_link(*, actor: User, employee: User) -> None:
    """Email the employee a new one-time link to set their password (e.g. the first one expired)."""
    employee = _locked_member(actor, employee)
    if not employee.is_active:
        raise TeamRefused(_("The account is deactivated. Reactivate it first, then send the link."))
    send_invitation(employee, invited_by=actor)
