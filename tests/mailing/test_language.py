"""The language of an email is decided when it is written: the outbox keeps the words, the dates
and the Content-Language header as rendered for the recipient, so a retry sends the same
message whatever language is active in the worker or the learner picks meanwhile."""

from datetime import UTC, datetime

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.services.deletion import account_delete
from mailing.language import for_recipient, language_headers, site_language
from mailing.models import OutboxEmail
from mailing.services import OutboxDeferred, outbox_email_send
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


MOMENT = datetime(2026, 12, 21, 7, 30, tzinfo=UTC)  # 09.30 on a Monday in Helsinki


def test_site_language_keeps_the_sites_languages_and_falls_back_to_english():
    assert [site_language(code) for code in ["fi", "sv-SE", "nb_NO", "de", "", None]] == [
        "fi",
        "sv",
        "nb",
        "en",
        "en",
        "en",
    ]


def write_finnish_email(learner) -> OutboxEmail:
    with for_recipient(learner) as language:
        body = date_format(timezone.localtime(MOMENT), "DATETIME_FORMAT")
        message = EmailMultiAlternatives(
            subject=f"Muistutus {language}",
            body=body,
            to=[learner.email],
            headers=language_headers(language),
        )
    message.send()
    return OutboxEmail.objects.latest("pk")


def test_a_retry_sends_the_email_as_it_was_written(mail_server):
    learner = make_learner("aino@example.org", language="fi", timezone="Europe/Helsinki")
    row = write_finnish_email(learner)
    assert row.headers["Content-Language"] == "fi"
    assert row.body == "maanantai 21. joulukuuta 2026 klo 9.30"

    with pytest.raises(OutboxDeferred):
        outbox_email_send(email_id=row.pk, now=row.next_attempt_at)  # the mail server is down
    learner.language = "sv"  # the learner changes their language before the retry
    learner.save()
    mail_server.start()
    row.refresh_from_db()
    with translation.override("da"):  # whatever the worker happens to have active
        assert outbox_email_send(email_id=row.pk, now=row.next_attempt_at) == "sent"

    [received] = mail_server.handler.received
    assert received.message["Content-Language"] == "fi"
    assert received.message["Subject"] == "Muistutus fi"
    assert received.message.get_content().strip() == "maanantai 21. joulukuuta 2026 klo 9.30"


def test_the_deletion_confirmation_is_in_the_learners_language_and_time():
    learner = make_learner("aino@example.org", language="fi", timezone="Europe/Helsinki")
    account_delete(user=learner, now=MOMENT)
    row = OutboxEmail.objects.get(to=["aino@example.org"])
    assert row.headers["Content-Language"] == "fi"
    assert "maanantai 21. joulukuuta 2026 klo 9.30" in row.body
    [(html, _mimetype)] = [(a["text"], a["mimetype"]) for a in row.alternatives]
    assert '<html lang="fi">' in html
