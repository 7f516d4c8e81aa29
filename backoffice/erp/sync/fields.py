"""Fast field checks for imported rows. They accept what the contract's JSON Schema accepts and say
why a value is refused; the schema itself is too slow to run on millions of rows (see engine.py)."""
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from djmoney.settings import CURRENCY_CHOICES
from stdnum import ean as gtin

DECIMAL_RE = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,4})?$")
ID_RE = re.compile(r"^[^\s|]{1,64}$")
DIGITS_RE = re.compile(r"^[0-9]+$")  # ASCII only: str.isdigit() also accepts other scripts' digits
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ISO_CURRENCIES = frozenset(code for code, _name in CURRENCY_CHOICES)


class RowRejected(Exception):
    """One row cannot be applied; the reason is shown to staff in the sync run."""


def allowed_keys(record: dict, allowed: frozenset[str]) -> None:
    unknown = record.keys() - allowed
    if unknown:
        raise RowRejected(f"unknown field(s): {', '.join(sorted(unknown))}")


def req(record: dict, key: str):
    value = record.get(key)
    if value is None or value == "":
        raise RowRejected(f"missing required field '{key}'")
    return value


def text(record: dict, key: str, max_length: int, *, required: bool = True) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise RowRejected(f"missing required field '{key}'")
        return ""
    if not isinstance(value, str):
        raise RowRejected(f"'{key}' must be text")
    if len(value) > max_length:
        raise RowRejected(f"'{key}' is longer than {max_length} characters")
    return value


def erp_id(record: dict, key: str, *, required: bool = True) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise RowRejected(f"missing required field '{key}'")
        return None
    if not isinstance(value, str) or not ID_RE.match(value):
        raise RowRejected(f"'{key}' is not a valid identifier")
    return value


def decimal(record: dict, key: str, *, required: bool = True, negative: bool = False, column=None) -> Decimal | None:
    """A decimal written as text. With `column` (a DecimalField) it must also fit that column:
    never rounded or overflowing silently."""
    value = record.get(key)
    if value is None:
        if required:
            raise RowRejected(f"missing required field '{key}'")
        return None
    if not isinstance(value, str) or not DECIMAL_RE.match(value):
        raise RowRejected(f"'{key}' must be a decimal number written as text, e.g. \"12.50\"")
    try:
        number = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise RowRejected(f"'{key}' is not a number") from None
    if number < 0 and not negative:
        raise RowRejected(f"'{key}' must not be negative (got {value})")
    if column is not None:
        whole, _sep, fraction = value.lstrip("-").partition(".")
        if len(whole.lstrip("0")) > column.max_digits - column.decimal_places:
            raise RowRejected(f"'{key}' is too large (got {value})")
        if len(fraction.rstrip("0")) > column.decimal_places:
            raise RowRejected(f"'{key}' has more than {column.decimal_places} decimal places (got {value})")
    return number


def integer(record: dict, key: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum or (maximum is not None and value > maximum):
        raise RowRejected(f"'{key}' must be a whole number from {minimum}" + (f" to {maximum}" if maximum is not None else ""))
    return value


def nested(value, where: str, allowed: frozenset[str]) -> dict:
    """An object inside a row (unit, address, discount...): no unknown keys, as in the schema."""
    if not isinstance(value, dict):
        raise RowRejected(f"'{where}' must be an object")
    unknown = value.keys() - allowed
    if unknown:
        raise RowRejected(f"'{where}': unknown field(s) {', '.join(sorted(unknown))}")
    return value


def email(record: dict, key: str, *, required: bool) -> str:
    value = text(record, key, 254, required=required).strip().lower()
    if value and not EMAIL_RE.match(value):
        raise RowRejected(f"'{key}' is not an email address")
    return value


def boolean(record: dict, key: str, default: bool | None = None) -> bool:
    value = record.get(key, default)
    if not isinstance(value, bool):
        raise RowRejected(f"'{key}' must be true or false")
    return value


def currency(record: dict, key: str) -> str:
    value = req(record, key)
    if value not in ISO_CURRENCIES:
        raise RowRejected(f"unknown currency '{value}' in '{key}'")
    return value


def ean(record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not DIGITS_RE.match(value) or len(value) not in (8, 12, 13, 14):
        raise RowRejected(f"'{key}' must have 8, 12, 13 or 14 digits")
    if not gtin.is_valid(value):
        raise RowRejected(f"invalid EAN check digit in '{key}': {value}")
    return value


def iso_date(record: dict, key: str) -> date | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RowRejected(f"'{key}' must be a date YYYY-MM-DD")


def translated(record: dict, key: str, max_length: int, *, required: bool = True) -> dict[str, str]:
    value = record.get(key)
    if value is None:
        if required:
            raise RowRejected(f"missing required field '{key}'")
        return {}
    if not isinstance(value, dict) or not value.keys() <= {"pl", "en"}:
        raise RowRejected(f"'{key}' must be an object with texts under 'pl' and 'en'")
    if required and not value.get("pl"):
        raise RowRejected(f"missing Polish text '{key}.pl'")
    for language, text_value in value.items():
        if not isinstance(text_value, str) or len(text_value) > max_length:
            raise RowRejected(f"'{key}.{language}' must be text of at most {max_length} characters")
    return value
