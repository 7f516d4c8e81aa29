"""A05, automatic variant: new main accounts created by the ERP customer import get the welcome email
after the import commits, only while the setting is on, and never again for updated customers."""
import pytest
from django.core import mail

from backoffice.accounts.models import User
from backoffice.registration.models import RegistrationSettings
from tests.erp.helpers import SUCCESS, Packages
from tests.erp.packages import base_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def pkgs(tmp_path):
    return Packages(tmp_path / "packages")


def _import(pkgs, capture, files=None):
    with capture(execute=True):
        run = pkgs.sync(files or base_files())
    assert run.status == SUCCESS, run.message
    return run


def test_off_by_default_no_email(pkgs, django_capture_on_commit_callbacks):
    _import(pkgs, django_capture_on_commit_callbacks)
    assert User.objects.filter(email="biuro@elektromont.example.pl").exists()
    assert mail.outbox == []


def test_on_new_customers_get_the_welcome_email_once(pkgs, django_capture_on_commit_callbacks):
    RegistrationSettings.objects.create(pk=1, auto_welcome_erp_customers=True)
    _import(pkgs, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == ["biuro@elektromont.example.pl"]
    assert "Elektro-Mont s.c." in message.body and "/password-reset/" in message.body

    # the next import updates the customer (new phone) and adds another one: only the new one is welcomed
    files = base_files()
    files["customers.jsonl"][0]["phone"] = "+48 42 000 00 00"
    files["customers.jsonl"].append({
        "erp_id": "K3", "name": "Nowy Klient Sp. z o.o.", "b2b_access": True, "email": "zakupy@nowy-klient.example.pl", "currency": "PLN",
        "address": {"street": "ul. Nowa 5", "postal_code": "00-002", "city": "Warszawa", "country": "PL"},
    })
    mail.outbox.clear()
    run = _import(pkgs, django_capture_on_commit_callbacks, files)
    assert run.counts["customers"]["updated"] == 1 and run.counts["customers"]["inserted"] == 1
    assert [m.to for m in mail.outbox] == [["zakupy@nowy-klient.example.pl"]]


def test_a_customer_whose_email_is_taken_gets_no_account_and_no_email(pkgs, django_capture_on_commit_callbacks, make_user):
    RegistrationSettings.objects.create(pk=1, auto_welcome_erp_customers=True)
    make_user(email="biuro@elektromont.example.pl")  # e.g. an applicant accepted earlier
    _import(pkgs, django_capture_on_commit_callbacks)
    assert mail.outbox == []
