"""Reads for registration: the consents on the form, an applicant's own application, the per-IP count."""
from datetime import timedelta

from django.utils import timezone

from .models import ConsentText, RegistrationApplication

RATE_WINDOW = timedelta(hours=1)


def current_consents() -> list[ConsentText]:
    """The published version of each consent kind, required ones first (terms, privacy, marketing)."""
    order = {kind: index for index, kind in enumerate(ConsentText.Kind.values)}
    consents = ConsentText.objects.filter(is_current=True).prefetch_related("translations")
    return sorted(consents, key=lambda consent: order[consent.kind])


def missing_required_consents(consents: list[ConsentText]) -> list[str]:
    present = {consent.kind for consent in consents}
    return [kind for kind in ConsentText.REQUIRED_KINDS if kind not in present]


def applications_from_ip_recently(ip_address: str | None) -> int:
    if not ip_address:
        return 0
    return RegistrationApplication.objects.filter(ip_address=ip_address, created_at__gte=timezone.now() - RATE_WINDOW).count()


def nip_has_pending_application(nip: str) -> bool:
    return RegistrationApplication.objects.filter(nip=nip, status=RegistrationApplication.Status.PENDING).exists()


def application_for_applicant(user) -> RegistrationApplication | None:
    """The applicant's own latest application (nobody else's)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return RegistrationApplication.objects.filter(applicant=user).order_by("-created_at").first()
