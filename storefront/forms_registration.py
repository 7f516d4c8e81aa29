"""A04: the public registration form. It checks everything a person can fix on the page; the service
(registration.services.application_submit) checks again inside its transaction."""
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from backoffice.accounts.models import User
from backoffice.accounts.validators import normalize_nip, validate_nip
from backoffice.registration import selectors
from backoffice.registration.models import LANGUAGE_CHOICES, PL_POSTAL_CODE, normalize_regon, validate_regon
from backoffice.registration.services import ApplicationInput

HONEYPOT = "website"
COMPANY_FIELDS = ("company_name", "nip", "regon", "street", "postal_code", "city", "country")
CONTACT_FIELDS = ("first_name", "last_name", "phone", "email", "language", "password1", "password2")


class RegistrationForm(forms.Form):
    company_name = forms.CharField(label=_("Company name"), max_length=255)
    nip = forms.CharField(label=_("Tax ID (NIP)"), max_length=16, help_text=_("10 digits, e.g. 526-000-12-46."))
    regon = forms.CharField(label=_("REGON (optional)"), max_length=17, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=255)
    postal_code = forms.CharField(label=_("Postal code"), max_length=16)
    city = forms.CharField(label=_("City"), max_length=128)
    country = forms.ChoiceField(label=_("Country"), choices=countries, initial="PL")
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=32, widget=forms.TextInput(attrs={"autocomplete": "tel"}))
    email = forms.EmailField(label=_("Email (your login)"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validation.password_validators_help_text_html)
    password2 = forms.CharField(label=_("Repeat the password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    language = forms.ChoiceField(label=_("Language of emails"), choices=LANGUAGE_CHOICES)
    # Left empty by people (hidden with CSS); bots fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.consents = list(consents)
        self.fields["language"].initial = (get_language() or "pl")[:2]
        for consent in self.consents:
            self.fields[self.consent_field(consent.kind)] = forms.BooleanField(
                label=consent.safe_translation_getter("title", any_language=True) or consent.get_kind_display(),
                required=consent.is_required,
                error_messages={"required": _("This consent is required to apply.")},
            )

    @staticmethod
    def consent_field(kind: str) -> str:
        return f"consent_{kind}"

    def consent_fields(self):
        """(bound field, consent text) pairs, for the template to show each text under its checkbox."""
        return [(self[self.consent_field(consent.kind)], consent) for consent in self.consents]

    def company_fields(self):
        return [self[name] for name in COMPANY_FIELDS]

    def contact_fields(self):
        return [self[name] for name in CONTACT_FIELDS]

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_nip(self):
        nip = self.cleaned_data["nip"]
        validate_nip(nip)
        nip = normalize_nip(nip)
        if selectors.nip_has_pending_application(nip):
            raise forms.ValidationError(_("An application for a company with this NIP is already awaiting our decision."), code="duplicate_pending")
        return nip

    def clean_regon(self):
        regon = self.cleaned_data["regon"].strip()
        if regon:
            validate_regon(regon)
        return normalize_regon(regon)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email already exists. Log in or reset your password."), code="email_taken")
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country") == "PL" and cleaned.get("postal_code"):
            try:
                PL_POSTAL_CODE(cleaned["postal_code"].strip())
            except forms.ValidationError as exc:
                self.add_error("postal_code", exc)
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            probe = User(email=cleaned.get("email") or "", first_name=cleaned.get("first_name") or "", last_name=cleaned.get("last_name") or "")
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def application_input(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(
            company_name=data["company_name"].strip(), nip=data["nip"], regon=data["regon"], street=data["street"].strip(),
            postal_code=data["postal_code"].strip(), city=data["city"].strip(), country=data["country"],
            first_name=data["first_name"].strip(), last_name=data["last_name"].strip(), phone=data["phone"].strip(),
            email=data["email"], password=data["password1"], language=data["language"],
        )

    def accepted_consents(self) -> set[str]:
        return {consent.kind for consent in self.consents if self.cleaned_data.get(self.consent_field(consent.kind))}
