"""load_demo_payments: valid, idempotent demo settings (PLN and EUR accounts, COD fee 10 PLN)."""
from decimal import Decimal

import pytest
from django.core.management import call_command

from backoffice.orders.models import CheckoutMethodSetting
from backoffice.payments.models import PaymentAccount, PaymentSettings

pytestmark = pytest.mark.django_db


def test_demo_payments_are_valid_and_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_payments")
    call_command("load_demo_payments")
    row = PaymentSettings.current()
    row.full_clean()
    (eur,) = PaymentAccount.objects.all()
    eur.full_clean()
    assert row.account_for("PLN") == row and row.account_for("EUR") == eur and row.account_for("USD") is None
    cod = CheckoutMethodSetting.objects.get(kind="payment", code="cod")
    assert (cod.fee_net, str(cod.fee_currency)) == (Decimal("10.00"), "PLN")


def test_demo_is_refused_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_payments")
    assert not PaymentSettings.objects.exists()
