from wagtail import hooks


@hooks.register("on_serve_page")
def serve_in_active_language(next_serve_page):
    """Pages are routed in the default tree; show the translation for the visitor's language."""

    def serve(page, request, args, kwargs):
        localized = page.localized
        if localized.pk != page.pk and localized.live:
            page = localized.specific
        return next_serve_page(page, request, args, kwargs)

    return serve



