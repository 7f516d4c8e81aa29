"""Access-matrix rules of the acting area (R01; see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

The persona `rep_acting` is the real thing: the rep (users["sales_rep"]) logs in and POSTs
/acting/start/{company_rep}/, so every other rule checks that an acting rep gets exactly what the
customer gets (except where a rule names the persona, e.g. credential pages: 403).

Samples here never switch a client's user: a successful start or stop would leave the client logged
in as somebody else for the rest of the matrix. So "ok" for starting is shown on a company of the rep
without a main account (access granted, then the "no main account" message: redirect to the
customers page), and the acting persona's stop uses a stale session id (the current session goes
on). Real start / stop / revocation are tested in tests/acting/.
"""
from tests.access_matrix_rules import ADMIN_WALL, PENDING, Rule, S

CUSTOMERS = "/acting/customers/"
NO_MAIN = "redirect:/acting/customers/"
ACTORS = dict(admin="ok", sales_manager="ok", sales_rep="ok")  # who may act (reps for their own companies)
REFUSED = dict(all="404", anonymous="login", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule(
        "acting-customers",
        names=("acting:customers",),
        samples=(
            S(CUSTOMERS, **REFUSED, **ACTORS),
            S(CUSTOMERS + "?q=Matrix&page=7", **REFUSED, **ACTORS),
        ),
    ),
    Rule(
        "acting-start",
        names=("acting:start",),
        samples=(
            # the rep's own company (no main account: access granted, nothing to act as)
            S("/acting/start/{company_acting_empty}/", method="POST", **REFUSED, admin=NO_MAIN, sales_manager=NO_MAIN, sales_rep=NO_MAIN),
            # not the rep's company: 404 for the rep; managers and administrators may act for any company
            S("/acting/start/{company_other}/", method="POST", **REFUSED, admin=NO_MAIN, sales_manager=NO_MAIN),
            S("/acting/start/999999/", method="POST", **REFUSED),  # buyers, and the acting rep (now the customer): 404
            S("/acting/start/{company_acting_empty}/", all="405", anonymous="login", applicant=PENDING),  # POST only
        ),
    ),
    Rule(
        "acting-stop",
        names=("acting:stop",),
        samples=(
            # not acting: 404; acting with a stale Stop button: back to the storefront, still acting
            S("/acting/stop/", method="POST", data={"session": "0"}, **REFUSED, rep_acting="redirect:/"),
            S("/acting/stop/", all="405", anonymous="login", applicant=PENDING),  # POST only
        ),
    ),
    Rule(
        "admin-company-act-as",
        names=("admin:accounts_company_act_as_customer",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/accounts/company/{company_rep}/act-as/", staff="ok", marketing="403"),
            S("/admin/accounts/company/{company_acting_empty}/act-as/", staff="ok", marketing="403"),
            S("/admin/accounts/company/{company_other}/act-as/", staff="ok", marketing="403", sales_rep="404"),
            S("/admin/accounts/company/999999/act-as/", staff="404", marketing="403"),
        ),
    ),
    Rule(
        "admin-acting-sessions",
        names=("admin:acting_actingsession_changelist",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/acting/actingsession/", staff="ok", marketing="403"),
            S("/admin/acting/actingsession/?end_reason=stopped&started_at_from=2026-01-01", staff="ok", marketing="403"),
        ),
    ),
    Rule(
        "admin-acting-session",
        names=("admin:acting_actingsession_change", "admin:acting_actingsession_history"),
        every=ADMIN_WALL,
        samples=(
            # reps see only their own sessions; nobody changes the log (read-only view)
            S("/admin/acting/actingsession/{acting_session_rep}/change/", staff="ok", marketing="403"),
            S("/admin/acting/actingsession/{acting_session_manager}/change/", staff="ok", marketing="403", sales_rep="redirect:/admin/"),
            # history looks the session up first: not among one's own -> the admin's "does not exist" bounce
            S("/admin/acting/actingsession/{acting_session_rep}/history/", staff="ok", marketing="redirect:/admin/"),
            S("/admin/acting/actingsession/{acting_session_manager}/history/", staff="ok", marketing="redirect:/admin/", sales_rep="redirect:/admin/"),
        ),
    ),
    Rule(
        "admin-acting-session-write",
        names=("admin:acting_actingsession_add", "admin:acting_actingsession_delete"),
        every=ADMIN_WALL,
        samples=(
            S("/admin/acting/actingsession/add/", staff="403"),
            S("/admin/acting/actingsession/{acting_session_rep}/delete/", staff="403"),
        ),
    ),
)


def world(users, values) -> dict:
    """A company of the rep without a main account, and two finished acting sessions (the rep's
    and a sales manager's) for the audit screen."""
    from django.utils import timezone

    from backoffice.accounts.models import Company
    from backoffice.acting.models import ActingSession

    empty = Company.objects.create(name="Matrix acting, no main account", sales_rep=users["sales_rep"])
    company_rep = Company.objects.get(pk=values["company_rep"])
    ended = dict(ended_at=timezone.now(), end_reason=ActingSession.EndReason.STOPPED, company=company_rep, customer=users["customer"])
    by_rep = ActingSession.objects.create(rep=users["sales_rep"], **ended)
    by_manager = ActingSession.objects.create(rep=users["sales_manager"], **ended)
    return {"company_acting_empty": empty.pk, "acting_session_rep": by_rep.pk, "acting_session_manager": by_manager.pk}


def _rep_acting_login(client, users, values):
    """The rep logs in and starts acting as the customer's company (R01), as in the storefront."""
    client.force_login(users["sales_rep"])
    response = client.post(f"/acting/start/{values['company_rep']}/")
    assert response.status_code == 302 and response["Location"] == "/", f"acting did not start: {response.status_code}"
    assert int(client.session["_auth_user_id"]) == users["customer"].pk


PERSONA_LOGINS = {"rep_acting": _rep_acting_login}
