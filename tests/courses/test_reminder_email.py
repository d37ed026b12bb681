"""The reminder email: who it is for, where they stand, the next lesson and a link straight to it,
why it came, and a one-click way out; in HTML and plain text, in the learner's language.

Also the `send_reminders` command, which writes real files through Django's file backend.
"""

import email
import io
import re
from datetime import UTC, datetime, timedelta
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.urls import reverse

from courses.models import ReminderPreference, ReminderSend
from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import reminder_send
from courses.services.progress import enrolment_start, lesson_progress_complete
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module
from tests.support import free_port

pytestmark = pytest.mark.django_db

SITE = "https://course.example.org"
# Late on Sunday 5 January in UTC is already Monday 6 January in Helsinki.
STUDIED = datetime(2025, 1, 5, 22, 30, tzinfo=UTC)
DUE = datetime(2025, 1, 13, 8, 0, tzinfo=UTC)  # 10:00 in Helsinki, a week and more later


@pytest.fixture(autouse=True)
def https_site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def course():
    """Eight modules; the learner will have done the first, and the second starts with a
    six-minute reading."""
    course = make_course()
    first = make_module(course, 1)
    make_lesson(first, "why-cities", kind="video")
    make_lesson(first, "who-decides")
    second = make_module(course, 2)
    make_lesson(second, "sensors", title="Sensors in the street")
    for number in range(3, 9):
        make_lesson(make_module(course, number), f"lesson-{number}")
    return course


def learner_with_module_one_done(email="kaisa@example.org", *, language="en", **extra):
    learner = make_learner(
        email,
        display_name="Kaisa Virtanen",
        timezone="Europe/Helsinki",
        language=language,
        **extra,
    )
    for slug in ["why-cities", "who-decides"]:
        lesson_progress_complete(
            user=learner, lesson=LessonPage.objects.get(slug=slug), now=STUDIED
        )
    return learner


def send_due(now=DUE):
    outcomes = []
    for batch in due_reminder_batches(now):
        for due in batch:
            outcomes.append(
                reminder_send(enrolment_id=due.enrolment_id, period=due.period, now=now)
            )
    return outcomes


@pytest.fixture
def message(course, mailoutbox):
    learner_with_module_one_done()
    assert send_due() == ["sent"]
    [message] = mailoutbox
    return message


def html_part(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, html):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find(self, tag=None, **attrs):
        return [
            found
            for name, found in self.elements
            if (tag is None or name == tag)
            and all(found.get(key.replace("_", "-")) == value for key, value in attrs.items())
        ]


# --- headers -----------------------------------------------------------------------------------


def test_one_click_unsubscribe_headers(message):
    headers = message.message()
    unsubscribe = headers["List-Unsubscribe"].strip()
    assert re.fullmatch(rf"<{re.escape(SITE)}/reminders/unsubscribe/[^/\s>]+/>", unsubscribe)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.to == ["kaisa@example.org"]
    assert message.subject == "Pick up where you left off: Sensors in the street"


