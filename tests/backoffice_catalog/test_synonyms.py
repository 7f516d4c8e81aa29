"""C07 in the back office: search synonyms, stored folded, duplicates and no-op synonyms refused
on the form, search's cache dropped on every change; part of the `search_tools` module."""
import pytest
from django.urls import reverse

from backoffice.catalog import services
from backoffice.catalog.models import SearchSynonym
from backoffice.catalog.search.synonyms import apply_synonyms
from backoffice.core import services as core_services
from backoffice.core.modules import MODULES_BY_KEY
from backoffice.core.roles import Role

from .helpers import sidebar_links

pytestmark = pytest.mark.django_db

ADD = reverse("admin:catalog_searchsynonym_add")
LIST = reverse("admin:catalog_searchsynonym_changelist")


def _add(client, phrase, replacement, active=True):
    return client.post(ADD, {"phrase": phrase, "replacement": replacement, **({"is_active": "on"} if active else {})})


def test_phrase_is_stored_folded_and_search_sees_it_at_once(client, admin_user):
    assert apply_synonyms("wkretarka") == "wkretarka"  # caches the (empty) synonym list
    client.force_login(admin_user)
    response = _add(client, "  Wkrętarka ", "wkrętarka   akumulatorowa")
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get()
    assert (synonym.phrase, synonym.replacement) == ("wkretarka", "wkrętarka akumulatorowa")
    assert apply_synonyms("WKRĘTARKA") == "wkretarka akumulatorowa"


def test_a_phrase_differing_only_in_case_or_diacritics_is_a_duplicate(client, admin_user):
    client.force_login(admin_user)
    assert _add(client, "wkretarka", "wiertarko-wkrętarka").status_code == 302
    response = _add(client, "WKRĘTARKA ", "wkrętarka akumulatorowa")
    assert response.status_code == 200
    assert "phrase" in response.context["adminform"].form.errors
    assert "already exists" in response.content.decode()
    assert SearchSynonym.objects.count() == 1


def test_a_synonym_equal_to_its_replacement_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = _add(client, "Wkrętarka", "wkretarka")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["replacement"]
    assert "same as the wrong one" in response.content.decode()
    response = _add(client, "?!", "wkrętarka")
    assert response.status_code == 200 and response.context["adminform"].form.errors["phrase"]
    assert not SearchSynonym.objects.exists()


def test_the_service_refuses_duplicates_too():
    services.search_synonym_save(synonym=SearchSynonym(phrase="Młotek", replacement="młot"))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.search_synonym_save(synonym=SearchSynonym(phrase="MLOTEK", replacement="młotek ślusarski"))
    assert "phrase" in error.value.message_dict


def test_deactivating_and_deleting_reach_search(client, admin_user):
    client.force_login(admin_user)
    _add(client, "wkretarka", "wkrętarka akumulatorowa")
    synonym = SearchSynonym.objects.get()
    assert apply_synonyms("wkretarka") == "wkretarka akumulatorowa"
    change = reverse("admin:catalog_searchsynonym_change", args=[synonym.pk])
    assert client.post(change, {"phrase": "wkretarka", "replacement": "wkrętarka akumulatorowa"}).status_code == 302
    assert apply_synonyms("wkretarka") == "wkretarka"
    _add(client, "mlotek", "młot")
    assert apply_synonyms("mlotek") == "mlot"
    delete = reverse("admin:catalog_searchsynonym_delete", args=[SearchSynonym.objects.get(phrase="mlotek").pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert apply_synonyms("mlotek") == "mlotek"


def test_add_form_is_prefilled_from_the_report_link(client, admin_user):
    client.force_login(admin_user)
    html = client.get(ADD, {"phrase": "wiertarka stolowa"}).content.decode()
    assert 'value="wiertarka stolowa"' in html


def test_changelist_search_filter_and_bounded_queries(client, admin_user, django_assert_max_num_queries):
    for n in range(3):
        SearchSynonym.objects.create(phrase=f"fraza {n}", replacement=f"zamiennik {n}")
    client.force_login(admin_user)
    client.get(LIST)
    with django_assert_max_num_queries(30) as small:
        assert client.get(LIST).status_code == 200
    SearchSynonym.objects.bulk_create(SearchSynonym(phrase=f"inna {n}", replacement="x", is_active=n % 2 == 0) for n in range(40))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert "inna 1" in response.content.decode()
    html = client.get(LIST, {"q": "zamiennik 2"}).content.decode()
    assert "fraza 2" in html and "fraza 1" not in html
    html = client.get(LIST, {"is_active__exact": "0"}).content.decode()
    assert ">inna 1<" in html and ">inna 2<" not in html


@pytest.mark.parametrize(
    "role, list_status, add_status",
    [(Role.MARKETING, 200, 302), (Role.SALES_MANAGER, 200, 403), (Role.SALES_REP, 403, 403), (Role.CUSTOMER, 404, 404)],
)
def test_access_per_role(client, make_user, role, list_status, add_status):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == list_status
    assert _add(client, "wkretarka", "wkrętarka aku").status_code == add_status
    assert SearchSynonym.objects.exists() == (add_status == 302)


def test_search_tools_module_off_answers_404_and_leaves_the_menu(client, admin_user):
    client.force_login(admin_user)
    response = client.get(LIST)
    assert LIST in sidebar_links(response)
    core_services.modules_set_enabled(enabled_keys=set(MODULES_BY_KEY) - {"search_tools"})
    assert client.get(LIST).status_code == 404
    assert _add(client, "wkretarka", "wkrętarka aku").status_code == 404
    response = client.get(reverse("admin:index"))
    assert LIST not in sidebar_links(response)
    assert "searchsynonym" not in {m["object_name"].lower() for app in response.context["app_list"] for m in app["models"]}
    assert client.get(reverse("admin:catalog_product_changelist")).status_code == 200  # the rest of the catalog stays
