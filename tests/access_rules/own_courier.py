"""Access-matrix rules of the own_courier area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

L06: the label a buyer uploaded for their own courier is streamed to staff who may see the
Logistics section's labels (own_courier.view_owncourierlabel: administrators by role, others by
a granted permission; no other staff role has Logistics). Buyers never reach the back office.
"""
from tests.access_matrix_rules import ADMIN_WALL, Rule, S

RULES: tuple[Rule, ...] = (
    Rule(
        "admin-own-courier-label-download",
        names=("admin:own_courier_owncourierlabel_download",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/own_courier/owncourierlabel/{own_courier_label}/download/", staff="403", admin="ok"),
            S("/admin/own_courier/owncourierlabel/999999/download/", staff="403", admin="404"),
        ),
    ),
)


def world(users, values) -> dict:
    """An order of the customer's company with a stored label."""
    from django.core.files.base import ContentFile

    from backoffice.orders.models import Order
    from backoffice.own_courier.models import OwnCourierLabel

    order = Order.objects.create(company=users["customer"].company, number="MATRIX/OWN-COURIER/1", placed_by=users["customer"],
                                 delivery_method="own_courier")
    content = b"%PDF-1.4\n%%EOF\n"
    label = OwnCourierLabel(order=order, original_name="label.pdf", content_type="application/pdf", size=len(content), sha256="0" * 64,
                            number="DPD123", carrier="DPD")
    label.file.save("label.pdf", ContentFile(content), save=False)
    label.save()
    return {"own_courier_label": label.pk}
