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




def _invalidate_menus(*args, **kwargs):
    from .menus import menus_changed

    menus_changed()


# Menus link to pages: any change to either rebuilds the cached menus.
for _hook in (
    "after_create_snippet",
    "after_edit_snippet",
    "after_delete_snippet",
    "after_publish_page",
    "after_unpublish_page",
    "after_move_page",
    "after_delete_page",
):
    hooks.register(_hook, _invalidate_menus)
