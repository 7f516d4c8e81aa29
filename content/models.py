"""Wagtail content: home, text and contact pages, branding settings and menus."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

from .blocks import BANNER_BLOCKS, HOME_BLOCKS
from .validators import hex_colour, safe_link



class HomePage(Page):
    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class TextPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["content.HomePage", "content.TextPage"]

    class Meta:
        verbose_name = _("text page")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    """Company contact data and a form whose submissions are stored and emailed to staff."""

    intro = RichTextField(_("contact details"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            _("Email"),
        ),
    ]
    parent_page_types = ["content.HomePage"]

    class Meta:
        verbose_name = _("contact page")

    def send_mail(self, form):
        """Queue the notification for the background worker, naming the logged-in sender."""
        from backoffice.core.emails import queue_email

        user = getattr(form, "user", None)
        sender = ""
        if user is not None and user.is_authenticated:
            company = f" ({user.company})" if user.company_id else ""
            sender = f"{user.get_full_name()} <{user.email}>{company}\n\n"
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        queue_email(subject=self.subject, body=sender + self.render_email(form), to=addresses, from_email=self.from_address or None)


@register_setting(icon="image")
class BrandingSettings(BaseSiteSetting):
    """K01: what marketing changes without code: logo, colours, banners, footer."""

    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company_name = models.CharField(_("company name"), max_length=120, default="B2B")
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1f4e8c", validators=[hex_colour])
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#e8762b", validators=[hex_colour])
    background_colour = models.CharField(_("background colour"), max_length=7, default="#f5f6f8", validators=[hex_colour])
    banners = StreamField(BANNER_BLOCKS, blank=True, verbose_name=_("banners on the home page"))
    login_text = RichTextField(_("text on the login page"), blank=True)
    footer_text = RichTextField(_("footer text"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("company_name"), FieldPanel("logo")], _("Identity")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour"), FieldPanel("background_colour")])],
            _("Colours"),
        ),
        FieldPanel("banners"),
        FieldPanel("login_text"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("branding")


class Menu(TranslatableMixin, ClusterableModel):
    """A menu editable in the CMS: 'main' in the header, 'footer' in the footer."""

    slug = models.SlugField(_("slug"), help_text=_("main or footer"))
    title = models.CharField(_("title"), max_length=80)

    panels = [FieldPanel("title"), FieldPanel("slug"), InlinePanel("items", label=_("Items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.title


class MenuItem(Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("label"), max_length=80)
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_url = models.CharField(_("or address"), max_length=255, blank=True, validators=[safe_link])

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    @property
    def href(self) -> str:
        """The page in the visitor's language, else the original; "" when no version is live."""
        if not self.link_page_id:
            return self.link_url
        page = self.link_page.localized
        if not page.live:
            page = page.get_translation_or_none(Locale.get_default())
        return (page.url or "") if page is not None and page.live else ""


register_snippet(Menu)
