"""Writes for registration (A04): filing an application, accepting or rejecting it, publishing consents.

Every service validates before it writes and runs in one transaction; emails go out after commit.
"""
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.accounts.models import Company, User
from backoffice.accounts.services import company_create, user_create, user_set_role
from backoffice.accounts.validators import normalize_nip
from backoffice.core.roles import Role

from . import emails, selectors
from .models import ApplicationConsent, ConsentText, RegistrationApplication, RegistrationSettings, normalize_regon

APPLICATION_FIELDS = (
    "company_name", "nip", "regon", "street", "postal_code", "city", "country", "first_name", "last_name", "phone", "email",
)
ALREADY_DECIDED = _("This application has already been decided; nothing was changed.")


class TooManyApplications(ValidationError):
    """The per-IP brake (RegistrationSettings.applications_per_ip_per_hour) refused the application."""


@dataclass(frozen=True)
class ApplicationInput:
    company_name: str
    nip: str
    street: str
    postal_code: str
    city: str
    country: str
    first_name: str
    last_name: str
    phone: str
    email: str
    password: str
    language: str
    regon: str = ""


def _check_can_apply(data: ApplicationInput, ip_address: str | None, consents: list[ConsentText], accepted: set[str]) -> None:
    limit = RegistrationSettings.current().applications_per_ip_per_hour
    if selectors.applications_from_ip_recently(ip_address) >= limit:
        raise TooManyApplications(_("Too many applications have been sent from your network in the last hour. Please try again later."),
                                  code="rate_limited")
    if selectors.missing_required_consents(consents):
        raise ValidationError(_("Registration is not available at the moment. Please contact our office."), code="no_consents")
    missing = [c for c in consents if c.is_required and c.kind not in accepted]
    if missing:
        raise ValidationError(_("Accept the terms of service and the privacy policy to apply."), code="consent_required")
    if User.objects.filter(email__iexact=data.email).exists():
        raise ValidationError({"email": _("An account with this email already exists. Log in or reset your password.")}, code="email_taken")
    if selectors.nip_has_pending_application(normalize_nip(data.nip)):
        raise ValidationError({"nip": _("An application for a company with this NIP is already awaiting our decision.")},
                              code="duplicate_pending")


@transaction.atomic
def application_submit(*, data: ApplicationInput, accepted_consents: set[str], consents: list[ConsentText],
                       ip_address: str | None = None) -> RegistrationApplication:
    """File an application: the applicant's account (role applicant, no company), the application and one
    consent row per current consent text with the version and the text shown. Staff and the applicant are emailed."""
    _check_can_apply(data, ip_address, consents, accepted_consents)
    now = timezone.now()
    application = RegistrationApplication(
        **{name: getattr(data, name) for name in APPLICATION_FIELDS},
        language=data.language,
        ip_address=ip_address or None,
        created_at=now,
    )
    application.nip = normalize_nip(data.nip)
    application.regon = normalize_regon(data.regon)
    application.email = data.email.strip().lower()
    application.full_clean(exclude=["applicant"])
    try:
        with transaction.atomic():  # a savepoint: a racing twin application for the same NIP loses here
            applicant = user_create(
                email=application.email, password=data.password, role=Role.APPLICANT, first_name=data.first_name,
                last_name=data.last_name, phone=data.phone, language=data.language,
            )
            application.applicant = applicant
            application.save()
    except IntegrityError:
        raise ValidationError(_("An application for this company or email has just been filed. Please check your inbox."), code="race")
    ApplicationConsent.objects.bulk_create(
        ApplicationConsent(
            application=application,
            consent_text=consent,
            kind=consent.kind,
            version=consent.version,
            accepted=consent.kind in accepted_consents,
            accepted_at=now if consent.kind in accepted_consents else None,
            language=data.language,
            title_shown=consent.safe_translation_getter("title", language_code=data.language, any_language=True) or "",
            text_shown=consent.safe_translation_getter("text", language_code=data.language, any_language=True) or "",
        )
        for consent in consents
    )
    emails.notify_staff_of_application(application)
    emails.confirm_to_applicant(application)
    return application


