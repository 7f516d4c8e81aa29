"""Emails of A07: staff learn of an address awaiting approval; the customer of the decision.
Queued with core.emails.queue_email (sent after commit), in the recipient's language."""
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from backoffice.accounts.models import Address, User
from backoffice.core.emails import absolute_url, queue_email
from backoffice.core.notify import staff_recipients_for_company
from backoffice.core.roles import Role


def _text(address: Address) -> str:
    lines = [address.name, address.street, f"{address.postal_code} {address.city}", address.country.name]
    if address.phone:
        lines.append(address.phone)
    return "\n".join(line for line in lines if line)


def notify_staff_of_pending(address: Address) -> None:
    recipients = staff_recipients_for_company(address.company, "accounts", "view_address")
    if not recipients:
        return
    link = absolute_url(reverse("admin:accounts_address_change", args=(address.pk,)))
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("New shipping address to approve: %(company)s") % {"company": address.company.name}
        body = gettext(
            "%(company)s has added a shipping address. It cannot be used for orders until it is approved.\n\n"
            "%(address)s\n\nAdded by: %(who)s\n\nApprove or reject it here:\n%(link)s\n"
        ) % {"company": address.company.name, "address": _text(address), "who": address.created_by or "—", "link": link}
    queue_email(subject=subject, body=body, to=recipients)


def _customer_recipients(address: Address) -> list[User]:
    """Whoever added the address; else the company's active main accounts."""
    if address.created_by is not None and address.created_by.is_active and address.created_by.email:
        return [address.created_by]
    return list(User.objects.filter(company_id=address.company_id, role=Role.CUSTOMER, is_active=True).exclude(email=""))


def notify_customer_of_decision(address: Address) -> None:
    link = absolute_url(reverse("addresses:list"))
    for user in _customer_recipients(address):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            if address.status == Address.Status.APPROVED:
                subject = gettext("Your shipping address has been approved")
                body = gettext(
                    "Hello,\n\nthe shipping address you added has been approved and you can choose it for your orders:\n\n"
                    "%(address)s\n\nYour addresses: %(link)s\n"
                ) % {"address": _text(address), "link": link}
            else:
                subject = gettext("Your shipping address has been rejected")
                body = gettext(
                    "Hello,\n\nwe could not accept the shipping address you added:\n\n%(address)s\n\n"
                    "Reason: %(reason)s\n\nYour addresses: %(link)s\n"
                ) % {"address": _text(address), "reason": address.rejection_reason, "link": link}
        queue_email(subject=subject, body=body, to=[user.email])
