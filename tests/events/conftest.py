import pytest

from tests.events.factories import make_event, make_event_index
from tests.factories import make_course


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def index(course):
    return make_event_index(course)


@pytest.fixture
def event(index):
    return make_event(index, capacity=2)
