"""Signed unsubscribe tokens: they name the learner, need no login, and expire."""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

SALT = "courses.reminders.unsubscribe"


class BadToken(Exception):
    """The token was tampered with or has expired; the message says which."""


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def user_id_from_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.REMINDER_UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadToken(_("This unsubscribe link has expired.")) from error
    except signing.BadSignature as error:
        raise BadToken(_("This unsubscribe link is not valid.")) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise BadToken(_("This unsubscribe link is not valid."))
    return data["u"]
