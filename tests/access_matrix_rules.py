"""The access matrix as data: which role gets what on every URL of the project.

Read by tests/test_access_matrix.py. Every URL pattern of the project must be matched by exactly
one rule (exact names win over route-prefix groups), so a new URL fails the test until a row is
added here.

Outcomes
    "ok"           2xx, or a 3xx that does not go to the login page nor to /admin/ or /cms/ (where
                   the Django admin and Wagtail bounce refused requests; state those explicitly)
    "login"        302 to the login page (/login/)
    "404" "403" "405"
    "redirect:/x/" a 3xx to exactly that path (stricter than "ok"; used where the target matters,
                   e.g. the Django admin's "object does not exist" bounce to /admin/)
    "a|b"          either outcome (e.g. ADMIN_DENIED: however the admin refuses)

A rule states outcomes in two ways:
    every    role -> outcome that holds for EVERY pattern the rule matches. The test requests each
             pattern once per such role with a generated path (e.g. /cms/pages/1/edit/). Used for
             outcomes decided by the request walls before any view runs (login wall, back-office
             and CMS walls in backoffice/core/middleware.py).
    samples  concrete requests with the outcome for the remaining roles (views decide). Paths are
             str.format templates filled from the test's fixture objects ("{home}", "{company_rep}").
Together they must name every role exactly once per sample.

Group rules (Django admin and Wagtail admin, several hundred third-party URLs) request a
representative sample for the roles that pass the walls. Each of our own URLs has an exact rule
whose samples hit every pattern it matches.

A rule may be `unreachable` (an earlier pattern answers all its paths); the reason says why.

A sample may list known bugs: {role or group: reason}. Its outcome for that role is then the CORRECT one; the
main test skips the pair and test_known_access_bugs runs it as xfail(strict=True).
"""
from dataclasses import dataclass, field

from backoffice.core.roles import BUYER_ROLES, STAFF_ROLES, Role

ANONYMOUS = "anonymous"
# Personas: a role in a particular situation, with its own login (tests/access_rules PERSONA_LOGINS).
# A rule or sample that does not name a persona expects for it what it expects for its base role;
# samples name the persona where its outcome differs (e.g. finance pages for an employee without
# the finance permission, password changes for a rep acting as the customer).
PERSONAS: dict[str, str] = {
    "employee_no_finance": Role.EMPLOYEE.value,  # an employee of the same company without "may see finance"
    "rep_acting": Role.CUSTOMER.value,  # the customer's assigned sales rep acting as the customer (R01)
}
BASE_ROLES: tuple[str, ...] = (ANONYMOUS, *Role.values)
ROLES: tuple[str, ...] = (*BASE_ROLES, *PERSONAS)
STAFF = tuple(r.value for r in Role if r in STAFF_ROLES)
BUYERS = tuple(r.value for r in Role if r in BUYER_ROLES)
CMS = (Role.ADMIN.value, Role.MARKETING.value)
# Groups hold base roles only: a persona follows its base role unless a rule names it.
_GROUPS = {
    "all": BASE_ROLES,
    "logged_in": BASE_ROLES[1:],
    "staff": STAFF,
    "buyers": BUYERS,
    "cms": CMS,
    "non_staff": (*BUYERS, Role.APPLICANT.value),
    "non_cms": tuple(r for r in BASE_ROLES[1:] if r not in CMS),
}


def outcome_for(outcomes: dict[str, str], role: str) -> str | None:
    """The outcome a mapping states for a role; a persona falls back to its base role."""
    if role in outcomes:
        return outcomes[role]
    base = PERSONAS.get(role)
    return outcomes.get(base) if base else None


def expect(**outcomes: str) -> dict[str, str]:
    """Role -> outcome. Keys are role names or groups (all, logged_in, staff, buyers, cms, non_staff,
    non_cms); later keys override earlier ones: expect(logged_in="ok", anonymous="login")."""
    result: dict[str, str] = {}
    for key, outcome in outcomes.items():
        roles = _GROUPS.get(key, (key,))
        for role in roles:
            if role not in ROLES:
                raise ValueError(f"unknown role or group {key!r}")
            result[role] = outcome
    return result


