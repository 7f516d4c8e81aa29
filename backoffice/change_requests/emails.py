"""Emails of A06 (queued after commit, in the recipient's language)."""
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from backoffice.accounts.models import User
from backoffice.core.emails import absolute_url, queue_email
from backoffice.core.notify import staff_recipients_for_company
from backoffice.core.roles import Role

from .models import ChangeRequest


def _changes_text(request: ChangeRequest) -> str:
    return "\n".join(gettext("%(field)s: %(old)s -> %(new)s") % {"field": label, "old": old or "—", "new": new}
                     for label, old, new in request.change_rows())


def notify_staff(request: ChangeRequest) -> None:
    recipients = staff_recipients_for_company(request.company, "change_requests", "view_changerequest")
    if not recipients:
        return
    link = absolute_url(reverse("admin:change_requests_changerequest_change", args=(request.pk,)))
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Change of data requested: %(company)s") % {"company": request.company.name}
        body = gettext(
            "%(company)s (ERP id %(erp_id)s) asks to change its data.\n\n%(changes)s\n\nMessage: %(message)s\n"
            "Requested by: %(who)s\n\nChange the data in the ERP, then set the status and answer the customer here:\n%(link)s\n"
        ) % {"company": request.company.name, "erp_id": request.company.erp_id or "—", "changes": _changes_text(request),
             "message": request.message or "—", "who": request.requested_by or "—", "link": link}
    queue_email(subject=subject, body=body, to=recipients)


def _customer_recipients(request: ChangeRequest) -> list[User]:
    if request.requested_by is not None and request.requested_by.is_active and request.requested_by.email:
        return [request.requested_by]
    return list(User.objects.filter(company_id=request.company_id, role=Role.CUSTOMER, is_active=True).exclude(email=""))


def notify_customer(request: ChangeRequest) -> None:
    link = absolute_url(reverse("change_requests:detail", args=(request.pk,)))
    for user in _customer_recipients(request):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = gettext("Your change-of-data request #%(number)s: %(status)s") % {
                "number": request.pk, "status": request.get_status_display()}
            body = gettext(
                "Hello,\n\nthe status of your request to change your company's data is now: %(status)s.\n\n%(changes)s\n\n"
                "Our answer: %(answer)s\n\nDetails: %(link)s\n"
            ) % {"status": request.get_status_display(), "changes": _changes_text(request), "answer": request.staff_answer or "—",
                 "link": link}
        queue_email(subject=subject, body=body, to=[user.email])
