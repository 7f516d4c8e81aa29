"""A04 storefront: the public form, its checks, the brakes, and "no access before approval"."""
import pytest
from django.utils import translation

from backoffice.accounts.models import User
from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.core.roles import Role
from backoffice.registration import services
from backoffice.registration.models import RegistrationApplication, RegistrationSettings
from tests.factories import UserFactory

from .conftest import NIP, OTHER_NIP, PASSWORD, form_data

pytestmark = pytest.mark.django_db

APPLY, SENT = "/register/", "/register/sent/"


def post(client, **changes):
    return client.post(APPLY, form_data(**changes), REMOTE_ADDR="192.0.2.10")


def nothing_stored():
    return not RegistrationApplication.objects.exists() and not User.objects.filter(role=Role.APPLICANT).exists()


def test_the_form_shows_the_current_consents(client, consents):
    response = client.get(APPLY)
    assert response.status_code == 200
    html = response.content.decode()
    for consent in consents:
        assert f'name="consent_{consent.kind}"' in html
        assert consent.safe_translation_getter("title", language_code="pl") in html
    assert 'name="website"' in html  # the honeypot


def test_a_valid_application_is_stored_and_confirmed(client, consents, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, regon="630-123-456", consent_marketing="on", language="en")
    assert response.status_code == 302 and response["Location"] == SENT
    application = RegistrationApplication.objects.get()
    assert (application.nip, application.regon, application.language, application.ip_address) == (NIP, "630123456", "en", "192.0.2.10")
    assert application.applicant.role == Role.APPLICANT and application.applicant.email == "anna@instal-test.example.pl"
    assert set(application.consents.filter(accepted=True).values_list("kind", flat=True)) == {"terms", "privacy", "marketing"}
    assert ["anna@instal-test.example.pl"] in [m.to for m in mail.outbox]
    assert client.get(SENT).status_code == 200


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"nip": "526-000-12-47"}, "nip"),  # wrong check digit
        ({"nip": "12345"}, "nip"),
        ({"regon": "630123457"}, "regon"),
        ({"postal_code": "00950"}, "postal_code"),
        ({"email": "not-an-email"}, "email"),
        ({"password2": "Inne-haslo-2026!"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),  # Django's password validators
        ({"consent_terms": None}, "consent_terms"),
        ({"consent_privacy": None}, "consent_privacy"),
        ({"company_name": ""}, "company_name"),
    ],
)
def test_bad_input_shows_the_error_and_changes_nothing(client, consents, changes, field):
    response = post(client, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert nothing_stored()


def test_taken_email_and_pending_nip_get_clear_messages(client, consents, submit):
    UserFactory(email="zajety@example.pl")
    client.cookies["b2b_language"] = "en"
    with translation.override("en"):
        response = post(client, email="ZAJETY@example.pl")
        assert "An account with this email already exists" in str(response.context["form"].errors["email"])
        submit(email="pierwszy@example.pl")
        response = post(client, email="drugi@example.pl")
        assert "already awaiting our decision" in str(response.context["form"].errors["nip"])
    assert RegistrationApplication.objects.count() == 1


def test_the_honeypot_pretends_success_and_stores_nothing(client, consents):
    response = post(client, website="http://spam.example.com")
    assert response.status_code == 302 and response["Location"] == SENT
    assert nothing_stored()


def test_too_many_applications_from_one_address(client, consents):
    RegistrationSettings.objects.create(pk=1, applications_per_ip_per_hour=1)
    assert post(client).status_code == 302
    response = post(client, email="druga@example.pl", nip=OTHER_NIP)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert RegistrationApplication.objects.count() == 1


def test_without_published_terms_the_form_is_closed(client, consents):
    from backoffice.registration.models import ConsentText

    ConsentText.objects.filter(kind="terms").update(is_current=False)
    response = post(client)
    assert response.status_code == 200 and response.context["available"] is False
    assert nothing_stored()


def test_logged_in_users_are_sent_to_their_landing_page(client, make_user):
    client.force_login(make_user(Role.CUSTOMER))
    assert client.get(APPLY)["Location"] == "/"
    client.force_login(make_user(Role.ADMIN))
    assert client.get(APPLY)["Location"] == "/admin/"


def test_login_page_links_to_registration_while_the_module_is_on(client):
    assert 'href="/register/"' in client.get("/login/").content.decode()
    ModuleSwitch.objects.update_or_create(key="registration", defaults={"enabled": False})
    forget_cached_switches()
    assert 'href="/register/"' not in client.get("/login/").content.decode()
    assert client.get(APPLY).status_code == 404
    assert client.get(SENT).status_code == 404


# ------------------------------------------------------------------------------------- before and after approval


def test_an_applicant_sees_only_the_pending_page(client, submit):
    application = submit()
    client.force_login(application.applicant)
    for path in ("/", "/cart/", "/catalog/", "/account/", "/checkout/", "/orders/", APPLY, "/admin/"):
        response = client.get(path)
        if path == "/admin/":
            assert response.status_code == 404, path
        else:
            assert (response.status_code, response["Location"]) == (302, "/application-pending/"), path
    page = client.get("/application-pending/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Instal-Test Sp. z o.o." in html and NIP in html


def test_the_pending_page_shows_only_the_applicants_own_application(client, submit):
    submit()
    other = submit(email="druga@example.pl", nip=OTHER_NIP, company_name="Druga Firma")
    client.force_login(other.applicant)
    html = client.get("/application-pending/").content.decode()
    assert "Druga Firma" in html and "Instal-Test" not in html


def test_after_acceptance_the_applicant_logs_in_to_the_storefront(client, submit, make_user):
    application = submit()
    services.application_accept(application_id=application.pk, erp_id="K-ACC-1", decided_by=make_user(Role.ADMIN))
    response = client.post("/login/", {"username": "anna@instal-test.example.pl", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/application-pending/")["Location"] == "/"


def test_a_rejected_applicant_cannot_log_in(client, submit, make_user):
    application = submit()
    services.application_reject(application_id=application.pk, reason="Brak działalności.", decided_by=make_user(Role.ADMIN))
    response = client.post("/login/", {"username": "anna@instal-test.example.pl", "password": PASSWORD})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
