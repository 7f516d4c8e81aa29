"""Browser journeys: Playwright (sync API) driving Debian's chromium against pytest-django's live_server.

Playwright cannot download its own browsers here, so the launch uses /usr/bin/chromium (`make browser`
installs it). A missing browser fails the run: an e2e suite that silently skips proves nothing.
"""
import os
from pathlib import Path

import pytest

# The sync Playwright API runs an event loop in the test thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is fine (fixtures and tests touch the database directly).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Playwright's default waits are 30 s; a local server answers in milliseconds, so fail fast instead.
TIMEOUT_MS = 10_000


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects anything
def pytest_collection_modifyitems(config, items):
    """Every test in this package is marked e2e, whether or not its module says so."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. Run `make browser` "
            "(Playwright cannot download its own browsers on this machine).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    """Relative URLs go to the live server; the browser asks for Polish, like our customers' browsers."""
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "pl-PL",
        "extra_http_headers": {"Accept-Language": "pl-PL,pl;q=0.9"},
    }


def _fail_fast(context):
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(context):
    return _fail_fast(context)


@pytest.fixture
def other_page(new_context):
    """A page in a second, separate browser session (another person), same browser."""
    return _fail_fast(new_context()).new_page()


@pytest.fixture
def demo_data(_cms_site, live_server):
    """The demo CMS content (PL + EN), branding and one account per role, as `make run` shows them.

    live_server tests run on transactional_db, which empties the tables after each test, so the data
    is loaded per test (after tests/conftest.py's `_cms_site` recreated the home page and Site).
    """
    from wagtail.models import Site

    from fixtures.demo_accounts import DEMO_PASSWORD, DEMO_USERS, load_demo_accounts
    from fixtures.demo_content import load_demo_content

    load_demo_content()
    load_demo_accounts()
    # The live server answers on localhost:<random port>. The Site made by site_ensure is
    # localhost:80 and the default site, so Wagtail falls back to it for any host and port.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    return {"password": DEMO_PASSWORD, "users": {str(role): email for email, role, *_rest in DEMO_USERS}}


@pytest.fixture
def login(page, demo_data):
    """Log in through the real form; returns the page, now on the user's landing page.

    login(email) uses the test's `page`; login(email, page=other_page) another browser session.
    """

    def do_login(email, password=None, page=page):
        page.goto("/login/")
        page.locator("input[name=username]").fill(email)
        page.locator("input[name=password]").fill(password or demo_data["password"])
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) button[type=submit]").click()
        return page

    return do_login
