"""Sending learners' statements to the external Learning Record Store an administrator configured.

Nothing here runs unless XAPI_LRS_ENDPOINT is set. Then every statement is written once to the
outbox (StatementDelivery, unique by statement id) and posted from there:

- `statements_queue` adds the learner's statements the outbox does not hold yet; a statement
  already queued keeps the content it was queued with (a store keeps a statement as it first
  received it); `statements_queue_recent` does it for every learner whose records changed
  lately, for the sweep, so that a task the broker lost costs a delay, never a statement;
- `statements_deliver` claims one waiting row at a time (SELECT ... FOR UPDATE SKIP LOCKED, so
  two workers never post the same row), posts it with `X-Experience-API-Version: 1.0.3`, and
  marks it sent in the same transaction when the store answers 2xx, or 409 (it holds that id
  already: a crash after an earlier post). A sent row is never posted again, so running the
  delivery twice sends nothing twice. Any other answer, or no answer, leaves the row waiting
  and raises DeliveryFailed, for the task to retry with backoff.
"""

import base64
import json
import logging
import urllib.error
import urllib.request
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import LessonProgress
from events.models import EventRegistration
from learningrecords.models import StatementDelivery
from learningrecords.statements import VERSION, learner_statements

logger = logging.getLogger(__name__)

DELIVERY_BATCH = 500  # rows one run posts at most; the next run takes the rest
ALREADY_STORED = 409


class DeliveryFailed(Exception):
    """The store did not take a statement; the message says what it answered."""


def lrs_configured() -> bool:
    return bool(settings.XAPI_LRS_ENDPOINT)


def statements_url() -> str:
    return settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements"


def statements_queue(*, user, now: datetime | None = None) -> int:
    """Queue the learner's statements that are not in the outbox yet; returns how many."""
    if not lrs_configured():
        return 0
    now = now or timezone.now()
    queued = set(StatementDelivery.objects.filter(user=user).values_list("statement_id", flat=True))
    new = [
        StatementDelivery(
            statement_id=statement["id"], user=user, statement=statement, created_at=now
        )
        for statement in learner_statements(user)
        if statement["id"] not in {str(ident) for ident in queued}
    ]
    # A concurrent run may queue the same ids: the unique id keeps one row, the other is skipped.
    StatementDelivery.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def statements_queue_recent(*, since: datetime) -> int:
    """Queue the statements of every learner whose progress or registrations changed since
    `since`; returns how many. The task enqueued after each change does this for one learner;
    when the broker lost that task, this is what still queues them."""
    if not lrs_configured():
        return 0
    changed = LessonProgress.objects.filter(updated_at__gte=since).values("user_id")
    registered = EventRegistration.objects.filter(updated_at__gte=since).values("user_id")
    learners = get_user_model().objects.filter(pk__in=changed.union(registered))
    return sum(statements_queue(user=user) for user in learners.iterator())


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirected POST would arrive as a GET without its statement: count it as a failure."""

    def redirect_request(self, *args, **kwargs):
        return None


def _authorization() -> str:
    pair = f"{settings.XAPI_LRS_KEY}:{settings.XAPI_LRS_SECRET}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


def statement_post(statement: dict) -> int:
    """POST one statement; the store's status when it took it (or already had it)."""
    url = statements_url()
    if urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryFailed("XAPI_LRS_ENDPOINT must be an http or https address")
    request = urllib.request.Request(
        url,
        data=json.dumps(statement).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION,
            "Authorization": _authorization(),
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=settings.XAPI_LRS_TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if error.code == ALREADY_STORED:
            return error.code
        raise DeliveryFailed(f"the store answered {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryFailed(f"the store could not be reached: {error}") from error


def _deliver_next(pending) -> bool | DeliveryFailed:
    """Claim and post the next waiting row: True when sent, False when none is left, or the
    failure (recorded on the row, which stays waiting)."""
    with transaction.atomic():
        row = pending.select_for_update(skip_locked=True).order_by("created_at", "pk").first()
        if row is None:
            return False
        row.attempts += 1
        try:
            statement_post(row.statement)
        except DeliveryFailed as error:
            row.last_error = str(error)[:255]
            row.save(update_fields=["attempts", "last_error"])
            return error
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "last_error", "sent_at"])
        return True


def statements_deliver(*, user_id: int | None = None, limit: int = DELIVERY_BATCH) -> int:
    """Post waiting statements (one learner's, or everyone's) until none is left or `limit`
    were sent; returns how many were sent. Raises DeliveryFailed at the first failure."""
    if not lrs_configured():
        return 0
    pending = StatementDelivery.objects.pending()
    if user_id is not None:
        pending = pending.filter(user_id=user_id)
    sent = 0
    while sent < limit:
        outcome = _deliver_next(pending)
        if outcome is False:
            break
        if isinstance(outcome, DeliveryFailed):
            logger.warning("xAPI statement not delivered (%s); it waits for a retry", outcome)
            raise outcome
        sent += 1
    return sent
