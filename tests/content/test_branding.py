"""Branding settings (K01): what marketing changes in the CMS shows up in the storefront HTML."""
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from content.models import BrandingSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def branding(_cms_site):
    return BrandingSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def logged_in(client, customer):
    client.force_login(customer)
    return client


def _png(width=120, height=60, colour=(200, 30, 30)) -> ContentFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def _logo_html(html):
    return re.search(r'<a class="logo" href="/">(.*?)</a>', html, re.S).group(1)


def _footer_html(html):
    return html.split('class="site-footer"', 1)[1]


def test_default_branding(logged_in, branding):
    html = logged_in.get("/").content.decode()
    assert '<span class="logo-text">B2B</span>' in _logo_html(html)
    assert "--brand-primary:#1f4e8c;" in html


def test_company_name_and_colours_change_the_storefront(logged_in, branding):
    branding.company_name = "Hurtownia Elektro"
    branding.primary_colour = "#12AB34"
    branding.accent_colour = "#00ff00"
    branding.background_colour = "#fafafa"
    branding.full_clean()
    branding.save()
    html = logged_in.get("/").content.decode()
    assert '<span class="logo-text">Hurtownia Elektro</span>' in _logo_html(html)
    assert "<title>" in html and "Hurtownia Elektro</title>" in html
    assert "--brand-primary:#12AB34;" in html
    assert "--brand-accent:#00ff00;" in html
    assert "--brand-bg:#fafafa;" in html
    assert "#1f4e8c" not in html


def test_branding_shows_on_the_login_page_too(client, branding):
    branding.company_name = "Hurtownia Elektro"
    branding.primary_colour = "#123456"
    branding.login_text = "<p>Tylko dla klientów hurtowych</p>"
    branding.save()
    html = client.get("/login/").content.decode()
    assert "Hurtownia Elektro" in _logo_html(html)
    assert "--brand-primary:#123456;" in html
    assert "<p>Tylko dla klientów hurtowych</p>" in html


def test_logo_image_replaces_the_company_name(logged_in, branding):
    image = get_image_model().objects.create(title="Logo", file=_png())
    branding.company_name = "Hurtownia Elektro"
    branding.logo = image
    branding.save()
    logo = _logo_html(logged_in.get("/").content.decode())
    img = re.search(r"<img [^>]*>", logo).group(0)
    assert 'alt="Hurtownia Elektro"' in img
    assert 'height="48"' in img
    assert 'src="/media/images/' in img
    assert "logo-text" not in logo
    rendition = image.get_rendition("height-48")
    assert rendition.url in img


def test_invalid_colour_is_rejected(branding):
    for colour in ("red", "#12345", "#1234567", "#12345g", "123456", "#fff;}", "url(x)"):
        branding.primary_colour = colour
        with pytest.raises(ValidationError) as excinfo:
            branding.full_clean()
        assert "primary_colour" in excinfo.value.message_dict, colour


def test_every_colour_is_validated(branding):
    branding.accent_colour = "blue"
    branding.background_colour = "#00"
    with pytest.raises(ValidationError) as excinfo:
        branding.full_clean()
    assert {"accent_colour", "background_colour"} <= set(excinfo.value.message_dict)


def test_banners_appear_on_the_home_page(logged_in, branding, customer):
    branding.banners = json.dumps([
        {"type": "banner", "value": {"title": "Promocja na kable", "text": "Do końca miesiąca -10%", "image": None,
                                     "button_label": "Zobacz", "button_link": {"page": None, "url": "/promocje/"}}},
        {"type": "banner", "value": {"title": "Nowy magazyn", "text": "", "image": None, "button_label": "",
                                     "button_link": {"page": None, "url": ""}}},
    ])
    branding.save()
    html = logged_in.get("/").content.decode()
    banners = html.split('<div class="banners">', 1)[1].split('<div class="stream">', 1)[0]
    assert '<h2 class="hero-title">Promocja na kable</h2>' in banners
    assert "Do końca miesiąca -10%" in banners
    assert '<a class="button accent" href="/promocje/">Zobacz</a>' in banners
    assert '<h2 class="hero-title">Nowy magazyn</h2>' in banners
    assert banners.index("Promocja na kable") < banners.index("Nowy magazyn")
    # banners belong to the home page only
    assert "Promocja na kable" not in logged_in.get("/account/").content.decode()


def test_no_banner_box_without_banners(logged_in, branding):
    assert 'class="banners"' not in logged_in.get("/").content.decode()


def test_footer_text_shows_in_the_footer(logged_in, branding):
    branding.company_name = "Hurtownia Elektro"
    branding.footer_text = "<p>Hurtownia Elektro Sp. z o.o. · NIP 3982597916</p>"
    branding.save()
    footer = _footer_html(logged_in.get("/").content.decode())
    assert "<p>Hurtownia Elektro Sp. z o.o. · NIP 3982597916</p>" in footer


def test_footer_falls_back_to_company_name(logged_in, branding):
    branding.company_name = "Hurtownia Elektro"
    branding.save()
    footer = _footer_html(logged_in.get("/").content.decode())
    assert '<div class="footer-text">Hurtownia Elektro</div>' in footer


def test_html_in_company_name_is_escaped(logged_in, branding):
    branding.company_name = '<script>alert("x")</script>'
    branding.save()
    html = logged_in.get("/").content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in _logo_html(html)
    assert "&lt;script&gt;" in _footer_html(html)


def test_html_in_company_name_is_escaped_in_the_logo_alt(logged_in, branding):
    branding.company_name = '"><script>alert(1)</script>'
    branding.logo = get_image_model().objects.create(title="Logo", file=_png())
    branding.save()
    html = logged_in.get("/").content.decode()
    assert "<script>" not in html
    img = re.search(r"<img [^>]*>", _logo_html(html)).group(0)
    assert 'alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in img
