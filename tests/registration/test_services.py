"""A04 services: filing an application (validation, consents, emails, brakes) and deciding it."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from backoffice.accounts.models import Company, User
from backoffice.core.roles import Role
from backoffice.registration import services
from backoffice.registration.models import (ApplicationConsent, ConsentText, RegistrationApplication, RegistrationSettings,
                                            validate_regon)
from tests.factories import CompanyFactory, UserFactory

from .conftest import NIP, OTHER_NIP

pytestmark = pytest.mark.django_db


def test_regon_validation():
    validate_regon("630123456")
    validate_regon("271325410")  # 9 digits
    for bad in ("630123457", "12345", "abcdefghi"):
        with pytest.raises(ValidationError):
            validate_regon(bad)


def test_submit_creates_applicant_application_and_versioned_consents(submit, consents, django_capture_on_commit_callbacks):
    staff = UserFactory(role=Role.ADMIN, email="szef@platforma.example.pl")
    UserFactory(role=Role.MARKETING, email="marketing@platforma.example.pl")  # no customers section: not told
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(accepted=("terms", "privacy", "marketing"), regon="630123456")

    applicant = application.applicant
    assert (applicant.role, applicant.company, applicant.is_active) == (Role.APPLICANT, None, True)
    assert applicant.check_password("Zgloszenie-test-2026!")
    assert (application.status, application.nip, application.regon, application.ip_address) == ("pending", NIP, "630123456", "10.0.0.1")
    rows = {row.kind: row for row in application.consents.all()}
    assert set(rows) == {"terms", "privacy", "marketing"}
    for consent in consents:
        row = rows[consent.kind]
        assert (row.consent_text, row.version, row.accepted, row.language) == (consent, "2026-01", True, "pl")
        assert row.accepted_at >= before
        assert row.text_shown == consent.safe_translation_getter("text", language_code="pl")
    # staff get a link to the application, the applicant a confirmation
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    staff_mail = next(m for to, m in by_recipient.items() if staff.email in to)
    assert "marketing@platforma.example.pl" not in staff_mail.to
    assert f"/admin/registration/registrationapplication/{application.pk}/change/" in staff_mail.body
    confirmation = by_recipient[("anna@instal-test.example.pl",)]
    assert "Instal-Test Sp. z o.o." in confirmation.body and len(mail.outbox) == 2


def test_marketing_consent_is_optional_and_stored_as_refused(submit):
    application = submit(accepted=("terms", "privacy"))
    marketing = application.consents.get(kind="marketing")
    assert (marketing.accepted, marketing.accepted_at) == (False, None)


def test_snapshot_keeps_the_text_when_the_version_changes(submit, consents):
    application = submit()
    terms = next(c for c in consents if c.kind == "terms")
    shown = application.consents.get(kind="terms").text_shown
    newer = ConsentText(kind="terms", version="2026-06", is_current=True)
    newer.set_current_language("pl")
    newer.title, newer.text = "Akceptuję nowy regulamin", "Nowa treść regulaminu."
    services.consent_text_save(consent=newer)
    terms.refresh_from_db()
    assert terms.is_current is False and ConsentText.objects.get(kind="terms", is_current=True) == newer
    assert application.consents.get(kind="terms").text_shown == shown


@pytest.mark.parametrize("accepted", [(), ("terms",), ("privacy", "marketing")])
def test_required_consents_missing_changes_nothing(submit, accepted):
    with pytest.raises(ValidationError):
        submit(accepted=accepted)
    assert not RegistrationApplication.objects.exists() and not User.objects.exists()


def test_taken_email_and_duplicate_pending_nip_are_refused(submit):
    UserFactory(email="zajety@example.pl")
    with pytest.raises(ValidationError) as taken:
        submit(email="Zajety@example.pl")
    assert "email" in taken.value.message_dict
    submit()
    with pytest.raises(ValidationError) as duplicate:
        submit(email="inna@instal-test.example.pl")
    assert "nip" in duplicate.value.message_dict
    assert RegistrationApplication.objects.count() == 1 and User.objects.filter(role=Role.APPLICANT).count() == 1
    submit(email="inna@instal-test.example.pl", nip=OTHER_NIP)  # another company is fine


def test_invalid_data_changes_nothing(submit):
    for changes in ({"nip": "5260001247"}, {"postal_code": "00950"}, {"regon": "630123457"}):
        with pytest.raises(ValidationError):
            submit(**changes)
    assert not RegistrationApplication.objects.exists() and not User.objects.exists()
    submit(country="DE", postal_code="10115", email="de@example.pl")  # the NN-NNN format is for Poland only


def test_rate_limit_per_ip_per_hour(submit):
    RegistrationSettings.objects.create(pk=1, applications_per_ip_per_hour=2)
    submit(email="a@example.pl", nip=NIP)
    submit(email="b@example.pl", nip=OTHER_NIP)
    with pytest.raises(services.TooManyApplications):
        submit(email="c@example.pl", nip="7110000128")
    submit(email="d@example.pl", nip="7110000128", ip_address="10.0.0.2")  # another address is fine
    RegistrationApplication.objects.update(created_at=timezone.now() - timezone.timedelta(hours=2))
    submit(email="e@example.pl", nip="1130001234")  # an hour later it is fine again
    assert RegistrationApplication.objects.count() == 4


# ------------------------------------------------------------------------------------- decisions


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


def test_accept_creates_the_company_from_the_application(submit, admin, django_capture_on_commit_callbacks):
    application = submit(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(application_id=application.pk, erp_id=" K-NEW-1 ", decided_by=admin)
    application.refresh_from_db()
    company = Company.objects.get(erp_id="K-NEW-1")
    assert (company.name, company.nip, company.street, company.postal_code, company.city, company.email) == (
        "Instal-Test Sp. z o.o.", NIP, "ul. Polna 1", "00-950", "Warszawa", "anna@instal-test.example.pl")
    applicant = application.applicant
    applicant.refresh_from_db()
    assert (applicant.role, applicant.company) == (Role.CUSTOMER, company)
    assert (application.status, application.company, application.erp_id, application.decided_by) == ("accepted", company, "K-NEW-1", admin)
    assert application.decided_at is not None
    [message] = mail.outbox
    assert message.to == ["anna@instal-test.example.pl"]
    with translation.override("en"):
        assert message.subject == "Your B2B platform account is active"
    assert "/login/" in message.body


def test_accept_links_the_company_already_imported_from_the_erp(submit, admin):
    imported = CompanyFactory(erp_id="K-ERP-7", nip=NIP, name="INSTAL-TEST SPÓŁKA Z O.O.")
    application = submit()
    services.application_accept(application_id=application.pk, erp_id="K-ERP-7", decided_by=admin)
    assert Company.objects.filter(nip=NIP).count() == 1
    application.applicant.refresh_from_db()
    assert application.applicant.company == imported and application.applicant.role == Role.CUSTOMER
    imported.refresh_from_db()
    assert imported.name == "INSTAL-TEST SPÓŁKA Z O.O."  # the ERP's data stay


@pytest.mark.parametrize("company_kwargs", [{"nip": OTHER_NIP}, {"b2b_access": False}, {"is_active": False}])
def test_accept_refuses_a_wrong_erp_company_and_changes_nothing(submit, admin, company_kwargs):
    CompanyFactory(erp_id="K-ERP-8", **{"nip": NIP, **company_kwargs})
    application = submit()
    with pytest.raises(ValidationError) as refused:
        services.application_accept(application_id=application.pk, erp_id="K-ERP-8", decided_by=admin)
    assert "erp_id" in refused.value.message_dict
    application.refresh_from_db()
    application.applicant.refresh_from_db()
    assert application.status == "pending" and application.applicant.role == Role.APPLICANT and application.applicant.company is None


def test_accept_needs_an_erp_id(submit, admin):
    application = submit()
    with pytest.raises(ValidationError):
        services.application_accept(application_id=application.pk, erp_id="  ", decided_by=admin)
    assert RegistrationApplication.objects.get().status == "pending"


def test_reject_emails_the_reason_and_deactivates_the_applicant(submit, admin, django_capture_on_commit_callbacks):
    application = submit()
    with pytest.raises(ValidationError):
        services.application_reject(application_id=application.pk, reason="   ", decided_by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application_id=application.pk, reason="Firma nie prowadzi działalności w branży.", decided_by=admin)
    application.refresh_from_db()
    application.applicant.refresh_from_db()
    assert (application.status, application.rejection_reason, application.decided_by) == (
        "rejected", "Firma nie prowadzi działalności w branży.", admin)
    assert application.applicant.is_active is False and application.company is None
    [message] = mail.outbox
    assert message.to == ["anna@instal-test.example.pl"] and "Firma nie prowadzi działalności w branży." in message.body


def test_a_decided_application_cannot_be_decided_again(submit, admin):
    application = submit()
    services.application_reject(application_id=application.pk, reason="Brak danych.", decided_by=admin)
    with pytest.raises(ValidationError) as again:
        services.application_accept(application_id=application.pk, erp_id="K-1", decided_by=admin)
    assert again.value.code == "already_decided"
    with pytest.raises(ValidationError):
        services.application_reject(application_id=application.pk, reason="Inny powód.", decided_by=admin)
    application.refresh_from_db()
    assert application.rejection_reason == "Brak danych." and not Company.objects.filter(erp_id="K-1").exists()


def test_the_conditional_update_refuses_a_decision_that_lost_the_race(submit, admin):
    """Two admins read the application as pending; the second write finds it decided and changes nothing."""
    application = submit()
    stale = RegistrationApplication.objects.get(pk=application.pk)
    services.application_accept(application_id=application.pk, erp_id="K-2", decided_by=admin)
    with pytest.raises(ValidationError):
        services._mark_decided(stale, status="rejected", rejection_reason="x")
    assert RegistrationApplication.objects.get().status == "accepted"
    assert ApplicationConsent.objects.filter(application=application).count() == 3


def test_demo_data_loads_once(consents):
    from django.core.management import call_command

    call_command("load_demo_registration")
    call_command("load_demo_registration")
    assert RegistrationApplication.objects.filter(status="pending").count() == 2
    assert all(a.consents.filter(accepted=True).count() == 2 for a in RegistrationApplication.objects.all())
