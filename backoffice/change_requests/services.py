"""Writes of A06: a buyer files a change request (staff are emailed), staff set its status with an
answer (the customer is emailed). The data itself is changed in the ERP; the sync brings it back."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.accounts.validators import normalize_nip, validate_nip

from . import emails
from .models import FIELD_LABELS, ChangeRequest

MESSAGE_MAX = 4000


def _current(company, key: str) -> str:
    return "" if key == "other" else str(getattr(company, key) or "")


def changes_from(company, new_values: dict) -> dict:
    """{field: {"old", "new"}} for the values that differ from the company's current data. Raises
    ValidationError for an invalid NIP or an unknown field."""
    changes = {}
    for key, value in new_values.items():
        if key not in FIELD_LABELS:
            raise ValidationError(_("Unknown field: %(field)s") % {"field": key})
        value = str(value or "").strip()
        if not value:
            continue
        if key == "nip":
            validate_nip(value)
            value = normalize_nip(value)
            if value == normalize_nip(company.nip or ""):
                continue
        old = _current(company, key)
        if value != old:
            changes[key] = {"old": old, "new": value}
    return changes


@transaction.atomic
def change_request_create(*, company, user, new_values: dict, message: str = "") -> ChangeRequest:
    """Record the request (only real changes) and email the staff who handle customers."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("At most %(max)s characters.") % {"max": MESSAGE_MAX}})
    changes = changes_from(company, new_values)
    if not changes:
        raise ValidationError(_("Enter at least one new value that differs from the current data, or describe the change under “Other”."))
    request = ChangeRequest.objects.create(company=company, requested_by=user, changes=changes, message=message)
    emails.notify_staff(request)
    return request


@transaction.atomic
def change_request_set_status(*, change_request_id: int, status: str, answer: str, user) -> ChangeRequest:
    """Staff move the request on (in progress, done, rejected) with an answer; the customer is
    emailed whenever the status changes. A rejection needs an answer."""
    if status not in ChangeRequest.Status.values:
        raise ValidationError(_("Unknown status."))
    answer = (answer or "").strip()
    if status == ChangeRequest.Status.REJECTED and not answer:
        raise ValidationError({"staff_answer": _("Tell the customer why the request is rejected.")})
    request = ChangeRequest.objects.select_for_update(of=("self",)).select_related("company", "requested_by").get(pk=change_request_id)
    changed = request.status != status
    request.status, request.staff_answer = status, answer
    request.handled_by, request.handled_at = user, timezone.now()
    request.save(update_fields=["status", "staff_answer", "handled_by", "handled_at"])
    if changed:
        emails.notify_customer(request)
    return request
