"""Access-matrix rules of the registration area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

A04: the application form and its confirmation are public. Anybody already logged in has nothing to
apply for and is sent to their landing page (staff the back office, buyers the storefront, applicants
the "application under review" page). The back-office approval queue follows the admin group rule.
"""
from tests.access_matrix_rules import ADMIN_WALL, LANDING, Rule, S

APPLY = "/register/"
SENT = "/register/sent/"
QUEUE = "/admin/registration/registrationapplication/"
# Accept / Reject: whoever may change applications (administrators, sales managers), on a pending one.
DECIDERS_OK = dict(admin="ok", sales_manager="ok", sales_rep="403", marketing="403")
NOBODY = dict(staff="403")


def _decided(application: str) -> dict:
    return dict(admin=f"redirect:{QUEUE}{{{application}}}/change/", sales_manager=f"redirect:{QUEUE}{{{application}}}/change/",
                sales_rep="403", marketing="403")


def _application(**changes) -> dict:
    data = {
        "company_name": "Matrix Instal Sp. z o.o.", "nip": "526-000-12-46", "regon": "", "street": "ul. Polna 1", "postal_code": "00-950",
        "city": "Warszawa", "country": "PL", "first_name": "Anna", "last_name": "Matrycowa", "phone": "+48 600 100 200",
        "email": "wniosek@matrix-instal.example.pl", "password1": "Zgloszenie-matrix-2026!", "password2": "Zgloszenie-matrix-2026!",
        "language": "pl", "consent_terms": "on", "consent_privacy": "on", "website": "",
    }
    data.update(changes)
    return data


SETTINGS_ROW = "redirect:/admin/registration/registrationsettings/1/change/"

RULES: tuple[Rule, ...] = (
    Rule(
        "registration-apply",
        names=("registration:apply",),
        samples=(
            S(APPLY, anonymous="ok", **LANDING),
            # filed: the confirmation page; logged-in users file nothing
            S(APPLY, method="POST", data=_application(), anonymous=f"redirect:{SENT}", **LANDING),
            # a wrong NIP check digit: the form again with the error, nothing stored
            S(APPLY, method="POST", data=_application(nip="5260001247"), anonymous="ok", **LANDING),
            # the required consents missing: the form again
            S(APPLY, method="POST", data=_application(consent_terms="", consent_privacy=""), anonymous="ok", **LANDING),
            # the honeypot filled in: looks sent, nothing stored
            S(APPLY, method="POST", data=_application(website="http://spam.example.com"), anonymous=f"redirect:{SENT}", **LANDING),
        ),
    ),
    Rule(
        "registration-sent",
        names=("registration:sent",),
        samples=(
            S(SENT, anonymous="ok", **LANDING),
            S(SENT, method="POST", all="405"),
        ),
    ),
    Rule(
        "admin-registration-accept",
        names=("admin:registration_registrationapplication_accept_detail",),
        every=ADMIN_WALL,
        samples=(
            S(QUEUE + "{application_to_accept}/accept/", **DECIDERS_OK),  # the form asking for the ERP id
            S(QUEUE + "{application_to_accept}/accept/", method="POST", data={"erp_id": ""}, **DECIDERS_OK),  # the error shown
            S(QUEUE + "{application_to_accept}/accept/", method="POST", data={"erp_id": "K-MATRIX-REG"}, **_decided("application_to_accept")),
            S(QUEUE + "{application_decided}/accept/", **NOBODY),  # decided already: no action
            S(QUEUE + "999999/accept/", **NOBODY),
        ),
    ),
    Rule(
        "admin-registration-reject",
        names=("admin:registration_registrationapplication_reject_detail",),
        every=ADMIN_WALL,
        samples=(
            S(QUEUE + "{application_to_reject}/reject/", **DECIDERS_OK),
            S(QUEUE + "{application_to_reject}/reject/", method="POST", data={"reason": ""}, **DECIDERS_OK),  # a reason is required
            S(QUEUE + "{application_to_reject}/reject/", method="POST", data={"reason": "Brak danych."}, **_decided("application_to_reject")),
            S(QUEUE + "{application_decided}/reject/", method="POST", data={"reason": "Jeszcze raz."}, **NOBODY),
            S(QUEUE + "999999/reject/", **NOBODY),
        ),
    ),
    Rule(
        "admin-registration-settings",
        names=("admin:registration_registrationsettings_changelist",),
        every=ADMIN_WALL,
        # the single row opens directly; only administrators may change it (its change page is read-only for the others)
        samples=(S("/admin/registration/registrationsettings/", admin=SETTINGS_ROW, sales_manager=SETTINGS_ROW, sales_rep=SETTINGS_ROW,
                   marketing="403"),),
    ),
)


def world(users, values) -> dict:
    """Two pending applications (one to accept, one to reject) and one already rejected."""
    from backoffice.accounts.services import user_create
    from backoffice.core.roles import Role
    from backoffice.registration.demo import ensure_consent_texts
    from backoffice.registration.models import RegistrationApplication

    ensure_consent_texts()  # the data migration publishes them; a flushed database may not have them

    def application(n: int, nip: str, status: str = "pending") -> int:
        email = f"wniosek{n}@matrix-registration.example.pl"
        applicant = user_create(email=email, password=None, role=Role.APPLICANT, first_name="Jan", last_name="Wnioskowy")
        return RegistrationApplication.objects.create(
            company_name=f"Matrix Wniosek {n}", nip=nip, street="ul. Krótka 1", postal_code="00-001", city="Warszawa",
            first_name="Jan", last_name="Wnioskowy", phone="600100200", email=email, applicant=applicant, status=status,
        ).pk

    return {
        "application_to_accept": application(1, "9512345675"),
        "application_to_reject": application(2, "7110000128"),
        "application_decided": application(3, "1130001234", status="rejected"),
    }
