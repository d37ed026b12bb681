"""Deleting an account: every row the registry lists is gone, no table or column still names
the learner, queued emails send nothing, a freed seat goes to the next person, and nobody can
delete an account but their own, after giving their password again."""

import os
import shutil
import subprocess  # nosec B404: runs pg_dump
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyotp
import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    GroupApprovalTask,
    PageSubscription,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from accounts.data_registry import Erasure, declarations
from accounts.models import DataRequestAction, DataRequestLog
from accounts.services.data_requests import data_request_record
from accounts.services.deletion import account_delete
from accounts.signals import account_erasing
from courses.models import Enrolment, ReminderPreference, ReminderSend
from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import claimed_send, reminder_send
from courses.services.certificates import certificate_issue
from courses.services.progress import enrolment_start, lesson_progress_complete
from courses.tasks import reminder_send_task
from events.models import EventRegistration, RegistrationStatus
from events.services import event_register
from learningrecords.models import StatementDelivery
from learningrecords.statements import learner_statements
from mailing.models import OutboxEmail
from mailing.tasks import outbox_send_task
from tests.events.factories import make_event, make_event_index
from tests.factories import (
    make_course,
    make_image,
    make_learner,
    make_lesson,
    make_media,
    make_module,
)
from tests.support import skip_or_fail

pytestmark = pytest.mark.django_db

EMAIL = "zephyrine.quill@example.org"
NEW_EMAIL = "zephyrine.elsewhere@example.org"  # an added address, not yet confirmed
NAME = "Zephyrine Quillfeather"
PASSWORD = "a long and private passphrase"
OUTBOX = "mailing.backends.OutboxEmailBackend"
HELSINKI = ZoneInfo("Europe/Helsinki")
START = datetime(2025, 1, 6, 10, 30, tzinfo=HELSINKI)
DUE = START + timedelta(days=7)


@pytest.fixture
def course(db):
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "video", kind="video")
    return course


@pytest.fixture
def event(course):
    return make_event(make_event_index(course), capacity=1)


@pytest.fixture
def learner(course):
    return make_learner(EMAIL, PASSWORD, display_name=NAME, timezone="Europe/Helsinki")


@pytest.fixture
def other(course):
    return make_learner("someone.else@example.org", PASSWORD, display_name="Someone Else")


