"""CMS pages (K02): home page blocks, text and contact pages, translations and menus."""
import json

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from backoffice.core.roles import Role
from content.blocks import LinkBlock, ProductTeasersBlock
from content.models import ContactFormField, ContactPage, Menu, MenuItem, TextPage
from fixtures.demo_content import load_demo_content

pytestmark = pytest.mark.django_db

HOME_BODY = [
    {"type": "hero", "value": {"title": "Hurt bez czekania", "text": "Ceny indywidualne", "image": None,
                               "button_label": "Przejdź do konta", "button_link": {"page": None, "url": "/account/"}}},
    {"type": "text", "value": "<h2>Akapit powitalny</h2><p>Treść <b>pogrubiona</b></p>"},
    {"type": "category_tiles", "value": {"heading": "Grupy towarowe", "tiles": [
        {"title": "Kable", "image": None, "link": {"page": None, "url": "/kable/"}},
        {"title": "Lampy", "image": None, "link": {"page": None, "url": ""}},
    ]}},
    {"type": "product_teasers", "value": {"heading": "Nowości tygodnia", "source": "new", "count": 4}},
]


def _publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def home(_cms_site):
    _cms_site.body = json.dumps(HOME_BODY)
    return _publish(_cms_site)


@pytest.fixture
def text_page(_cms_site):
    page = _cms_site.add_child(instance=TextPage(title="Regulamin", slug="regulamin", intro="Zasady zakupów",
                                                 body=json.dumps([{"type": "text", "value": "<p>Paragraf pierwszy</p>"}])))
    return _publish(page)


@pytest.fixture
def contact_page(_cms_site):
    page = ContactPage(title="Napisz do nas", slug="napisz", intro="<p>ul. Testowa 5</p>", to_address="biuro@example.pl",
                       from_address="no-reply@example.pl", subject="Formularz kontaktowy",
                       thank_you_text="<p>Dziękujemy za wiadomość</p>")
    page.form_fields.add(ContactFormField(sort_order=0, label="Temat", field_type="singleline", required=True))
    page.form_fields.add(ContactFormField(sort_order=1, label="Wiadomość", field_type="multiline", required=True))
    _cms_site.add_child(instance=page)
    return _publish(page)


@pytest.fixture
def logged_in(client, customer):
    client.force_login(customer)
    return client


# --- pages ------------------------------------------------------------------------------------


def test_home_page_renders_its_blocks(logged_in, home):
    response = logged_in.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="hero-title">Hurt bez czekania</h2>' in html
    assert '<a class="button accent" href="/account/">Przejdź do konta</a>' in html
    assert "<h2>Akapit powitalny</h2><p>Treść <b>pogrubiona</b></p>" in html
    assert "<h2>Grupy towarowe</h2>" in html
    assert '<a class="tile-title" href="/kable/">Kable</a>' in html
    assert '<span class="tile-title">Lampy</span>' in html


def test_product_teasers_render_nothing_for_customers_without_an_offer(logged_in, home):
    html = logged_in.get("/").content.decode()
    assert "Nowości tygodnia" not in html
    assert "teasers" not in html


def test_product_teasers_show_their_heading_in_editor_preview():
    block = ProductTeasersBlock()
    value = block.to_python({"heading": "Nowości tygodnia", "source": "new", "count": 4})
    request = RequestFactory().get("/")
    assert "Nowości tygodnia" not in block.render(value, context={"request": request})
    request.is_preview = True
    assert "Nowości tygodnia" in block.render(value, context={"request": request})


