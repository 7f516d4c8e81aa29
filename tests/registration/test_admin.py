"""A04 back office: the approval queue (pending first), the application page with its consents, and
the "Accept" / "Reject" detail actions with their intermediate forms."""
import pytest
from django.core import mail
from django.utils import translation

from backoffice.accounts.models import Company
from backoffice.core.roles import Role
from backoffice.registration import services
from backoffice.registration.models import RegistrationApplication, RegistrationSettings

from .conftest import NIP

pytestmark = pytest.mark.django_db

LIST = "/admin/registration/registrationapplication/"


def page(application, suffix="change/"):
    return f"{LIST}{application.pk}/{suffix}"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(Role.ADMIN))
    return client


def _file(submit, n):
    from stdnum.pl import nip as pl_nip

    base = f"{100000000 + n * 7919:09d}"
    nip = next(base + d for d in "0123456789" if pl_nip.is_valid(base + d))
    return submit(email=f"firma{n}@example.pl", nip=nip, company_name=f"Firma {n}", ip_address=f"10.0.{n}.1")


@pytest.mark.parametrize("count", [2, 12])
def test_queue_lists_pending_first_in_bounded_queries(admin_client, submit, make_user, count, django_assert_max_num_queries):
    applications = [_file(submit, n) for n in range(count)]
    services.application_reject(application_id=applications[-1].pk, reason="Nie.", decided_by=make_user(Role.ADMIN))
    with django_assert_max_num_queries(20):
        response = admin_client.get(LIST)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert len(rows) == count and rows[-1].status == "rejected"
    assert all(row.status == "pending" for row in rows[:-1])
    assert admin_client.get(LIST + "?status__exact=rejected").context["cl"].result_count == 1
    assert admin_client.get(LIST + "?q=Firma 1").status_code == 200


def test_application_page_shows_data_and_consents(admin_client, submit):
    application = submit(accepted=("terms", "privacy", "marketing"))
    response = admin_client.get(page(application))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Instal-Test Sp. z o.o." in html and NIP in html and "2026-01" in html
    assert page(application, "accept/") in html and page(application, "reject/") in html


def test_accept_through_the_back_office(admin_client, submit, django_capture_on_commit_callbacks):
    application = submit()
    assert admin_client.get(page(application, "accept/")).status_code == 200
    with translation.override("en"):
        response = admin_client.post(page(application, "accept/"), {"erp_id": ""})
        assert response.status_code == 200 and "erp_id" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(page(application, "accept/"), {"erp_id": "K-ADM-1"})
    assert response.status_code == 302 and response["Location"] == page(application)
    application.refresh_from_db()
    assert application.status == "accepted" and application.company == Company.objects.get(erp_id="K-ADM-1")
    assert [m.to for m in mail.outbox] == [["anna@instal-test.example.pl"]]
    # decided: the buttons are gone and a second decision changes nothing
    assert page(application, "reject/") not in admin_client.get(page(application)).content.decode()
    response = admin_client.post(page(application, "reject/"), {"reason": "Za późno."})
    application.refresh_from_db()
    assert response.status_code in (302, 403) and application.status == "accepted" and application.rejection_reason == ""


def test_an_erp_company_with_another_nip_shows_the_error_on_the_form(admin_client, submit):
    from tests.factories import CompanyFactory

    CompanyFactory(erp_id="K-ZLY", nip="9512345675")
    application = submit()
    response = admin_client.post(page(application, "accept/"), {"erp_id": "K-ZLY"})
    assert response.status_code == 200 and "erp_id" in response.context["form"].errors
    assert RegistrationApplication.objects.get().status == "pending"


def test_reject_through_the_back_office_needs_a_reason(admin_client, submit, django_capture_on_commit_callbacks):
    application = submit()
    response = admin_client.post(page(application, "reject/"), {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(page(application, "reject/"), {"reason": "NIP nie figuruje w rejestrze VAT."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.applicant.is_active is False
    assert "NIP nie figuruje w rejestrze VAT." in mail.outbox[0].body


@pytest.mark.parametrize("role, may_open, may_decide", [(Role.SALES_MANAGER, True, True), (Role.SALES_REP, True, False)])
def test_who_decides(client, submit, make_user, role, may_open, may_decide):
    application = submit()
    client.force_login(make_user(role))
    assert (client.get(page(application)).status_code == 200) is may_open
    response = client.post(page(application, "reject/"), {"reason": "Nie."})
    application.refresh_from_db()
    assert (application.status == "rejected") is may_decide
    if not may_decide:
        assert response.status_code == 403


def test_registration_settings_are_for_administrators(client, make_user):
    """The list opens the single row; managers may look, only administrators change it."""
    client.force_login(make_user(Role.SALES_MANAGER))
    assert client.get("/admin/registration/registrationsettings/")["Location"] == "/admin/registration/registrationsettings/1/change/"
    client.post("/admin/registration/registrationsettings/1/change/", {"auto_welcome_erp_customers": "on", "applications_per_ip_per_hour": "3"})
    assert not RegistrationSettings.current().auto_welcome_erp_customers
    client.force_login(make_user(Role.ADMIN))
    response = client.post("/admin/registration/registrationsettings/1/change/",
                           {"auto_welcome_erp_customers": "on", "applications_per_ip_per_hour": "3"})
    assert response.status_code == 302
    settings = RegistrationSettings.current()
    assert settings.pk == 1 and settings.auto_welcome_erp_customers and settings.applications_per_ip_per_hour == 3


def test_publishing_a_consent_version_retires_the_previous_one(admin_client, consents):
    from backoffice.registration.models import ConsentText

    response = admin_client.post("/admin/registration/consenttext/add/?language=pl", {
        "kind": "privacy", "version": "2026-07", "title": "Akceptuję nową politykę prywatności", "text": "Nowa treść.",
        "is_current": "on", "published_at_0": "2026-07-01", "published_at_1": "08:00:00",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    current = ConsentText.objects.get(kind="privacy", is_current=True)
    assert current.version == "2026-07" and current.safe_translation_getter("title", language_code="pl") == "Akceptuję nową politykę prywatności"
    assert ConsentText.objects.filter(kind="privacy").count() == 2
    listing = admin_client.get("/admin/registration/consenttext/")
    assert listing.status_code == 200


def test_an_accepted_consent_version_cannot_be_deleted(admin_client, submit):
    application = submit()
    terms = application.consents.get(kind="terms").consent_text
    assert admin_client.get(f"/admin/registration/consenttext/{terms.pk}/delete/").status_code == 403
