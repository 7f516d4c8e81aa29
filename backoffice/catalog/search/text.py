"""Text normalisation shared by indexing and querying: what is stored is what is searched."""
import re
import unicodedata

# Letters NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "đ": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces: "Wkrętarka  AKU-18V" ->
    "wkretarka aku 18v". Polish customers often type without diacritics; both sides are folded."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def compact(text: str) -> str:
    """Codes without separators ("ABC-123 45" -> "abc12345"): SKU and EAN match however typed."""
    return fold(text).replace(" ", "")
