"""What every paged storefront list offers its template (storefront/includes/pagination.html)."""


class PageNavigation:
    """Previous/next for a page object with `page` (1-based) and `pages` attributes."""

    page: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages
