"""Request walls: the login wall (A01/A02), the back-office wall and module switches (K00)."""
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from . import modules
from .permissions import can_access_cms, is_applicant, is_staff_role

# URL names an anonymous visitor may open. Everything else redirects to the login page.
PUBLIC_URL_NAMES = frozenset(
    {
        "storefront:login",
        "storefront:password_reset",
        "storefront:password_reset_done",
        "storefront:password_reset_confirm",
        "storefront:password_reset_complete",
        "storefront:healthz",
        "set_language",
        "erp:package_upload",  # machine-to-machine, authenticated by its bearer token
        "orders:payu_notify",  # PayU's server, authenticated by the notification's signature
        "registration:apply",  # A04: companies apply for access (404 while the module is off)
        "registration:sent",
    }
)
# What an applicant (registered, not yet approved) may open besides the public pages.
APPLICANT_URL_NAMES = PUBLIC_URL_NAMES | {"storefront:application_pending", "storefront:logout", "storefront:landing"}
# Branding (logo, banners) shown on the login page is served from here; private files never are.
PUBLIC_PATH_PREFIXES = (settings.STATIC_URL, settings.MEDIA_URL + "images/", "/favicon.ico")


class LoginWallMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        path = request.path_info
        if not user.is_authenticated:
            if request.resolver_match.view_name in PUBLIC_URL_NAMES or path.startswith(PUBLIC_PATH_PREFIXES):
                return None
            login_url = reverse("storefront:login")
            return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        if is_applicant(user) and request.resolver_match.view_name not in APPLICANT_URL_NAMES:
            if path.startswith(("/admin/", "/cms/")):
                raise Http404
            return redirect("storefront:application_pending")
        # Logged-in users outside the back office do not learn that it exists.
        if path.startswith("/admin/") and not (is_staff_role(user) or user.is_superuser):
            raise Http404
        if path.startswith("/cms/") and not can_access_cms(user):
            raise Http404
        return None


class ModuleSwitchMiddleware:
    """A switched-off module's storefront URLs and admin screens answer 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        disabled = modules.disabled_modules()
        if not disabled:
            return None
        match = request.resolver_match
        for namespace in match.namespaces:
            module = modules.module_for_namespace(namespace)
            if module and module.key in disabled:
                raise Http404
        if match.app_name == "admin":
            parts = request.path_info.split("/")
            app_label = parts[2] if len(parts) > 2 else ""
            module = modules.module_for_app_label(app_label)
            if module and module.key in disabled:
                raise Http404
        return None


class PlatformLocaleMiddleware:
    """Polish unless the visitor chose otherwise with the language switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; our customers expect the
    platform in Polish by default whatever their browser says.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
