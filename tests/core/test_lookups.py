"""field__in_ids: the same rows as field__in, one array parameter on PostgreSQL."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.accounts.models import Company

pytestmark = pytest.mark.django_db


def test_in_ids_selects_exactly_the_listed_rows():
    companies = [Company.objects.create(name=f"Firma {i}") for i in range(5)]
    wanted = [companies[0].pk, companies[3].pk, companies[4].pk]
    assert sorted(Company.objects.filter(pk__in_ids=wanted).values_list("pk", flat=True)) == sorted(wanted)
    assert sorted(Company.objects.filter(pk__in_ids=[str(pk) for pk in wanted]).values_list("pk", flat=True)) == sorted(wanted)
    assert not Company.objects.filter(pk__in_ids=[]).exists()
    assert Company.objects.exclude(pk__in_ids=wanted).count() == 2


def test_in_ids_is_one_parameter_on_postgresql():
    ids = list(range(1, 2001))
    with CaptureQueriesContext(connection) as ctx:
        list(Company.objects.filter(pk__in_ids=ids))
    sql = ctx.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql  # one array parameter, not 2,000 placeholders
    else:
        assert " IN (" in sql
