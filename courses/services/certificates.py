"""Certificates: prepared when a learner finishes a course, issued when they choose the name.

The name printed on a certificate appears on a public page, so it is the learner's choice and
never something we make up from their account (least of all their email address). Finishing
the course prepares the certificate, dated then and with the learner's own name, if they typed
one, as a suggestion; it is issued when they confirm a name. They may correct the name later
(the code and the date stay, so a copy already handed out still checks), and hide the public
verification page or show it again.

A certificate is for the course, whichever language the learner took it in: it belongs to the
English course page (modules.translations.source_page), so that finishing the Finnish
translation and the English course is one certificate. It is shown in the reader's language:
the course's translated title when the course has a real (not alias) translation in that
language, else the title copied at issue time.
"""

import unicodedata
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.models import Certificate
from modules.translations import source_page

NAME_MAX_LENGTH = Certificate._meta.get_field("learner_name").max_length


def certificate_name_suggestion(user) -> str:
    """The name the learner gave us (display name, or first and last name), or ""."""
    return user.get_full_name().strip()


def certificate_prepare(*, user, course, now: datetime) -> Certificate:
    """The learner's certificate for the course, prepared now if they have none yet.

    It is dated `now` (the moment of finishing) and waits for the learner to choose the name.
    """
    course = source_page(course)
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user,
                course=course,
                learner_name=certificate_name_suggestion(user),
                course_title=course.title,
                issued_at=now,
            )
    except IntegrityError:  # prepared by a concurrent request a moment ago
        return Certificate.objects.get(user=user, course=course)


def certificate_course_title(certificate: Certificate, language: str | None = None) -> str:
    """The course's title as a reader of `language` (the active language by default) sees it.

    In the source language, the title copied at issue time, so the certificate keeps saying
    what it said; in another language, the title of the course's live translation into it,
    when an editor has made one (an alias only repeats the English title)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or certificate.course_id is None:
        return certificate.course_title
    translated = (
        Page.objects.filter(
            translation_key=Page.objects.filter(pk=certificate.course_id).values("translation_key")[
                :1
            ],
            locale__language_code=language,
            alias_of__isnull=True,
            live=True,
        )
        .values_list("title", flat=True)
        .first()
    )
    return translated or certificate.course_title


def certificate_name_clean(name: str) -> str:
    """The name as it will be printed: spaces tidied, and refused if empty or unprintable."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if any(unicodedata.category(character)[0] == "C" for character in name):
        raise ValidationError(
            _("The name cannot contain control characters; type it as it should be printed."),
            code="control",
        )
    if not name:
        raise ValidationError(_("Type the name to print on your certificate."), code="empty")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name can be at most %(max)d characters long.") % {"max": NAME_MAX_LENGTH},
            code="long",
        )
    try:
        validate_email(name)
    except ValidationError:
        pass
    else:  # an address printed on a public page is what this whole flow exists to prevent
        raise ValidationError(
            _("Type your name rather than an email address: the page that shows it is public."),
            code="address",
        )
    return name


def certificate_name_choose(*, certificate: Certificate, name: str, now: datetime) -> Certificate:
    """Issue the certificate with the learner's chosen name, or re-issue it with a corrected one.

    The code and the issue date never change. A revoked or withdrawn certificate keeps its name.
    """
    if not certificate.is_valid:
        raise ValidationError(_("This certificate is no longer valid."), code="invalid")
    certificate.learner_name = certificate_name_clean(name)
    certificate.name_chosen_at = certificate.name_chosen_at or now
    certificate.save(update_fields=["learner_name", "name_chosen_at"])
    return certificate


def certificate_issue(*, user, course, now: datetime, learner_name: str) -> Certificate:
    """The learner's certificate for the course, issued now with learner_name if not yet issued.

    For callers that already know the chosen name (tests, staff tools); a certificate that was
    issued before is returned unchanged.
    """
    certificate = certificate_prepare(user=user, course=course, now=now)
    if certificate.awaits_name:
        certificate = certificate_name_choose(certificate=certificate, name=learner_name, now=now)
    return certificate


def certificate_visibility_set(*, certificate: Certificate, hidden: bool, now: datetime) -> None:
    """Hide the public verification page, or show it again."""
    certificate.hidden_at = (certificate.hidden_at or now) if hidden else None
    certificate.save(update_fields=["hidden_at"])


def certificates_withdraw(*, user, now: datetime) -> int:
    """Withdraw the learner's certificates as their account is erased; returns how many.

    Issued certificates keep their code, course title and date, so that a verifier who holds
    the code learns it is no longer valid, but lose the name and the link to the person.
    Certificates still waiting for a name were never shown to anyone: they are deleted.
    """
    Certificate.objects.filter(user=user, name_chosen_at__isnull=True).delete()
    return Certificate.objects.filter(user=user).update(
        user=None,
        learner_name="",
        name_chosen_at=None,
        hidden_at=None,
        withdrawn_at=now,
    )