@pytest.fixture
def outbox(settings):
    """Emails go through the outbox (a row, then a task after commit), as on the site."""
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_everything(*, learner, other, course, event, client):
    """Give `learner` rows in every table the registry declares, as a learner who also edits
    content would have: their own journey, and an editor's traces in Wagtail's records."""
    now = timezone.now()
    lesson = course.get_children().first().get_children().first().specific
    module = course.get_children().first().specific

    # The account, its addresses, a sign-in.
    address = EmailAddress.objects.create(user=learner, email=NEW_EMAIL, verified=False)
    EmailConfirmation.create(address)
    client.force_login(learner)
    # Two-step sign-in, and the sign-in as allauth lists it (a sign-in through the login form).
    TOTP.activate(learner, pyotp.random_base32())
    RecoveryCodes.activate(learner)
    UserSession.objects.create(
        user=learner, session_key=client.session.session_key, ip="192.0.2.1", user_agent=NAME
    )
    SocialAccount.objects.create(
        user=learner, provider="tampere", uid=EMAIL, extra_data={"name": NAME, "email": EMAIL}
    )

    # The learner's journey.
    enrolment_start(user=learner, course=course, now=START)
    lesson_progress_complete(user=learner, lesson=lesson, now=START)
    certificate_issue(user=learner, course=course, now=now, learner_name=NAME)
    ReminderPreference.objects.create(user=learner)
    ReminderSend.objects.create(
        user=learner,
        enrolment=Enrolment.objects.get(user=learner),
        period="course-1:then:week-1",
        claimed_at=now,
        last_activity_at=START,
    )
    event_register(event=event, user=learner)
    send_mail("Waiting for you", f"Hello {NAME}", None, [EMAIL])
    # Learning records: the learner's name in them, and a statement waiting for a store.
    statement = learner_statements(learner)[0]
    StatementDelivery.objects.create(
        statement_id=statement["id"], user=learner, statement=statement, created_at=now
    )

    # An editor's traces.
    profile = UserProfile.get_for_user(learner)
    profile.avatar.save("avatar.png", ContentFile(make_image().file.read()))
    image = make_image("Their upload")
    image.uploaded_by_user = learner
    image.save()
    media = make_media()
    media.uploaded_by_user = learner
    media.save()
    get_document_model().objects.create(
        title="Notes", file=ContentFile(b"notes", name="notes.txt"), uploaded_by_user=learner
    )
    UploadedFile.objects.create(
        file=ContentFile(b"part", name="upload.bin"), uploaded_by_user=learner
    )
    page_type = ContentType.objects.get_for_model(module)
    apps.get_model("wagtailadmin.EditingSession").objects.create(
        user=learner, content_type=page_type, object_id=str(module.pk), last_seen_at=now
    )
    apps.get_model("wagtailadmin.FormState").objects.create(
        user=learner,
        data=f'{{"title": "draft by {NAME}"}}',
        content_type=page_type,
        object_id=str(module.pk),
        parent_object_id="",
        last_updated_at=now,
    )
    APIToken.objects.create(user=learner, name=f"{NAME}'s token", key_hash="x", prefix="abc")
    module.owner = learner
    module.locked_by = learner
    module.save()
    module.save_revision(user=learner)
    log(instance=module, action="wagtail.edit", user=learner)
    log(instance=image, action="wagtail.edit", user=learner)
    log(instance=learner, action="wagtail.edit", user=other)  # staff edited the account
    task = GroupApprovalTask.objects.create(name="Review")
    workflow = Workflow.objects.create(name="Review flow")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(module, learner)
    TaskState.objects.filter(workflow_state=state).update(finished_by=learner)
    comment = Comment.objects.create(
        page=module, user=learner, text=f"{NAME} says: check this", contentpath="title"
    )
    others_comment = Comment.objects.create(
        page=module, user=other, text="Resolved by them", contentpath="title"
    )
    others_comment.resolved_by = learner
    others_comment.resolved_at = now
    others_comment.save()
    CommentReply.objects.create(comment=comment, user=learner, text="and this")
    PageSubscription.objects.create(user=learner, page=module, comment_notifications=True)
    translated_by(learner, module)
    data_request_record(action=DataRequestAction.EXPORT, account_id=other.pk, by=learner)


def translated_by(user, page) -> None:
    """`user` translated a text of `page` into Swedish, and overrode one of its shared fields, in
    wagtail-localize's translation editor."""
    from wagtail.models import Locale
    from wagtail_localize.models import SegmentOverride, Translation, TranslationSource

    swedish = Locale.objects.get(language_code="sv")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=swedish)
    po = translation.export_po()
    po[0].msgstr = "Översatt text"
    translation.import_po(po, user=user)
    SegmentOverride.objects.create(
        locale=swedish,
        context=source.overridablesegment_set.first().context,
        data_json='"x"',
        last_translated_by=user,
    )


def sessions_of(user) -> list[str]:
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def undeclared_tables_without_rows(user) -> list[str]:
    empty = []
    for entry in declarations():
        if entry.erasure is Erasure.EXPIRES:
            found = bool(sessions_of(user))
        else:
            found = entry.rows_for(user).exists()
        if not found:
            empty.append(entry.model)
    return empty


# --- reading back the whole database --------------------------------------------------------

TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}


def text_columns():
    """(table, column) of every text or JSON column of every table in the database, and of
    every column of a type Django does not know (such as the search index's tsvector)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                try:
                    kind = connection.introspection.get_field_type(column.type_code, column)
                except KeyError:
                    kind = "TextField"
                if kind in TEXT_TYPES:
                    yield table, column.name


def user_link_columns():
    """(table, column) of every column that holds a user's id: foreign keys to the user table
    in the database, and relations the models declare without a constraint (Wagtail's log
    entries)."""
    user_table = get_user_model()._meta.db_table
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            constraints = connection.introspection.get_constraints(cursor, table)
            for constraint in constraints.values():
                if constraint["foreign_key"] and constraint["foreign_key"][0] == user_table:
                    found.update((table, column) for column in constraint["columns"])
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_concrete_fields:
            if field.is_relation and field.related_model is get_user_model():
                found.add((model._meta.db_table, field.column))
    return sorted(found)


def generic_link_tables():
    """Tables whose rows point at any object by (content type, object id)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            names = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if {"content_type_id", "object_id"} <= names:
                yield table


