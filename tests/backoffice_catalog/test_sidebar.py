"""The new back-office screens appear in the sidebar exactly for the roles that may open them."""
import pytest
from django.test import RequestFactory
from django.urls import reverse

from backoffice.core import services as core_services
from backoffice.core.modules import MODULES_BY_KEY
from backoffice.core.navigation import sidebar_navigation
from backoffice.core.roles import Role

pytestmark = pytest.mark.django_db

SCREENS = {
    "synonyms": reverse("admin:catalog_searchsynonym_changelist"),
    "zero_results": reverse("admin:engagement_zero_results"),
    "stock_display": reverse("admin:inventory_stockdisplaysettings_changelist"),
    "stock_ranges": reverse("admin:inventory_stockrange_changelist"),
    "events": reverse("admin:engagement_customerevent_changelist"),
}
EXPECTED = {
    Role.ADMIN: set(SCREENS),
    Role.MARKETING: {"synonyms", "zero_results", "stock_display", "stock_ranges"},
    Role.SALES_MANAGER: {"synonyms", "zero_results", "stock_display", "stock_ranges"},
    Role.SALES_REP: set(),
}


def _links(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item["link"] for group in sidebar_navigation(request) for item in group["items"]}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_sidebar_per_role_and_every_link_opens(client, make_user, role):
    user = make_user(role)
    links = _links(user)
    shown = {key for key, url in SCREENS.items() if url in links}
    assert shown == EXPECTED[role]
    client.force_login(user)
    for key, url in SCREENS.items():
        assert (client.get(url).status_code == 200) == (key in shown), key


def test_search_tools_leave_the_sidebar_when_switched_off(make_user):
    admin = make_user(Role.ADMIN)
    core_services.modules_set_enabled(enabled_keys=set(MODULES_BY_KEY) - {"search_tools"})
    links = _links(admin)
    assert SCREENS["synonyms"] not in links and SCREENS["zero_results"] not in links
    assert SCREENS["stock_display"] in links


def test_new_screens_render_in_polish_too(client, make_user):
    """The default language of the back office: no template or format breaks in it."""
    from tests.catalog_factories import catalog_world

    world = catalog_world(make_user)
    client.cookies["b2b_language"] = "pl"
    client.force_login(make_user(Role.ADMIN))
    urls = [
        *SCREENS.values(),
        reverse("admin:accounts_company_catalog_preview", args=[world.company.pk]),
        reverse("admin:accounts_company_change", args=[world.company.pk]),
        reverse("admin:catalog_category_change", args=[world.leaf.pk]),
        reverse("admin:catalog_searchsynonym_add"),
        reverse("admin:inventory_stockdisplaysettings_add"),
        reverse("admin:inventory_stockrange_add"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "pl"
