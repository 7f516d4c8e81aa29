"""PayU's notification signature (header OpenPayu-Signature).

    OpenPayu-Signature: sender=145227;signature=8a3f...;algorithm=MD5;content=DOCUMENT

signature = HASH(raw body + second key) in lower-case hex; the algorithm is the one the header
names (PayU sends MD5 or SHA-256; the SHA-2 family is accepted as PayU's SDK does). The header's
fields may come in any order; a header without signature or algorithm is no signature at all.
"""
import hashlib
import hmac

ALGORITHMS = {"MD5": "md5", "SHA": "sha256", "SHA256": "sha256", "SHA-256": "sha256", "SHA384": "sha384", "SHA-384": "sha384",
              "SHA512": "sha512", "SHA-512": "sha512"}


def parse_signature_header(header: str | None) -> dict[str, str] | None:
    """{"sender": .., "signature": .., "algorithm": ..} or None when the header is unusable."""
    if not header:
        return None
    fields = {}
    for part in header.strip().rstrip(";").split(";"):
        key, sep, value = part.partition("=")
        if not sep:
            return None
        fields[key.strip().lower()] = value.strip()
    if not fields.get("signature") or not fields.get("algorithm"):
        return None
    return fields


def sign(body: bytes, second_key: str, algorithm: str = "SHA-256") -> str:
    """The hex signature of `body` (also what the test gateway signs with)."""
    name = ALGORITHMS.get(algorithm.upper())
    if name is None:
        raise ValueError(f"unsupported signature algorithm {algorithm!r}")
    return hashlib.new(name, body + second_key.encode()).hexdigest()


def signature_header(body: bytes, second_key: str, *, sender: str, algorithm: str = "SHA-256") -> str:
    return f"sender={sender};signature={sign(body, second_key, algorithm)};algorithm={algorithm};content=DOCUMENT"


def signature_valid(body: bytes, header: str | None, second_key: str) -> bool:
    """True only when the header carries a supported algorithm and the body's signature under the
    second key (compared in constant time)."""
    fields = parse_signature_header(header)
    if fields is None or not second_key or fields["algorithm"].upper() not in ALGORITHMS:
        return False
    expected = sign(body, second_key, fields["algorithm"])
    return hmac.compare_digest(expected, fields["signature"].lower())
