"""Product card and bundle card (being written)."""
from django.http import Http404


def product_card(request, pk):
    raise Http404


def bundle_card(request, pk):
    raise Http404
