"""An EmailMessage to an outbox row and back, losing nothing a recipient would see.

Django's message objects are rebuilt from their fields rather than stored as raw MIME, so that
the delivery backend (SMTP, files, or the test suite's memory outbox) gets an ordinary
EmailMessage, exactly as if it had been sent directly. The Date and Message-ID headers are
fixed when the email is written: a retry an hour later is the same message, dated when the
learner asked for it, and a receiving server can tell a repeat from a new email.
"""

import base64
from email import message_from_bytes
from email.message import Message
from email.mime.base import MIMEBase
from email.parser import BytesParser
from email.policy import compat32
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import DNS_NAME

from mailing.models import OutboxEmail


class StoredPart(MIMEBase):
    """A MIME part read back from the outbox: Django attaches MIMEBase instances as they are."""

    def __init__(self, policy=None):
        Message.__init__(self, policy=policy or compat32)


def content_to_json(content) -> dict:
    if isinstance(content, EmailMessage):
        content = content.message()
    if isinstance(content, Message):
        content = content.as_bytes()
    if isinstance(content, str):
        return {"text": content}
    return {"base64": base64.b64encode(bytes(content)).decode("ascii")}


def content_from_json(stored: dict) -> str | bytes:
    if "text" in stored:
        return stored["text"]
    return base64.b64decode(stored["base64"])


def attachment_to_json(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        return {"mime": base64.b64encode(attachment.as_bytes()).decode("ascii")}
    filename, content, mimetype = attachment
    return {"filename": filename, "mimetype": mimetype, **content_to_json(content)}


def attach_from_json(message: EmailMessage, stored: dict) -> None:
    if "mime" in stored:
        part = BytesParser(_class=StoredPart).parsebytes(base64.b64decode(stored["mime"]))
        message.attach(part)
        return
    content = content_from_json(stored)
    if stored["mimetype"] == "message/rfc822":
        content = message_from_bytes(content if isinstance(content, bytes) else content.encode())
    message.attach(stored["filename"], content, stored["mimetype"])


def outbox_email_from_message(message: EmailMessage) -> OutboxEmail:
    """An unsaved outbox row holding everything `message` would send. A message that could
    never be sent (a header with a line break, say) raises here, to the code that wrote it, as
    it would with Django's own backends."""
    message.message()
    headers = {str(name): str(value) for name, value in message.extra_headers.items()}
    names = {name.lower() for name in headers}
    if "date" not in names:
        headers["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    if "message-id" not in names:
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    encoding = message.encoding
    return OutboxEmail(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        subject=str(message.subject),
        body=str(message.body),
        content_subtype=message.content_subtype,
        encoding=str(getattr(encoding, "input_charset", encoding) or ""),
        alternatives=[
            {"mimetype": mimetype, **content_to_json(content)}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        headers=headers,
        attachments=[attachment_to_json(attachment) for attachment in message.attachments],
    )


def message_from_outbox_email(row: OutboxEmail) -> EmailMultiAlternatives:
    """The message `row` was made from, ready for the delivery backend."""
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=row.headers,
    )
    message.content_subtype = row.content_subtype
    message.encoding = row.encoding or None
    for alternative in row.alternatives:
        message.attach_alternative(content_from_json(alternative), alternative["mimetype"])
    for attachment in row.attachments:
        attach_from_json(message, attachment)
    return message