def mentions(needle: str) -> list[str]:
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} "  # nosec B608: names from introspection
                f"WHERE UPPER(CAST({quote(column)} AS TEXT)) LIKE UPPER(%s)",
                [f"%{needle}%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def links_to(user_id: int) -> list[str]:
    quote = connection.ops.quote_name
    user_type = ContentType.objects.get_for_model(get_user_model())
    found = []
    with connection.cursor() as cursor:
        for table, column in user_link_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} WHERE {quote(column)} = %s",  # nosec B608
                [user_id],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
        for table in generic_link_tables():
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} "  # nosec B608
                "WHERE content_type_id = %s AND CAST(object_id AS TEXT) = %s",
                [user_type.pk, str(user_id)],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table} (content type and object id)")
    return found


def test_after_deletion_no_table_or_column_names_the_learner(
    learner, other, course, event, client, outbox, django_capture_on_commit_callbacks
):
    make_everything(learner=learner, other=other, course=course, event=event, client=client)
    assert undeclared_tables_without_rows(learner) == [], "the learner must be everywhere first"
    learner_id = learner.pk
    avatar = UserProfile.get_for_user(learner).avatar
    assert mentions(EMAIL) and mentions(NAME) and links_to(learner_id)

    with django_capture_on_commit_callbacks(execute=True):
        result = account_delete(user=learner)

    assert mentions(EMAIL) == []
    assert mentions(NEW_EMAIL) == []
    assert mentions(NAME) == []
    assert links_to(learner_id) == []
    assert not avatar.storage.exists(avatar.name), "the avatar file went with its row"
    # Editorial records stay, without the link to the person.
    assert result.erased["wagtailcore.PageLogEntry"] >= 1
    assert result.erased["wagtailcore.Page"] >= 1
    # What remains: the other learner, and a bare record that an account was deleted.
    assert get_user_model().objects.filter(pk=other.pk).exists()
    record = DataRequestLog.objects.get(action=DataRequestAction.DELETE)
    assert (record.account_id, record.by_learner, record.staff) == (learner_id, True, None)
    # The confirmation went out through the outbox and the outbox kept nothing.
    assert [m.to for m in mail.outbox][-1] == [EMAIL]
    assert OutboxEmail.objects.count() == 0


def pg_dump(settings) -> str:
    """The whole database as pg_dump writes it (data only, as text)."""
    database = settings.DATABASES["default"]
    command = shutil.which("pg_dump")
    if command is None:
        skip_or_fail("pg_dump is not installed (Debian: postgresql-client)", "REQUIRE_SERVICES")
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    arguments = [command, "--data-only", "--no-owner", "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    return subprocess.run(  # nosec B603: a fixed command line of our own
        arguments, env=environment, capture_output=True, text=True, check=True, timeout=120
    ).stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_dump_of_the_database_after_deletion_does_not_contain_the_learner(
    require_postgres, settings, course, event, learner, other, client, outbox
):
    """The same, as an outsider would check it: pg_dump of the committed database, grepped."""
    make_everything(learner=learner, other=other, course=course, event=event, client=client)
    before = pg_dump(settings).lower()
    assert EMAIL in before and NAME.lower() in before

    account_delete(user=learner)  # committed; the outbox sends the confirmation after commit

    after = pg_dump(settings).lower()
    for needle in (EMAIL, NEW_EMAIL, NAME.lower(), "zephyrine"):
        assert needle not in after, needle


def test_every_session_of_the_learner_ends_and_others_stay(learner, other, client):
    client.force_login(learner)
    second = type(client)()
    second.force_login(learner)
    third = type(client)()
    third.force_login(other)
    assert len(sessions_of(learner)) == 2

    account_delete(user=learner)

    assert sessions_of(learner) == []
    assert len(sessions_of(other)) == 1
    assert client.get(reverse("account_profile")).status_code == 302


def test_the_confirmation_email_says_what_happened_in_the_learners_language(learner, mailoutbox):
    learner.language = "sv"
    learner.save()
    account_delete(user=learner)
    [message] = mailoutbox
    assert message.to == [EMAIL]
    assert NAME not in message.body
    assert "utkorg" in message.body.lower() or "outbox" in message.body.lower()
    assert message.alternatives[0][1] == "text/html"


# --- queued emails send nothing --------------------------------------------------------------


