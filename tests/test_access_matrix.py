"""Access matrix: every URL pattern of the project x every role (tests/access_matrix_rules.py).

* test_every_url_pattern_has_a_rule fails when a URL exists that the matrix does not know:
  add a row to RULES for it.
* test_access_matrix[<role>] logs in as that role and requests
  - every pattern of every rule that states a wall outcome for the role (rule.every), with a
    path generated from the pattern, and
  - every sample of every rule for the roles the sample names,
  and reports all mismatches at once.
* test_known_access_bugs runs the (rule, sample, role) cases listed as bugs, xfail(strict=True).
"""
import time

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from backoffice.accounts.models import Company, User
from backoffice.core.roles import BUYER_ROLES, Role
from tests.access_matrix_engine import (Pattern, _check_sample, _placeholder_values, coverage_problems, example_path, matches,
                                         observe, resolves_to, role_client, rules_for, url_patterns, valid_outcome)
from tests.access_matrix_rules import ROLES, RULES, SALES_MANAGER_EDITS_STAFF, Rule, outcome_for  # noqa: F401

OUR_PACKAGES = ("storefront.", "backoffice.", "content.")


# ------------------------------------------------------------------------------------------------
# Fixture objects the samples refer to


@pytest.fixture
def world(_cms_site, make_user, settings, tmp_path):
    from django_q.models import Schedule
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import PageViewRestriction, Site

    from backoffice.erp.models import SyncRun
    from content.models import Menu, TextPage

    settings.ERP_API_TOKEN = "access-matrix-token"  # the upload endpoint is configured, as in production
    # Documents are served from disk (serve_view), as in production: use a real, temporary storage.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    home = _cms_site
    users = {role: make_user(role) for role in Role.values}
    # Personas (tests/access_matrix_rules.PERSONAS): an employee of the employee's company without the
    # finance permission; the rep acting as the customer logs in as the rep (PERSONA_LOGINS does the rest).
    users["employee_no_finance"] = make_user(Role.EMPLOYEE, company=users[Role.EMPLOYEE].company, can_see_finance=False)
    users["rep_acting"] = users[Role.SALES_REP]
    rep = users[Role.SALES_REP]
    company_rep = users[Role.CUSTOMER].company
    company_rep.sales_rep = rep
    company_rep.save(update_fields=["sales_rep"])
    company_other = users[Role.EMPLOYEE].company  # not the rep's
    assert company_other.sales_rep_id is None and company_rep.pk != company_other.pk

    about = home.add_child(instance=TextPage(title="About", slug="about"))
    secret = home.add_child(instance=TextPage(title="Secret", slug="secret"))
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    document = get_document_model().objects.create(title="Price list", file=ContentFile(b"%PDF-1.4", name="cennik.pdf"))
    schedule = Schedule.objects.create(func="math.sqrt", args="4", schedule_type=Schedule.ONCE)
    sync_run = SyncRun.objects.create(package="matrix.zip", kind="full", status=SyncRun.Status.PARTIAL)

    # Catalog: a category everybody may browse, one restricted to nobody, and a product only the
    # customer's company has a price for (other buyers get 404 for its card).
    from tests.catalog_factories import contract_price, make_category, make_product

    category = make_category("Kable")
    restricted_category = make_category("Oferta zastrzeżona", restricted=True)
    product = make_product(category, "Kabel YDY 3x1,5")
    contract_price(company_rep, product, "2.50")

    reset_target = make_user(Role.CUSTOMER)  # never logs in, so its reset token stays valid
    values = {
        "home": home.pk,
        "text_page": about.pk,
        "text_page_slug": about.slug,
        "page_restriction": restriction.pk,
        "restricted_page": secret.pk,
        "image": image.pk,
        "document": document.pk,
        "document_filename": document.filename,
        "menu": Menu.objects.first().pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "schedule": schedule.pk,
        "sync_run": sync_run.pk,
        "company_rep": company_rep.pk,
        "company_other": company_other.pk,
        "company_ct": ContentType.objects.get_for_model(Company).pk,
        "category": category.pk,
        "restricted_category": restricted_category.pk,
        "product": product.pk,
        "reset_uidb64": urlsafe_base64_encode(force_bytes(reset_target.pk)),
        "reset_token": default_token_generator.make_token(reset_target),
        **{f"user_{role}": user.pk for role, user in users.items()},
    }
    from tests.access_rules import extra_world

    values.update(extra_world(users, values))
    return users, values


# ------------------------------------------------------------------------------------------------
# The matrix itself


