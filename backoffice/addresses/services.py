"""Writes of A07/A08/A09: customers add and hide their shipping addresses, staff approve or reject
the ones waiting. The policy (approval, one-off) comes from policy.address_policy_for only."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.accounts.models import Address

from . import emails
from .policy import address_policy_for
from .validators import address_clean


@transaction.atomic
def address_add(*, company, user, data: dict) -> Address:
    """A shipping address the customer adds. Waits for approval (A07), usable at once (A08), or a
    one-off dropshipping address (A09), as the company's policy says. Staff are emailed when it waits."""
    fields = address_clean(data)
    policy = address_policy_for(company)
    address = Address.objects.create(
        company=company, kind=Address.Kind.SHIPPING, source=Address.Source.CUSTOMER, created_by=user,
        status=Address.Status.PENDING if policy.needs_approval else Address.Status.APPROVED, is_one_off=policy.one_off, **fields,
    )
    if policy.needs_approval:
        emails.notify_staff_of_pending(address)
    return address


@transaction.atomic
def one_off_address_for_checkout(*, company, user=None, data: dict) -> Address:
    """A09: the dropshipping buyer typed a new address at checkout. The same address typed again
    (a retry after a refused order) is reused, not stored twice."""
    if not company.is_dropshipping:
        raise ValidationError(_("Only dropshipping customers can deliver to a new one-off address."))
    fields = address_clean(data)
    existing = Address.objects.filter(
        company=company, kind=Address.Kind.SHIPPING, source=Address.Source.CUSTOMER, is_one_off=True, is_active=True,
        status=Address.Status.APPROVED, **fields,
    ).order_by("pk").first()
    if existing is not None:
        return existing
    return Address.objects.create(
        company=company, kind=Address.Kind.SHIPPING, source=Address.Source.CUSTOMER, created_by=user,
        status=Address.Status.APPROVED, is_one_off=True, **fields,
    )


@transaction.atomic
def address_deactivate(*, address: Address, user) -> Address:
    """The customer hides an address it added (ERP addresses change only in the ERP). Orders keep
    their copy of the address."""
    if address.source != Address.Source.CUSTOMER:
        raise ValidationError(_("Addresses from our system can only be changed by us. Please contact your sales representative."))
    Address.objects.filter(pk=address.pk).update(is_active=False)
    address.is_active = False
    return address


def _decide(address_id: int, *, user, status: str, reason: str = "") -> Address | None:
    """Lock the row, decide only while it waits; None when somebody decided already."""
    address = Address.objects.select_for_update(of=("self",)).select_related("company", "created_by").filter(pk=address_id).first()
    if address is None or address.status != Address.Status.PENDING:
        return None
    address.status, address.rejection_reason = status, reason
    address.decided_by, address.decided_at = user, timezone.now()
    address.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    emails.notify_customer_of_decision(address)
    return address


@transaction.atomic
def address_approve(*, address_id: int, user) -> Address | None:
    """Staff approve a waiting address: checkout offers it from now on; the customer is emailed."""
    return _decide(address_id, user=user, status=Address.Status.APPROVED)


@transaction.atomic
def address_reject(*, address_id: int, user, reason: str) -> Address | None:
    """Staff reject a waiting address with a reason the customer reads in the email."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for rejecting: the customer reads it."))
    return _decide(address_id, user=user, status=Address.Status.REJECTED, reason=reason[:2000])
