"""A local PayU for tests: a real HTTP server (http.server in a thread) speaking PayU's REST wire
format (../shared/formats/payu/payu-europe-rest-api.yaml):

    POST /pl/standard/user/oauth/authorize   client_credentials -> {"access_token", "token_type", "expires_in"}
    POST /api/v2_1/orders                    Bearer, OrderCreateRequest -> 302 + JSON {status, redirectUri, orderId, extOrderId}
    GET  /pay/?orderId=..                    the "payment page": two buttons (pay / cancel)
    POST /pay/<orderId>/<COMPLETED|CANCELED> sends the signed notification to the order's notifyUrl, then
                                             redirects the browser to continueUrl (with error=501 when cancelled)

`notification(...)` builds a signed notification (body, OpenPayu-Signature header) like PayU's.
"""
import html
import itertools
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from backoffice.online_payments.signature import signature_header

POS_ID = "300746"
CLIENT_SECRET = "2ee86a66e5d97e3fadc400c9f19b065d"
SECOND_KEY = "b6ca15b0d1020e8094d9b5f8d163db54"
REQUIRED = ("customerIp", "merchantPosId", "description", "currencyCode", "totalAmount", "products", "notifyUrl", "extOrderId")
DIGITS = re.compile(r"^[0-9]+$")


@dataclass
class FakePayU:
    pos_id: str = POS_ID
    client_id: str = POS_ID
    client_secret: str = CLIENT_SECRET
    second_key: str = SECOND_KEY
    orders: dict = field(default_factory=dict)  # PayU orderId -> the OrderCreateRequest document
    token_requests: int = 0
    order_requests: list = field(default_factory=list)  # (HTTP status answered, document or None)
    notifications_sent: list = field(default_factory=list)  # (status, our HTTP answer)
    refuse_orders: bool = False  # answer order creation with PayU's 500 ERROR_INTERNAL
    _tokens: set = field(default_factory=set)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # ---- lifecycle ----------------------------------------------------------------------------
    def start(self) -> "FakePayU":
        fake = self

        class Handler(_Handler):
            gateway = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self) -> dict:
        """The PAYU_* settings pointing at this gateway."""
        return {"PAYU_BASE_URL": self.url, "PAYU_POS_ID": self.pos_id, "PAYU_CLIENT_ID": self.client_id,
                "PAYU_CLIENT_SECRET": self.client_secret, "PAYU_SECOND_KEY": self.second_key}

    # ---- notifications ------------------------------------------------------------------------
    def notification(self, order_id: str, status: str = "COMPLETED", *, total_amount: str | None = None, currency: str | None = None,
                     algorithm: str = "MD5", key: str | None = None) -> tuple[bytes, str]:
        """(body, OpenPayu-Signature header) of PayU's notification about one of its orders."""
        doc = self.orders[order_id]
        order = {"orderId": order_id, "extOrderId": doc["extOrderId"], "orderCreateDate": "2026-03-02T12:00:00.000+01:00",
                 "notifyUrl": doc["notifyUrl"], "customerIp": doc["customerIp"], "merchantPosId": self.pos_id,
                 "description": doc["description"], "currencyCode": currency or doc["currencyCode"],
                 "totalAmount": total_amount or doc["totalAmount"], "buyer": doc.get("buyer", {}), "payMethod": {"type": "PBL"},
                 "products": doc["products"], "status": status}
        body = json.dumps({"order": order, "localReceiptDateTime": "2026-03-02T12:00:05.000+01:00",
                           "properties": [{"name": "PAYMENT_ID", "value": "5000009987"}]}).encode()
        return body, signature_header(body, key or self.second_key, sender=self.pos_id, algorithm=algorithm)

    def send_notification(self, order_id: str, status: str) -> int:
        """POST the signed notification to the order's notifyUrl, as PayU's server does."""
        body, header = self.notification(order_id, status)
        request = urllib.request.Request(self.orders[order_id]["notifyUrl"], data=body, method="POST",
                                         headers={"Content-Type": "application/json", "OpenPayu-Signature": header})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                answer = response.status
        except urllib.error.HTTPError as exc:
            answer = exc.code
        self.notifications_sent.append((status, answer))
        return answer

    # ---- what PayU answers --------------------------------------------------------------------
    def create_order(self, authorization: str, raw: bytes) -> tuple[int, dict]:
        token = authorization.removeprefix("Bearer ").strip()
        if not authorization.startswith("Bearer ") or token not in self._tokens:
            return 401, {"error": "invalid_token", "error_description": "Access token is invalid"}
        try:
            doc = json.loads(raw)
        except ValueError:
            return 400, _error("ERROR_SYNTAX", "Bad syntax")
        missing = [name for name in REQUIRED if not doc.get(name)]
        if missing:
            return 400, _error("ERROR_VALUE_MISSING", f"Missing required field(s): {', '.join(missing)}")
        if doc["merchantPosId"] != self.pos_id:
            return 400, _error("ERROR_VALUE_INVALID", "Invalid merchantPosId")
        if not isinstance(doc["totalAmount"], str) or not DIGITS.match(doc["totalAmount"]):
            return 400, _error("ERROR_VALUE_INVALID", "totalAmount must be an integer string")
        for product in doc["products"]:
            if not (product.get("name") and DIGITS.match(str(product.get("unitPrice", ""))) and product.get("quantity")):
                return 400, _error("ERROR_VALUE_INVALID", "Invalid product")
        if any(existing["extOrderId"] == doc["extOrderId"] for existing in self.orders.values()):
            return 400, _error("ERROR_ORDER_NOT_UNIQUE", "Order with the same extOrderId exists")
        if self.refuse_orders:
            return 500, _error("ERROR_INTERNAL", "Internal error")
        order_id = f"FAKE{next(self._ids):06d}GUEST000P01"
        self.orders[order_id] = doc
        return 302, {"status": {"statusCode": "SUCCESS"}, "redirectUri": f"{self.url}/pay/?orderId={order_id}", "orderId": order_id,
                     "extOrderId": doc["extOrderId"]}