def test_outcomes_are_classified_and_matched():
    class Response(dict):
        def __init__(self, status_code, location=None):
            super().__init__({"Location": location} if location else {})
            self.status_code = status_code

    assert observe(Response(200)) == "ok"
    assert observe(Response(204)) == "ok"
    assert observe(Response(302, "/login/?next=/account/")) == "login"
    assert observe(Response(302, "http://testserver/login/")) == "login"
    assert observe(Response(302, "/admin/")) == "redirect:/admin/"
    assert observe(Response(302, "//evil.example.com/")) == "redirect://evil.example.com/"
    assert observe(Response(302, "https://evil.example.com/login/")) == "redirect:https://evil.example.com/login/"
    assert not matches("ok", "redirect://evil.example.com/")
    assert [observe(Response(code)) for code in (403, 404, 405, 500)] == ["403", "404", "405", "500"]
    assert matches("ok", "ok") and matches("ok", "redirect:/account/")
    assert not matches("ok", "login") and not matches("ok", "404")
    assert not matches("ok", "redirect:/cms/") and not matches("ok", "redirect:/admin/")  # refusal bounces
    assert matches("redirect:/admin/", "redirect:/admin/") and not matches("redirect:/admin/", "ok")
    assert matches("403|404", "404") and not matches("403|404", "ok")
    assert valid_outcome("403|redirect:/admin/") and not valid_outcome("200") and not valid_outcome("redirect")


def test_every_url_pattern_has_a_rule():
    assert coverage_problems(url_patterns()) == []


def test_coverage_check_flags_a_pattern_without_a_rule():
    patterns = url_patterns()
    stranger = Pattern("reports/secret/", "storefront:secret_report", "storefront.views.secret_report", ("^reports/secret/\\Z",))
    unnamed = Pattern("exports/", None, "storefront.views.exports", ("^exports/\\Z",))
    problems = coverage_problems([*patterns, stranger, unnamed])
    assert problems == [
        f"no rule for {stranger.label} -> add one to tests/access_matrix_rules.py",
        f"no rule for {unnamed.label} -> add one to tests/access_matrix_rules.py",
    ]
    # and an ambiguous row is reported too
    twice = (*RULES, Rule("copy", names=("storefront:login",)))
    assert coverage_problems(patterns, twice) == ["several rules for storefront:login (login/): ['login', 'copy']"]


def test_rules_are_well_formed():
    patterns = url_patterns()
    problems = []
    ids = [rule.id for rule in RULES]
    problems += [f"duplicate rule id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    exact_names = [name for rule in RULES for name in rule.names]
    problems += [f"name in several rules: {n}" for n in sorted({n for n in exact_names if exact_names.count(n) > 1})]
    known_names = {p.name for p in patterns}
    problems += [f"[{rule.id}] no URL is named {name}" for rule in RULES for name in rule.names if name not in known_names]
    for rule in RULES:
        matched = [p for p in patterns if rule in rules_for(p)]
        if not matched:
            problems.append(f"[{rule.id}] matches no URL pattern (stale row?)")
        if not rule.every and not rule.samples and not rule.unreachable:
            problems.append(f"[{rule.id}] states no outcome")
        for role, outcome in rule.every.items():
            if role not in ROLES:
                problems.append(f"[{rule.id}] unknown role {role}")
            if not valid_outcome(outcome):
                problems.append(f"[{rule.id}] unknown outcome {outcome!r}")
        for sample in rule.samples:
            missing = {r for r in ROLES if outcome_for(rule.every, r) is None and outcome_for(sample.expect, r) is None}
            twice = set(rule.every) & set(sample.expect)
            if missing:
                problems.append(f"[{rule.id}] {sample.path}: no outcome for {sorted(missing)}")
            if twice:
                problems.append(f"[{rule.id}] {sample.path}: both a wall and a sample outcome for {sorted(twice)}")
            problems += [f"[{rule.id}] {sample.path}: unknown outcome {o!r}" for o in sample.expect.values() if not valid_outcome(o)]
            if sample.method not in ("GET", "POST"):
                problems.append(f"[{rule.id}] {sample.path}: method {sample.method} is not supported")
            for role in sample.bugs:
                if role not in sample.expect:
                    problems.append(f"[{rule.id}] {sample.path}: bug for {role}, which the sample does not request")
    assert problems == []


def test_our_own_urls_have_exact_rules_and_samples_hit_their_rule():
    """Each URL of our code has its own row; each sample path resolves to a pattern of its rule, and
    every pattern of an exact rule is requested by at least one sample."""
    patterns = url_patterns()
    by_key = {p.key: p for p in patterns}
    problems = [f"{p.label} is declared twice" for p in patterns if patterns.count(p) > 1]
    for pattern in patterns:
        if pattern.lookup.startswith(OUR_PACKAGES) and not any(pattern.name in r.names for r in rules_for(pattern)):
            problems.append(f"our URL {pattern.label} is covered by a group rule only: give it an exact rule")
    placeholders = _placeholder_values()
    for rule in RULES:
        if rule.unreachable:
            continue  # its samples show what answers instead (another pattern)
        hit = set()
        for sample in rule.samples:
            key = resolves_to(sample.path.format(**placeholders))
            if key is None or rule not in rules_for(by_key[key]):
                problems.append(f"[{rule.id}] sample {sample.path} resolves to {key!r}, outside the rule")
            hit.add(key)
        if not rule.is_group:
            for pattern in patterns:
                if pattern.name in rule.names and pattern.key not in hit:
                    problems.append(f"[{rule.id}] no sample requests {pattern.label}")
    assert problems == []


def test_generated_paths_resolve_to_their_own_pattern():
    """The wall sweep requests each pattern through a generated path: it must reach that pattern.
    Patterns that cannot be reached (shadowed by an earlier one) must be declared so in their rule."""
    problems = []
    for pattern in url_patterns():
        path = example_path(pattern)
        key = resolves_to(path)
        unreachable = any(rule.unreachable for rule in rules_for(pattern))
        if key != pattern.key and not unreachable:
            problems.append(f"{pattern.label}: generated {path} resolves to {key!r} (shadowed? say so in its rule)")
        if key == pattern.key and unreachable:
            problems.append(f"{pattern.label} is reachable now: drop `unreachable` from its rule")
    assert problems == []


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, role):
    users, values = world
    client = role_client(users, values, role)
    started = time.perf_counter()
    failures = []
    for pattern in url_patterns():
        rules = rules_for(pattern)
        if len(rules) != 1:
            failures.append(f"{pattern.label}: {len(rules)} rules (see test_every_url_pattern_has_a_rule)")
            continue
        (rule,) = rules
        wall = outcome_for(rule.every, role)
        if wall is not None and not rule.unreachable:
            path = example_path(pattern)
            observed = client.outcome("GET", path)
            if not matches(wall, observed):
                failures.append(f"[{rule.id}] wall: GET {path} ({pattern.label}): expected {wall}, got {observed}")
    for rule in RULES:
        for sample in rule.samples:
            if outcome_for(sample.expect, role) is not None and outcome_for(sample.bugs, role) is None:
                failure = _check_sample(client, rule, sample, role, values)
                if failure:
                    failures.append(failure)
    print(f"{role}: {client.requests} requests in {time.perf_counter() - started:.1f}s")
    assert failures == [], f"{len(failures)} access-matrix mismatches for {role}:\n" + "\n".join(failures)


