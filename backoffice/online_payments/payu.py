"""PayU REST API 2.1 client (OAuth client_credentials + order create), with the stdlib's urllib.

Reference: ../shared/formats/payu/payu-europe-rest-api.yaml and docs/payments-online.md.
    POST {base}/pl/standard/user/oauth/authorize  grant_type=client_credentials -> access_token, expires_in
    POST {base}/api/v2_1/orders  (Bearer)  -> 302 (or 201) JSON {status: {statusCode: SUCCESS}, redirectUri, orderId}

PayU answers a created order with HTTP 302 and a Location header; urllib would follow it as a GET
to the payment page, so redirects are switched off and the JSON body is read instead.
"""
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

TOKEN_CACHE_PREFIX = "payu:token:"
TOKEN_SAFETY_SECONDS = 60  # forget a token a minute before PayU does


class PayUError(Exception):
    """PayU could not be reached or refused the request; the message is for the log."""


@dataclass(frozen=True)
class PayUConfig:
    base_url: str
    pos_id: str
    client_id: str
    client_secret: str
    second_key: str
    currencies: tuple[str, ...]
    timeout: int


def payu_config() -> PayUConfig | None:
    """The configured PayU account, or None while any of its settings is empty."""
    values = {name: getattr(settings, f"PAYU_{name.upper()}", "") for name in ("base_url", "pos_id", "client_id", "client_secret",
                                                                                 "second_key")}
    if not all(values.values()):
        return None
    return PayUConfig(base_url=values["base_url"].rstrip("/"), pos_id=values["pos_id"], client_id=values["client_id"],
                      client_secret=values["client_secret"], second_key=values["second_key"],
                      currencies=tuple(c.upper() for c in getattr(settings, "PAYU_CURRENCIES", ())),
                      timeout=int(getattr(settings, "PAYU_TIMEOUT_SECONDS", 15)))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError(302), whose body is PayU's JSON answer


_opener = urllib.request.build_opener(_NoRedirect)


def _call(config: PayUConfig, path: str, *, data: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(config.base_url + path, data=data, headers={"Accept": "application/json", **headers}, method="POST")
    try:
        with _opener.open(request, timeout=config.timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise PayUError(f"PayU unreachable ({config.base_url}{path}): {exc}") from exc
    try:
        payload = json.loads(raw or b"{}")
    except ValueError:
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    return status, payload


def access_token(config: PayUConfig, *, fresh: bool = False) -> str:
    """An OAuth token (client_credentials), cached until shortly before it expires."""
    key = TOKEN_CACHE_PREFIX + config.client_id
    if not fresh:
        token = cache.get(key)
        if token:
            return token
    body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": config.client_id,
                                   "client_secret": config.client_secret}).encode()
    status, payload = _call(config, "/pl/standard/user/oauth/authorize", data=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    token = payload.get("access_token")
    if status != 200 or not token:
        raise PayUError(f"PayU OAuth refused: HTTP {status} {payload.get('error', '')} {payload.get('error_description', '')}".strip())
    expires_in = int(payload.get("expires_in") or 0)
    if expires_in > TOKEN_SAFETY_SECONDS:
        cache.set(key, token, expires_in - TOKEN_SAFETY_SECONDS)
    return token


@dataclass(frozen=True)
class CreatedOrder:
    order_id: str
    redirect_uri: str


def order_create(config: PayUConfig, document: dict) -> CreatedOrder:
    """Create PayU's order for an OrderCreateRequest document; one retry with a fresh token when
    PayU says the cached one is no longer valid."""
    body = json.dumps(document).encode()
    for attempt in (1, 2):
        token = access_token(config, fresh=attempt == 2)
        status, payload = _call(config, "/api/v2_1/orders", data=body,
                                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        if status == 401 and attempt == 1:
            continue
        break
    code = (payload.get("status") or {}).get("statusCode", "") if isinstance(payload.get("status"), dict) else ""
    if status in (200, 201, 302) and code == "SUCCESS" and payload.get("redirectUri") and payload.get("orderId"):
        return CreatedOrder(order_id=str(payload["orderId"]), redirect_uri=str(payload["redirectUri"]))
    desc = (payload.get("status") or {}).get("statusDesc", "") if isinstance(payload.get("status"), dict) else ""
    raise PayUError(f"PayU refused the order: HTTP {status} {code} {desc}".strip())