def _lock_pending(application_id: int) -> RegistrationApplication:
    application = RegistrationApplication.objects.select_for_update(of=("self",)).select_related("applicant").get(pk=application_id)
    if application.status != RegistrationApplication.Status.PENDING:
        raise ValidationError(ALREADY_DECIDED, code="already_decided")
    return application


def _mark_decided(application: RegistrationApplication, **fields) -> None:
    """The decisive write: only a still-pending row changes, so two deciders cannot both succeed."""
    changed = RegistrationApplication.objects.filter(pk=application.pk, status=RegistrationApplication.Status.PENDING).update(**fields)
    if not changed:
        raise ValidationError(ALREADY_DECIDED, code="already_decided")
    for name, value in fields.items():
        setattr(application, name, value)


def _company_for(application: RegistrationApplication, erp_id: str) -> Company:
    """The ERP customer the admin created: linked when the import already brought it, else created from the application."""
    company = Company.objects.filter(erp_id=erp_id).first()
    if company is None:
        return company_create(
            name=application.company_name, nip=application.nip, erp_id=erp_id, email=application.email, phone=application.phone,
            street=application.street, postal_code=application.postal_code, city=application.city, country=application.country.code,
        )
    if company.nip and normalize_nip(company.nip) != application.nip:
        raise ValidationError(
            {"erp_id": _("The ERP customer %(erp_id)s (%(name)s) has another NIP (%(nip)s) than the application. Check the ERP id.")
             % {"erp_id": erp_id, "name": company.name, "nip": company.nip}},
            code="nip_mismatch",
        )
    if not (company.is_active and company.b2b_access):
        raise ValidationError(
            {"erp_id": _("The ERP customer %(erp_id)s has no B2B platform access. Turn the flag on in the ERP and import it first.")
             % {"erp_id": erp_id}},
            code="no_access",
        )
    return company


@transaction.atomic
def application_accept(*, application_id: int, erp_id: str, decided_by: User) -> RegistrationApplication:
    """The admin has created the customer in the ERP: link (or create) the company with that ERP id, make
    the applicant its main account (role customer) and tell them they may log in."""
    erp_id = (erp_id or "").strip()
    if not erp_id:
        raise ValidationError({"erp_id": _("Enter the customer's id in the ERP.")}, code="required")
    application = _lock_pending(application_id)
    applicant = application.applicant
    if applicant is None:
        raise ValidationError(_("The applicant's account no longer exists; the application can only be rejected."), code="no_applicant")
    company = _company_for(application, erp_id)
    applicant.company = company
    applicant.is_active = True
    applicant.save(update_fields=["company", "is_active"])
    user_set_role(user=applicant, role=Role.CUSTOMER)
    _mark_decided(
        application, status=RegistrationApplication.Status.ACCEPTED, erp_id=erp_id, company=company, decided_by=decided_by,
        decided_at=timezone.now(),
    )
    emails.tell_applicant_accepted(application)
    return application


@transaction.atomic
def application_reject(*, application_id: int, reason: str, decided_by: User) -> RegistrationApplication:
    """Refuse access: the reason is required and emailed to the applicant, whose account is deactivated."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection; the applicant will read it.")}, code="required")
    application = _lock_pending(application_id)
    _mark_decided(
        application, status=RegistrationApplication.Status.REJECTED, rejection_reason=reason, decided_by=decided_by,
        decided_at=timezone.now(),
    )
    if application.applicant is not None and application.applicant.role == Role.APPLICANT:
        User.objects.filter(pk=application.applicant.pk).update(is_active=False)
    emails.tell_applicant_rejected(application)
    return application


@transaction.atomic
def consent_text_save(*, consent: ConsentText) -> ConsentText:
    """Save a consent version; a current one retires the previous current version of its kind."""
    if consent.is_current:
        ConsentText.objects.filter(kind=consent.kind, is_current=True).exclude(pk=consent.pk).update(is_current=False)
    consent.save()
    return consent
