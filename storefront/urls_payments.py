"""Online payment (F03): start, return from the gateway, the gateway's notifications."""

urlpatterns: list = []
