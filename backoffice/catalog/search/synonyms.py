"""C07: staff-defined synonyms "wrong phrase -> right phrase", applied to every search.

Phrases are stored folded (search/text.py). A synonym replaces the whole phrase or any run of
whole words equal to it; longer synonyms win over shorter ones. Cached until a synonym changes.
"""
import re

from django.core.cache import cache

from backoffice.core import modules

from .text import fold

SYNONYMS_KEY = "catalog:synonyms:v1"
SYNONYMS_TTL = 300


def search_synonyms_changed() -> None:
    cache.delete(SYNONYMS_KEY)


def _synonyms() -> list[tuple[str, str]]:
    rows = cache.get(SYNONYMS_KEY)
    if rows is None:
        from ..models import SearchSynonym

        rows = sorted(
            ((fold(phrase), fold(replacement)) for phrase, replacement in SearchSynonym.objects.filter(is_active=True).values_list("phrase", "replacement")),
            key=lambda pair: -len(pair[0]),
        )
        rows = [(phrase, replacement) for phrase, replacement in rows if phrase]
        cache.set(SYNONYMS_KEY, rows, SYNONYMS_TTL)
    return rows


def apply_synonyms(phrase: str) -> str:
    """The folded phrase with synonyms applied: "wkretarka aku" -> "wkretarka akumulatorowa"."""
    folded = fold(phrase)
    if not modules.is_enabled("search_tools"):  # K00: synonyms belong to the search tools module
        return folded
    padded = f" {folded} "
    for wrong, right in _synonyms():
        if f" {wrong} " in padded:
            padded = re.sub(rf"(?<= ){re.escape(wrong)}(?= )", right, padded)
    return " ".join(padded.split())
