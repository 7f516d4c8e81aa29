"""Payments test data: the checkout fixtures (tests/checkout/conftest.py) and the payment settings a
bank transfer needs (without an account for the currency it is not offered)."""
from decimal import Decimal

import pytest
from django.conf import settings as django_settings

from backoffice.orders.models import CheckoutMethodSetting
from backoffice.payments.iban import iban_with_checksum
from backoffice.payments.models import PaymentAccount, PaymentSettings
from tests.checkout.conftest import TODAY, Shop, cart, checkout_data, fill, place, shop  # noqa: F401  (fixtures and helpers)

PLN_IBAN = iban_with_checksum("PL", "109010140000071219812874")  # PL61 1090 1014 0000 0712 1981 2874
EUR_IBAN = iban_with_checksum("PL", "109010140000071219819999")


def configure_bank_transfer(*, eur: bool = False, **fields) -> PaymentSettings:
    """The payment settings of a shop that takes transfers in PLN (and EUR with eur=True)."""
    values = {"beneficiary_name": "Hurtownia Testowa Sp. z o.o.", "beneficiary_address": "ul. Bankowa 1\n00-950 Warszawa",
              "iban": PLN_IBAN, "bank_name": "Bank Testowy", "currency": "PLN", **fields}
    row, _created = PaymentSettings.objects.update_or_create(pk=1, defaults=values)
    if eur:
        PaymentAccount.objects.update_or_create(settings=row, currency="EUR", defaults={"iban": EUR_IBAN, "swift": "WBKPPLPP"})
    return row


@pytest.fixture
def bank_account(db):
    return configure_bank_transfer()


@pytest.fixture
def cod_fee(db):
    """Cash on delivery costs 10.00 PLN net."""
    return CheckoutMethodSetting.objects.create(kind="payment", code="cod", fee_net=Decimal("10.00"), fee_currency="PLN")


@pytest.fixture
def staff(client, make_user):
    """Log a back-office user of `role` in, with English texts."""
    def login(role="admin", **fields):
        user = make_user(role, **fields)
        client.force_login(user)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return user

    return login


def set_credit(company, **fields):
    """ERP figures of the company: may_buy_on_terms, payment_terms_days, credit_limit, balance, overdue_amount."""
    values = {"may_buy_on_terms": True, "payment_terms_days": 30, "credit_limit": None, "balance": Decimal("0"),
              "overdue_amount": Decimal("0"), **fields}
    for name, value in values.items():
        setattr(company, name, Decimal(value) if isinstance(value, str) else value)
    company.save(update_fields=list(values))
    return company
