"""Hand-built learners with known answers for the insights figures.

Twelve learners enrol in a course of one module with a video lecture (95 s long) and a written
lesson, all at T0:
- nine start the video: five watch it to the end (and complete it), three stop at 20 s, and one
  jumps to the end having played only 10 s; so at 10% nine are playing, at 20% eight, from 30%
  on five;
- seven open the written lesson (the five watchers and two who stopped at 20 s), six mark it
  complete; the five watchers thereby complete the module, learner i (1..5) i days after T0;
- five complete the course, learner i (1..5) 2·i days after T0;
- roles: seven officials, three researchers, two not stated; countries: six FI, five SE, one NO;
- six learners were sent one course reminder each at T0 + 10 days, five of them came back
  within 7 days; three reminders went to a seventh learner, who never came back.
- an event with six seats taken, five on the waiting list and two cancellations.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model

from courses.models import Enrolment, LessonProgress, ReminderPreference, ReminderSend
from events.models import EventRegistration
from tests.events.factories import make_event, make_event_index
from tests.factories import make_course, make_lesson, make_module

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a Wednesday; its week starts 2026-03-02
DAY = timedelta(days=1)


@dataclass
class Known:
    course: object
    module: object
    video: object
    written: object
    event: object
    learners: list = field(default_factory=list)


def build_known() -> Known:
    course = make_course()
    module = make_module(course, 1)
    video = make_lesson(module, "the-video", kind="video")
    written = make_lesson(module, "the-reading", kind="written")
    event = make_event(make_event_index(course))
    known = Known(course, module, video, written, event)

    roles = ["official"] * 7 + ["researcher"] * 3 + [""] * 2
    countries = ["FI"] * 6 + ["SE"] * 5 + ["NO"]
    users = get_user_model().objects
    for i in range(12):
        learner = users.create_user(
            email=f"learner{i}@example.org", password="x", role=roles[i], country=countries[i]
        )
        known.learners.append(learner)
        done = T0 + 2 * (i + 1) * DAY if i < 5 else None
        Enrolment.objects.create(
            user=learner,
            course=course,
            started_at=T0,
            last_activity_at=done or T0,
            completed_at=done,
        )

    def progress(learner, lesson, *, position=0, played=0, completed=None):
        LessonProgress.objects.create(
            user=learner,
            lesson=lesson,
            position=position,
            seconds_played=played,
            created_at=T0,
            updated_at=completed or T0,
            completed_at=completed,
        )

    for i, learner in enumerate(known.learners[:5]):  # the five who finish the module
        progress(learner, video, position=95, played=95, completed=T0 + DAY / 2)
        progress(learner, written, completed=T0 + (i + 1) * DAY)
    for learner in known.learners[5:8]:  # stop at 20 s
        progress(learner, video, position=20, played=20)
    progress(known.learners[8], video, position=95, played=10)  # jumped to the end
    progress(known.learners[5], written, completed=T0 + DAY)
    progress(known.learners[6], written)

    sent_at = T0 + 10 * DAY
    for i, learner in enumerate(known.learners[5:11]):
        enrolment = Enrolment.objects.get(user=learner)
        ReminderSend.objects.create(
            user=learner,
            enrolment=enrolment,
            period="p1",
            status="sent",
            claimed_at=sent_at,
            sent_at=sent_at,
            last_activity_at=T0,
        )
        if i < 5:  # back three days later
            Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=sent_at + 3 * DAY)
    stopper = known.learners[11]
    for n in range(3):
        ReminderSend.objects.create(
            user=stopper,
            enrolment=Enrolment.objects.get(user=stopper),
            period=f"s{n}",
            status="sent",
            claimed_at=sent_at + n * 7 * DAY,
            sent_at=sent_at + n * 7 * DAY,
            last_activity_at=T0,
        )
    for learner in known.learners[:6]:
        ReminderPreference.objects.create(user=learner, unsubscribed_at=sent_at)

    statuses = ["registered"] * 6 + ["waitlisted"] * 5
    for learner, status in zip(known.learners, statuses, strict=False):
        EventRegistration.objects.create(
            event=event, user=learner, status=status, created_at=T0, updated_at=T0
        )
    extra = [users.create_user(email=f"late{n}@example.org", password="x") for n in range(2)]
    for learner in extra:
        EventRegistration.objects.create(
            event=event, user=learner, status="cancelled", created_at=T0, updated_at=T0
        )
    return known
