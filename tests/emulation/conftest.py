import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """These tests read the services' messages and summaries in their source language."""
    with translation.override("en"):
        yield