KNOWN_BUGS = [
    pytest.param(rule, sample, role, id=f"{rule.id}-{sample.path}-{role}", marks=pytest.mark.xfail(strict=True, reason=reason))
    for rule in RULES
    for sample in rule.samples
    for role, reason in sample.bugs.items()
]


# Only defined while a sample records a known bug (none today): an empty parametrize would be a skip.
if KNOWN_BUGS:

    @pytest.mark.parametrize("rule, sample, role", KNOWN_BUGS)
    def test_known_access_bugs(world, rule, sample, role):
        users, values = world
        failure = _check_sample(role_client(users, values, role), rule, sample, role, values)
        assert failure is None, failure


def test_world_fixture_is_what_the_samples_assume(world):
    users, values = world
    assert all(users[role].company_id for role in BUYER_ROLES)
    assert users[Role.CUSTOMER].company.sales_rep == users[Role.SALES_REP]
    assert users[Role.EMPLOYEE].company.sales_rep is None


# ------------------------------------------------------------------------------------------------
# Privilege escalation guards beyond what a GET outcome shows (see SALES_MANAGER_EDITS_STAFF)


def test_sales_manager_cannot_promote_themselves_to_admin(world):
    users, _values = world
    manager = users[Role.SALES_MANAGER]
    client = Client()
    client.force_login(manager)
    data = {"email": manager.email, "language": "pl", "role": Role.ADMIN, "company": "", "can_see_finance": "on", "is_active": "on"}
    client.post(f"/admin/accounts/user/{manager.pk}/change/", data)
    manager.refresh_from_db()
    assert manager.role == Role.SALES_MANAGER, SALES_MANAGER_EDITS_STAFF


def test_sales_manager_cannot_create_an_administrator(world):
    users, _values = world
    client = Client()
    client.force_login(users[Role.SALES_MANAGER])
    password = "Very-long-pass-123!"
    data = {
        "email": "new-admin@example.pl",
        "role": Role.ADMIN,
        "company": "",
        "password1": password,
        "password2": password,
        "usable_password": "true",
    }
    client.post("/admin/accounts/user/add/", data)
    assert not User.objects.filter(email="new-admin@example.pl", role=Role.ADMIN).exists(), SALES_MANAGER_EDITS_STAFF
