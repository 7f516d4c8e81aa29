"""A10: the invitation email of a new employee (and its resend): a one-time link to set a password,
never a password. Same style and link as accounts.services.welcome_email (A05)."""
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from backoffice.core.emails import queue_email

from .services import set_password_link, set_password_link_days


def invitation_email(user, *, invited_by=None) -> dict:
    """Subject and body in the employee's language."""
    days = set_password_link_days()
    inviter = (invited_by.get_full_name() or invited_by.email) if invited_by is not None else ""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = gettext("Your employee account on the B2B platform")
        body = gettext(
            "Hello %(name)s,\n\n"
            "%(inviter)s has given you an account on our B2B platform for %(company)s. Your login is %(email)s.\n"
            "To set your password, open this link (valid for %(days)d days, it works once):\n\n%(link)s\n\n"
            "If the link has expired, ask the person who manages your company's users to send a new one, "
            "or use \"Forgot password\" on the login page.\n"
        ) % {
            "name": user.get_full_name() or user.email,
            "inviter": inviter or (user.company.name if user.company else ""),
            "company": user.company.name if user.company else "",
            "email": user.email,
            "days": days,
            "link": set_password_link(user),
        }
    return {"subject": subject, "body": body, "to": [user.email]}


def send_invitation(user, *, invited_by=None) -> None:
    """Queued: sent by the background worker once the surrounding transaction commits."""
    queue_email(**invitation_email(user, invited_by=invited_by))
