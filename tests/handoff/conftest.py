"""Fixtures of the hand-off tests: a shop with warehouses per assortment group and a fake ERP."""
import pytest

from tests.handoff.fake_erp import FakeErp
from tests.handoff.helpers import make_shop, make_warehouses


@pytest.fixture
def fake_erp(settings):
    FakeErp.reset()
    settings.ERP_CONNECTOR = "tests.handoff.fake_erp.FakeErp"
    yield FakeErp
    FakeErp.reset()


@pytest.fixture
def warehouses(db):
    return make_warehouses()


@pytest.fixture
def shop(world, warehouses):
    return make_shop(world, warehouses)
