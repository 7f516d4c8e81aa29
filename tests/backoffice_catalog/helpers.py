"""Helpers for back-office form tests: post a change form the way a browser would, with every
field, inline management form and inline row the page rendered, plus the changes under test."""
import re
from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self._option_selected = False

    def _add(self, name, value):
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(response, form_id: str, **changes) -> dict:
    """The fields of <form id=form_id> as the page rendered them, updated with `changes` (a value
    of None removes a field, e.g. an unticked checkbox)."""
    html = response.content.decode()
    match = re.search(rf'<form[^>]*id="{form_id}"[^>]*>(.*?)</form>', html, re.S)
    assert match, f"no form {form_id}"
    parser = _FormFields()
    parser.feed(match.group(1))
    data = {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def add_inline_row(data: dict, prefix: str, **fields) -> dict:
    """Append one row to the inline formset `prefix` (bumps its TOTAL_FORMS)."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def sidebar_links(response) -> set[str]:
    from backoffice.core.navigation import sidebar_navigation

    return {item["link"] for group in sidebar_navigation(response.wsgi_request) for item in group["items"]}
