from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as pl_nip


def normalize_nip(value: str) -> str:
    """Digits only: '123-456-32-18' and 'PL1234563218' are the same NIP."""
    value = (value or "").strip().upper()
    if value.startswith("PL"):
        value = value[2:]
    return pl_nip.compact(value)


def validate_nip(value: str) -> None:
    try:
        pl_nip.validate(normalize_nip(value))
    except StdnumError:
        raise ValidationError(_("Enter a valid Polish tax ID (NIP): 10 digits with a correct check digit."), code="invalid_nip")
