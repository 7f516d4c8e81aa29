import pytest

from backoffice.catalog.models import Warehouse


@pytest.fixture
def warehouses(db):
    local = Warehouse.objects.create(erp_id="MAG-1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="DOST-1", name="Dostawca", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=5, lead_time_days_max=7)
    return local, supplier
