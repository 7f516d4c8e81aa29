"""Catalog navigation, listing and search (being written)."""
from django.http import Http404


def catalog_index(request):
    raise Http404


def category_listing(request, pk):
    raise Http404


def search(request):
    raise Http404


def suggest(request):
    raise Http404
