"""Module switches and edition presets (K00): the catalogue, the admin screen and the 404 wall."""
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path
from django.utils import translation

from backoffice.core import modules, navigation, services
from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import Edition, Module, preset_modules
from backoffice.core.navigation import NavItem, sidebar_navigation
from backoffice.core.roles import Role
from backoffice.core.sections import Section
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODULES_URL = "/admin/settings/modules/"
ALL_KEYS = {m.key for m in modules.MODULES}
TEST_MODULE = Module(key="testmod_module", label="Test module", features=("T01",), url_namespaces=("testmod",), built=True)


def _testmod_view(request):
    return HttpResponse("testmod page")


# A URLconf for these tests: the project's URLs plus a namespace owned by TEST_MODULE. Used with
# @pytest.mark.urls(__name__); the extra path comes first because Wagtail's catch-all is last.
def _urlpatterns():
    from backoffice.urls import urlpatterns as project_urls

    return [path("testmod/", include(([path("", _testmod_view, name="index")], "testmod")))] + list(project_urls)


urlpatterns = _urlpatterns()


@pytest.fixture
def test_module(monkeypatch):
    """Register TEST_MODULE in the module catalogue for one test."""
    monkeypatch.setattr(modules, "MODULES", modules.MODULES + (TEST_MODULE,))
    monkeypatch.setitem(modules.MODULES_BY_KEY, TEST_MODULE.key, TEST_MODULE)
    return TEST_MODULE


def _switch_off(*keys):
    current = ALL_KEYS | set(modules.MODULES_BY_KEY)
    services.modules_set_enabled(enabled_keys=current - set(keys))


# --- catalogue and presets -------------------------------------------------------------------


def test_presets_are_nested():
    start, business, enterprise = (preset_modules(e) for e in (Edition.START, Edition.BUSINESS, Edition.ENTERPRISE))
    assert start and start < business < enterprise
    assert enterprise == ALL_KEYS


def test_preset_modules_follow_module_editions():
    assert "sales_reps" in preset_modules(Edition.START)
    assert "distributors" not in preset_modules(Edition.START)
    assert "distributors" in preset_modules(Edition.BUSINESS)
    assert "crm" not in preset_modules(Edition.BUSINESS)
    assert "crm" in preset_modules(Edition.ENTERPRISE)
    assert preset_modules("no-such-edition") == set()


def test_module_keys_and_namespaces_are_unique():
    assert len(ALL_KEYS) == len(modules.MODULES) == len(modules.MODULES_BY_KEY)
    namespaces = [ns for m in modules.MODULES for ns in m.url_namespaces]
    assert len(namespaces) == len(set(namespaces))


def test_every_module_is_on_without_stored_switches():
    assert modules.disabled_modules() == frozenset()
    assert all(modules.is_enabled(key) for key in ALL_KEYS)


def test_set_enabled_stores_every_switch(admin_user):
    services.modules_set_enabled(enabled_keys={"sales_reps", "crm"}, changed_by=admin_user)
    assert ModuleSwitch.objects.count() == len(ALL_KEYS)
    assert set(ModuleSwitch.objects.filter(enabled=True).values_list("key", flat=True)) == {"sales_reps", "crm"}
    assert ModuleSwitch.objects.filter(changed_by=admin_user).count() == len(ALL_KEYS)
    assert modules.disabled_modules() == frozenset(ALL_KEYS - {"sales_reps", "crm"})


def test_set_enabled_rejects_unknown_keys_and_writes_nothing():
    with pytest.raises(ValueError, match="nope"):
        services.modules_set_enabled(enabled_keys={"sales_reps", "nope"})
    assert not ModuleSwitch.objects.exists()
    assert modules.disabled_modules() == frozenset()


def test_switches_are_cached_until_written():
    assert modules.is_enabled("crm")
    ModuleSwitch.objects.create(key="crm", enabled=False)  # behind the cache's back
    assert modules.is_enabled("crm")
    modules.forget_cached_switches()
    assert not modules.is_enabled("crm")
    services.modules_set_enabled(enabled_keys=ALL_KEYS)
    assert modules.is_enabled("crm")  # the service clears the cache itself


def test_apply_preset():
    services.modules_apply_preset(edition=Edition.START)
    assert modules.disabled_modules() == frozenset(ALL_KEYS - preset_modules(Edition.START))


# --- the admin screen ------------------------------------------------------------------------


