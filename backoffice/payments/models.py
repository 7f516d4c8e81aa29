"""Payment settings of the installation (F02, F04): the account buyers transfer prepayments to,
one account per further currency, the transfer title, the cash-on-delivery ceiling and how long an
unpaid order may wait. A single row (pk=1), read with PaymentSettings.current()."""
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from djmoney.models.fields import CurrencyField

from .iban import iban_display, iban_normalize, validate_iban

DEFAULT_TITLE = "Zamówienie {number}"


def validate_title_pattern(value: str) -> None:
    from django.core.exceptions import ValidationError

    if "{number}" not in value:
        raise ValidationError(_("The title must contain {number}: the bank statement has to name the order."))
    try:
        value.format(number="B2B/2026/000001")
    except (KeyError, IndexError, ValueError):
        raise ValidationError(_("Only {number} may stand in braces."))


class BankAccount(models.Model):
    """What a transfer needs: the account (IBAN), the bank and, for foreign payers, its SWIFT/BIC."""

    iban = models.CharField(_("IBAN"), max_length=42, validators=[validate_iban])
    bank_name = models.CharField(_("bank"), max_length=128, blank=True)
    swift = models.CharField(_("SWIFT / BIC"), max_length=11, blank=True,
                             validators=[RegexValidator(r"^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$",
                                                      _("A SWIFT/BIC code has 8 or 11 letters and digits."))])

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.iban = iban_normalize(self.iban)
        self.swift = self.swift.upper().strip()

    @property
    def iban_display(self) -> str:
        return iban_display(self.iban)


class PaymentSettings(BankAccount):
    beneficiary_name = models.CharField(_("beneficiary"), max_length=255, blank=True,
                                        help_text=_("The account holder, as the bank knows it."))
    beneficiary_address = models.TextField(_("beneficiary's address"), blank=True)
    currency = CurrencyField(_("currency of this account"), default="PLN")
    iban = models.CharField(_("IBAN"), max_length=42, blank=True, validators=[validate_iban],
                            help_text=_("Empty: no prepayment by bank transfer (unless an account for the order's currency is below)."))
    transfer_title = models.CharField(_("transfer title"), max_length=140, default=DEFAULT_TITLE, validators=[validate_title_pattern],
                                      help_text=_("{number} is replaced by the order number."))
    cancel_unpaid_after_days = models.PositiveSmallIntegerField(
        _("cancel unpaid orders after (days)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Orders awaiting a transfer are cancelled and their stock released after this many days. Empty: never."))
    cod_max_gross = models.DecimalField(
        _("cash on delivery up to (gross)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Cash on delivery is not offered for orders above this amount in its currency. Empty: no limit."))
    cod_max_currency = CurrencyField(_("currency of the cash-on-delivery limit"), default="PLN")

    class Meta:
        verbose_name = _("payment settings")
        verbose_name_plural = _("payment settings")

    def __str__(self):
        return str(_("Payment settings"))

    @classmethod
    def current(cls) -> "PaymentSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def account_for(self, currency: str) -> BankAccount | None:
        """The account for transfers in `currency`: this row's own account when it is in that
        currency, else the extra account of the currency; None when there is none."""
        if self.iban and str(self.currency) == currency:
            return self
        if self.pk is None or self._state.adding:
            return None
        return self.accounts.filter(currency=currency).exclude(iban="").first()

    def transfer_title_for(self, number: str) -> str:
        try:
            return (self.transfer_title or DEFAULT_TITLE).format(number=number)
        except (KeyError, IndexError, ValueError):
            return DEFAULT_TITLE.format(number=number)


class PaymentAccount(BankAccount):
    """An account for transfers in another currency (e.g. EUR for foreign customers)."""

    settings = models.ForeignKey(PaymentSettings, on_delete=models.CASCADE, related_name="accounts")
    currency = CurrencyField(_("currency"))

    class Meta:
        verbose_name = _("bank account for a currency")
        verbose_name_plural = _("bank accounts for other currencies")
        ordering = ["currency"]
        constraints = [models.UniqueConstraint(fields=["settings", "currency"], name="payments_account_currency_unique")]

    def __str__(self):
        return f"{self.currency}: {self.iban_display}"
