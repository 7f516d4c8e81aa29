"""C08: the zero-result search report (part of the `search_tools` module, with the synonyms):
what customers searched for and did not find, with a shortcut to a synonym for each phrase, and
its CSV export."""

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from backoffice.catalog.models import SearchSynonym
from backoffice.catalog.search.text import fold
from backoffice.core import modules
from backoffice.core.csv_export import csv_stream

from .forms import ReportPeriodForm
from .selectors import zero_result_phrases

SEARCH_TOOLS_MODULE = "search_tools"
PER_PAGE = 50


def may_use_search_tools(user) -> bool:
    """Whoever may see the synonyms may see what they are for."""
    return user.has_perm("catalog.view_searchsynonym")


class SearchToolsViewMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (modules.is_enabled(SEARCH_TOOLS_MODULE) and may_use_search_tools(request.user)):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ZeroResultsView(SearchToolsViewMixin, TemplateView):
    """One page of phrases: a count query and one query for the rows (plus one for the synonyms
    that already exist for the phrases on the page)."""

    template_name = "engagement/admin/zero_results.html"
    admin_site = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        form = ReportPeriodForm(self.request.GET)
        context.update(title=_("Zero-result searches"), form=form, page=None)
        if not form.is_valid():
            return context
        date_from, date_to = form.period()
        page = Paginator(zero_result_phrases(date_from, date_to), PER_PAGE).get_page(self.request.GET.get("page"))
        existing = dict(SearchSynonym.objects.filter(phrase__in={fold(row["key"]) for row in page}).values_list("phrase", "replacement"))
        add_url = reverse("admin:catalog_searchsynonym_add") if self.request.user.has_perm("catalog.add_searchsynonym") else ""
        rows = [
            {
                **row,
                "synonym": existing.get(fold(row["key"])),
                "create_url": f"{add_url}?{urlencode({'phrase': row['key']})}" if add_url else "",
            }
            for row in page
        ]
        period = {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()}
        context.update(
            page=page,
            rows=rows,
            date_from=date_from,
            date_to=date_to,
            period_query=urlencode(period),
            csv_url=f"{reverse('admin:engagement_zero_results_csv')}?{urlencode(period)}",
        )
        return context


def zero_results_csv_rows(date_from, date_to):
    """Header and every row of the report, formula-safe (phrases are typed by customers)."""
    rows = (
        (row["key"], row["searches"], row["customers"], timezone.localtime(row["last_searched"]).strftime("%Y-%m-%d %H:%M"))
        for row in zero_result_phrases(date_from, date_to).iterator(chunk_size=2000)
    )
    return csv_stream([gettext("phrase"), gettext("searches"), gettext("customers"), gettext("last searched")], rows)


class ZeroResultsCsvView(SearchToolsViewMixin, View):
    def get(self, request):
        form = ReportPeriodForm(request.GET)
        if not form.is_valid():  # the report page shows what is wrong with the dates
            return redirect(f"{reverse('admin:engagement_zero_results')}?{request.GET.urlencode()}")
        date_from, date_to = form.period()
        response = StreamingHttpResponse(zero_results_csv_rows(date_from, date_to), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="zero-result-searches-{date_from}-{date_to}.csv"'
        return response
