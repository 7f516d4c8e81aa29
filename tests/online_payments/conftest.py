"""Online payment test data: the checkout shop (tests/checkout/conftest.py) and a running fake PayU
(fake_payu.py) the PAYU_* settings point at."""
import pytest

from tests.checkout.conftest import cart, place, shop  # noqa: F401  (fixtures and the placing helper)

from .fake_payu import FakePayU

NOTIFY_URL = "/pay/payu/notify/"


@pytest.fixture
def payu(settings):
    gateway = FakePayU().start()
    for name, value in gateway.settings().items():
        setattr(settings, name, value)
    settings.SITE_URL = "http://testserver"
    yield gateway
    gateway.stop()


@pytest.fixture
def online_order(payu, world, shop, cart):  # noqa: F811  (the imported fixtures)
    """An order of the world's customer placed with online payment (awaiting payment)."""
    from tests.checkout.conftest import fill

    fill(cart, world.user, (shop.bit, "3"))
    return place(cart, world.user, shop, payment_method="online")


@pytest.fixture
def buyer(client, world):
    client.force_login(world.user)
    return client


def notify(client, body: bytes, header: str | None):
    extra = {"HTTP_OPENPAYU_SIGNATURE": header} if header is not None else {}
    return client.post(NOTIFY_URL, data=body, content_type="application/json", **extra)
