from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))
# Links typed by editors are relative paths or http(s) addresses: never javascript: or data: URLs.
safe_link = RegexValidator(r"^(/|https?://)", _("Enter an address starting with / or http(s)://."))
