"""Fixtures of the registration tests: valid form data, the consents, a filed application."""
import pytest

from backoffice.registration.demo import ensure_consent_texts
from backoffice.registration.services import ApplicationInput, application_submit

PASSWORD = "Zgloszenie-test-2026!"
NIP = "5260001246"
OTHER_NIP = "9512345675"


def form_data(**changes) -> dict:
    data = {
        "company_name": "Instal-Test Sp. z o.o.", "nip": "526-000-12-46", "regon": "", "street": "ul. Polna 1", "postal_code": "00-950",
        "city": "Warszawa", "country": "PL", "first_name": "Anna", "last_name": "Nowak", "phone": "+48 600 100 200",
        "email": "anna@instal-test.example.pl", "password1": PASSWORD, "password2": PASSWORD, "language": "pl",
        "consent_terms": "on", "consent_privacy": "on", "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def consents(db):
    return ensure_consent_texts()


@pytest.fixture
def submit(consents):
    """File an application through the service; keyword changes override the defaults."""

    def do(accepted=("terms", "privacy"), ip_address="10.0.0.1", **changes):
        values = {
            "company_name": "Instal-Test Sp. z o.o.", "nip": NIP, "street": "ul. Polna 1", "postal_code": "00-950", "city": "Warszawa",
            "country": "PL", "first_name": "Anna", "last_name": "Nowak", "phone": "+48 600 100 200",
            "email": "anna@instal-test.example.pl", "password": PASSWORD, "language": "pl", "regon": "",
        }
        values.update(changes)
        return application_submit(data=ApplicationInput(**values), accepted_consents=set(accepted), consents=consents,
                                  ip_address=ip_address)

    return do
