"""Sending statements to an external Learning Record Store: a real HTTP server started here,
retries after failures, each statement id stored once however often delivery runs, and nothing
sent anywhere while no store is configured."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services.deletion import account_delete
from events.services import event_register
from learningrecords.delivery import DeliveryFailed, statements_deliver, statements_queue
from learningrecords.models import LearnerAccount, StatementDelivery
from learningrecords.statements import learner_statements
from learningrecords.tasks import statement_delivery_sweep, statements_sync_task
from tests import factories
from tests.learningrecords.support import (
    LRS_KEY,
    LRS_SECRET,
    LearningRecordStore,
    LrsServer,
    give_records,
    make_course_with_lessons,
    play,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_course_with_lessons()


@pytest.fixture
def store():
    return LearningRecordStore()


@pytest.fixture(autouse=True)
def eager_retries():
    """Tasks run in process here (CELERY_TASK_ALWAYS_EAGER); Celery then runs a retry at once,
    in process too, but only when errors are not propagated to the caller at the first raise."""
    conf = statements_sync_task.app.conf
    propagates = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = propagates


@pytest.fixture
def lrs(settings, store):
    with LrsServer(store) as server:
        settings.XAPI_LRS_ENDPOINT = server.endpoint
        settings.XAPI_LRS_KEY = LRS_KEY
        settings.XAPI_LRS_SECRET = LRS_SECRET
        settings.XAPI_LRS_TIMEOUT = 5
        yield server


def learner_with_records(site, django_capture_on_commit_callbacks, email="aino@example.org"):
    user = factories.make_learner(email)
    with django_capture_on_commit_callbacks(execute=True):
        give_records(user, site)
    return user


def test_records_reach_the_store_once_each_after_it_failed_twice(
    lrs, store, site, django_capture_on_commit_callbacks
):
    store.fail_first = 2
    user = learner_with_records(site, django_capture_on_commit_callbacks)

    ids = {statement["id"] for statement in learner_statements(user)}
    assert set(store.statements) == ids
    assert store.answers.count(503) == 2  # the task retried past both failures
    assert sorted(store.answers).count(200) == len(ids)
    assert not StatementDelivery.objects.pending().exists()
    # What the store holds is what the learner's own copy says.
    assert [store.statements[s["id"]] for s in learner_statements(user)] == learner_statements(user)


def test_running_the_task_again_sends_nothing_twice(
    lrs, store, site, django_capture_on_commit_callbacks
):
    user = learner_with_records(site, django_capture_on_commit_callbacks)
    answered = len(store.answers)

    assert statements_sync_task.delay(user.pk).get() == 0
    assert statements_sync_task.delay(user.pk).get() == 0
    assert statement_delivery_sweep.delay().get() == 0
    assert len(store.answers) == answered
    assert StatementDelivery.objects.count() == len(store.statements)


def test_a_statement_posted_before_a_crash_is_not_stored_twice(
    lrs, store, site, django_capture_on_commit_callbacks
):
    """The store took it but the worker died before marking it sent: the store answers 409
    to the second post, and that counts as delivered."""
    user = learner_with_records(site, django_capture_on_commit_callbacks)
    row = StatementDelivery.objects.filter(user=user).first()
    StatementDelivery.objects.filter(pk=row.pk).update(sent_at=None)

    assert statements_sync_task.delay(user.pk).get() == 1
    assert store.answers[-1] == 409
    assert not StatementDelivery.objects.pending().exists()
    assert len(store.statements) == StatementDelivery.objects.count()


def test_new_progress_sends_only_the_new_statements(
    lrs, store, site, django_capture_on_commit_callbacks
):
    user = learner_with_records(site, django_capture_on_commit_callbacks)
    before = set(store.statements)
    lesson = site["modules"][1].get_children().specific().first()  # a video not started yet
    with django_capture_on_commit_callbacks(execute=True):
        play(user, lesson, position=30, played=30, now=timezone.now())
    new = set(store.statements) - before
    assert len(new) == 2  # launched, and the first quarter reached
    assert len(store.answers) == len(store.statements)


def test_a_store_that_keeps_failing_leaves_the_statements_waiting_for_the_sweep(
    lrs, store, site, django_capture_on_commit_callbacks
):
    store.fail_first = 1000
    user = learner_with_records(site, django_capture_on_commit_callbacks)
    waiting = StatementDelivery.objects.pending().filter(user=user)
    assert waiting.count() == len(learner_statements(user))
    assert store.statements == {}
    first = waiting.order_by("created_at", "pk").first()
    assert first.attempts > 1 and "503" in first.last_error

    store.fail_first = 0
    count = waiting.count()
    assert statement_delivery_sweep.delay().get() == count
    assert not StatementDelivery.objects.pending().exists()
    assert set(store.statements) == {s["id"] for s in learner_statements(user)}


def test_the_sweep_queues_and_sends_what_a_lost_task_would_have(lrs, store, site):
    """Records saved while the broker was down: no task ran (in this test's transaction, the
    on-commit hooks never do), so nothing was queued for these learners."""
    recent = factories.make_learner("aino@example.org")
    give_records(recent, site, now=timezone.now() - timedelta(minutes=5))
    earlier = factories.make_learner("bo@example.org")
    give_records(earlier, site, now=timezone.now() - timedelta(days=2))
    assert not StatementDelivery.objects.exists()

    sent = statement_delivery_sweep.delay().get()

    expected = {statement["id"] for statement in learner_statements(recent)}
    assert sent == len(expected) and set(store.statements) == expected
    # Changes older than three sweeps' time were the tasks' and earlier sweeps' business.
    assert not StatementDelivery.objects.filter(user=earlier).exists()
    assert statement_delivery_sweep.delay().get() == 0  # and nothing twice


def test_wrong_credentials_are_a_failure_not_a_delivery(
    settings, lrs, store, site, django_capture_on_commit_callbacks
):
    settings.XAPI_LRS_SECRET = "not-the-secret"
    user = factories.make_learner()
    give_records(user, site)
    statements_queue(user=user)
    with pytest.raises(DeliveryFailed, match="401"):
        statements_deliver(user_id=user.pk)
    assert store.statements == {}


def test_nothing_is_queued_or_sent_without_a_store(
    settings, store, site, django_capture_on_commit_callbacks
):
    settings.XAPI_LRS_ENDPOINT = ""
    with LrsServer(store):
        user = learner_with_records(site, django_capture_on_commit_callbacks)
        assert statements_sync_task.delay(user.pk).get() == 0
        assert statement_delivery_sweep.delay().get() == 0
    assert store.answers == []
    assert not StatementDelivery.objects.exists()


def test_a_registration_is_sent_when_it_is_made(
    lrs, store, site, django_capture_on_commit_callbacks
):
    user = factories.make_learner()
    with django_capture_on_commit_callbacks(execute=True):
        event_register(event=site["event"], user=user, now=timezone.now() - timedelta(minutes=1))
    (statement,) = store.statements.values()
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"


def test_deleting_the_account_deletes_its_name_and_its_deliveries(
    lrs, store, site, django_capture_on_commit_callbacks
):
    user = learner_with_records(site, django_capture_on_commit_callbacks)
    other = learner_with_records(site, django_capture_on_commit_callbacks, "other@example.net")
    assert StatementDelivery.objects.filter(user=user).exists()

    result = account_delete(user=user)

    assert result.erased["learningrecords.StatementDelivery"] > 0
    assert result.erased["learningrecords.LearnerAccount"] == 1
    assert not StatementDelivery.objects.filter(user_id=result.account_id).exists()
    assert not LearnerAccount.objects.filter(user_id=result.account_id).exists()
    assert StatementDelivery.objects.filter(user=other).exists()
