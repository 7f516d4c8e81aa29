import pytest
from django.conf import settings


@pytest.fixture
def client(client):
    """The back office in English: messages are asserted by their source wording, which stays
    true after the Polish translation is added."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
