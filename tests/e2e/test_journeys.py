"""What a person sees in a real browser: login wall, landing per role, rep card, account, language
switch, CMS branding, phone layout, failed login. Demo data as in `make run` (fixtures/)."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from backoffice.core.roles import Role

pytestmark = pytest.mark.e2e

HERO_PL = "Zamawiaj szybciej, po swoich cenach"
HERO_EN = "Order faster, at your own prices"
LOGIN_HEADING_EN = "Log in to the B2B platform"
LOGIN_HEADING_PL = "Zaloguj się do platformy B2B"
# unfold's SITE_TITLE (backoffice/settings/unfold.py), in Polish once the catalogue is compiled.
BACK_OFFICE_TITLE = "Panel administracyjny B2B|B2B back office"

SCREENSHOT_LOGIN = "/tmp/e2e-login.png"
SCREENSHOT_HOME = "/tmp/e2e-home.png"


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def expect_login_form(page):
    form = page.locator("form:has(input[name=password])")
    expect(form.locator("input[name=username]")).to_be_visible()
    expect(form.locator("input[name=password]")).to_be_visible()
    expect(form.locator("button[type=submit]")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()


def css_var(page, name: str) -> str:
    return page.evaluate("n => getComputedStyle(document.documentElement).getPropertyValue(n).trim()", name)


# 0. The harness itself -----------------------------------------------------------------------


def test_cms_setup_survives_a_flushed_database(transactional_db):
    """live_server tests run on transactional_db, whose teardown flushes every table, including the
    rows Wagtail's migrations made (root page, root collection). tests/conftest.py's `_cms_site`
    relies on content.services.site_ensure() to rebuild the CMS before each of them."""
    from django.core.management import call_command
    from wagtail.models import Collection, Site

    from content.services import site_ensure

    call_command("flush", interactive=False, verbosity=0)  # what the previous live_server test left
    site_ensure()
    assert Collection.get_first_root_node() is not None
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


# 1. Login wall ---------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_form(page, live_server, demo_data):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=%2F$"))
    expect_login_form(page)
    # The header carries the CMS branding even before login.
    expect(page.locator(".site-header .logo")).to_contain_text("Hurtownia Demo")
    page.screenshot(path=SCREENSHOT_LOGIN, full_page=True)


# 2. Landing per role ---------------------------------------------------------------------------

BUYERS = [Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR, Role.END_CUSTOMER]
STAFF = [Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP]


@pytest.mark.parametrize("role", BUYERS, ids=str)
def test_buyer_lands_on_the_storefront_home(login, demo_data, role):
    page = login(demo_data["users"][role])
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
    expect(page.locator(".hero-title")).to_have_text(HERO_PL)
    expect(page.locator(".site-header .account-menu")).to_be_visible()


@pytest.mark.parametrize("role", STAFF, ids=str)
def test_staff_lands_in_the_unfold_back_office(login, demo_data, role):
    page = login(demo_data["users"][role])
    assert path_of(page) == "/admin/"
    expect(page).to_have_title(re.compile(BACK_OFFICE_TITLE))
    expect(page.locator("#nav-sidebar")).to_be_visible()  # unfold's sidebar (visible at 1280 px)
    expect(page.locator("#nav-sidebar").get_by_text(re.compile(BACK_OFFICE_TITLE)).first).to_be_visible()
    assert page.locator("link[rel=stylesheet][href*='/static/unfold/']").count() > 0


def test_applicant_lands_on_the_pending_page(login, demo_data):
    page = login(demo_data["users"][Role.APPLICANT])
    assert path_of(page) == "/application-pending/"
    expect(page.locator("main h1")).to_have_text(re.compile("Your application is under review|Twój wniosek"))
    expect(page.locator(".hero-title")).to_have_count(0)
    # Going to the home page does not get past the pending page either (no offer before approval).
    page.goto("/")
    expect(page.locator(".hero-title")).to_have_count(0)


# 3. Customer: rep card and company data ------------------------------------------------------


def test_customer_sees_rep_card_and_company_data(login, demo_data):
    page = login(demo_data["users"][Role.CUSTOMER])
    card = page.locator(".rep-card")
    expect(card).to_be_visible()
    expect(card.locator(".rep-name")).to_have_text("Jan Kowalski")
    expect(card.locator(".rep-phone")).to_have_text("+48 600 100 200")
    expect(card.locator(".rep-phone")).to_have_attribute("href", "tel:+48 600 100 200")
    expect(card.locator(".rep-email")).to_have_text("rep@demo.b2b.pl")
    expect(card.locator(".rep-email")).to_have_attribute("href", "mailto:rep@demo.b2b.pl")
    expect(page.locator(".hero-title")).to_have_text(HERO_PL)
    page.screenshot(path=SCREENSHOT_HOME, full_page=True)

    # To the account page through the account menu, as a person would.
    page.locator(".account-menu summary").click()
    with page.expect_navigation():
        page.locator(".account-menu a[href='/account/']").click()
    assert path_of(page) == "/account/"
    data = page.locator(".data-list").first
    expect(data).to_contain_text("Hurtownia Elektryczna Volt Sp. z o.o.")
    expect(data.locator("dd", has_text="3982597916")).to_have_text("3982597916")
    expect(data).to_contain_text("ul. Przemysłowa 12, 02-232 Warszawa")


# 4. Language switch ----------------------------------------------------------------------------


def test_language_switch_changes_ui_and_cms_content(login, demo_data):
    page = login(demo_data["users"][Role.CUSTOMER])
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".hero-title")).to_have_text(HERO_PL)

    with page.expect_navigation():
        page.locator(".language-switch button[name=language][value=en]").click()
    assert path_of(page) == "/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".hero-title")).to_have_text(HERO_EN)
    expect(page.locator(".language-switch button[value=en]")).to_have_class(re.compile(r"\bactive\b"))
    expect(page.locator(".rep-card .rep-label")).to_have_text("Your sales representative:")

    with page.expect_navigation():
        page.locator(".language-switch button[name=language][value=pl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".hero-title")).to_have_text(HERO_PL)
    expect(page.locator(".language-switch button[value=pl]")).to_have_class(re.compile(r"\bactive\b"))


def test_cms_menus_follow_the_language(login, demo_data):
    """The demo content has a Polish and an English main and footer menu (fixtures/demo_content.py)."""
    page = login(demo_data["users"][Role.CUSTOMER])
    main_menu, footer_menu = page.locator(".main-menu a"), page.locator(".footer-menu a")
    # the storefront's own links (catalog, orders, recently bought, shopping lists) first, then the CMS menu
    expect(main_menu).to_have_text(["Katalog", "Zamówienia", "Ostatnio kupowane", "Listy zakupowe", "Start", "Warunki współpracy", "Kontakt"])
    expect(footer_menu).to_have_text(["Warunki współpracy", "Kontakt"])

    with page.expect_navigation():
        page.locator(".language-switch button[name=language][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(main_menu).to_have_text(["Catalog", "Orders", "Recently bought", "Shopping lists", "Home", "Terms of trade", "Contact"])
    expect(footer_menu).to_have_text(["Terms of trade", "Contact"])
    # The English links lead to the English pages.
    with page.expect_navigation():
        page.locator(".main-menu a", has_text=re.compile("Terms of trade|Warunki współpracy")).click()
    assert path_of(page) == "/terms-of-trade/"
    expect(page.locator("main h1")).to_have_text("Terms of trade")


def test_language_switch_on_the_login_page(page, live_server, demo_data):
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    with page.expect_navigation():
        page.locator(".language-switch button[name=language][value=en]").click()
    assert path_of(page).startswith("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(LOGIN_HEADING_EN)
    expect(page.locator("form:has(input[name=password]) button[type=submit]")).to_have_text("Log in")


def test_polish_is_the_default_ui_language(page, live_server, demo_data):
    compiled = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.mo"
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert compiled.exists(), f"{compiled} is missing: compile the catalogues with `make messages` (make test does)"
    expect(page.locator("h1")).to_have_text(LOGIN_HEADING_PL)


# 5. Branding from the CMS ----------------------------------------------------------------------


def test_marketing_changes_branding_in_the_cms(login, demo_data, other_page):
    page = login(demo_data["users"][Role.MARKETING])
    page.goto("/cms/settings/content/brandingsettings/")
    expect(page).to_have_url(re.compile(r"/cms/settings/content/brandingsettings/\d+/$"))
    form = page.locator("form#w-editor-form")
    expect(form.locator("input[name=company_name]")).to_have_value("Hurtownia Demo")

    form.locator("input[name=company_name]").fill("Elektro-Hurt Testowy")
    form.locator("input[name=primary_colour]").fill("#a83200")
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile(r"^(Zapisz|Save)$")).click()
    # Wagtail confirms and shows the saved values.
    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator("input[name=company_name]")).to_have_value("Elektro-Hurt Testowy")

    # The storefront shows the new name and colour at once (same user).
    page.goto("/")
    expect(page.locator(".site-header .logo-text")).to_have_text("Elektro-Hurt Testowy")
    assert "--brand-primary:#a83200" in page.locator("head style").first.inner_html()
    assert css_var(page, "--brand-primary") == "#a83200"
    expect(page.locator(".site-header .logo-text")).to_have_css("color", "rgb(168, 50, 0)")

    # ... and so does a customer in their own browser session.
    customer = login(demo_data["users"][Role.CUSTOMER], page=other_page)
    expect(customer.locator(".hero-title")).to_have_text(HERO_PL)
    expect(customer.locator(".site-header .logo-text")).to_have_text("Elektro-Hurt Testowy")
    assert css_var(customer, "--brand-primary") == "#a83200"
    expect(customer).to_have_title(re.compile("Elektro-Hurt Testowy"))


# 6. Phone-sized screen -------------------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.browser_context_args(**PHONE)
def test_phone_layout_has_no_horizontal_scroll(page, login, demo_data):
    page.goto("/login/")
    assert page.evaluate("window.innerWidth") == 390
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.locator(".site-header .logo")).to_be_in_viewport()
    expect_login_form(page)
    assert scroll_width(page) <= 391, f"login page is {scroll_width(page)} px wide on a 390 px screen"

    # The customer's home page (header, rep card, hero) on the same phone.
    login(demo_data["users"][Role.CUSTOMER])
    expect(page.locator(".hero-title")).to_be_visible()
    expect(page.locator(".rep-card")).to_be_visible()
    assert scroll_width(page) <= 391, f"home page is {scroll_width(page)} px wide on a 390 px screen"


# 7. Failed login -------------------------------------------------------------------------------


def test_wrong_password_shows_an_error(login, demo_data):
    page = login(demo_data["users"][Role.CUSTOMER], password="not-the-password")
    assert path_of(page).startswith("/login/")
    error = page.locator(".form-errors[role=alert]")
    expect(error).to_be_visible()
    expect(error).to_have_text(re.compile("Wrong email or password|Nieprawidłowy e-mail lub hasło"))
    expect_login_form(page)
    expect(page.locator("input[name=username]")).to_have_value(demo_data["users"][Role.CUSTOMER])
    expect(page.locator(".hero-title")).to_have_count(0)
