"""The ERP sends back a customer-added address with its own erp_id and our platform_id: the sync
links the customer's row instead of adding a second one (docs/erp-contract.md, Delivery addresses)."""
import pytest

from backoffice.accounts.models import Address, Company
from tests.erp.conftest import imported, pkgs  # noqa: F401  (fixtures)
from tests.erp.helpers import SUCCESS
from tests.erp.packages import base_files

from .conftest import customer_address

pytestmark = pytest.mark.django_db


def _with_address(files, **address):
    k1 = files["customers.jsonl"][0]
    k1["shipping_addresses"] = [*k1.get("shipping_addresses", []), {"street": "ul. Nowa 7", "postal_code": "90-123", "city": "Łódź",
                                                                     "country": "PL", **address}]
    return files


def test_platform_id_links_the_customers_address_to_the_erp_id(pkgs, imported):
    company = Company.objects.get(erp_id="K1")
    own = customer_address(company, status=Address.Status.APPROVED)
    run = pkgs.sync(_with_address(base_files(), erp_id="A9", platform_id=str(own.pk)))
    assert run.status == SUCCESS, list(run.errors.values_list("reason", flat=True))
    own.refresh_from_db()
    assert (own.erp_id, own.is_active, own.status) == ("A9", True, "approved")
    assert Address.objects.filter(company=company, street="ul. Nowa 7").count() == 1  # one row, now the ERP's


def test_an_unknown_or_foreign_platform_id_adds_the_erp_row_as_usual(pkgs, imported, make_user):
    stranger = make_user("customer")
    theirs = customer_address(stranger.company, status=Address.Status.APPROVED)
    run = pkgs.sync(_with_address(base_files(), erp_id="A8", platform_id=str(theirs.pk)))
    assert run.status == SUCCESS
    theirs.refresh_from_db()
    assert theirs.erp_id is None  # another company's row is never touched
    assert Address.objects.get(company__erp_id="K1", erp_id="A8").street == "ul. Nowa 7"