@dataclass(frozen=True)
class Sample:
    path: str
    expect: dict[str, str]
    method: str = "GET"
    data: dict | None = None
    bugs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    names: tuple[str, ...] = ()  # exact namespaced view names ("storefront:login")
    route_prefix: str | None = None  # group: every pattern whose full route starts with this
    every: dict[str, str] = field(default_factory=dict)
    samples: tuple[Sample, ...] = ()
    # Why the pattern can never be reached (an earlier pattern answers its paths). Its samples then
    # show what answers instead; the wall sweep skips it.
    unreachable: str = ""

    @property
    def is_group(self) -> bool:
        return self.route_prefix is not None


def S(path: str, method: str = "GET", data: dict | None = None, bugs: dict | None = None, **outcomes: str) -> Sample:
    """A sample; `bugs` maps roles or groups (as in expect) to the reason."""
    return Sample(path=path, expect=expect(**outcomes), method=method, data=data, bugs=expect(**(bugs or {})))


# Outcomes decided by the walls in backoffice/core/middleware.py, before any view runs.
ADMIN_WALL = expect(anonymous="login", non_staff="404")
CMS_WALL = expect(anonymous="login", non_cms="404")
# Applicants (not yet approved) are sent to the pending page from everything but a few URLs.
PENDING = "redirect:/application-pending/"
LANDING = dict(staff="redirect:/admin/", buyers="redirect:/", applicant=PENDING)

# Any way the Django admin refuses an object: no permission, not found, or "does not exist" bounce.
ADMIN_DENIED = "403|404|redirect:/admin/"

# Fixed regression guard: sales managers manage customer accounts only (permissions.assignable_roles,
# accounts.selectors.users_visible_to), never staff accounts or roles.
SALES_MANAGER_EDITS_STAFF = "sales managers must not open, change or create staff accounts"

from tests.access_rules import EXTRA_RULES  # noqa: E402  (the ordering areas; they import S and Rule from here)

