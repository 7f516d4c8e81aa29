"""Acting-as test data (R01): the customer of tests/conftest.py `world` with the checkout shop,
its assigned sales rep, and a client for the rep."""
import pytest

from backoffice.acting.models import ActingSession
from backoffice.core.roles import Role
from tests.checkout.conftest import cart, fill, shop  # noqa: F401  (fixtures and helpers reused)


@pytest.fixture
def rep(make_user, world):
    rep = make_user(Role.SALES_REP, first_name="Jan", last_name="Kowalski")
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    return rep


@pytest.fixture
def rep_client(client, rep):
    client.force_login(rep)
    return client


def start(client, company) -> ActingSession:
    response = client.post(f"/acting/start/{company.pk}/")
    assert response.status_code == 302 and response["Location"] == "/", response
    return ActingSession.objects.get(company=company, ended_at__isnull=True)


def logged_in_id(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


@pytest.fixture
def acting(rep_client, world):
    """The rep's client, acting as the world's customer."""
    return start(rep_client, world.company)
