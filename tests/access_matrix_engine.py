"""The machinery behind the access matrix (tests/test_access_matrix.py, rules in tests/access_matrix_rules.py).

Enumerates the project's URL patterns, matches them to rules, generates a concrete path for a
pattern from its regexes, requests paths as a role (RoleClient) and classifies the outcomes.
A plain module: pytest does not collect it (its name does not start with test_).
"""
import re
import re._constants as sre_c
import re._parser as sre_parse
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.access_matrix_rules import ANONYMOUS, RULES, Rule, Sample, outcome_for

LOGIN_PATH = "/login/"
OUTCOMES = {"ok", "login", "401", "403", "404", "405"}


# ------------------------------------------------------------------------------------------------
# Enumerating the URL patterns


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route, joined as Django's ResolverMatch.route does
    name: str | None  # namespaced view name ("storefront:login"), None for unnamed patterns
    lookup: str  # dotted path of the view
    regexes: tuple[str, ...]  # the regex of each level, to generate a path that resolves here

    @property
    def label(self) -> str:
        return f"{self.name or '<unnamed>'} ({self.route})"

    @property
    def key(self) -> tuple[str, str | None]:
        return self.route, self.name


def url_patterns(patterns=None, route="", namespaces=(), regexes=()) -> list[Pattern]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = []
    for entry in patterns:
        full_route = URLResolver._join_route(route, str(entry.pattern))
        levels = (*regexes, entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            found += url_patterns(entry.url_patterns, full_route, inner, levels)
        else:
            assert isinstance(entry, URLPattern)
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            found.append(Pattern(full_route, name, entry.lookup_str, levels))
    return found


def rules_for(pattern: Pattern, rules=RULES) -> list[Rule]:
    """Exact-name rules win; otherwise the route-prefix groups that match."""
    exact = [rule for rule in rules if pattern.name is not None and pattern.name in rule.names]
    if exact:
        return exact
    return [rule for rule in rules if rule.is_group and pattern.route.startswith(rule.route_prefix)]


def coverage_problems(patterns, rules=RULES) -> list[str]:
    """Patterns matched by no rule or by more than one: each is a missing or ambiguous matrix row."""
    problems = []
    for pattern in patterns:
        matched = rules_for(pattern, rules)
        if not matched:
            problems.append(f"no rule for {pattern.label} -> add one to tests/access_matrix_rules.py")
        elif len(matched) > 1:
            problems.append(f"several rules for {pattern.label}: {[r.id for r in matched]}")
    return problems


# ------------------------------------------------------------------------------------------------
# A concrete path for a pattern (for the wall outcomes, which hold whatever the arguments are)


def _example_char(items) -> str:
    if items and items[0][0] is sre_c.NEGATE:
        return "a"  # path converters exclude "/" only
    candidates = []
    for op, av in items:
        if op is sre_c.LITERAL:
            candidates.append(chr(av))
        elif op is sre_c.RANGE:
            candidates.append("a" if av[0] <= ord("a") <= av[1] else chr(av[0]))
        elif op is sre_c.CATEGORY:
            candidates.append("1" if av is sre_c.CATEGORY_DIGIT else "a")
    return next((c for c in candidates if c.isalnum()), candidates[0])


def _example(tokens) -> str:
    out = []
    for op, av in tokens:
        if op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.NOT_LITERAL:
            out.append("b" if chr(av) == "a" else "a")
        elif op is sre_c.ANY:
            out.append("a")
        elif op is sre_c.IN:
            out.append(_example_char(av))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            out.append(_example(sub) * max(low, 1))
        elif op is sre_c.SUBPATTERN:
            out.append(_example(av[-1]))
        elif op is sre_c.BRANCH:
            out.append(_example(av[1][0]))
        elif op is sre_c.AT:
            continue
        else:  # pragma: no cover - a regex feature no URL uses yet
            raise ValueError(f"cannot generate an example for regex op {op}")
    return "".join(out)


def example_path(pattern: Pattern) -> str:
    return "/" + "".join(_example(sre_parse.parse(regex)) for regex in pattern.regexes)


def resolves_to(path: str) -> tuple[str, str | None] | None:
    """The (route, name) key of the pattern a path reaches."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route, (":".join((*match.namespaces, match.url_name)) if match.url_name else None)


# ------------------------------------------------------------------------------------------------
# Requests and outcomes


def observe(response) -> str:
    code = response.status_code
    if 300 <= code < 400:
        location = urlsplit(response["Location"])
        if location.netloc not in ("", "testserver"):  # off-site: never equal to a "redirect:/path/" row
            return f"redirect:{response['Location']}"
        return "login" if location.path == LOGIN_PATH else f"redirect:{location.path}"
    if 200 <= code < 300:
        return "ok"
    return str(code)


# The Django admin ("object does not exist") and Wagtail ("no permission") refuse by redirecting to
# their dashboards: "ok" never accepts those, a row must say redirect:/admin/ or redirect:/cms/.
REFUSAL_BOUNCES = {"redirect:/admin/", "redirect:/cms/"}


def matches(expected: str, observed: str) -> bool:
    """ "ok" also accepts an on-site redirect that is not to the login page (nor a refusal bounce);
    "a|b" accepts either."""
    for alternative in expected.split("|"):
        if alternative == observed:
            return True
        on_site_redirect = observed.startswith("redirect:/") and not observed.startswith("redirect://")
        if alternative == "ok" and on_site_redirect and observed not in REFUSAL_BOUNCES:
            return True
    return False


def valid_outcome(expected: str) -> bool:
    return all(alt in OUTCOMES or alt.startswith("redirect:/") for alt in expected.split("|"))


class RoleClient:
    """A test client logged in as one role; logs in again when a request ended the session."""

    def __init__(self, user, login=None):
        """`login(client)` logs a persona in its own way (e.g. a rep starting to act as a customer)."""
        self.user = user
        self.login = login
        self.client = Client()
        self.requests = 0
        self._login()

    def _login(self):
        if self.login is not None:
            self.login(self.client)
        elif self.user is not None:
            self.client.force_login(self.user)

    def outcome(self, method: str, path: str, data=None) -> str:
        self.requests += 1
        try:
            if method == "POST":
                response = self.client.post(path, data or {})
            else:
                response = self.client.get(path)
        except Exception as exc:  # a 500 is an outcome too, not a crash of the whole matrix
            self._keep_logged_in()
            return f"exception {type(exc).__name__}: {exc}"
        # A response that touches the session cookie may have ended the session: POST /logout/, and
        # also GET /cms/logout/, which answers 405 yet deletes the cookie (Wagtail's LogoutView).
        if django_settings.SESSION_COOKIE_NAME in response.cookies or method == "POST":
            self._keep_logged_in()
        return observe(response)

    def _keep_logged_in(self):
        if (self.user is not None or self.login is not None) and "_auth_user_id" not in self.client.session:
            self._login()


def _check_sample(client: RoleClient, rule: Rule, sample: Sample, role: str, values: dict) -> str | None:
    path = sample.path.format(**values)
    expected = outcome_for(sample.expect, role).format(**values)
    observed = client.outcome(sample.method, path, sample.data)
    if matches(expected, observed):
        return None
    return f"[{rule.id}] {sample.method} {path}: expected {expected}, got {observed}"


def _placeholder_values() -> dict:
    """Stand-in values to resolve sample paths without a database."""
    names = set()
    for rule in RULES:
        for sample in rule.samples:
            names |= set(re.findall(r"{(\w+)}", sample.path))
    values = {name: "1" for name in names}
    values.update(text_page_slug="about", document_filename="x.pdf", reset_uidb64="MQ", reset_token="abc-def")
    return values


def _role_user(users, role):
    return None if role == ANONYMOUS else users[role]


def role_client(users, values, role) -> RoleClient:
    """A client logged in as the role, or as the persona in its own way (tests/access_rules PERSONA_LOGINS)."""
    from tests.access_rules import PERSONA_LOGINS

    persona_login = PERSONA_LOGINS.get(role)
    login = (lambda client: persona_login(client, users, values)) if persona_login else None
    return RoleClient(_role_user(users, role), login=login)
