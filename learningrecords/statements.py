"""A learner's own records as xAPI 1.0.3 statements.

Made from what the site already keeps, never stored as such (the outbox keeps only what is on
its way to a Learning Record Store, see learningrecords.delivery):

- each lesson's progress row: `launched` when the learner first opened it, `progressed` at the
  furthest quarter of the lecture reached (25, 50 or 75 %, media lessons only), `completed` once
  it is complete;
- each seat at an event: `registered`. The site records no attendance, so there is no
  `attended`.

A statement's id is a UUID (version 5) derived from the site, the record and the verb (and the
quarter, for `progressed`): the same record always gives the same statement id, so a store that
is sent a statement twice recognises it, and a new quarter is a new statement. The actor is an
Agent identified by an account on this site whose name is the learner's random, stable
`LearnerAccount.account_name`, never their email address.

A learner's statements cost a fixed number of queries whatever the number of their records: the
progress rows with their lessons and media, the registrations with their events, the statements
already queued for a store, the pages above them all (modules and courses), and the learner's
name.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from courses.models import LessonProgress
from events.models import EventRegistration
from events.models.registration import RegistrationStatus
from learningrecords.models import LearnerAccount, StatementDelivery
from modules.models import CoursePage, ModulePage
from modules.models.pages import ancestor_paths

VERSION = "1.0.3"
VERBS = {
    name: f"http://adlnet.gov/expapi/verbs/{name}"
    for name in ("launched", "progressed", "completed", "registered", "attended")
}
ACTIVITY_TYPES = {
    name: f"http://adlnet.gov/expapi/activities/{name}"
    for name in ("course", "module", "lesson", "meeting")
}
# The xAPI Video Profile's progress: the share of the media consumed, a decimal from 0 to 1.
PROGRESS_EXTENSION = "https://w3id.org/xapi/video/extensions/progress"
MILESTONES = (0.25, 0.5, 0.75)
# Statements name things in the site's source language (English); the learner's own language is
# the context's `language`.
DISPLAY_LANGUAGE = "en"


def site_namespace() -> uuid.UUID:
    """The namespace every statement id of this site is derived in (from its public address)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL.rstrip("/") + "/xapi")


def statement_id(record: str, verb: str, *detail: object) -> str:
    """The id of the statement of `verb` about `record` ("courses.lessonprogress:12")."""
    name = ":".join([record, verb, *(str(part) for part in detail)])
    return str(uuid.uuid5(site_namespace(), name))


def iso_timestamp(value: datetime) -> str:
    """ISO 8601 with its offset, in UTC, to the millisecond (xAPI keeps at least that)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds")


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second (xAPI's precision): PT1H2M3.5S."""
    hundredths = round(max(seconds, 0) * 100)
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    whole, fraction = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if whole or fraction or text == "PT":
        text += f"{whole}.{fraction:02d}".rstrip("0").rstrip(".") + "S"
    return text


def learner_account_name(user) -> str:
    account, _created = LearnerAccount.objects.get_or_create(user=user)
    return str(account.account_name)


def actor(user) -> dict:
    return {
        "objectType": "Agent",
        "account": {
            "homePage": settings.SITE_URL.rstrip("/") + "/",
            "name": learner_account_name(user),
        },
    }


def verb(name: str) -> dict:
    return {"id": VERBS[name], "display": {DISPLAY_LANGUAGE: name}}


def page_url(page: Page) -> str:
    """The page's public address; Wagtail knows the site roots without a query once cached."""
    return page.get_full_url() or settings.SITE_URL.rstrip("/") + page.url_path


def activity(page: Page, kind: str, description: str = "") -> dict:
    definition = {"name": {DISPLAY_LANGUAGE: page.title}, "type": ACTIVITY_TYPES[kind]}
    if description:
        definition["description"] = {DISPLAY_LANGUAGE: description}
    return {"objectType": "Activity", "id": page_url(page), "definition": definition}


@dataclass(frozen=True)
class Ancestry:
    """The module and course above a page, read for many pages in one query."""

    pages: dict[str, Page]
    module_type: int
    course_type: int

    @classmethod
    def of(cls, pages: list[Page]) -> "Ancestry":
        paths = {path for page in pages for path in ancestor_paths(page.path)[:-1]}
        found = Page.objects.filter(path__in=paths).only(
            "path", "title", "url_path", "content_type_id", "locale_id"
        )
        return cls(
            pages={page.path: page for page in found},
            module_type=ContentType.objects.get_for_model(ModulePage).pk,
            course_type=ContentType.objects.get_for_model(CoursePage).pk,
        )

    def nearest(self, page: Page, content_type: int) -> Page | None:
        for path in reversed(ancestor_paths(page.path)[:-1]):
            found = self.pages.get(path)
            if found is not None and found.content_type_id == content_type:
                return found
        return None

    def context_activities(self, page: Page) -> dict:
        activities = {}
        if module := self.nearest(page, self.module_type):
            activities["parent"] = [activity(module, "module")]
        if course := self.nearest(page, self.course_type):
            activities["grouping"] = [activity(course, "course")]
        return activities


def _statement(
    *, ident: str, who: dict, what: str, thing: dict, at: datetime, context: dict, result=None
) -> dict:
    statement = {
        "id": ident,
        "actor": who,
        "verb": verb(what),
        "object": thing,
        "context": context,
        "timestamp": iso_timestamp(at),
        "version": VERSION,
    }
    if result:
        statement["result"] = result
    return statement


def _context(user, ancestry: Ancestry, page: Page) -> dict:
    context = {"platform": settings.WAGTAIL_SITE_NAME, "language": user.language}
    if activities := ancestry.context_activities(page):
        context["contextActivities"] = activities
    return context


def _media_length(row: LessonProgress) -> float | None:
    media = row.lesson.media if row.lesson.media_id else None
    length = media.duration if media is not None else None
    return length if length and length > 0 else None


def progress_statements(row: LessonProgress, *, user, who: dict, ancestry: Ancestry) -> list[dict]:
    """launched, progressed (the furthest quarter reached) and completed, as far as they apply."""
    lesson = row.lesson
    record = f"courses.lessonprogress:{row.pk}"
    thing = activity(lesson, "lesson", lesson.intro)
    context = _context(user, ancestry, lesson)
    common = {"who": who, "thing": thing, "context": context}
    statements = [
        _statement(
            ident=statement_id(record, "launched"), what="launched", at=row.created_at, **common
        )
    ]
    length = _media_length(row)
    if length:
        share = min(1.0, row.position / length)
        reached = [milestone for milestone in MILESTONES if share >= milestone]
        if reached:
            milestone = reached[-1]
            statements.append(
                _statement(
                    ident=statement_id(record, "progressed", milestone),
                    what="progressed",
                    at=row.updated_at,
                    result={
                        "completion": row.completed_at is not None,
                        "duration": iso_duration(row.seconds_played),
                        "extensions": {PROGRESS_EXTENSION: milestone},
                    },
                    **common,
                )
            )
    if row.completed_at is not None:
        result = {"completion": True}
        if length:
            result["duration"] = iso_duration(row.seconds_played)
        statements.append(
            _statement(
                ident=statement_id(record, "completed"),
                what="completed",
                at=row.completed_at,
                result=result,
                **common,
            )
        )
    return statements


def registration_statement(
    registration: EventRegistration, *, user, who: dict, ancestry: Ancestry
) -> dict:
    """`registered` for a seat. Its id names the moment the seat was given, so that a learner
    who cancels and registers again makes a new statement rather than reusing the old one."""
    event = registration.event
    seated_at = registration.promoted_at or registration.updated_at
    return _statement(
        ident=statement_id(
            f"events.eventregistration:{registration.pk}", "registered", iso_timestamp(seated_at)
        ),
        who=who,
        what="registered",
        thing=activity(event, "meeting", event.summary),
        at=seated_at,
        context=_context(user, ancestry, event),
    )


def learner_statements(user) -> list[dict]:
    """Every statement about `user`'s own records, oldest first (and those queued for the
    store earlier, as they were queued)."""
    progress = list(
        LessonProgress.objects.for_user(user)
        .select_related("lesson", "lesson__media")
        .defer("lesson__body", "lesson__transcript", "lesson__text_description")
        .order_by("pk")
    )
    registrations = list(
        EventRegistration.objects.filter(user=user, status=RegistrationStatus.REGISTERED)
        .select_related("event")
        .only(
            "pk",
            "updated_at",
            "promoted_at",
            "event__title",
            "event__summary",
            "event__path",
            "event__url_path",
            "event__locale_id",
        )
        .order_by("pk")
    )
    sent = dict(
        StatementDelivery.objects.filter(user=user).values_list("statement_id", "statement")
    )
    if not (progress or registrations or sent):
        return []  # nothing to say, and no name to make for the learner
    ancestry = Ancestry.of([row.lesson for row in progress] + [r.event for r in registrations])
    who = actor(user)
    statements = []
    for row in progress:
        statements += progress_statements(row, user=user, who=who, ancestry=ancestry)
    for registration in registrations:
        statements.append(
            registration_statement(registration, user=user, who=who, ancestry=ancestry)
        )
    # A statement already queued for the store is given as it was sent: a store keeps a statement
    # as it first received it, and the learner's copy should read the same.
    by_id = {statement["id"]: statement for statement in statements}
    by_id.update({str(ident): statement for ident, statement in sent.items()})
    return sorted(by_id.values(), key=lambda statement: (statement["timestamp"], statement["id"]))