def test_text_page_renders(logged_in, text_page):
    response = logged_in.get("/regulamin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Regulamin</h1>" in html
    assert '<p class="lead">Zasady zakupów</p>' in html
    assert "<p>Paragraf pierwszy</p>" in html


def test_unpublished_page_is_not_served(logged_in, _cms_site):
    _cms_site.add_child(instance=TextPage(title="Szkic", slug="szkic", live=False))
    assert logged_in.get("/szkic/").status_code == 404


def test_contact_page_renders_its_form(logged_in, contact_page):
    response = logged_in.get("/napisz/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Napisz do nas</h1>" in html
    assert "ul. Testowa 5" in html
    assert 'name="temat"' in html
    assert 'name="wiadomosc"' in html


def test_contact_form_stores_a_submission_and_emails_staff(logged_in, customer, contact_page,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post("/napisz/", {"temat": "Faktura", "wiadomosc": "Proszę o duplikat faktury 12/2026"})
    assert response.status_code == 200
    assert "Dziękujemy za wiadomość" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.get_data()["wiadomosc"] == "Proszę o duplikat faktury 12/2026"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["biuro@example.pl"]
    assert message.subject == "Formularz kontaktowy"
    assert message.from_email == "no-reply@example.pl"
    assert "Proszę o duplikat faktury 12/2026" in message.body
    assert customer.email in message.body  # staff see who wrote
    assert customer.company.name in message.body


def test_contact_form_without_recipient_stores_but_sends_nothing(logged_in, contact_page,
                                                                 django_capture_on_commit_callbacks):
    contact_page.to_address = ""
    _publish(contact_page)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post("/napisz/", {"temat": "Faktura", "wiadomosc": "Treść"})
    assert FormSubmission.objects.filter(page=contact_page).count() == 1
    assert mail.outbox == []


def test_invalid_contact_form_stores_and_sends_nothing(logged_in, contact_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post("/napisz/", {"temat": "Faktura", "wiadomosc": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["wiadomosc"]
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_pages_are_behind_the_login_wall(client, text_page):
    response = client.get("/regulamin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_pages_render_for_staff(client, admin_user, home):
    client.force_login(admin_user)
    response = client.get("/")
    assert response.status_code == 200
    assert "Hurt bez czekania" in response.content.decode()


def test_applicants_are_kept_on_the_pending_page(client, make_user, text_page):
    client.force_login(make_user(Role.APPLICANT))
    response = client.get("/regulamin/")
    assert response.status_code == 302
    assert response["Location"] == "/application-pending/"


# --- translations ---------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    load_demo_content()


def test_polish_pages_and_menu_by_default(logged_in, demo):
    html = logged_in.get("/").content.decode()
    assert '<html lang="pl">' in html
    assert "Zamawiaj szybciej, po swoich cenach" in html
    assert "Order faster" not in html
    nav = _main_menu_html(html)
    assert '<a href="/warunki-wspolpracy/">Warunki współpracy</a>' in nav
    assert '<a href="/kontakt/">Kontakt</a>' in nav
    assert "<h1>Warunki współpracy</h1>" in logged_in.get("/warunki-wspolpracy/").content.decode()


def test_english_translation_served_after_switching_language(logged_in, demo):
    response = logged_in.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = logged_in.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Order faster, at your own prices" in html
    assert "Main product groups" in html
    assert "Zamawiaj szybciej" not in html
    nav = _main_menu_html(html)
    assert '<a href="/">Home</a>' in nav
    assert '<a href="/terms-of-trade/">Terms of trade</a>' in nav
    assert '<a href="/contact/">Contact</a>' in nav
    assert "Warunki współpracy" not in nav
    text = logged_in.get("/terms-of-trade/").content.decode()
    assert "<h1>Terms of trade</h1>" in text
    assert "Orders placed by 12:00" in text


def test_english_translation_served_by_language_cookie(logged_in, demo):
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = logged_in.get("/contact/").content.decode()
    assert "<h1>Contact</h1>" in html
    assert 'name="subject"' in html
    # a Polish address (bookmark, link in an email) serves the translation too
    response = logged_in.get("/kontakt/")
    assert response.status_code == 200
    assert "<h1>Contact</h1>" in response.content.decode()
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    html = logged_in.get("/kontakt/").content.decode()
    assert "<h1>Kontakt</h1>" in html
    assert 'name="temat"' in html


def test_english_contact_form_mails_the_english_page_address(logged_in, demo, django_capture_on_commit_callbacks):
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post("/contact/", {"subject": "Delivery", "message": "Where is my parcel?"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bok@demo.b2b.pl"]
    assert mail.outbox[0].subject == "Message from the contact form"
    assert FormSubmission.objects.get().page.locale.language_code == "en"


def test_switching_language_on_a_page_keeps_the_visitor_on_that_page(logged_in, demo):
    # The header's language switch posts next=<current path>.
    response = logged_in.post("/i18n/setlang/", {"language": "en", "next": "/warunki-wspolpracy/"}, follow=True)
    assert response.status_code == 200
    assert "<h1>Terms of trade</h1>" in response.content.decode()
    response = logged_in.post("/i18n/setlang/", {"language": "pl", "next": "/terms-of-trade/"}, follow=True)
    assert response.status_code == 200
    assert "<h1>Warunki współpracy</h1>" in response.content.decode()


def test_unpublished_translation_falls_back_to_polish(logged_in, demo):
    TextPage.objects.get(locale__language_code="en", slug="terms-of-trade").unpublish()
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # the English menu links to the Polish original (MenuItem.href uses page.localized, live pages only)
    nav = _main_menu_html(logged_in.get("/").content.decode())
    assert 'href="/warunki-wspolpracy/"' in nav
    response = logged_in.get("/warunki-wspolpracy/")
    assert response.status_code == 200
    assert "<h1>Warunki współpracy</h1>" in response.content.decode()


# --- menus ----------------------------------------------------------------------------------


def _main_menu_html(html):
    return html.split('class="main-menu"', 1)[1].split("</nav>", 1)[0]


def test_main_menu_items_appear_in_the_header(logged_in, text_page):
    menu = Menu.objects.get(slug="main", locale=Locale.get_default())
    MenuItem.objects.create(menu=menu, sort_order=0, label="Nasz regulamin", link_page=text_page)
    MenuItem.objects.create(menu=menu, sort_order=1, label="Katalog PDF", link_url="https://example.com/katalog.pdf")
    nav = _main_menu_html(logged_in.get("/").content.decode())
    assert '<a href="/regulamin/">Nasz regulamin</a>' in nav
    assert '<a href="https://example.com/katalog.pdf">Katalog PDF</a>' in nav
    assert nav.index("Nasz regulamin") < nav.index("Katalog PDF")


def test_footer_menu_is_not_in_the_header(logged_in):
    menu = Menu.objects.get(slug="footer", locale=Locale.get_default())
    MenuItem.objects.create(menu=menu, sort_order=0, label="Polityka prywatności", link_url="/prywatnosc/")
    html = logged_in.get("/").content.decode()
    assert "Polityka prywatności" not in _main_menu_html(html)
    assert "Polityka prywatności" in html.split('class="footer-menu"', 1)[1]


def test_menu_falls_back_to_polish_when_not_translated(logged_in):
    menu = Menu.objects.get(slug="main", locale=Locale.get_default())
    MenuItem.objects.create(menu=menu, sort_order=0, label="Oferta", link_url="/oferta/")
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = logged_in.get("/").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/oferta/">Oferta</a>' in _main_menu_html(html)


def test_main_menu_is_hidden_from_anonymous_visitors(client):
    menu = Menu.objects.get(slug="main", locale=Locale.get_default())
    MenuItem.objects.create(menu=menu, sort_order=0, label="Tajne menu", link_url="/oferta/")
    assert "Tajne menu" not in client.get("/login/").content.decode()


def test_menu_item_rejects_unsafe_links():
    menu = Menu.objects.get(slug="main", locale=Locale.get_default())
    for url in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x", "example.com/x"):
        item = MenuItem(menu=menu, label="Zły link", link_url=url)
        with pytest.raises(ValidationError) as excinfo:
            item.full_clean()
        assert "link_url" in excinfo.value.message_dict, url


def test_menu_item_accepts_safe_links():
    menu = Menu.objects.get(slug="main", locale=Locale.get_default())
    for url in ("/account/", "https://example.com/", "http://example.com/a?b=1", ""):
        MenuItem(menu=menu, label="Dobry link", link_url=url).full_clean()


def test_block_links_reject_unsafe_urls():
    block = LinkBlock()
    for url in ("javascript:alert(1)", "data:text/html,x"):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"page": None, "url": url}))


def test_block_links_accept_safe_urls():
    block = LinkBlock()
    for url in ("/account/", "https://example.com/", ""):
        block.clean(block.to_python({"page": None, "url": url}))


def test_product_teasers_show_the_customers_own_visible_products(client, make_user, home):
    from tests.catalog_factories import catalog_world, make_product

    world = catalog_world(make_user)
    shown = make_product(world.leaf, "Lampa LED nowa", sku="LED-NEW", price="12.50", price_list=world.price_list)
    make_product(world.leaf, "Lampa bez ceny", sku="LED-HIDDEN")
    client.force_login(world.user)
    html = client.get("/").content.decode()
    assert "Nowości tygodnia" in html and shown.sku in html and "12,50 PLN" in html
    assert "LED-HIDDEN" not in html


def test_product_teasers_stay_empty_for_staff(client, admin_user, home):
    client.force_login(admin_user)
    assert "Nowości tygodnia" not in client.get("/").content.decode()