def test_the_unsubscribe_header_survives_the_wire_and_works(message, client):
    """Parsed back as a mail client would, the header's URL turns reminders off by a bare POST."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    url = parsed["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert url.startswith(f"{SITE}/")
    response = client.post(
        url.removeprefix(SITE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert ReminderPreference.objects.get().enabled is False


def test_html_and_plain_text_parts(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == [
        "text/plain",
        "text/html",
    ]


# --- the plain-text part -----------------------------------------------------------------------


def test_the_text_part_says_who_where_what_next_and_why(message):
    text = message.body
    lesson = LessonPage.objects.get(slug="sensors")
    assert "Kaisa Virtanen" in text
    assert "1 of 8 modules" in text
    assert "Sensors in the street" in text
    assert "Written, 6 min" in text  # the kind and the length of the next lesson
    assert f"{SITE}{lesson.url}\n" in text  # the link on a line of its own
    assert "6 January 2025" in text  # in Helsinki; in UTC it was still the 5th
    assert "5 January" not in text
    assert f"{SITE}{reverse('reminder_settings')}" in text
    unsubscribe = message.message()["List-Unsubscribe"].strip()[1:-1]
    assert unsubscribe in text


def test_the_email_says_honestly_why_it_came_and_how_often(message):
    """Reminders are on by default: the email must not claim the learner asked for them."""
    for part in (message.body, html_part(message)):
        assert "you asked" not in part
        assert "reminders are on for every learner with a course to finish" in part
        assert "until they switch them off" in part
        assert "at most one every 7 days" in part
        assert "Change how often you hear from us" in part
        assert "Stop these reminders" in part


def test_the_email_names_the_cadence_the_learner_chose(course, mailoutbox):
    learner = learner_with_module_one_done()
    ReminderPreference.objects.create(user=learner, cadence="monthly")
    assert send_due(DUE + timedelta(days=30)) == ["sent"]
    [message] = mailoutbox
    assert "at most one every 30 days" in message.body


def test_the_text_part_is_not_html_escaped(course, mailoutbox):
    learner = learner_with_module_one_done()
    learner.display_name = "Ana & Bo <team>"
    learner.save()
    send_due()
    assert "Hello Ana & Bo <team>," in mailoutbox[0].body
    assert "Hello Ana &amp; Bo &lt;team&gt;," in html_part(mailoutbox[0])


# --- the HTML part -----------------------------------------------------------------------------


def test_the_html_part_is_readable_on_a_phone_and_by_a_screen_reader(message):
    html = html_part(message)
    page = Elements(html)
    [root] = page.find("html")
    assert root["lang"] == "en"
    assert page.find("meta", name="viewport")
    assert page.find("title")

    bars = [attrs for _, attrs in page.elements if attrs.get("role") in {"img", "progressbar"}]
    assert len(bars) == 1
    assert "22 percent" in bars[0]["aria-label"]  # 2 of 9 lessons
    layout = page.find("table")
    assert layout and all(table.get("role") == "presentation" for table in layout)
    assert page.find("h1")


def test_the_html_part_links_straight_to_the_next_lesson_and_the_settings(message):
    html = html_part(message)
    lesson = LessonPage.objects.get(slug="sensors")
    links = [attrs["href"] for attrs in Elements(html).find("a")]
    unsubscribe = message.message()["List-Unsubscribe"].strip()[1:-1]
    assert links == [f"{SITE}{lesson.url}", f"{SITE}/reminders/", unsubscribe]
    assert "Sensors in the street" in html
    assert "1 of 8 modules" in html
    assert "6 January 2025" in html


def test_the_email_is_in_the_learners_language(course, mailoutbox):
    learner_with_module_one_done(language="fi")
    send_due()
    html = html_part(mailoutbox[0])
    [root] = Elements(html).find("html")
    assert root["lang"] == "fi"
    assert "tammikuu" in mailoutbox[0].body.lower()  # the month, from Django's Finnish catalogue
    assert "January" not in mailoutbox[0].body


TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


@pytest.mark.parametrize(
    "name",
    [
        "email/reminder.txt",
        "email/reminder.html",
        "courses/reminder_settings.html",
        "courses/reminder_unsubscribe.html",
    ],
)
def test_every_word_in_the_reminder_templates_is_translatable(name):
    """No words outside {% translate %} / {% blocktranslate %}: only markup, variables and
    punctuation are left once those are taken out."""
    source = (TEMPLATES / name).read_text()
    in_blocktranslate = in_markup = False
    visible = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0]
            if tag in {"blocktranslate", "blocktrans"}:
                in_blocktranslate = True
            elif tag in {"endblocktranslate", "endblocktrans"}:
                in_blocktranslate = False
        elif token.token_type == TokenType.TEXT and not in_blocktranslate:
            # An HTML tag may be cut by variables or tags; keep track of being inside one.
            for char in token.contents:
                if char == "<":
                    in_markup = True
                elif char == ">":
                    in_markup = False
                elif not in_markup:
                    visible.append(char)
            visible.append(" ")
    assert re.findall(r"[^\W\d_]{2,}", "".join(visible)) == []
    translated = r"{% blocktranslate.*?%}.*?{% endblocktranslate %}|{%.*?%}|{{.*?}}"
    for value in re.findall(r'(?:aria-label|alt|title|placeholder)="([^"]*)"', source):
        assert not re.search(r"[^\W\d_]{2,}", re.sub(translated, "", value)), value


# --- the management command --------------------------------------------------------------------


def messages_in(directory: Path) -> list:
    """The messages Django's file backend wrote.

    The backend names a file after the second and the connection object's id(), and appends
    when the name repeats, so two messages sent in one second can share a file: count the
    messages, not the files.
    """
    separator = b"\n" + b"-" * 79 + b"\n"
    found = []
    for path in sorted(directory.iterdir()):
        for raw in path.read_bytes().split(separator):
            if raw.strip():
                found.append(email.message_from_bytes(raw, policy=policy.default))
    return found


def snapshot(directory: Path) -> dict:
    return {path.name: path.read_bytes() for path in directory.iterdir()}


def test_send_reminders_writes_one_email_per_due_learner_and_nothing_twice(
    course, settings, tmp_path, time_machine
):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    for name in ["aino", "bea", "cem"]:
        learner_with_module_one_done(f"{name}@example.org")
    recent = make_learner("recent@example.org", timezone="Europe/Helsinki")
    enrolment_start(user=recent, course=course, now=DUE - timedelta(days=2))
    night = make_learner("night@example.org", timezone="America/New_York")
    enrolment_start(user=night, course=course, now=STUDIED)

    time_machine.move_to(DUE)
    call_command("send_reminders", stdout=(first := io.StringIO()))
    written = messages_in(tmp_path)
    assert sorted(message["To"] for message in written) == [
        "aino@example.org",
        "bea@example.org",
        "cem@example.org",
    ]
    assert all(message["List-Unsubscribe-Post"] for message in written)
    assert "Reminders: 3 sent." in first.getvalue()
    files = snapshot(tmp_path)

    time_machine.move_to(DUE + timedelta(minutes=15))  # the next run, a sweep later
    call_command("send_reminders", stdout=(second := io.StringIO()))
    assert snapshot(tmp_path) == files
    assert "Reminders: none due." in second.getvalue()


def test_a_learner_with_a_timezone_unknown_here_still_gets_the_email_in_utc(course, mailoutbox):
    learner = learner_with_module_one_done()
    type(learner).objects.filter(pk=learner.pk).update(timezone="Atlantis/Capital")
    assert send_due(DUE + timedelta(hours=2)) == ["sent"]  # 10:00 UTC
    assert "5 January 2025" in mailoutbox[0].body


def test_send_reminders_says_when_the_mail_server_is_unreachable_and_a_later_run_sends(
    course, settings, time_machine
):
    learner_with_module_one_done("aino@example.org")
    # A port nobody listens on: the connection is refused, as when the mail server is down.
    closed_port = free_port()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    time_machine.move_to(DUE)
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", stdout=out, stderr=err)
    assert "Reminders: 1 retry later." in out.getvalue()
    assert "enrolment" in err.getvalue()
    assert not ReminderSend.objects.filter(status="sent").exists()

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders", stdout=(again := io.StringIO()))
    assert "Reminders: 1 sent." in again.getvalue()
