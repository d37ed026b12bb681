"""Handing a message to the real mail transport, and telling its failures apart.

EMAIL_BACKEND is the outbox (mailing.backends): anything that calls send_mail() or
EmailMessage.send() only writes a row. The transport that actually delivers (SMTP in
production, files in the embedded default, memory in tests) is EMAIL_DELIVERY_BACKEND, and only
code that must learn the mail server's answer at once uses it: the outbox's own task, and the
course and event reminders, which keep their own exactly-once claim and retries
(courses.reminders.sending.claimed_send).
"""

import smtplib
import socket

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

OUTBOX_BACKEND = "mailing.backends.OutboxEmailBackend"


class TemporarySendFailure(Exception):
    """The mail server could not take the message now; trying again later may work."""


TEMPORARY_ERRORS = (smtplib.SMTPException, socket.timeout, ConnectionError, OSError)


def is_permanent(error: Exception) -> bool:
    """Whether a mail server error means retrying cannot help (5xx replies, refused recipients).

    A refused login is the exception: it says the site's credentials are wrong, not that the
    message is, and once an operator fixes them every waiting email should still go out."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def delivery_connection(**kwargs) -> BaseEmailBackend:
    """A connection to the transport that really delivers (EMAIL_DELIVERY_BACKEND), which
    raises the mail server's errors instead of hiding them."""
    backend = settings.EMAIL_DELIVERY_BACKEND
    if backend == OUTBOX_BACKEND:
        raise ImproperlyConfigured(
            "EMAIL_DELIVERY_BACKEND (DJANGO_EMAIL_BACKEND) must be a real transport such as "
            "SMTP, not the outbox itself."
        )
    return get_connection(backend, fail_silently=False, **kwargs)


def deliver(message: EmailMessage) -> int:
    """Send `message` now through the delivery transport, bypassing the outbox. Returns how
    many messages the transport took (0 for a message without recipients); raises the
    transport's error when it fails."""
    return delivery_connection().send_messages([message])