RULES: tuple[Rule, ...] = (
    *EXTRA_RULES,
    # ---------------------------------------------------------------- storefront (our code)
    Rule(
        "login",
        names=("storefront:login",),
        samples=(
            S("/login/", anonymous="ok", **LANDING),
            S("/login/?next=//evil.example.com/", anonymous="ok", **LANDING),  # never an open redirect
        ),
    ),
    Rule(
        "logout",
        names=("storefront:logout",),
        samples=(
            S("/logout/", anonymous="login", logged_in="405"),  # POST only
            S("/logout/", method="POST", all="login"),  # logs out, back to the login page
        ),
    ),
    Rule(
        "password-reset",
        names=("storefront:password_reset",),
        samples=(
            S("/password-reset/", all="ok"),
            S("/password-reset/", method="POST", data={"email": "nobody@example.pl"}, all="redirect:/password-reset/sent/"),
        ),
    ),
    Rule("password-reset-done", names=("storefront:password_reset_done",), samples=(S("/password-reset/sent/", all="ok"),)),
    Rule(
        "password-reset-confirm",
        names=("storefront:password_reset_confirm",),
        samples=(
            S("/password-reset/MQ/bad-token/", all="ok"),  # "link invalid" page
            S("/password-reset/{reset_uidb64}/{reset_token}/", all="redirect:/password-reset/{reset_uidb64}/set-password/"),
        ),
    ),
    Rule("password-reset-complete", names=("storefront:password_reset_complete",), samples=(S("/password-reset/done/", all="ok"),)),
    Rule("landing", names=("storefront:landing",), samples=(S("/start/", anonymous="login", **LANDING),)),
    Rule(
        "account",
        names=("storefront:account",),
        samples=(S("/account/", anonymous="login", staff="404", buyers="ok", applicant=PENDING),),
    ),
    # Catalog pages: buyers only (staff have no customer catalog: 404); what each buyer sees is
    # decided by backoffice/catalog/selectors.py and tested in tests/catalog/ and tests/product_card/.
    Rule(
        "catalog-index",
        names=("catalog:index",),
        samples=(S("/catalog/", anonymous="login", staff="404", buyers="ok", applicant=PENDING),),
    ),
    Rule(
        "catalog-category",
        names=("catalog:category",),
        samples=(
            S("/catalog/c/{category}/", anonymous="login", staff="404", buyers="ok", applicant=PENDING),
            S("/catalog/c/{restricted_category}/", anonymous="login", staff="404", buyers="404", applicant=PENDING),
            S("/catalog/c/999999/", anonymous="login", staff="404", buyers="404", applicant=PENDING),
        ),
    ),
    Rule(
        "catalog-search",
        names=("catalog:search", "catalog:suggest"),
        samples=(
            S("/catalog/search/?q=kabel", anonymous="login", staff="404", buyers="ok", applicant=PENDING),
            S("/catalog/suggest/?q=kabel", anonymous="login", staff="404", buyers="ok", applicant=PENDING),
        ),
    ),
    Rule(
        "catalog-product",
        names=("catalog:product",),
        samples=(
            S("/catalog/p/999999/", anonymous="login", staff="404", buyers="404", applicant=PENDING),
            # only the customer's company has a price for it: another company's buyers get 404
            S("/catalog/p/{product}/", anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING),
        ),
    ),
    Rule(
        "catalog-price-rules",
        names=("catalog:price_rules",),
        samples=(
            S("/catalog/p/999999/price-rules/", anonymous="login", staff="404", buyers="404", applicant=PENDING),
            S("/catalog/p/{product}/price-rules/", anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING),
        ),
    ),
    Rule(
        "catalog-bundle",
        names=("catalog:bundle",),
        samples=(S("/catalog/bundle/999999/", anonymous="login", staff="404", buyers="404", applicant=PENDING),),
    ),
    Rule(
        "application-pending",
        names=("storefront:application_pending",),
        samples=(S("/application-pending/", anonymous="login", **{**LANDING, "applicant": "ok"}),),
    ),
    Rule(
        "healthz",
        names=("storefront:healthz",),
        samples=(S("/healthz/", all="ok"), S("/healthz/", method="POST", all="405")),
    ),
    Rule(
        "set-language",
        names=("set_language",),
        samples=(
            S("/i18n/setlang/", method="POST", data={"language": "pl", "next": "/account/"}, all="redirect:/account/"),
            S("/i18n/setlang/", all="redirect:/"),  # GET changes nothing, just redirects
            # never an open redirect
            S("/i18n/setlang/", method="POST", data={"language": "pl", "next": "https://evil.example.com/"}, all="redirect:/"),
            S("/i18n/setlang/", method="POST", data={"language": "pl", "next": "//evil.example.com/"}, all="redirect:/"),
        ),
    ),
    # ---------------------------------------------------------------- pages (our serve view) and Wagtail front end
    Rule(
        "cms-page",
        names=("wagtail_serve",),
        samples=(
            S("/", anonymous="login", logged_in="ok", applicant=PENDING),
            S("/{text_page_slug}/", anonymous="login", logged_in="ok", applicant=PENDING),
            S("/secret/", anonymous="login", logged_in="ok", applicant=PENDING),  # its password form
            S("/no-such-page/", anonymous="login", logged_in="404", applicant=PENDING),
            S("/_util/login/", anonymous="login", logged_in="404", applicant=PENDING),  # no second login page
        ),
    ),
    Rule(
        "wagtail-page-password",
        names=("wagtailcore_authenticate_with_password",),
        samples=(
            S(
                "/_util/authenticate_with_password/{page_restriction}/{restricted_page}/",
                method="POST",
                data={"password": "x", "return_url": "/secret/"},
                anonymous="login",
                logged_in="redirect:/secret/",
                applicant=PENDING,
            ),
        ),
    ),
    Rule(
        "wagtail-documents-serve",
        names=("wagtaildocs_serve",),
        samples=(
            S("/documents/{document}/{document_filename}", anonymous="login", logged_in="ok", applicant=PENDING),
            S("/documents/999999/missing.pdf", anonymous="login", logged_in="404", applicant=PENDING),
        ),
    ),
    Rule(
        "wagtail-documents-password",
        names=("wagtaildocs_authenticate_with_password",),
        samples=(S("/documents/authenticate_with_password/999999/", anonymous="login", logged_in="404", applicant=PENDING),),
    ),
    # ---------------------------------------------------------------- ERP (machine to machine)
    Rule(
        "erp-package-upload",
        names=("erp:package_upload",),
        samples=(
            S("/erp/packages/", all="405"),  # POST only
            S("/erp/packages/", method="POST", all="401"),  # bearer token, never the session
        ),
    ),
    # ---------------------------------------------------------------- back office (our screens)
    Rule(
        "admin-login",
        names=("admin:login",),
        every=ADMIN_WALL,
        samples=(S("/admin/login/?next=/admin/", staff="login"),),  # one login page for everybody
    ),
    Rule(
        "admin-modules",
        names=("admin:modules",),
        every=ADMIN_WALL,
        samples=(S("/admin/settings/modules/", staff="404", admin="ok"),),
    ),
    Rule(
        "admin-pricing-preview",
        names=("admin:pricing_preview",),
        every=ADMIN_WALL,
        samples=(S("/admin/pricing/pricingsettings/preview/", staff="ok", sales_rep="404"),),
    ),
    Rule(
        "admin-catalog-preview",
        names=("admin:accounts_company_catalog_preview",),
        every=ADMIN_WALL,
        samples=(
            # needs both the customers and the catalog section; companies as on the company page
            S("/admin/accounts/company/{company_rep}/catalog-preview/", admin="ok", sales_manager="ok", marketing="403", sales_rep="403"),
            S("/admin/accounts/company/999999/catalog-preview/", admin="404", sales_manager="404", marketing="403", sales_rep="403"),
        ),
    ),
    Rule(
        "admin-zero-results",
        names=("admin:engagement_zero_results",),
        every=ADMIN_WALL,
        samples=(
            # search tools: whoever may see the synonyms (catalog section)
            S("/admin/engagement/customerevent/zero-results/", staff="ok", sales_rep="404"),
            S("/admin/engagement/customerevent/zero-results/?date_from=2026-13-45", staff="ok", sales_rep="404"),  # error shown
        ),
    ),
    Rule(
        "admin-zero-results-csv",
        names=("admin:engagement_zero_results_csv",),
        every=ADMIN_WALL,
        samples=(S("/admin/engagement/customerevent/zero-results.csv", staff="ok", sales_rep="404"),),
    ),
    Rule(
        "admin-erp-errors-csv",
        names=("admin:erp_syncrun_errors_csv",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/erp/syncrun/{sync_run}/errors.csv", staff="403", admin="ok"),
            S("/admin/erp/syncrun/999999/errors.csv", staff="403", admin="404"),
        ),
    ),
    Rule(
        "admin-erp-run-now",
        names=("admin:erp_syncrun_run_now",),
        every=ADMIN_WALL,
        samples=(S("/admin/erp/syncrun/run-now/", staff="403", admin="ok"),),
    ),
    # ---------------------------------------------------------------- Django admin (group)
    Rule(
        "django-admin",
        route_prefix="admin/",
        every=ADMIN_WALL,
        samples=(
            S("/admin/", staff="ok"),
            S("/admin/search/?s=Firma", staff="ok"),
            S("/admin/jsi18n/", staff="ok"),
            S("/admin/password_change/", staff="ok"),
            S("/admin/password_change/done/", staff="ok"),
            S("/admin/logout/", staff="405"),
            S("/admin/no-such-screen/", staff="404"),
            S("/admin/r/{company_ct}/{company_rep}/", staff="404"),  # companies have no public URL
            S("/admin/autocomplete/", staff="403"),
            S("/admin/autocomplete/?app_label=accounts&model_name=user&field_name=company", staff="ok", marketing="403"),
            # customers section (accounts): managers EDIT, reps VIEW (own companies only), marketing nothing
            S("/admin/accounts/", staff="ok", marketing="404"),
            S("/admin/accounts/company/", staff="ok", marketing="403"),
            S("/admin/accounts/company/add/", admin="ok", sales_manager="ok", marketing="403", sales_rep="403"),
            S("/admin/accounts/company/{company_rep}/change/", staff="ok", marketing="403"),
            S("/admin/accounts/company/{company_other}/change/", staff="ok", marketing="403", sales_rep="redirect:/admin/"),
            S("/admin/accounts/company/{company_rep}/history/", staff="ok", marketing="403"),
            S("/admin/accounts/company/{company_other}/history/", staff="ok", marketing="403", sales_rep="redirect:/admin/"),
            S("/admin/accounts/company/{company_rep}/delete/", staff="403", admin="ok"),
            S("/admin/accounts/company/{company_rep}/", staff="redirect:/admin/accounts/company/{company_rep}/change/"),
            S("/admin/accounts/user/", staff="ok", marketing="403"),
            S("/admin/accounts/user/add/", admin="ok", sales_manager="ok", marketing="403", sales_rep="403"),
            S("/admin/accounts/user/{user_customer}/change/", staff="ok", marketing="403"),
            S("/admin/accounts/user/{user_employee}/change/", staff="ok", marketing="403", sales_rep="redirect:/admin/"),
            S("/admin/accounts/user/{user_customer}/password/", admin="ok", sales_manager="ok", marketing="403", sales_rep="403"),
            S("/admin/accounts/user/{user_customer}/delete/", staff="403", admin="ok"),
            # staff accounts are not customers: a sales manager must not manage them
            S(
                "/admin/accounts/user/{user_admin}/change/",
                admin="ok",
                sales_manager=ADMIN_DENIED,
                marketing="403",
                sales_rep="redirect:/admin/",
            ),
            S(
                "/admin/accounts/user/{user_admin}/password/",
                admin="ok",
                sales_manager=ADMIN_DENIED,
                marketing="403",
                sales_rep="403",
            ),
            S("/admin/accounts/address/", staff="ok", marketing="403"),
            S("/admin/accounts/address/add/", staff="403"),  # addresses come from the ERP
            # catalog section (catalog, inventory): ERP-owned, view only; marketing, admins and sales
            # managers (who configure promotions for products)
            S("/admin/catalog/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="404"),
            S("/admin/catalog/product/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            S("/admin/catalog/product/add/", staff="403"),
            S("/admin/catalog/category/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            S("/admin/catalog/brand/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            S("/admin/catalog/warehouse/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            S("/admin/catalog/customerproductcode/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            S("/admin/inventory/stock/", admin="ok", marketing="ok", sales_manager="ok", sales_rep="403"),
            # pricing section: marketing ALL, sales managers EDIT, reps nothing (records are ERP-owned)
            S("/admin/pricing/", staff="ok", sales_rep="404"),
            S("/admin/pricing/pricelist/", staff="ok", sales_rep="403"),
            S("/admin/pricing/price/", staff="ok", sales_rep="403"),
            S("/admin/pricing/price/add/", staff="403"),
            S("/admin/pricing/contractprice/", staff="ok", sales_rep="403"),
            S("/admin/pricing/categorydiscount/", staff="ok", sales_rep="403"),
            # ERP section: administrators only
            S("/admin/erp/", staff="404", admin="ok"),
            S("/admin/erp/syncrun/", staff="403", admin="ok"),
            S("/admin/erp/syncrun/{sync_run}/change/", staff="403", admin="ok"),
            S("/admin/erp/syncerror/", staff="403", admin="ok"),
            # settings section (axes, django_q): administrators only
            S("/admin/axes/", staff="404", admin="ok"),
            S("/admin/axes/accessattempt/", staff="403", admin="ok"),
            S("/admin/axes/accesslog/", staff="403", admin="ok"),
            S("/admin/axes/accessfailurelog/", staff="403", admin="ok"),
            S("/admin/django_q/", staff="404", admin="ok"),
            S("/admin/django_q/schedule/", staff="403", admin="ok"),
            S("/admin/django_q/schedule/add/", staff="403", admin="ok"),
            S("/admin/django_q/schedule/{schedule}/change/", staff="403", admin="ok"),
            S("/admin/django_q/failure/", staff="403", admin="ok"),
            S("/admin/django_q/ormq/", staff="403", admin="ok"),
        ),
    ),
    # ---------------------------------------------------------------- Wagtail admin (group)
    Rule(
        "wagtail-admin",
        route_prefix="cms/",
        every=CMS_WALL,
        samples=(
            S("/cms/", cms="ok"),
            S("/cms/login/", cms="redirect:/cms/"),
            S("/cms/logout/", cms="405"),
            S("/cms/account/", cms="ok"),
            S("/cms/no-such-screen/", cms="404"),
            S("/cms/pages/", cms="ok"),
            S("/cms/pages/{home}/", cms="ok"),
            S("/cms/pages/{home}/edit/", cms="ok"),
            S("/cms/pages/{text_page}/edit/", cms="ok"),
            S("/cms/pages/{home}/history/", cms="ok"),
            S("/cms/pages/add/content/textpage/{home}/", cms="ok"),
            S("/cms/pages/search/?q=home", cms="ok"),
            S("/cms/images/", cms="ok"),
            S("/cms/images/{image}/", cms="ok"),
            S("/cms/images/add/", cms="ok"),
            S("/cms/images/chooser/", cms="ok"),
            S("/cms/documents/chooser/", cms="ok"),
            S("/cms/snippets/choose/content/menu/", cms="ok"),
            S("/cms/embeds/chooser/", cms="ok"),
            S("/cms/password_reset/", cms="ok"),
            S("/cms/jsi18n/", cms="ok"),
            S("/cms/sprite/", cms="ok"),
            S("/cms/documents/", cms="ok"),
            S("/cms/documents/edit/{document}/", cms="ok"),
            S("/cms/collections/", cms="redirect:/cms/"),  # collection management needs group collection permissions
            S("/cms/snippets/", cms="ok"),
            S("/cms/snippets/content/menu/", cms="ok"),
            S("/cms/snippets/content/menu/edit/{menu}/", cms="ok"),
            S("/cms/settings/content/brandingsettings/", cms="redirect:/cms/settings/content/brandingsettings/{site}/"),
            S("/cms/settings/content/brandingsettings/{site}/", cms="ok"),
            S("/cms/forms/", cms="ok"),
            S("/cms/api/main/pages/", cms="ok"),
            # installation settings: administrators only (wagtailcore maps to the settings section)
            S("/cms/locales/", cms="ok", marketing="redirect:/cms/"),
            S("/cms/sites/", cms="ok", marketing="redirect:/cms/"),
            S("/cms/workflows/list/", cms="ok", marketing="redirect:/cms/"),
            S("/cms/reports/site-history/", cms="ok"),
            # Wagtail answers a missing permission with a redirect to its dashboard
            S("/cms/users/", admin="ok", marketing="redirect:/cms/"),
            S("/cms/users/edit/{user_customer}/", admin="ok", marketing="redirect:/cms/"),
            S("/cms/groups/", admin="ok", marketing="redirect:/cms/"),
            S("/cms/redirects/", admin="ok", marketing="redirect:/cms/"),
        ),
    ),
)
