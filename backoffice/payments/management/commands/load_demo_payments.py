from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.models import CheckoutMethodSetting
from backoffice.payments.iban import iban_with_checksum
from backoffice.payments.models import PaymentAccount, PaymentSettings
from backoffice.payments.unpaid import unpaid_schedule_ensure

# Made-up account numbers (domestic BBANs); the check digits are computed, so they validate.
DEMO_PLN_IBAN = iban_with_checksum("PL", "102010260000042270201111")
DEMO_EUR_IBAN = iban_with_checksum("PL", "102010260000042270209999")


class Command(BaseCommand):
    help = "Demo payment settings: transfer account (PLN) and a EUR account, COD fee 10 PLN (idempotent). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development: refusing with DEBUG off (use --force).")
        row, _created = PaymentSettings.objects.update_or_create(pk=1, defaults={
            "beneficiary_name": "Hurtownia Demo Sp. z o.o.", "beneficiary_address": "ul. Przykładowa 1\n90-001 Łódź",
            "currency": "PLN", "iban": DEMO_PLN_IBAN, "bank_name": "Bank Demo S.A.", "swift": "",
            "transfer_title": "Zamówienie {number}", "cancel_unpaid_after_days": 14,
        })
        PaymentAccount.objects.update_or_create(settings=row, currency="EUR", defaults={
            "iban": DEMO_EUR_IBAN, "bank_name": "Bank Demo S.A.", "swift": "BDEMPLPW"})
        cod, _created = CheckoutMethodSetting.objects.get_or_create(kind=CheckoutMethodSetting.Kind.PAYMENT,
                                                                    code=PaymentMethod.CASH_ON_DELIVERY.value)
        cod.fee_net, cod.fee_currency = Decimal("10.00"), "PLN"
        cod.save(update_fields=["fee_net", "fee_currency"])
        unpaid_schedule_ensure()
        self.stdout.write(self.style.SUCCESS(f"Demo payment settings ready (transfers to {row.iban_display}; COD fee 10.00 PLN)."))
