import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_labels():
    """Rule labels are translated; these tests read the English ones (the UI default is Polish)."""
    with translation.override("en"):
        yield
