"""Demo data of registration: the initial consent texts and two pending applications to decide."""
from django.db import transaction
from django.utils import timezone

from backoffice.accounts.models import User
from backoffice.accounts.services import user_create
from backoffice.core.roles import Role

from .initial_consents import TEXTS, VERSION
from .models import ApplicationConsent, ConsentText, RegistrationApplication

DEMO_APPLICANTS = (
    {"company_name": "Instal-Bud Marek Nowicki", "nip": "7792312350", "regon": "", "street": "ul. Grunwaldzka 112",
     "postal_code": "60-309", "city": "Poznań", "first_name": "Marek", "last_name": "Nowicki", "phone": "+48 601 234 567",
     "email": "biuro@instal-bud.example.pl"},
    {"company_name": "Elektro-Serwis Kowalczyk Sp. j.", "nip": "6342529830", "regon": "", "street": "ul. Mickiewicza 8",
     "postal_code": "40-092", "city": "Katowice", "first_name": "Ewa", "last_name": "Kowalczyk", "phone": "+48 32 255 10 20",
     "email": "zakupy@elektro-serwis.example.pl"},
)
DEMO_PASSWORD = "Zgloszenie-2026!"


def ensure_consent_texts() -> list[ConsentText]:
    """The initial versions, published unless a version of the kind exists (idempotent)."""
    result = []
    for kind, languages in TEXTS.items():
        consent = ConsentText.objects.filter(kind=kind, is_current=True).first()
        if consent is None and not ConsentText.objects.filter(kind=kind).exists():
            consent = ConsentText(kind=kind, version=VERSION, is_current=True)
            for language, (title, text) in languages.items():
                consent.set_current_language(language)
                consent.title, consent.text = title, text
            consent.save()
        if consent is not None:
            result.append(consent)
    return result


@transaction.atomic
def load_demo_registration() -> int:
    """Consent texts plus pending demo applications (skipped when their email exists). Returns how many were added."""
    consents = ensure_consent_texts()
    added = 0
    for data in DEMO_APPLICANTS:
        if User.objects.filter(email=data["email"]).exists():
            continue
        applicant = user_create(email=data["email"], password=DEMO_PASSWORD, role=Role.APPLICANT, first_name=data["first_name"],
                                last_name=data["last_name"], phone=data["phone"], language="pl")
        application = RegistrationApplication.objects.create(applicant=applicant, language="pl", country="PL", **data)
        now = timezone.now()
        for consent in consents:
            accepted = consent.is_required
            ApplicationConsent.objects.create(
                application=application, consent_text=consent, kind=consent.kind, version=consent.version, accepted=accepted,
                accepted_at=now if accepted else None, language="pl",
                title_shown=consent.safe_translation_getter("title", language_code="pl", any_language=True) or "",
                text_shown=consent.safe_translation_getter("text", language_code="pl", any_language=True) or "",
            )
        added += 1
    return added
