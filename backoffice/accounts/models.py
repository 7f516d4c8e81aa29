from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from djmoney.models.fields import CurrencyField

from backoffice.core.roles import STAFF_ROLES, Role

from .validators import validate_nip


class Company(models.Model):
    """A customer company (the ERP's contractor). Its users buy on its behalf."""

    name = models.CharField(_("name"), max_length=255)
    nip = models.CharField(_("tax ID (NIP)"), max_length=16, blank=True, validators=[validate_nip], db_index=True)
    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True, null=True, blank=True)
    currency = CurrencyField(_("currency"), default="PLN")
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=128, blank=True)
    country = CountryField(_("country"), default="PL")
    sales_rep = models.ForeignKey(
        "accounts.User",
        verbose_name=_("sales representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_companies",
        limit_choices_to={"role__in": [Role.SALES_REP, Role.SALES_MANAGER]},
    )
    distributor = models.ForeignKey(
        "self",
        verbose_name=_("distributor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="end_customers",
        help_text=_("Set for an end customer buying through a distributor."),
    )
    b2b_access = models.BooleanField(_("B2B platform access"), default=True)
    is_dropshipping = models.BooleanField(_("dropshipping"), default=False)
    is_distributor = models.BooleanField(_("distributor"), default=False)
    orders_auto_approved = models.BooleanField(
        _("verified end customer (orders approved automatically)"),
        default=False,
        help_text=_("A11: orders of this end customer go on without waiting for the distributor's approval."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Commercial terms from the ERP (P01, F01, F14, F15, L01). Amounts are in the company's currency.
    price_list = models.ForeignKey(
        "pricing.PriceList", verbose_name=_("price list"), null=True, blank=True, on_delete=models.SET_NULL, related_name="companies"
    )
    customer_group = models.ForeignKey(
        "pricing.CustomerGroup",
        verbose_name=_("customer group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
        help_text=_("P06: order-value discount tiers of this group apply."),
    )
    markup_percent = models.DecimalField(
        _("markup (percent) for end customers"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("A11: on a distributor, the default markup on its own prices for its end customers; on an end customer, "
                    "its own markup (wins over the distributor's)."),
    )
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), null=True, blank=True)
    may_buy_on_terms = models.BooleanField(_("may buy on payment terms"), default=False)
    credit_limit = models.DecimalField(_("credit limit"), max_digits=14, decimal_places=2, null=True, blank=True)
    balance = models.DecimalField(_("balance"), max_digits=14, decimal_places=2, default=0)
    overdue_amount = models.DecimalField(_("overdue amount"), max_digits=14, decimal_places=2, default=0)
    logistic_minimum = models.DecimalField(_("logistic minimum (free delivery)"), max_digits=14, decimal_places=2, null=True, blank=True)
    erp_hash = models.CharField(max_length=32, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("Email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password", "company"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Login is by email; what they may do follows from `role`."""

    email = models.EmailField(_("email"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CUSTOMER, db_index=True)
    company = models.ForeignKey(
        Company, verbose_name=_("company"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    can_see_finance = models.BooleanField(
        _("may see finance"), default=True, help_text=_("Settlements, invoices and balances (employees).")
    )
    can_manage_users = models.BooleanField(
        _("may manage the company's users"),
        default=False,
        help_text=_("A10: an employee who may create and change other employee accounts (never with more rights than their own)."),
    )
    created_by = models.ForeignKey(
        "self", verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, default="pl", choices=[("pl", "Polski"), ("en", "English")])
    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True, null=True, blank=True, help_text=_("Sales reps from the ERP."))
    erp_hash = models.CharField(max_length=32, blank=True, editable=False, db_index=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_staff(self) -> bool:
        """Back-office access follows from the role (Django admin reads this)."""
        return self.is_superuser or self.role in STAFF_ROLES

    def clean(self):
        super().clean()
        # Logins are case-insensitive: store one spelling so "Anna@X.pl" cannot sit next to "anna@x.pl".
        self.email = (self.email or "").strip().lower()
        if self.email and User.objects.filter(email__iexact=self.email).exclude(pk=self.pk).exists():
            from django.core.exceptions import ValidationError

            raise ValidationError({"email": _("An account with this email already exists.")})

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class Address(models.Model):
    """A company address: the head office/payer address or a shipping address (many per company)."""

    class Kind(models.TextChoices):
        BILLING = "billing", _("payer / head office")
        SHIPPING = "shipping", _("shipping")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    class Source(models.TextChoices):
        ERP = "erp", _("ERP")
        CUSTOMER = "customer", _("added by the customer")

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="addresses")
    erp_id = models.CharField(_("ERP id"), max_length=64, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SHIPPING)
    name = models.CharField(_("name"), max_length=255)
    street = models.CharField(_("street and number"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=16)
    city = models.CharField(_("city"), max_length=128)
    country = CountryField(_("country"), default="PL")
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    erp_hash = models.CharField(max_length=32, blank=True, editable=False)
    # Addresses customers add themselves (A07/A08/A09); ERP addresses are always approved.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPROVED, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.ERP)
    is_one_off = models.BooleanField(
        _("one-off (dropshipping)"), default=False, help_text=_("A09: sent to the ERP as a one-off delivery address.")
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("added by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [models.UniqueConstraint(fields=["company", "erp_id"], name="accounts_address_erp_unique")]

    def __str__(self):
        return f"{self.name}, {self.street}, {self.postal_code} {self.city}"
