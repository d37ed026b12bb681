"""A learner's records as xAPI 1.0.3 statements: valid by the specification's rules, stable ids,
an actor that says nothing about who the learner is, and a fixed cost."""

import json
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services.progress import lesson_progress_complete
from learningrecords.statements import (
    PROGRESS_EXTENSION,
    VERBS,
    iso_duration,
    learner_statements,
    site_namespace,
)
from tests import factories
from tests.learningrecords.support import (
    give_records,
    make_course_with_lessons,
    play,
    statement_errors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_course_with_lessons()


@pytest.fixture
def learner(site):
    user = factories.make_learner("aino@example.org", language="fi")
    return user, give_records(user, site)


def by_verb(statements, activity_id):
    return {
        statement["verb"]["id"].rsplit("/", 1)[-1]: statement
        for statement in statements
        if statement["object"]["id"] == activity_id
    }


def test_every_statement_follows_the_xapi_rules(learner):
    user, _lessons = learner
    statements = learner_statements(user)
    assert statements
    for statement in statements:
        assert statement_errors(statement) == [], statement
        # Version 5 UUIDs: derived from the record, not random.
        assert uuid.UUID(statement["id"]).version == 5
        # Exactly one identifier of the person, and it is the account on this site.
        identifiers = {"mbox", "mbox_sha1sum", "openid", "account"} & set(statement["actor"])
        assert identifiers == {"account"}
    assert len({statement["id"] for statement in statements}) == len(statements)


def test_the_statements_say_what_the_learner_did(learner, site):
    user, lessons = learner
    statements = learner_statements(user)
    video = by_verb(statements, lessons["video"].get_full_url())
    audio = by_verb(statements, lessons["audio"].get_full_url())
    written = by_verb(statements, lessons["written"].get_full_url())
    event = by_verb(statements, site["event"].get_full_url())

    assert set(video) == {"launched", "progressed", "completed"}
    assert video["completed"]["result"]["completion"] is True
    assert video["completed"]["result"]["duration"] == "PT2M30S"  # 150 s played
    assert video["progressed"]["result"]["extensions"] == {PROGRESS_EXTENSION: 0.75}
    assert set(audio) == {"launched", "progressed"}
    assert audio["progressed"]["result"] == {
        "completion": False,
        "duration": "PT30S",
        "extensions": {PROGRESS_EXTENSION: 0.5},
    }
    assert set(written) == {"launched", "completed"}  # no media: no quarters
    assert set(event) == {"registered"}

    lesson = video["completed"]
    assert lesson["verb"] == {"id": VERBS["completed"], "display": {"en": "completed"}}
    assert lesson["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/lesson"
    assert lesson["object"]["definition"]["name"] == {"en": lessons["video"].title}
    module, course = site["modules"][0], site["course"]
    assert lesson["context"]["language"] == "fi"
    assert lesson["context"]["contextActivities"]["parent"][0]["id"] == module.get_full_url()
    assert lesson["context"]["contextActivities"]["grouping"][0]["id"] == course.get_full_url()
    meeting = event["registered"]["object"]["definition"]
    assert meeting["type"] == "http://adlnet.gov/expapi/activities/meeting"


def test_ids_and_the_learners_name_are_stable_and_say_nothing_about_the_person(learner, site):
    user, _lessons = learner
    first, again = learner_statements(user), learner_statements(user)
    assert [s["id"] for s in first] == [s["id"] for s in again]
    names = {statement["actor"]["account"]["name"] for statement in first}
    assert len(names) == 1
    text = json.dumps(first)
    assert user.email not in text and "aino" not in text.lower()

    other = factories.make_learner("bertil@example.net")
    give_records(other, site)
    theirs = learner_statements(other)
    assert {s["actor"]["account"]["name"] for s in theirs}.isdisjoint(names)
    assert {s["id"] for s in theirs}.isdisjoint({s["id"] for s in first})


def test_a_new_quarter_is_a_new_statement(site):
    user = factories.make_learner()
    audio = site["modules"][0].get_children().specific()[1]
    start = timezone.now() - timedelta(hours=1)
    play(user, audio, position=30, played=30, now=start)
    before = {s["id"] for s in learner_statements(user) if s["verb"]["id"] == VERBS["progressed"]}
    play(user, audio, position=60, played=30, now=start + timedelta(minutes=1))
    after = {s["id"] for s in learner_statements(user) if s["verb"]["id"] == VERBS["progressed"]}
    assert len(before) == len(after) == 1 and before != after


def test_ids_are_derived_in_the_sites_own_namespace(settings):
    settings.SITE_URL = "https://one.example.org"
    one = site_namespace()
    settings.SITE_URL = "https://two.example.org"
    assert site_namespace() != one


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (30, "PT30S"), (95.5, "PT1M35.5S"), (3725.25, "PT1H2M5.25S"), (3600, "PT1H")],
)
def test_durations_are_iso_8601(seconds, text):
    assert iso_duration(seconds) == text


def test_statements_cost_the_same_queries_for_few_records_or_many(site):
    few = factories.make_learner("few@example.org")
    give_records(few, site)
    many = factories.make_learner("many@example.org")
    give_records(many, site)
    for lesson in site["modules"][1].get_children().specific():
        lesson_progress_complete(user=many, lesson=lesson, now=timezone.now())
    learner_statements(few), learner_statements(many)  # each account's name exists now
    with CaptureQueriesContext(connection) as small:
        small_count = len(learner_statements(few))
    with CaptureQueriesContext(connection) as big:
        big_count = len(learner_statements(many))
    assert big_count > small_count
    assert len(small.captured_queries) == len(big.captured_queries)
