"""R08 analytics stay the customer's own: a rep acting as the customer records no events."""
from backoffice.engagement.models import CustomerEvent


def test_acting_records_no_login_nor_page_events(rep_client, world, acting):
    response = rep_client.get(f"/catalog/c/{world.leaf.pk}/")
    assert response.status_code == 200
    assert not CustomerEvent.objects.exists()


def test_the_customer_browsing_on_their_own_is_recorded(client, world):
    client.force_login(world.user)
    client.get(f"/catalog/c/{world.leaf.pk}/")
    assert CustomerEvent.objects.filter(kind=CustomerEvent.Kind.CATEGORY_VIEW, user=world.user).count() == 1
