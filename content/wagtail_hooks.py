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




@hooks.register("before_serve_page")
def record_page_view(page, request, serve_args, serve_kwargs):
    """R08: buyers' page views are recorded (one INSERT); previews and staff are not."""
    if getattr(request, "is_preview", False):
        return None
    from backoffice.engagement.models import CustomerEvent
    from backoffice.engagement.services import event_record

    event_record(user=request.user, request=request, kind=CustomerEvent.Kind.PAGE_VIEW, object_id=page.pk)
    return None