def test_a_queued_outbox_email_is_not_sent(
    learner, outbox, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        send_mail("Your reminder", "Come back", None, [EMAIL])
    [row] = OutboxEmail.objects.all()

    account_delete(user=learner)
    assert not OutboxEmail.objects.filter(pk=row.pk).exists()
    for enqueue in queued:  # the task the page had queued runs after the deletion
        enqueue()
    assert outbox_send_task.apply(args=(row.pk,)).get() == "already"
    assert [m.subject for m in mailoutbox if m.subject == "Your reminder"] == []


def test_deletion_while_a_reminder_task_is_queued_sends_nothing(course, learner, mailoutbox):
    enrolment_start(user=learner, course=course, now=START)
    [due] = [reminder for batch in due_reminder_batches(DUE) for reminder in batch]

    account_delete(user=learner)
    mailoutbox.clear()  # the confirmation

    assert reminder_send_task.apply(args=(due.enrolment_id, due.period)).get() == "skipped"
    assert mailoutbox == []
    assert ReminderSend.objects.count() == 0


def test_deletion_while_an_event_email_is_queued_sends_nothing(event, learner, mailoutbox):
    from events.tasks import event_email_task

    registration = event_register(event=event, user=learner).registration
    account_delete(user=learner)
    mailoutbox.clear()
    outcome = event_email_task.apply(args=(registration.pk, "update", "event-1:seq-1")).get()
    assert outcome == "skipped"
    assert mailoutbox == []


def test_an_email_whose_task_read_the_account_before_it_went_sends_nothing(learner, mailoutbox):
    """The race the lock closes: a task looked the learner up, then the account was deleted
    before it claimed. The claim finds no one, records nothing and sends nothing."""
    learner_id = learner.pk
    account_delete(user=learner)
    mailoutbox.clear()

    outcome = claimed_send(
        user_id=learner_id,
        kind=ReminderSend.KIND_COURSE_INACTIVITY,
        period="course-1:stale:week-1",
        about={},
        still_due=lambda: True,
        message=lambda claim: mail.EmailMessage("Stale", "Stale", to=[EMAIL]),
        now=DUE,
    )
    assert outcome == "skipped"
    assert mailoutbox == []
    assert ReminderSend.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reminder_sent_while_the_account_is_being_deleted_waits_and_sends_nothing(
    require_postgres, course, learner, mailoutbox
):
    """On PostgreSQL, with real concurrent transactions: the reminder task read the enrolment
    before the deletion committed, and must not email the person in the meantime."""
    enrolment_start(user=learner, course=course, now=START)
    [due] = [reminder for batch in due_reminder_batches(DUE) for reminder in batch]
    erasing, release = threading.Event(), threading.Event()
    outcomes = {}

    def hold(sender, **kwargs):
        erasing.set()
        release.wait(timeout=10)

    def run(name, work):
        try:
            outcomes[name] = work()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[name] = error
        finally:
            connection.close()

    account_erasing.connect(hold, dispatch_uid="test.hold_the_deletion")
    try:
        deletion = threading.Thread(
            target=run, args=("delete", lambda: account_delete(user=learner).account_id)
        )
        deletion.start()
        assert erasing.wait(timeout=10)
        reminder = threading.Thread(
            target=run,
            args=(
                "remind",
                lambda: reminder_send(enrolment_id=due.enrolment_id, period=due.period, now=DUE),
            ),
        )
        reminder.start()
        reminder.join(timeout=1)
        assert reminder.is_alive(), "the reminder waits for the deletion"
        release.set()
        deletion.join(timeout=10)
        reminder.join(timeout=10)
    finally:
        release.set()
        account_erasing.disconnect(dispatch_uid="test.hold_the_deletion")

    assert outcomes == {"delete": learner.pk, "remind": "skipped"}
    assert [m.to for m in mailoutbox] == [[EMAIL]]  # the confirmation only
    assert "deleted" in mailoutbox[0].subject
    assert ReminderSend.objects.count() == 0


# --- events: the seat goes to the next person ----------------------------------------------


def test_the_seat_goes_to_the_first_waiting_and_they_get_their_seat_email(
    event, learner, other, django_capture_on_commit_callbacks, mailoutbox
):
    third = make_learner("third@example.org")
    event_register(event=event, user=learner)
    event_register(event=event, user=other)
    event_register(event=event, user=third)

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=learner)

    assert EventRegistration.objects.get(user=other).status == RegistrationStatus.REGISTERED
    assert EventRegistration.objects.get(user=third).status == RegistrationStatus.WAITLISTED
    seat_emails = [m for m in mailoutbox if "You have a seat" in m.subject]
    assert [m.to for m in seat_emails] == [[other.email]]


