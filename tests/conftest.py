import pytest
from django.core.cache import cache

from backoffice.core.roles import Role
from tests.factories import UserFactory



def pytest_configure(config):
    from django.conf import settings

    # WhiteNoise warns when STATIC_ROOT is missing; tests serve static files from the apps.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def pytest_collection_modifyitems(config, items):
    """Row-locking tests only mean something on PostgreSQL; on SQLite they are skipped, with why."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs real row locking: runs on PostgreSQL only (make test-postgres)")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Polish), whatever an earlier one activated."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _cms_site(request):
    """Every database test gets the home page, site, locales and CMS group that setup_platform makes.

    Transactional and live-server tests wipe Wagtail's root page and Site between tests, so this
    runs per test rather than once per session.
    """
    cache.clear()
    if request.node.get_closest_marker("django_db") is None and not DB_FIXTURES & set(request.fixturenames):
        yield None
        return
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    from content.services import site_ensure

    yield site_ensure()


@pytest.fixture
def make_user(db):
    def make(role: str = Role.CUSTOMER, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def customer(make_user):
    return make_user(Role.CUSTOMER)


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN)


@pytest.fixture
def world(make_user):
    """A customer on a PLN price list and a two-level category tree (tests/catalog_factories.py)."""
    from tests.catalog_factories import catalog_world

    return catalog_world(make_user)


@pytest.fixture
def shopper(client, world):
    """The client, logged in as the customer of `world`."""
    client.force_login(world.user)
    return client
