"""The notification signature check against the vectors of PayU's own PHP SDK tests
(../shared/formats/payu/openpayu_php-tests)."""
import re
from pathlib import Path

import pytest

from backoffice.online_payments.signature import parse_signature_header, sign, signature_header, signature_valid

SDK_TESTS = Path(__file__).resolve().parents[3] / "shared" / "formats" / "payu" / "openpayu_php-tests"


def _php_constant(path: Path, pattern: str) -> str:
    match = re.search(pattern, path.read_text())
    assert match, f"{pattern} not found in {path}"
    return match.group(1)


@pytest.fixture(scope="module")
def sdk_vector():
    """OpenPayUTest.php: the incoming header and the POS's second key, read from the SDK's file."""
    source = SDK_TESTS / "OpenPayUTest.php"
    if not source.is_file():
        pytest.skip(f"PayU SDK tests not found at {SDK_TESTS}")
    header = _php_constant(source, r"INCOMING_SIGNATURE = '([^']+)'")
    key = _php_constant(source, r"setSignatureKey\('([^']+)'\)")
    return header, key


def test_sdk_vector_verifies(sdk_vector):
    header, key = sdk_vector
    assert signature_valid(b"TEST_OK", header, key)  # shouldVerifySignature


def test_sdk_vector_other_body_fails(sdk_vector):
    header, key = sdk_vector
    assert not signature_valid(b"TEST_FAIL", header, key)  # shouldNotVerifySignature
    assert not signature_valid(b"TEST_OK", header, key[:-1] + ("1" if key[-1] != "1" else "2"))


@pytest.mark.parametrize("header", [None, "", "sender=145227;algorithm=SHA-256",
                                    "sender=145227;signature=846b2de129d2200443bd72abe691ce174fcec064f89dc529d6a5d98a046cbb4d"])
def test_sdk_headers_without_signature_or_algorithm(sdk_vector, header):
    _header, key = sdk_vector
    assert parse_signature_header(header) is None  # shouldEmptySignature: "Signature not found"
    assert not signature_valid(b"TEST_OK", header, key)


@pytest.mark.parametrize("algorithm,expected", [
    ("MD5", "8375034eb737d520c829fad4026a38aa"),  # OpenPayU_UtilTest::verifySignatureDataProvider
    ("SHA256", "8b2fd55b48f150347df56ce18d787335f32ced1d67f214016476f7c0a8f09981"),
])
def test_sdk_util_vectors(algorithm, expected):
    assert sign(b"OpenPayUData", "SignatureKey", algorithm) == expected
    assert signature_valid(b"OpenPayUData", f"sender=1;signature={expected};algorithm={algorithm};content=DOCUMENT", "SignatureKey")


def test_field_order_and_case_do_not_matter():
    body = b'{"order":{}}'
    header = signature_header(body, "k", sender="1", algorithm="SHA-256")
    fields = dict(part.split("=") for part in header.split(";"))
    reordered = f"algorithm=SHA-256;content=DOCUMENT;signature={fields['signature'].upper()};sender=1"
    assert signature_valid(body, reordered, "k")


def test_unknown_algorithm_and_empty_key_refused():
    body = b"x"
    assert not signature_valid(body, f"signature={sign(body, 'k', 'MD5')};algorithm=CRC32", "k")
    assert not signature_valid(body, f"signature={sign(body, '', 'MD5')};algorithm=MD5", "")
