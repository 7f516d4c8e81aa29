"""Languages (C02): Polish by default, English on request, and complete translation catalogues."""
import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
PL_PO_FILES = [p for p in PO_FILES if p.parts[-3] == "pl"]


# --- the storefront in each language ----------------------------------------------------------


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)">', html).group(1)


@pytest.mark.django_db
def test_polish_is_the_default_language(client):
    html = client.get("/login/").content.decode()
    assert _lang(html) == "pl"


@pytest.mark.django_db
def test_browser_language_does_not_switch_the_platform(client):
    html = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert _lang(html) == "pl"


@pytest.mark.django_db
def test_login_page_is_translated_to_polish(client):
    html = client.get("/login/").content.decode()
    assert "Log in to the B2B platform" not in html  # the English source string must be translated


@pytest.mark.django_db
def test_set_language_switches_the_login_page_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/login/").content.decode()
    assert _lang(html) == "en"
    assert "Log in to the B2B platform" in html


@pytest.mark.django_db
def test_set_language_switches_the_home_page_to_english(client, customer):
    client.force_login(customer)
    assert _lang(client.get("/").content.decode()) == "pl"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert _lang(html) == "en"
    assert '<a href="/account/">My account</a>' in html
    client.post("/i18n/setlang/", {"language": "pl", "next": "/"})
    assert _lang(client.get("/").content.decode()) == "pl"


@pytest.mark.django_db
def test_language_survives_logging_in(client, customer):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    client.force_login(customer)
    assert _lang(client.get("/account/").content.decode()) == "en"


@pytest.mark.django_db
def test_unsupported_language_is_ignored(client):
    client.post("/i18n/setlang/", {"language": "de", "next": "/login/"})
    assert _lang(client.get("/login/").content.decode()) == "pl"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert _lang(client.get("/login/").content.decode()) == "pl"


@pytest.mark.django_db
def test_set_language_never_redirects_off_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


# --- the catalogues ---------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: comments, flags, msgctxt, msgid(_plural), msgstr[n], continued strings.
    Obsolete entries (#~) are skipped."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None
    seen_keyword = False

    def finish():
        nonlocal current, seen_keyword, target
        if seen_keyword:
            entries.append(current)
        current, seen_keyword, target = Entry(), False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if seen_keyword:
                finish()
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if seen_keyword and target and target[0] == "msgstr":
                finish()
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
        if match:
            keyword, index, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and seen_keyword and target and target[0] == "msgstr":
                finish()
            if not seen_keyword:
                current.line = number
            seen_keyword = True
            target = (keyword, int(index) if index is not None else None)
            _append(current, target, literal)
        elif line.startswith('"') and target:
            _append(current, target, line)
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target, literal: str) -> None:
    text = ast.literal_eval(literal)
    keyword, index = target
    if keyword == "msgstr":
        key = index or 0
        entry.msgstr[key] = entry.msgstr.get(key, "") + text
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    else:
        entry.msgid += text


def _where(path: Path, entry: Entry) -> str:
    return f"{path.relative_to(LOCALE_DIR)}:{entry.line} {entry.msgid[:60]!r}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}")


def test_po_parser_reads_entries():
    """The reader itself: multi-line strings, flags, plurals and contexts."""
    import tempfile

    sample = (
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: pl\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Cześć %(name)s"\n\n'
        'msgctxt "menu"\nmsgid ""\n"Long "\n"text"\nmsgstr ""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "jeden"\nmsgstr[1] ""\n\n'
        '#~ msgid "old"\n#~ msgstr ""\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".po", delete=False, encoding="utf-8") as handle:
        handle.write(sample)
    entries = parse_po(Path(handle.name))
    Path(handle.name).unlink()
    assert len(entries) == 4
    header, hello, long, plural = entries
    assert header.is_header and "fuzzy" in header.flags and header.msgstr[0] == "Language: pl\n"
    assert hello.msgstr == {0: "Cześć %(name)s"} and "python-format" in hello.flags and "fuzzy" not in hello.flags
    assert long.msgctxt == "menu" and long.msgid == "Long text" and long.msgstr == {0: ""}
    assert plural.msgid_plural == "many" and plural.msgstr == {0: "jeden", 1: ""}


def test_there_are_polish_and_english_catalogues():
    languages = {p.parts[-3] for p in PO_FILES}
    assert {"pl", "en"} <= languages
    assert PL_PO_FILES


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_no_fuzzy_entries(path):
    fuzzy = [_where(path, e) for e in parse_po(path) if "fuzzy" in e.flags and not e.is_header]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries, e.g. {fuzzy[:10]}"


@pytest.mark.parametrize("path", PL_PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_polish_catalogue_is_complete(path):
    entries = [e for e in parse_po(path) if not e.is_header]
    assert entries
    empty = [_where(path, e) for e in entries if not e.msgstr or not all(e.msgstr.values())]
    assert not empty, f"{len(empty)} untranslated entries, e.g. {empty[:10]}"


@pytest.mark.parametrize("path", PL_PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_polish_plurals_have_every_form(path):
    header = next(e for e in parse_po(path) if e.is_header)
    nplurals = int(re.search(r"nplurals=(\d+)", header.msgstr[0]).group(1))
    assert nplurals >= 3  # Polish: 1 plik, 2 pliki, 5 plików
    wrong = [_where(path, e) for e in parse_po(path) if e.msgid_plural is not None and set(e.msgstr) != set(range(nplurals))]
    assert not wrong


@pytest.mark.parametrize("path", PL_PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_polish_translations_keep_placeholders(path):
    broken = []
    for entry in parse_po(path):
        if entry.is_header:
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for form, text in entry.msgstr.items():
            if text and sorted(PLACEHOLDER.findall(text)) != expected and not (entry.msgid_plural and form != 0):
                broken.append(_where(path, entry))
    assert not broken, broken[:10]


def test_compiled_polish_catalogue_matches_the_po_file():
    """The .mo file Django reads is compiled from the current .po (make messages)."""
    stale = []
    path = LOCALE_DIR / "pl" / "LC_MESSAGES" / "django.po"
    with translation.override("pl"):
        for entry in parse_po(path):
            if entry.is_header or not entry.msgstr.get(0) or entry.msgid_plural:
                continue
            if entry.msgctxt is not None:
                got = translation.pgettext(entry.msgctxt, entry.msgid)
            else:
                got = translation.gettext(entry.msgid)
            if got != entry.msgstr[0]:
                stale.append(_where(path, entry))
    assert not stale, f"{len(stale)} entries differ from the compiled catalogue, e.g. {stale[:10]}"
