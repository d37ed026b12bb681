"""Sending one reminder, or one event email: claim first, then send, then record; never twice.

The claim is a unique (learner, kind, period) row. A repeated sweep, a retried task or a message
the broker delivers again all meet the same row: the first to lock it sends and marks it sent,
the others find it sent and stop. Claim, send and record are one transaction: a worker killed
mid-send leaves no row at all (its transaction is rolled back), and the redelivered message, or
the next sweep, sends it. Killed in the few milliseconds between the mail server's acceptance
and the commit, the learner gets the email twice: no order of these steps closes that window,
and committing before sending would lose emails instead, in a much longer one.
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from courses.models import Enrolment, ReminderPreference, ReminderSend, ReminderStatus
from courses.reminders.emails import reminder_message
from mailing.delivery import TEMPORARY_ERRORS, TemporarySendFailure, deliver, is_permanent


def still_due(enrolment: Enrolment, period: str) -> bool:
    if enrolment.completed_at is not None or not enrolment.user.is_active:
        return False
    if not Enrolment.objects.filter(pk=enrolment.pk).exists():
        return False  # erased with its learner's account since the task read it
    preference = ReminderPreference.objects.filter(user_id=enrolment.user_id).first()
    if preference is not None and not preference.enabled:
        return False
    activity = enrolment.last_activity_at.strftime("%Y%m%dT%H%M%S.%f")
    return period.startswith(f"course-{enrolment.course_id}:{activity}:")


def learner_hold(user_id: int) -> bool:
    """Whether the learner's account still exists, holding it until the end of
    the transaction so that it cannot be deleted meanwhile.

    An account being deleted (accounts.services.deletion) is locked first: this waits for the
    deletion to commit and then finds no one, so an email queued before the deletion sends
    nothing. On PostgreSQL the hold is FOR KEY SHARE, which blocks only deleting the row, not
    the learner's own updates (signing in writes last_login) while the mail server answers."""
    accounts = get_user_model().objects.filter(pk=user_id).values("pk")
    if connection.vendor != "postgresql":
        return accounts.exists()
    sql, params = accounts.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR KEY SHARE", params)
        return cursor.fetchone() is not None


def claimed_send(
    *,
    user_id: int,
    kind: str,
    period: str,
    about: dict,
    still_due: Callable[[], bool],
    message: Callable[[ReminderSend], EmailMessage],
    now: datetime,
) -> str:
    """Send one email to a learner at most once: claim the unique (user, kind, period) record,
    lock it, check the email is still due, send, and mark it sent, all in one transaction.

    `about` fills the new claim (its enrolment or event, and what made it due); `still_due` is
    asked under the lock, `message` builds the email from the locked claim. Every email that
    must go out once (course reminders, event updates, cancellations and reminders) goes
    through here. Returns "sent", "already", "skipped" or "failed"; raises
    TemporarySendFailure when the mail server may accept it later."""
    with transaction.atomic():
        if not learner_hold(user_id):
            return "skipped"  # the account was deleted: there is no one to write to
        claim, _ = ReminderSend.objects.get_or_create(
            user_id=user_id,
            kind=kind,
            period=period,
            defaults={**about, "claimed_at": now},
        )
        claim = ReminderSend.objects.select_for_update().get(pk=claim.pk)
        if claim.status != ReminderStatus.CLAIMED:
            return "already"
        if not still_due():
            claim.status = ReminderStatus.SKIPPED
            claim.save(update_fields=["status"])
            return "skipped"
        claim.attempts += 1
        try:
            # Straight to the mail server, not through the outbox: the claim needs its answer.
            deliver(message(claim))
        except TEMPORARY_ERRORS as error:
            if not is_permanent(error):
                raise TemporarySendFailure(str(error)) from error
            claim.status = ReminderStatus.FAILED
            claim.error = f"{type(error).__name__}: {error}"[:2000]
            claim.save(update_fields=["status", "error", "attempts"])
            return "failed"
        claim.status = ReminderStatus.SENT
        claim.sent_at = now
        claim.save(update_fields=["status", "sent_at", "attempts"])
    return "sent"


def claim_mark_failed(*, user_id: int, kind: str, period: str, about: dict, reason: str) -> None:
    """Record that retries ran out, so the record says why the learner got nothing."""
    claim, _ = ReminderSend.objects.get_or_create(
        user_id=user_id,
        kind=kind,
        period=period,
        defaults={**about, "claimed_at": timezone.now()},
    )
    ReminderSend.objects.filter(pk=claim.pk, status=ReminderStatus.CLAIMED).update(
        status=ReminderStatus.FAILED, error=reason[:2000]
    )


def reminder_send(*, enrolment_id: int, period: str, now: datetime | None = None) -> str:
    """Send the reminder for one learner and period, at most once. Returns what happened:
    "sent", "already" (sent or settled before), "skipped" (no longer due) or "failed"
    (permanently refused). Raises TemporarySendFailure when the mail server may accept later."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_related("user", "course").filter(pk=enrolment_id).first()
    if enrolment is None:
        return "skipped"
    return claimed_send(
        user_id=enrolment.user_id,
        kind=ReminderSend.KIND_COURSE_INACTIVITY,
        period=period,
        about={"enrolment": enrolment, "last_activity_at": enrolment.last_activity_at},
        still_due=lambda: still_due(enrolment, period),
        message=lambda claim: reminder_message(enrolment=enrolment, claim=claim),
        now=now,
    )


def reminder_mark_failed(*, enrolment_id: int, period: str, reason: str) -> None:
    """Record that retries ran out, so the record says why the learner got nothing."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return
    claim_mark_failed(
        user_id=enrolment.user_id,
        kind=ReminderSend.KIND_COURSE_INACTIVITY,
        period=period,
        about={"enrolment": enrolment, "last_activity_at": enrolment.last_activity_at},
        reason=reason,
    )
