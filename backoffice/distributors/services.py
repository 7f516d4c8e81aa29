"""A11 writes: a distributor creates accounts for its end customers and changes their terms.

An end customer is a Company with `distributor` set: it buys at the distributor's prices plus its
own markup (pricing/selectors.end_customer_markup), in the distributor's currency. Its main account
(role END_CUSTOMER) gets a one-time set-password link by email, never a password.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backoffice.accounts.models import Company, User
from backoffice.accounts.services import user_create, user_send_welcome_email
from backoffice.accounts.validators import normalize_nip, validate_nip
from backoffice.core.roles import Role

from .selectors import serving_company

MAX_MARKUP = Decimal("100")  # the price engine refuses percentages above 100


@dataclass(frozen=True)
class EndCustomerData:
    name: str
    email: str  # the company's email and its main account's login
    markup_percent: Decimal
    nip: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "PL"
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    orders_auto_approved: bool = False
    language: str = "pl"


def check_markup(markup: Decimal | None) -> Decimal:
    if markup is None or not Decimal(markup).is_finite() or markup < 0 or markup > MAX_MARKUP:
        raise ValidationError({"markup_percent": _("Enter a markup between 0 and 100 percent.")}, code="markup")
    return Decimal(markup)


def _check(data: EndCustomerData) -> str:
    """Validate before writing; the normalised NIP."""
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Enter the company name.")
    nip = ""
    if data.nip.strip():  # optional for an end customer (it may be a person), but a valid one when given
        try:
            validate_nip(data.nip)
            nip = normalize_nip(data.nip)
        except ValidationError as exc:
            errors["nip"] = exc.messages[0]
    email = data.email.strip().lower()
    if not email:
        errors["email"] = _("Enter the email address of the account.")
    elif User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("An account with this email already exists.")
    try:
        check_markup(data.markup_percent)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return nip


def end_customer_create(*, user, data: EndCustomerData) -> Company:
    """Create the end customer and its main account; queue the set-password email after commit.
    Raises ValidationError (nothing written) for bad input or when `user` may not serve end
    customers (Http404 from the selector)."""
    distributor = serving_company(user)
    nip = _check(data)
    with transaction.atomic():
        company = Company(
            name=data.name.strip(), nip=nip, currency=distributor.currency, email=data.email.strip().lower(), phone=data.phone.strip(),
            street=data.street.strip(), postal_code=data.postal_code.strip(), city=data.city.strip(), country=data.country or "PL",
            distributor=distributor, markup_percent=check_markup(data.markup_percent), orders_auto_approved=data.orders_auto_approved,
            b2b_access=True, is_active=True,
        )
        company.full_clean()
        company.save()
        account = user_create(
            email=company.email, password=None, role=Role.END_CUSTOMER, company=company, first_name=data.first_name.strip(),
            last_name=data.last_name.strip(), phone=company.phone, can_see_finance=True, created_by=user, language=data.language,
        )
        user_send_welcome_email(user=account)
    return company


def end_customer_update(*, user, company: Company, markup_percent: Decimal, orders_auto_approved: bool, is_active: bool) -> Company:
    """Change the terms the distributor controls: markup, verified (auto-approve), active. A
    deactivated end customer cannot log in; its orders stay (the distributor still decides those
    waiting). `company` must come from end_customer_get (the access check)."""
    serving = serving_company(user)
    if company.distributor_id != serving.pk:
        raise ValidationError(_("This end customer belongs to another distributor."))
    markup = check_markup(markup_percent)
    with transaction.atomic():
        locked = Company.objects.select_for_update().get(pk=company.pk)
        locked.markup_percent = markup
        locked.orders_auto_approved = bool(orders_auto_approved)
        locked.is_active = bool(is_active)
        locked.save(update_fields=["markup_percent", "orders_auto_approved", "is_active"])
    return locked
