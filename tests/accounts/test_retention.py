"""Retention runs by itself: each rule removes exactly what has outlived its time, no more."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from accounts.data_registry import declarations
from accounts.retention import (
    personal_data_prune,
    sessions_clear_expired,
    unverified_accounts_delete,
)
from accounts.tasks import personal_data_prune_task
from courses.models import Enrolment, ReminderSend
from mailing.messages import outbox_email_from_message
from mailing.models import OutboxEmail
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
User = get_user_model()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def joined(email, age, **extra):
    user = factories.make_learner(email, **extra)
    User.objects.filter(pk=user.pk).update(date_joined=NOW - age)
    return user


def emails():
    return set(User.objects.values_list("email", flat=True))


def queue(address, subject="Confirm your address"):
    """An email waiting in the outbox (written as the outbox backend writes it)."""
    outbox_email_from_message(EmailMessage(subject, "a link", to=[address])).save()


def test_unverified_accounts_are_deleted_after_seven_days_exactly(frozen):
    joined("young@example.org", timedelta(days=6, hours=23), verified=False)
    joined("old@example.org", timedelta(days=7, seconds=1), verified=False)
    no_address = User.objects.create_user(email="noaddress@example.org", password="x" * 20)
    User.objects.filter(pk=no_address.pk).update(date_joined=NOW - timedelta(days=30))
    joined("verified@example.org", timedelta(days=400))

    assert unverified_accounts_delete(now=frozen) == 2
    assert emails() == {"young@example.org", "verified@example.org"}


def test_a_second_unverified_address_does_not_save_an_account_nor_a_verified_one_lose_it(frozen):
    mixed = joined("mixed@example.org", timedelta(days=10))
    mixed.emailaddress_set.create(email="other@example.org", verified=False)

    assert unverified_accounts_delete(now=frozen) == 0
    assert emails() == {"mixed@example.org"}


def test_staff_and_superusers_are_never_deleted_for_want_of_a_verified_address(frozen):
    joined("editor@example.org", timedelta(days=30), verified=False, is_staff=True)
    admin = User.objects.create_superuser(email="admin@example.org", password="x" * 20)
    User.objects.filter(pk=admin.pk).update(date_joined=NOW - timedelta(days=30))

    assert unverified_accounts_delete(now=frozen) == 0
    assert emails() == {"editor@example.org", "admin@example.org"}


def test_an_unverified_accounts_undelivered_email_goes_with_it(frozen):
    joined("gone@example.org", timedelta(days=8), verified=False)
    queue("gone@example.org")
    queue("someone.else@example.org")

    unverified_accounts_delete(now=frozen)

    assert list(OutboxEmail.objects.values_list("to", flat=True)) == [["someone.else@example.org"]]


def test_expired_sessions_are_cleared_and_live_ones_kept(frozen):
    expired, live = SessionStore(), SessionStore()
    for store in (expired, live):
        store["visited"] = True
        store.create()
    Session.objects.filter(pk=expired.session_key).update(expire_date=NOW - timedelta(seconds=1))
    Session.objects.filter(pk=live.session_key).update(expire_date=NOW + timedelta(seconds=1))

    assert sessions_clear_expired(now=frozen) == 1
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]


def reminder(enrolment, period, age):
    return ReminderSend.objects.create(
        user=enrolment.user, enrolment=enrolment, period=period, claimed_at=NOW - age
    )


@pytest.fixture
def enrolment():
    course = factories.make_course()
    learner = factories.make_learner()
    return Enrolment.objects.create(
        user=learner, course=course, started_at=NOW, last_activity_at=NOW
    )


def test_reminder_records_are_kept_for_a_year_and_then_deleted(frozen, enrolment):
    kept = reminder(enrolment, "p364", timedelta(days=364))
    reminder(enrolment, "p366", timedelta(days=366))

    report = personal_data_prune(now=frozen)

    assert report.removed["courses.ReminderSend"] == 1
    assert list(ReminderSend.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_emails_given_up_on_are_deleted_after_the_outbox_period(frozen):
    days = settings.OUTBOX_FAILED_RETENTION_DAYS
    for address in ("old@example.org", "recent@example.org", "waiting@example.org"):
        queue(address)
    OutboxEmail.objects.filter(to=["old@example.org"]).update(
        failed_at=NOW - timedelta(days=days, seconds=1)
    )
    OutboxEmail.objects.filter(to=["recent@example.org"]).update(
        failed_at=NOW - timedelta(days=days - 1)
    )

    report = personal_data_prune(now=frozen)

    assert report.removed["mailing.OutboxEmail"] == 1
    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == [
        ["recent@example.org"],
        ["waiting@example.org"],
    ]


def test_every_declaration_with_a_period_is_pruned(frozen):
    report = personal_data_prune(now=frozen)

    with_period = {entry.model for entry in declarations() if entry.retention_period}
    assert with_period >= {"courses.ReminderSend", "mailing.OutboxEmail"}
    assert with_period <= set(report.removed)


def test_the_command_says_what_it_removed(frozen, enrolment):
    joined("old@example.org", timedelta(days=9), verified=False)
    reminder(enrolment, "p400", timedelta(days=400))
    out = StringIO()

    call_command("prune_personal_data", stdout=out)

    lines = out.getvalue().splitlines()
    assert "unverified accounts: 1 removed" in lines
    assert "expired sessions: 0 removed" in lines
    assert "courses.ReminderSend: 1 removed" in lines
    assert "mailing.OutboxEmail: 0 removed" in lines
    assert lines[-1] == "Removed 2 in all."


def test_beat_runs_the_task_daily_and_the_task_prunes(frozen):
    entry = settings.CELERY_BEAT_SCHEDULE["personal-data-prune"]
    assert entry["task"] == "accounts.tasks.personal_data_prune_task"
    assert entry["schedule"] == 24 * 60 * 60
    joined("old@example.org", timedelta(days=8), verified=False)

    removed = personal_data_prune_task.apply().get()

    assert removed["unverified accounts"] == 1
    assert not User.objects.exists()
