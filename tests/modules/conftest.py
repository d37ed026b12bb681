"""Fixtures shared by the modules tests: a course's first module, and an editor-in-chief signed
in to the admin (a superuser; staff get an authenticator app from tests/conftest.py)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_course, make_module


@pytest.fixture
def module(db):
    return make_module(make_course(), 1)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor-in-chief@example.org", "pw")
    client.force_login(user)
    return client