def _error(code: str, desc: str) -> dict:
    return {"status": {"statusCode": code, "statusDesc": desc}}


class _Handler(BaseHTTPRequestHandler):
    gateway: FakePayU

    def log_message(self, *args):  # quiet test output
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _json(self, status: int, payload: dict, location: str = "") -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        gateway = self.gateway
        path = urllib.parse.urlsplit(self.path).path
        if path == "/pl/standard/user/oauth/authorize":
            form = urllib.parse.parse_qs(self._body().decode())
            ok = (form.get("grant_type") == ["client_credentials"] and form.get("client_id") == [gateway.client_id]
                  and form.get("client_secret") == [gateway.client_secret])
            gateway.token_requests += 1
            if not ok:
                return self._json(401, {"error": "invalid_client", "error_description": "Bad client credentials"})
            token = f"fake-token-{gateway.token_requests}"
            gateway._tokens.add(token)
            return self._json(200, {"access_token": token, "token_type": "bearer", "expires_in": 43199, "grant_type": "client_credentials"})
        if path == "/api/v2_1/orders":
            status, payload = gateway.create_order(self.headers.get("Authorization", ""), self._body())
            gateway.order_requests.append((status, payload))
            return self._json(status, payload, location=payload.get("redirectUri", ""))
        match = re.fullmatch(r"/pay/([A-Z0-9]+)/(COMPLETED|CANCELED)", path)
        if match and match.group(1) in gateway.orders:
            self._body()
            order_id, status = match.groups()
            gateway.send_notification(order_id, status)
            target = gateway.orders[order_id].get("continueUrl", "")
            if status == "CANCELED":
                target += ("&" if "?" in target else "?") + "error=501"
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return None
        return self._json(404, {"error": "not found"})

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        order_id = urllib.parse.parse_qs(parts.query).get("orderId", [""])[0]
        doc = self.gateway.orders.get(order_id)
        if parts.path != "/pay/" or doc is None:
            return self._json(404, {"error": "not found"})
        amount = f"{int(doc['totalAmount']) / 100:.2f} {doc['currencyCode']}"
        page = (f"<!doctype html><html><head><title>Fake PayU</title></head><body><h1 id='fake-payu'>PayU (test)</h1>"
                f"<p class='amount'>{html.escape(amount)}</p><p class='description'>{html.escape(doc['description'])}</p>"
                f"<form method='post' action='/pay/{order_id}/COMPLETED'><button id='pay' type='submit'>Pay</button></form>"
                f"<form method='post' action='/pay/{order_id}/CANCELED'><button id='cancel' type='submit'>Cancel</button></form>"
                f"</body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)
        return None
