"""Fixtures for the outbox tests: the outbox in front again, and a real SMTP server behind it.

Django's test runner replaces EMAIL_BACKEND with its memory backend for the whole suite; these
tests put the site's own backend back, so that sending an email writes an outbox row and a task
delivers it through EMAIL_DELIVERY_BACKEND (memory, or SMTP to the aiosmtpd server below).
"""

import pytest
from aiosmtpd.controller import Controller

from tests.courses.reminder_worker_support import RecordingHandler
from tests.support import free_port

OUTBOX = "mailing.backends.OutboxEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class MailServer:
    """aiosmtpd on one loopback port that can be down, come up, and go down again, as a mail
    server does; `handler` records every message it accepted, across restarts."""

    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self._controller = None

    def start(self) -> None:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self.handler.release()
            self._controller.stop()
            self._controller = None

    def recipients(self) -> list[str]:
        return [item.recipient for item in self.handler.received]


def deliver_by_smtp(settings, port: int) -> None:
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def mail_server(settings):
    """The outbox delivers by SMTP to this server, which is down until the test starts it."""
    server = MailServer()
    deliver_by_smtp(settings, server.port)
    yield server
    server.stop()
