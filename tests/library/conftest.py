"""Fixtures for the library, expert and theme pages: a small course with a library in it."""

import pytest
from django.contrib.auth import get_user_model

from modules.models import ModulePage
from tests.factories import ThemeFactory, extend_course, make_course
from tests.library.factories import make_library


@pytest.fixture
def course(db):
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=3)
    return course


@pytest.fixture
def modules(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


@pytest.fixture
def library(course):
    return make_library(course)


@pytest.fixture
def mobility(db):
    return ThemeFactory(name="Mobility", slug="mobility", description="Moving around the city.")


@pytest.fixture
def inclusion(db):
    return ThemeFactory(name="Inclusion", slug="inclusion", description="Nobody left behind.")


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("librarian@example.org", "pw")
    client.force_login(user)
    return client
