"""The learner's data export: all the registry declares, only theirs, after re-authenticating.

The archive is opened and read back as the learner would: the README, data.json and the CSV files.
Which models and fields to expect comes from walking the registry, never from a list kept here.
"""

import csv
import io
import json
import tracemalloc
import zipfile
from datetime import UTC, timedelta
from urllib.parse import urlencode

import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from accounts.data_registry import Audience, declarations
from accounts.services.export import (
    csv_header,
    csv_name_for,
    is_tabular,
    personal_data_archive,
    personal_data_export_response,
)
from courses.models import ReminderPreference, ReminderSend
from courses.services.certificates import certificate_issue
from courses.services.progress import enrolment_start, lesson_progress_complete
from events.services import event_register
from learningrecords.models import StatementDelivery
from learningrecords.statements import learner_statements
from mailing.models import OutboxEmail
from tests import factories
from tests.events.factories import make_event, make_event_index
from tests.mfa_support import staff_secret, staff_totp_code

pytestmark = pytest.mark.django_db

URL = "/accounts/export/"
PASSWORD = "plane-trees-along-the-canal-42"


# --- building learners with data in every table ------------------------------------------------


@pytest.fixture
def course():
    course = factories.make_course()
    module = factories.make_module(course, 1)
    lessons = [
        factories.make_lesson(module, "open-data", title="Open data in the city"),
        factories.make_lesson(module, "street-sensors", title="Sensors on the street"),
        factories.make_lesson(module, "who-decides", title="Who decides"),
    ]
    event = make_event(make_event_index(course), "panel-debate", title="Panel on city data")
    return {"course": course, "lessons": lessons, "event": event}


def learner_with_everything(course, *, email, name, lessons):
    """A learner with rows in every table a learner can have rows in, made as the site makes
    them (services), not by hand."""
    now = timezone.now()
    user = factories.make_learner(
        email,
        PASSWORD,
        display_name=name,
        first_name=name.split()[0],
        last_name=name.split()[-1],
        organisation="City of Turku",
        role="official",
        country="FI",
        timezone="Europe/Helsinki",
    )
    EmailAddress.objects.create(user=user, email=f"work.{email}", verified=False, primary=False)
    enrolment = enrolment_start(user=user, course=course["course"], now=now)
    for lesson in lessons:
        lesson_progress_complete(user=user, lesson=lesson, now=now)
    certificate_issue(user=user, course=course["course"], now=now, learner_name=name)
    ReminderPreference.objects.create(user=user, cadence="monthly", unsubscribed_at=now)
    ReminderSend.objects.create(
        user=user,
        enrolment=enrolment,
        period="2026-W40",
        status="sent",
        claimed_at=now,
        sent_at=now,
        attempts=1,
        last_activity_at=now - timedelta(days=8),
    )
    ReminderSend.objects.create(
        user=user,
        event=course["event"],
        kind=ReminderSend.KIND_EVENT_REMINDER,
        period=f"event-{course['event'].pk}-start",
        status="failed",
        claimed_at=now,
        error="451 try again later",
    )
    event_register(event=course["event"], user=user, now=now)
    TOTP.activate(user, staff_secret(user))  # two-step sign-in, as a learner may turn on
    RecoveryCodes.activate(user)
    UserSession.objects.create(
        user=user, session_key=f"key-of-{user.pk}", ip="192.0.2.1", user_agent="Firefox/140.0"
    )
    # An identity linked through an organisation's sign-in (sso).
    SocialAccount.objects.create(
        user=user, provider="tampere", uid=f"uid-{user.pk}", extra_data={"name": name}
    )
    OutboxEmail.objects.create(
        from_email="course@localhost",
        to=[email],
        subject=f"Hello {name}",
        body="Your reminder.",
        last_error="421 busy",
    )
    # Learning records: the name that stands for the learner, and a statement an LRS took.
    statement = learner_statements(user)[0]
    StatementDelivery.objects.create(
        statement_id=statement["id"], user=user, statement=statement, created_at=now, sent_at=now
    )
    return user


@pytest.fixture
def learner(course):
    return learner_with_everything(
        course, email="aino@example.org", name="Aino Virtanen", lessons=course["lessons"][:2]
    )


