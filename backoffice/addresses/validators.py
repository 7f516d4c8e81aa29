"""Checks of an address a customer types in (the add form, the checkout's one-off address)."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backoffice.accounts.models import Address

PL_POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
FIELDS = ("name", "street", "postal_code", "city", "country", "phone")


def address_clean(data: dict) -> dict:
    """The address fields trimmed and checked: required parts present, lengths within the model's,
    a Polish postal code as 00-000. Raises ValidationError {field: [message]} in the active language."""
    cleaned = {name: str(data.get(name) or "").strip() for name in FIELDS}
    cleaned["country"] = (cleaned["country"] or "PL").upper()
    if cleaned["country"] == "PL" and re.fullmatch(r"\d{5}", cleaned["postal_code"]):
        cleaned["postal_code"] = f"{cleaned['postal_code'][:2]}-{cleaned['postal_code'][2:]}"
    errors: dict[str, list[str]] = {}
    for name in ("name", "street", "postal_code", "city"):
        if not cleaned[name]:
            errors[name] = [_("This field is required.")]
    for name in FIELDS:
        limit = Address._meta.get_field(name).max_length
        if limit and len(cleaned[name]) > limit:
            errors.setdefault(name, []).append(_("At most %(max)s characters.") % {"max": limit})
    if cleaned["country"] == "PL" and cleaned["postal_code"] and not PL_POSTAL_CODE.match(cleaned["postal_code"]):
        errors.setdefault("postal_code", []).append(_("Enter a Polish postal code in the form 00-000."))
    if cleaned["phone"] and not re.fullmatch(r"[0-9 +()\-]{6,32}", cleaned["phone"]):
        errors.setdefault("phone", []).append(_("Enter a phone number (digits, spaces, +, - and brackets)."))
    countries = dict(Address._meta.get_field("country").choices)
    if cleaned["country"] not in countries:
        errors.setdefault("country", []).append(_("Choose a country from the list."))
    if errors:
        raise ValidationError(errors)
    return cleaned
