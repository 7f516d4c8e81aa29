"""The PayU client against the fake gateway: token caching and renewal, PayU's refusals."""
import pytest
from django.core.cache import cache

from backoffice.online_payments.payu import TOKEN_CACHE_PREFIX, PayUError, access_token, order_create, payu_config

pytestmark = pytest.mark.django_db


def document(payu, ext="T-1", **changes):
    doc = {"notifyUrl": "http://testserver/pay/payu/notify/", "customerIp": "127.0.0.1", "merchantPosId": payu.pos_id,
           "description": "Zamówienie T", "currencyCode": "PLN", "totalAmount": "12345", "extOrderId": ext,
           "products": [{"name": "Zamówienie T", "unitPrice": "12345", "quantity": "1"}]}
    doc.update(changes)
    return doc


def test_token_is_cached_and_renewed_when_payu_forgets_it(payu):
    config = payu_config()
    assert access_token(config) == access_token(config) and payu.token_requests == 1
    payu._tokens.clear()  # PayU revoked it: the next call gets a fresh token once
    created = order_create(config, document(payu))
    assert created.order_id in payu.orders and payu.token_requests == 2
    assert cache.get(TOKEN_CACHE_PREFIX + config.client_id) == "fake-token-2"


def test_bad_credentials_are_an_error(payu, settings):
    settings.PAYU_CLIENT_SECRET = "wrong"
    with pytest.raises(PayUError, match="OAuth refused: HTTP 401"):
        access_token(payu_config())


@pytest.mark.parametrize("changes,code", [({"totalAmount": "123.45"}, "ERROR_VALUE_INVALID"), ({"customerIp": ""}, "ERROR_VALUE_MISSING")])
def test_payu_refusals_carry_its_status_code(payu, changes, code):
    with pytest.raises(PayUError, match=code):
        order_create(payu_config(), document(payu, **changes))
    assert not payu.orders


def test_ext_order_id_must_be_unique(payu):
    order_create(payu_config(), document(payu))
    with pytest.raises(PayUError, match="ERROR_ORDER_NOT_UNIQUE"):
        order_create(payu_config(), document(payu))


def test_not_configured_without_any_key(settings):
    for name in ("PAYU_POS_ID", "PAYU_CLIENT_ID", "PAYU_CLIENT_SECRET", "PAYU_SECOND_KEY"):
        settings.PAYU_POS_ID, settings.PAYU_CLIENT_ID, settings.PAYU_CLIENT_SECRET, settings.PAYU_SECOND_KEY = "1", "1", "s", "k"
        assert payu_config() is not None
        setattr(settings, name, "")
        assert payu_config() is None