def test_module_screen_lists_every_module_with_its_features(client, admin_user):
    client.force_login(admin_user)
    response = client.get(MODULES_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for module in modules.MODULES:
        assert f'name="module_{module.key}"' in html
        assert ", ".join(module.features) in html
    assert 'name="preset"' in html


def test_module_screen_shows_current_state(client, admin_user):
    _switch_off("crm")
    client.force_login(admin_user)
    form = client.get(MODULES_URL).context["form"]
    assert form["module_crm"].initial is False
    assert form["module_sales_reps"].initial is True


def test_module_screen_applies_a_preset(client, admin_user):
    client.force_login(admin_user)
    response = client.post(MODULES_URL, {"preset": Edition.BUSINESS})
    assert response.status_code == 302
    assert response["Location"] == MODULES_URL
    assert modules.disabled_modules() == frozenset(ALL_KEYS - preset_modules(Edition.BUSINESS))
    assert ModuleSwitch.objects.filter(changed_by=admin_user).count() == len(ALL_KEYS)


def test_module_screen_saves_checkboxes(client, admin_user):
    client.force_login(admin_user)
    response = client.post(MODULES_URL, {"preset": "", "module_sales_reps": "on", "module_rfq": "on"})
    assert response.status_code == 302
    assert modules.disabled_modules() == frozenset(ALL_KEYS - {"sales_reps", "rfq"})
    html = client.get(MODULES_URL).content.decode()
    assert _checkbox_checked(html, "module_rfq")
    assert not _checkbox_checked(html, "module_crm")


def _checkbox_checked(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return " checked" in tag


def test_module_screen_rejects_an_unknown_preset(client, admin_user):
    client.force_login(admin_user)
    response = client.post(MODULES_URL, {"preset": "platinum"})
    assert response.status_code == 200
    assert response.context["form"].errors["preset"]
    assert not ModuleSwitch.objects.exists()


@pytest.mark.parametrize("role", [Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP])
def test_module_screen_is_404_for_other_staff(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(MODULES_URL).status_code == 404
    assert client.post(MODULES_URL, {"preset": Edition.START}).status_code == 404
    assert not ModuleSwitch.objects.exists()


def test_module_screen_is_404_for_customers(client, customer):
    client.force_login(customer)
    assert client.get(MODULES_URL).status_code == 404


# --- a switched-off module disappears ---------------------------------------------------------


@pytest.mark.urls(__name__)
def test_switched_off_module_urls_answer_404(client, customer, test_module):
    client.force_login(customer)
    response = client.get("/testmod/")
    assert response.status_code == 200
    assert response.content == b"testmod page"

    _switch_off(test_module.key)
    assert client.get("/testmod/").status_code == 404

    services.modules_set_enabled(enabled_keys=set(modules.MODULES_BY_KEY))
    assert client.get("/testmod/").status_code == 200


@pytest.mark.urls(__name__)
def test_switching_off_another_module_leaves_urls_alone(client, customer, test_module):
    client.force_login(customer)
    _switch_off("crm", "rfq")
    assert client.get("/testmod/").status_code == 200
    assert client.get("/account/").status_code == 200


def test_switched_off_module_hides_its_admin_screens(client, admin_user, monkeypatch):
    module = Module(key="testmod_admin", label="Test admin module", features=("T02",), admin_app_labels=("accounts",))
    monkeypatch.setattr(modules, "MODULES", modules.MODULES + (module,))
    monkeypatch.setitem(modules.MODULES_BY_KEY, module.key, module)
    client.force_login(admin_user)
    assert client.get("/admin/accounts/company/").status_code == 200
    _switch_off(module.key)
    assert client.get("/admin/accounts/company/").status_code == 404
    assert client.get("/admin/accounts/").status_code == 404
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "accounts" not in {app["app_label"] for app in index.context["app_list"]}


def _sidebar_titles(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("en"):
        return {str(item["title"]) for group in sidebar_navigation(request) for item in group["items"]}


@pytest.fixture
def module_nav_item(monkeypatch, test_module):
    item = NavItem("Testmod screen", "science", "/testmod/", module=test_module.key)
    monkeypatch.setitem(navigation.SIDEBAR, Section.SETTINGS, navigation.SIDEBAR[Section.SETTINGS] + [item])
    return item


def test_sidebar_hides_items_of_a_switched_off_module(admin_user, module_nav_item):
    assert "Testmod screen" in _sidebar_titles(admin_user)
    _switch_off(module_nav_item.module)
    titles = _sidebar_titles(admin_user)
    assert "Testmod screen" not in titles
    assert "Companies" in titles  # the rest of the sidebar stays


def test_admin_page_sidebar_hides_items_of_a_switched_off_module(client, admin_user, module_nav_item):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Testmod screen" in html and 'href="/testmod/"' in html
    _switch_off(module_nav_item.module)
    html = client.get("/admin/").content.decode()
    assert "Testmod screen" not in html
    assert 'href="/testmod/"' not in html


def test_sidebar_filters_by_role(make_user):
    rep_titles = _sidebar_titles(make_user(Role.SALES_REP))
    assert "Companies" in rep_titles
    assert "Modules and editions" not in rep_titles
    assert "Pages" not in rep_titles
    marketing_titles = _sidebar_titles(make_user(Role.MARKETING))
    assert "Pages" in marketing_titles
    assert "Companies" not in marketing_titles
    assert "Modules and editions" in _sidebar_titles(make_user(Role.ADMIN))


def test_rep_card_disappears_when_sales_reps_module_is_off(client):
    rep = UserFactory(role=Role.SALES_REP, first_name="Anna", last_name="Opiekunka", phone="+48 600 100 200")
    customer = UserFactory(role=Role.CUSTOMER)
    customer.company.sales_rep = rep
    customer.company.save()
    client.force_login(customer)
    assert "rep-card" in client.get("/").content.decode()
    _switch_off("sales_reps")
    html = client.get("/").content.decode()
    assert client.get("/").status_code == 200
    assert "rep-card" not in html
    assert "Anna Opiekunka" not in html
