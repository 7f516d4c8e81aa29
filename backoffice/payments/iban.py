"""IBAN checks (F02): the account buyers transfer money to must be right, so it is validated when
staff enter it: the country's length (where we know it) and the ISO 13616 mod-97 checksum."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Lengths of the countries our customers and banks are most likely in; others get the generic rule.
LENGTHS = {
    "PL": 28, "DE": 22, "CZ": 24, "SK": 24, "LT": 20, "LV": 21, "EE": 20, "AT": 20, "GB": 22, "FR": 27, "IT": 27, "ES": 24,
    "NL": 18, "BE": 16, "HU": 28, "RO": 24, "IE": 22, "DK": 18, "SE": 24, "CH": 21, "LU": 20, "UA": 29,
}
SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def iban_normalize(value: str) -> str:
    """Upper case, without spaces and dashes: "pl61 1090..." -> "PL611090..."."""
    return re.sub(r"[\s-]+", "", str(value or "")).upper()


def iban_checksum_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def validate_iban(value: str) -> None:
    iban = iban_normalize(value)
    if not SHAPE.match(iban):
        raise ValidationError(_("Enter an IBAN: a country code, two check digits and the account number, e.g. PL61 1090 1014 0000 0712 1981 2874."),
                              code="iban_shape")
    expected = LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        raise ValidationError(_("An IBAN of this country has %(length)s characters; this one has %(actual)s.")
                              % {"length": expected, "actual": len(iban)}, code="iban_length")
    if not iban_checksum_ok(iban):
        raise ValidationError(_("This IBAN is not correct (its check digits do not match). Check for a typo."), code="iban_checksum")


def iban_display(value: str) -> str:
    """In groups of four, as printed on bank statements: "PL61 1090 1014 ..."."""
    iban = iban_normalize(value)
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def iban_with_checksum(country: str, bban: str) -> str:
    """The IBAN of a domestic account number (BBAN): computes the check digits (demo data, tests)."""
    digits = "".join(str(int(char, 36)) for char in (bban + country.upper() + "00"))
    return f"{country.upper()}{98 - int(digits) % 97:02d}{bban}"
