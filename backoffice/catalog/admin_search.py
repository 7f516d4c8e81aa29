"""C07 in the back office: search synonyms ("wrong phrase -> right phrase"), part of the
`search_tools` module. Phrases are stored folded (catalog.services), so a phrase typed with
other case, spaces or without Polish characters is the same phrase and fails as a duplicate on
the form instead of in the database."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from unfold.admin import ModelAdmin

from backoffice.core.admin_mixins import ModuleGatedAdminMixin

from . import services
from .models import SearchSynonym

SEARCH_TOOLS_MODULE = "search_tools"


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ("phrase", "replacement", "is_active")

    def clean_phrase(self):
        # Folded before the model's uniqueness check runs, so "Wkrętarka " meets "wkretarka".
        return services.synonym_phrase_normalise(self.cleaned_data["phrase"])

    def clean(self):
        cleaned = super().clean()
        if "phrase" in cleaned and cleaned.get("replacement"):
            try:
                services.search_synonym_check(phrase=cleaned["phrase"], replacement=cleaned["replacement"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(SearchSynonym)
class SearchSynonymAdmin(ModuleGatedAdminMixin, ModelAdmin):
    module_key = SEARCH_TOOLS_MODULE
    form = SearchSynonymForm
    list_display = ("phrase", "replacement", "is_active", "created_at")
    list_filter = ("is_active",)
    list_editable = ("is_active",)
    search_fields = ("phrase", "replacement")
    fields = ("phrase", "replacement", "is_active")

    def save_model(self, request, obj, form, change):
        services.search_synonym_save(synonym=obj)

    def delete_model(self, request, obj):
        services.search_synonyms_delete(synonyms=[obj])

    def delete_queryset(self, request, queryset):
        services.search_synonyms_delete(synonyms=queryset)
