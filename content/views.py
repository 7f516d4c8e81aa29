"""Page serving and language switching that keep visitors on the page they were reading."""
from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.views.i18n import set_language
from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve


def serve(request, path):
    """Wagtail's serve, with a fallback to the default-language page tree.

    Wagtail routes through the home page of the active language, so a page without a translation
    (or a Polish address opened with English active) would be a 404. The fallback finds the page in
    the Polish tree; the on_serve_page hook then shows its translation when there is one.
    """
    try:
        return wagtail_serve(request, path)
    except Http404:
        if translation.get_language() == settings.LANGUAGE_CODE:
            raise
    if hasattr(request, "_wagtail_route_for_request"):
        del request._wagtail_route_for_request
    with translation.override(settings.LANGUAGE_CODE):
        Page.route_for_request(request, path)  # cached on the request for the second attempt
    return wagtail_serve(request, path)


def _route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        return site.root_page.localized.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def switch_language(request):
    """Django's set_language, then the same page in the new language when the page has one."""
    old_path = request.POST.get("next", "")
    page_route = _route(request, old_path) if old_path.startswith("/") else None
    response = set_language(request)
    language = request.POST.get("language")
    if page_route is None or response.status_code != 302 or language not in dict(settings.LANGUAGES):
        return response
    locale = Locale.objects.filter(language_code=language).first()
    translated = page_route[0].get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        response["Location"] = translated.get_url(request) or response["Location"]
    return response
