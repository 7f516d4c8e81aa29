"""A04: applications for access, consents and their approval; A05: the automatic welcome setting."""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from parler.models import TranslatableModel, TranslatedFields
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import regon as pl_regon

from backoffice.accounts.validators import validate_nip

LANGUAGE_CHOICES = [("pl", "Polski"), ("en", "English")]
PL_POSTAL_CODE = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a Polish postal code as NN-NNN, e.g. 00-950."), code="invalid_postal_code")


def normalize_regon(value: str) -> str:
    return pl_regon.compact(value or "")


def validate_regon(value: str) -> None:
    try:
        pl_regon.validate(normalize_regon(value))
    except StdnumError:
        raise ValidationError(_("Enter a valid REGON: 9 or 14 digits with a correct check digit."), code="invalid_regon")


class ConsentText(TranslatableModel):
    """One version of a consent text shown on the registration form. Applications keep a snapshot of
    the text they accepted, so a published version may be replaced but never loses its meaning."""

    class Kind(models.TextChoices):
        TERMS = "terms", _("terms of service")
        PRIVACY = "privacy", _("privacy policy")
        MARKETING = "marketing", _("marketing communication")

    REQUIRED_KINDS = (Kind.TERMS, Kind.PRIVACY)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    version = models.CharField(_("version"), max_length=32, help_text=_('A label such as "2026-01" or "v3".'))
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("Shown on the registration form; publishing a version retires the previous one of its kind.")
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200, help_text=_("The checkbox label, e.g. \"I accept the terms of service\".")),
        text=models.TextField(_("text")),
    )

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["kind", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="registration_consent_kind_version"),
            models.UniqueConstraint(fields=["kind"], condition=Q(is_current=True), name="registration_one_current_consent_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    def validate_constraints(self, exclude=None):
        # "One current version per kind" is kept by services.consent_text_save, which retires the
        # previous current version when this one is published: not an error for the form.
        super().validate_constraints(exclude={*(exclude or ()), "is_current"})

    @property
    def is_required(self) -> bool:
        return self.kind in self.REQUIRED_KINDS


class RegistrationApplication(models.Model):
    """A company's application for platform access, filed by its future main account (the applicant)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting decision")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    company_name = models.CharField(_("company name"), max_length=255)
    nip = models.CharField(_("tax ID (NIP)"), max_length=16, validators=[validate_nip], db_index=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    street = models.CharField(_("street and number"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=16)
    city = models.CharField(_("city"), max_length=128)
    country = CountryField(_("country"), default="PL")
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="pl")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    erp_id = models.CharField(_("ERP customer id"), max_length=64, blank=True)
    company = models.ForeignKey(
        "accounts.Company", verbose_name=_("company"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="registration_applications",
    )
    applicant = models.ForeignKey(
        "accounts.User", verbose_name=_("applicant account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="registration_applications",
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration application")
        verbose_name_plural = _("registration applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["ip_address", "created_at"], name="registration_ip_time")]
        constraints = [
            # One application under review per company: a second one waits for the first decision.
            models.UniqueConstraint(fields=["nip"], condition=Q(status="pending"), name="registration_one_pending_per_nip"),
        ]

    def __str__(self):
        return f"{self.company_name} ({self.nip})"

    def clean(self):
        super().clean()
        if self.country == "PL" and self.postal_code:
            PL_POSTAL_CODE(self.postal_code)

    @property
    def contact_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ApplicationConsent(models.Model):
    """What the applicant was shown and answered for one consent: the version and its text, kept as they were."""

    application = models.ForeignKey(RegistrationApplication, on_delete=models.CASCADE, related_name="consents")
    consent_text = models.ForeignKey(ConsentText, verbose_name=_("consent text"), on_delete=models.PROTECT, related_name="acceptances")
    kind = models.CharField(_("kind"), max_length=16, choices=ConsentText.Kind.choices)
    version = models.CharField(_("version"), max_length=32)
    accepted = models.BooleanField(_("accepted"), default=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8)
    title_shown = models.CharField(_("label shown"), max_length=200)
    text_shown = models.TextField(_("text shown"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["application", "kind"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="registration_one_consent_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"


class RegistrationSettings(models.Model):
    """Platform-wide settings of registration and welcome emails; a single row (pk=1), read with `current()`."""

    auto_welcome_erp_customers = models.BooleanField(
        _("send the welcome email automatically to new customers imported from the ERP"),
        default=False,
        help_text=_("A05: each main account created by the ERP import gets the email with a password-set link right away. "
                    "Off: staff send it with the \"Send welcome email\" action on companies."),
    )
    applications_per_ip_per_hour = models.PositiveSmallIntegerField(
        _("applications per IP address per hour"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("A brake against automated registrations: more applications from one address within an hour are refused."),
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        ordering = ["pk"]

    def __str__(self):
        return str(_("Registration settings"))

    @classmethod
    def current(cls) -> "RegistrationSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