@pytest.fixture
def other(course):
    return learner_with_everything(
        course,
        email="someone.else@example.net",
        name="Bertil Lindqvist",
        lessons=course["lessons"][2:],
    )


def read_archive(data: bytes) -> dict:
    """Every file of the archive: README as text, data.json parsed, CSV files as dict rows."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    files = {}
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8-sig")
        if name.endswith(".json"):
            files[name] = json.loads(text)
        elif name.endswith(".csv"):
            files[name] = list(csv.DictReader(io.StringIO(text)))
        else:
            files[name] = text
    return files


def export_of(user) -> tuple[dict, bytes]:
    data = b"".join(personal_data_archive(user=user))
    return read_archive(data), data


def section(files, model):
    return next(s for s in files["data.json"]["sections"] if s["model"] == model)


# --- what the archive holds --------------------------------------------------------------------


def test_the_learner_has_rows_of_every_kind_a_learner_can_see(learner):
    """The fixture keeps up with the registry: a new kind of learner data needs a row here."""
    missing = [
        entry.model
        for entry in declarations()
        if entry.exported and Audience.LEARNER in entry.seen_by and not entry.rows_for(learner)
    ]
    assert missing == [], f"give the test learner rows of {missing}"


def test_export_holds_every_declared_field_of_every_row(learner):
    files, _ = export_of(learner)

    data = files["data.json"]
    exported = [entry for entry in declarations() if entry.exported]
    assert [s["model"] for s in data["sections"]] == [entry.model for entry in exported]
    for entry in exported:
        found = section(files, entry.model)
        assert found["fields"] == {name: str(text) for name, text in entry.fields.items()}
        assert found["category"] == str(entry.category)
        assert found["purpose"] == str(entry.purpose)
        assert found["retention"] == str(entry.retention)
        expected = entry.rows_for(learner).count()
        assert found["row_count"] == len(found["rows"]) == expected, entry.model
        assert sorted(row["id"] for row in found["rows"]) == sorted(
            entry.rows_for(learner).values_list("pk", flat=True)
        )
        shown = set(entry.fields) - set(entry.not_exported)
        for row in found["rows"]:
            assert shown <= set(row), (entry.model, shown - set(row))
            # Secrets that would sign a copy of the export in are left out.
            assert not set(entry.not_exported) & set(row), entry.model
        if expected and is_tabular(entry):
            table = files[csv_name_for(entry)]
            assert len(table) == expected
            assert list(table[0]) == csv_header(entry)
            assert shown <= set(table[0])
            assert not set(entry.not_exported) & set(table[0])
        else:
            assert csv_name_for(entry) not in files
    not_included = {item["model"] for item in data["not_included"]}
    assert not_included == {entry.model for entry in declarations() if not entry.exported}


def test_values_read_as_a_person_would_expect(learner, course):
    files, data = export_of(learner)

    (account,) = section(files, "accounts.User")["rows"]
    assert account["email"] == "aino@example.org"
    assert account["display_name"] == "Aino Virtanen"
    assert account["country"] == "FI"
    assert account["password"] is True  # that a password is set, nothing of its hash
    assert learner.password.encode() not in data
    for content in read_archive(data).values():
        assert learner.password not in json.dumps(content)
    assert account["date_joined"] == learner.date_joined.astimezone(UTC).isoformat()
    assert account["date_joined"].endswith("+00:00")

    progress = section(files, "courses.LessonProgress")["rows"]
    assert {row["lesson"]["title"] for row in progress} == {
        "Open data in the city",
        "Sensors on the street",
    }
    assert {row["lesson"]["id"] for row in progress} == {
        lesson.pk for lesson in course["lessons"][:2]
    }
    (registration,) = section(files, "events.EventRegistration")["rows"]
    assert registration["event"] == {"id": course["event"].pk, "title": "Panel on city data"}
    table = files["events_event_registration.csv"]
    assert table[0]["event"] == str(course["event"].pk)
    assert table[0]["event_title"] == "Panel on city data"
    (certificate,) = section(files, "courses.Certificate")["rows"]
    assert certificate["learner_name"] == "Aino Virtanen"
    emails = {row["email"] for row in section(files, "account.EmailAddress")["rows"]}
    assert emails == {"aino@example.org", "work.aino@example.org"}
    (outbox,) = section(files, "mailing.OutboxEmail")["rows"]
    assert outbox["to"] == ["aino@example.org"]
    sends = files["courses_reminder_send.csv"]
    assert {row["status"] for row in sends} == {"sent", "failed"}
    assert {row["enrolment_title"] for row in sends if row["enrolment"]} == {"Test course"}


def test_readme_says_what_each_file_is_in_the_learners_language(learner):
    files, _ = export_of(learner)

    readme = files["README.txt"]
    assert readme.startswith("Your data from the Smart Cities for City Officials course")
    assert "data.json" in readme
    for name in files:
        assert name in readme, name
    assert "ISO 8601" in readme
    assert "Your progress: 2 rows" in readme
    assert list(files)[:2] == ["README.txt", "data.json"]
    assert files["data.json"]["language"] == "en"


def test_readme_and_json_follow_the_learners_language(learner):
    learner.language = "sv"
    learner.save()

    files, _ = export_of(learner)

    # Only English catalogues exist today: the text is English, but it was made under the
    # learner's language, which data.json records.
    assert files["data.json"]["language"] == "sv"
    assert "README.txt" in files


def test_an_editors_links_to_other_accounts_say_only_another_account(course):
    editor = factories.make_learner("editor@example.org", PASSWORD, is_staff=True)
    colleague = factories.make_learner("colleague@example.org", PASSWORD, display_name="Cora")
    page = course["lessons"][0]
    page.owner = editor
    page.locked = True
    page.locked_by = colleague
    page.save()

    files, data = export_of(editor)

    (row,) = section(files, "wagtailcore.Page")["rows"]
    assert row["owner"] == {"id": editor.pk, "title": "you"}
    assert row["locked_by"] == {"id": None, "title": "another account"}
    assert b"colleague@example.org" not in data
    assert b"Cora" not in data
    assert str(colleague.pk) not in json.dumps(row)


def test_a_learner_with_no_data_but_the_account_gets_a_complete_archive():
    user = factories.make_learner("new@example.org", PASSWORD)

    files, _ = export_of(user)

    assert set(files) == {"README.txt", "data.json", "account_email_address.csv"}
    assert section(files, "courses.LessonProgress")["rows"] == []
    assert "We hold nothing about you of these kinds" in files["README.txt"]


# --- only the learner's own data ---------------------------------------------------------------


def test_no_other_learners_data_appears(learner, other):
    files, data = export_of(learner)

    text = data + b"".join(
        json.dumps(content, ensure_ascii=False).encode() for content in files.values()
    )
    for secret in ["someone.else@example.net", "Bertil", "Lindqvist", "Who decides"]:
        assert secret.encode() not in text, secret
    for entry in declarations():
        if entry.exported:
            ids = {row["id"] for row in section(files, entry.model)["rows"]}
            assert not ids & set(entry.rows_for(other).values_list("pk", flat=True)), entry.model


def recent_login(client, email="aino@example.org"):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    if response.status_code == 302 and response.url == reverse("mfa_authenticate"):
        # This learner turned two-step sign-in on: the code from their app comes next.
        code = staff_totp_code(get_user_model().objects.get(email=email))
        response = client.post(response.url, {"code": code})
    assert response.status_code == 302, response.content


def test_no_id_or_parameter_exports_someone_else(client, learner, other):
    recent_login(client)

    for url in [
        f"{URL}?user={other.pk}",
        f"{URL}?user_id={other.pk}&email={other.email}",
    ]:
        response = client.post(url, {"user": other.pk, "user_id": other.pk, "pk": other.pk})
        files = read_archive(b"".join(response.streaming_content))
        (account,) = section(files, "accounts.User")["rows"]
        assert account["id"] == learner.pk
        assert other.email not in json.dumps(files["data.json"])
    for url in [f"{URL}{other.pk}/", f"/accounts/{other.pk}/export/"]:
        assert client.post(url).status_code == 404


# --- the page, the download, re-authentication -------------------------------------------------


def test_url_name():
    assert reverse("account_export") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    for response in [client.get(URL), client.post(URL)]:
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={URL}"


def test_after_a_recent_login_the_page_explains_the_download(client, learner):
    recent_login(client)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Download your data" in html
    assert "csrfmiddlewaretoken" in html
    assert 'method="post"' in html
    assert "README.txt" in html and "data.json" in html
    for entry in declarations():
        if entry.exported and Audience.LEARNER in entry.seen_by:
            assert str(entry.category) in html
    assert response["Cache-Control"] == "private, no-store"


def test_post_streams_the_zip_with_a_dated_name(client, learner):
    recent_login(client)

    response = client.post(URL)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    today = timezone.now().astimezone(UTC).date().isoformat()
    assert response["Content-Disposition"] == (f'attachment; filename="personal-data-{today}.zip"')
    assert "no-store" in response["Cache-Control"]
    files = read_archive(b"".join(response.streaming_content))
    assert section(files, "accounts.User")["rows"][0]["email"] == "aino@example.org"


def test_the_download_needs_the_csrf_token(client, learner):
    recent_login(client)
    client.handler.enforce_csrf_checks = True

    assert client.post(URL).status_code == 403


def age_the_login(client, seconds):
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= seconds
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def test_an_old_login_must_reauthenticate_then_can_download(client, learner):
    recent_login(client)
    age_the_login(client, allauth_settings.REAUTHENTICATION_TIMEOUT + 1)

    for response in [client.get(URL), client.post(URL)]:
        assert response.status_code == 302
        assert response.url == f"{reverse('account_reauthenticate')}?{urlencode({'next': URL})}"

    wrong = client.post(
        f"{reverse('account_reauthenticate')}?next={URL}", {"password": "not-it-at-all"}
    )
    assert wrong.status_code == 200  # the form again, with an error
    assert client.get(URL).status_code == 302

    response = client.post(
        f"{reverse('account_reauthenticate')}?next={URL}", {"password": PASSWORD}
    )
    # The suspended POST is resumed once the password is confirmed: the download starts.
    assert isinstance(response, StreamingHttpResponse)
    assert read_archive(b"".join(response.streaming_content))["data.json"]["account_id"] == (
        learner.pk
    )
    assert client.get(URL).status_code == 200
    assert isinstance(client.post(URL), StreamingHttpResponse)


def test_a_login_just_inside_the_timeout_counts(client, learner):
    recent_login(client)
    age_the_login(client, allauth_settings.REAUTHENTICATION_TIMEOUT - 5)

    assert client.get(URL).status_code == 200


def test_a_session_without_a_login_record_must_reauthenticate(client, learner):
    client.force_login(learner)

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_only_get_and_post(client, learner):
    recent_login(client)

    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- streaming ---------------------------------------------------------------------------------


def test_the_response_is_lazy_and_streams_in_pieces(learner, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = personal_data_export_response(learner)
    assert isinstance(response, StreamingHttpResponse)
    pieces = list(response.streaming_content)
    assert len(pieces) > 3
    assert read_archive(b"".join(pieces))["data.json"]["account_id"] == learner.pk


def reminder_sends(user, enrolment, count, start=0):
    now = timezone.now()
    ReminderSend.objects.bulk_create(
        ReminderSend(
            user=user,
            enrolment=enrolment,
            period=f"bulk-{number}",
            status="sent",
            claimed_at=now,
            sent_at=now,
            attempts=1,
            error="a mail server's answer, long enough to weigh something " * 2,
        )
        for number in range(start, start + count)
    )


def peak_memory_of_export(user) -> tuple[int, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    size = 0
    for piece in personal_data_archive(user=user):
        size += len(piece)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


def test_memory_stays_flat_as_rows_grow(learner):
    """Ten times the rows, about the same peak memory (scripts/bench_export.py goes further)."""
    enrolment = learner.enrolments.get()
    # Both sizes above the rows fetched at a time (CHUNK_SIZE), which bounds the memory.
    reminder_sends(learner, enrolment, 1000)
    small_peak, small_size = peak_memory_of_export(learner)
    reminder_sends(learner, enrolment, 3000, start=1000)
    large_peak, large_size = peak_memory_of_export(learner)

    assert large_size > 2 * small_size  # compressed: the rows are much alike
    assert large_peak < small_peak * 1.2, (small_peak, large_peak)


def test_the_page_lists_editorial_records_to_staff_only(client, learner):
    recent_login(client)
    assert "Editing (staff only)" not in client.get(URL).content.decode()

    learner.is_staff = True
    learner.save()
    assert "Editing (staff only)" in client.get(URL).content.decode()