def test_leaving_a_waiting_list_frees_no_seat(event, learner, other, mailoutbox):
    event_register(event=event, user=other)
    event_register(event=event, user=learner)  # waiting
    account_delete(user=learner)
    assert EventRegistration.objects.get(user=other).status == RegistrationStatus.REGISTERED
    assert EventRegistration.objects.count() == 1


# --- the record of who did it ---------------------------------------------------------------


def test_a_deletion_by_staff_is_recorded_with_the_staff_member(learner, other):
    staff = make_learner("admin@example.org", is_staff=True)
    learner_id = learner.pk
    account_delete(user=learner, by=staff)
    record = DataRequestLog.objects.get()
    assert (record.action, record.account_id, record.by_learner) == ("delete", learner_id, False)
    assert record.staff == staff

    account_delete(user=staff)  # the staff member leaves: the record stays, unlinked
    record.refresh_from_db()
    assert (record.account_id, record.staff, record.by_learner) == (learner_id, None, False)


# --- the page ---------------------------------------------------------------------------------


def reauthenticate(client, password=PASSWORD):
    return client.post(reverse("account_reauthenticate"), {"password": password})


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_the_page_asks_for_the_password_again_first(signed_in, learner):
    response = signed_in.get(reverse("account_delete"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))

    response = signed_in.post(reverse("account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_a_wrong_password_deletes_nothing(signed_in, learner):
    signed_in.post(reverse("account_delete"), {"confirm": "on"})
    response = reauthenticate(signed_in, "not the password")
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert signed_in.get(reverse("account_delete")).status_code == 302  # still asked


def test_the_page_says_what_will_happen(signed_in, learner, event, course):
    enrolment_start(user=learner, course=course, now=START)
    event_register(event=event, user=learner)
    reauthenticate(signed_in)
    response = signed_in.get(reverse("account_delete"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "This cannot be undone." in text
    assert event.title in text
    assert "/accounts/export/" in text
    assert "Your courses (1 record)" in text
    assert response["Cache-Control"] == "private, no-store"


def test_without_the_tick_nothing_is_deleted(signed_in, learner):
    reauthenticate(signed_in)
    response = signed_in.post(reverse("account_delete"), {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_deleting_signs_out_says_so_and_login_fails_afterwards(signed_in, learner, client):
    reauthenticate(signed_in)
    response = signed_in.post(reverse("account_delete"), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_delete_done")
    assert "Your account has been deleted" in response.content.decode()
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert SESSION_KEY not in client.session

    # The page tells only the person who just deleted their account.
    assert client.get(reverse("account_delete_done")).status_code == 302

    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_post_held_for_the_password_is_carried_out_once_it_is_given(signed_in, learner):
    held = signed_in.post(reverse("account_delete"), {"confirm": "on"})
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    response = signed_in.post(held.url, {"password": PASSWORD})  # the form keeps ?next=
    assert response.url == reverse("account_delete_done")
    assert not get_user_model().objects.filter(pk=learner.pk).exists()


def test_no_learner_can_delete_another_account(signed_in, learner, other):
    reauthenticate(signed_in)
    for url in (f"/accounts/delete/{other.pk}/", f"/accounts/delete/?user={other.pk}"):
        response = signed_in.get(url)
        assert response.status_code in (200, 404)
        assert get_user_model().objects.filter(pk=other.pk).exists()
    body = {
        "confirm": "on",
        "user": other.pk,
        "user_id": other.pk,
        "id": other.pk,
        "pk": other.pk,
        "account_id": other.pk,
        "email": other.email,
    }
    signed_in.post(f"/accounts/delete/?user={other.pk}", body)
    assert get_user_model().objects.filter(pk=other.pk).exists()
    assert EmailAddress.objects.filter(user=other).exists()
    assert not get_user_model().objects.filter(pk=learner.pk).exists(), "only their own"


def test_someone_signed_out_is_sent_to_sign_in(client, learner):
    response = client.post(reverse("account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert get_user_model().objects.filter(pk=learner.pk).exists()
