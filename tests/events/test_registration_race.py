"""Concurrent registrations on PostgreSQL: the last seat goes to exactly one learner.

Each thread has its own database connection and they all start together at a barrier, so the
registrations really overlap on the server; the lock on the event's state row is what keeps the
capacity.
"""

import threading

import pytest
from django.db import connection

from events.models import EventRegistration, RegistrationStatus
from events.services import event_register, event_registration_cancel
from tests.events.factories import make_event, make_event_index
from tests.factories import make_course, make_learner

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 16


def race(targets):
    barrier = threading.Barrier(len(targets))
    results, errors = [], []

    def run(target):
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_concurrent_registrations_for_the_last_seat_never_overbook(require_postgres):
    event = make_event(make_event_index(make_course()), capacity=3)
    early = [make_learner(f"early{n}@example.org") for n in range(2)]
    for user in early:
        event_register(event=event, user=user)
    racers = [make_learner(f"racer{n}@example.org") for n in range(WORKERS)]

    results, errors = race([lambda u=u: event_register(event=event, user=u) for u in racers])

    assert errors == []
    outcomes = sorted(result.outcome for result in results)
    assert outcomes == ["registered"] + ["waitlisted"] * (WORKERS - 1)
    registered = EventRegistration.objects.filter(event=event).registered()
    assert registered.count() == 3
    assert EventRegistration.objects.filter(event=event).waitlisted().count() == WORKERS - 1


def test_concurrent_cancellations_hand_each_freed_seat_to_one_waiting_person(require_postgres):
    event = make_event(make_event_index(make_course()), capacity=4)
    seated = [make_learner(f"seated{n}@example.org") for n in range(4)]
    waiting = [make_learner(f"waiting{n}@example.org") for n in range(6)]
    for user in seated + waiting:
        event_register(event=event, user=user)

    targets = [lambda u=u: event_registration_cancel(event=event, user=u) for u in seated]
    targets += [lambda u=u: event_register(event=event, user=u) for u in waiting]
    results, errors = race(targets)

    assert errors == []
    rows = EventRegistration.objects.filter(event=event)
    assert rows.registered().count() == 4
    promoted = {r.user for r in rows.filter(status=RegistrationStatus.REGISTERED)}
    assert promoted == set(waiting[:4])  # first come, first served
    assert {r.user for r in rows.waitlisted()} == set(waiting[4:])
