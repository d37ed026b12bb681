"""Deleting an account and everything the personal-data registry lists about its person.

One transaction, in this order:

1. Lock the account's row, so that a reminder or event email being sent to this person right
   now finishes first, and one that starts later finds no one to write to
   (courses.reminders.sending.claimed_send waits for the lock).
2. Send `account_erasing`, so that each app does its own work while the rows still exist:
   events release the person's seats and move their waiting lists up (the people promoted get
   their seat emails); courses withdraw certificates.
3. Walk the registry (accounts.data_registry.declarations()), never a hand list of models:
   DELETE rows are deleted (with any files they hold), DETACH rows keep everything but the
   link to the person, ADDRESS rows (emails still waiting in the outbox) are deleted by their
   recipient's address, and the person's sign-in sessions (EXPIRES) are ended at once rather
   than left to expire.
4. Record the deletion (accounts.DataRequestLog: the account's number, who asked, when).
5. Delete the account, and write the confirmation email to the outbox. The outbox sends it
   once the transaction commits; until then it is the one piece of personal data that
   outlives the account, and the outbox deletes it as soon as the mail server takes it.

If anything fails, nothing is deleted and no confirmation is sent.
"""

from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.data_registry import Erasure, PersonalData, declarations, person_addresses
from accounts.models import DataRequestAction
from accounts.services.data_requests import data_request_record
from accounts.signals import account_erasing
from mailing.language import language_headers, recipient_language, user_language, user_zone

SESSION_BATCH = 500


@dataclass
class DeletionResult:
    """What a deletion did: the account's former number and address, and per model how many
    rows were deleted or detached (for the log and the tests, never shown with the data)."""

    account_id: int
    email: str
    erased: dict[str, int] = field(default_factory=dict)


def _user_relations(entry: PersonalData) -> list[models.Field]:
    """The declared fields of `entry` (its owner link included) that point at a user."""
    user_model = get_user_model()
    names = [*entry.fields]
    if entry.owner and "__" not in entry.owner and entry.owner not in names:
        names.append(entry.owner)
    model = entry.model_class
    relations = []
    for name in names:
        model_field = model._meta.get_field(name)
        to_one = model_field.many_to_one or model_field.one_to_one
        if model_field.concrete and to_one and model_field.related_model is user_model:
            relations.append(model_field)
    return relations


def _detach(entry: PersonalData, user) -> int:
    """Clear every declared link from `entry`'s rows to `user`. Needed beyond what on_delete
    does: Wagtail's log entries point at users with DO_NOTHING and no database constraint, so
    deleting the user would leave its number in them."""
    manager = entry.model_class._base_manager
    detached = 0
    for relation in _user_relations(entry):
        if relation.null:
            detached += manager.filter(**{relation.name: user}).update(**{relation.name: None})
    return detached


def _files(entry: PersonalData, rows: models.QuerySet) -> list[tuple]:
    """(storage, name) of the files `rows` hold in declared file fields, such as an editor's
    avatar: deleting a row does not delete its file."""
    found = []
    for name in entry.fields:
        model_field = entry.model_class._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            for stored in rows.exclude(**{name: ""}).values_list(name, flat=True):
                if stored:
                    found.append((model_field.storage, stored))
    return found


def _sessions_end(user) -> int:
    """End every sign-in session of `user`, expired or not (its data names the account).

    Sessions keep the account only inside their encoded data, so each is decoded: one pass
    over the session table, in batches. That is the price of the database backend; with
    thousands of signed-in learners it is still well under a second."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        # A session engine without a table (cache, signed cookies): nothing is stored here.
        return 0
    session_model = store_class.get_model_class()
    account = str(user.pk)
    ended = [
        session.session_key
        for session in session_model.objects.iterator(chunk_size=SESSION_BATCH)
        if str(session.get_decoded().get(SESSION_KEY)) == account
    ]
    for key in ended:
        store_class(session_key=key).delete()  # also forgets a cached copy (cached_db)
    return len(ended)


def _history_about(user) -> int:
    """Delete the admin's history entries about the account itself (staff may have created or
    edited it in the admin): they carry its address as their label."""
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(user, for_concrete_model=True)
    deleted, _counts = ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(user.pk)
    ).delete()
    return deleted


def _erase(entry: PersonalData, user, addresses: set[str], files: list) -> int:
    if entry.erasure is Erasure.EXPIRES:
        return _sessions_end(user)
    if entry.erasure is Erasure.ADDRESS:
        return entry.rows_addressed_to(addresses).delete()[0]
    if entry.erasure is Erasure.DELETE:
        rows = entry.rows_for(user)
        files.extend(_files(entry, rows))
        deleted, _counts = rows.delete()
        return deleted + _detach(entry, user)  # other rows that merely mention the person
    return _detach(entry, user)


def _confirmation(*, email: str, language: str, zone, now: datetime) -> None:
    """The last email to the address: the account is gone. Written to the outbox in the
    deletion's transaction, so it goes out only if the deletion commits. It names nobody (no
    display name): the address it is sent to is all it keeps, until the mail server takes it."""
    with recipient_language(language, zone) as language:
        context = {"email": email, "deleted_at": now, "site_url": settings.SITE_URL}
        subject = _("Your account has been deleted")
        text = render_to_string("email/account_deleted.txt", context)
        html = render_to_string("email/account_deleted.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        to=[email],
        headers={"Auto-Submitted": "auto-generated", **language_headers(language)},
    )
    message.attach_alternative(html, "text/html")
    message.send()


def account_delete(*, user, by=None, now: datetime | None = None) -> DeletionResult:
    """Delete `user`'s account and every row the personal-data registry lists about them, in
    one transaction, then email them a confirmation.

    `by` is the member of staff acting on the person's request (None when the person does it
    themself); the deletion is recorded either way, with the account's number and never its
    data. Raises `user_model.DoesNotExist` when the account is already gone.
    """
    now = now or timezone.now()
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().get(pk=user.pk)
        result = DeletionResult(account_id=user.pk, email=user.email)
        language, zone = user_language(user), user_zone(user)
        addresses = person_addresses(user)  # before the registry erases the added ones
        account_erasing.send(sender=user_model, user=user, now=now)

        files: list = []
        the_account = None
        for entry in declarations():
            if entry.owner == "":
                the_account = entry  # the account itself goes last, below
                continue
            result.erased[entry.model] = _erase(entry, user, addresses, files)
        result.erased["wagtailcore.ModelLogEntry"] = result.erased.get(
            "wagtailcore.ModelLogEntry", 0
        ) + _history_about(user)

        data_request_record(action=DataRequestAction.DELETE, account_id=user.pk, by=by, now=now)
        if the_account is not None:
            files.extend(_files(the_account, the_account.rows_for(user)))
        user.delete()
        result.erased[user_model._meta.label] = 1
        _confirmation(email=result.email, language=language, zone=zone, now=now)
        transaction.on_commit(lambda: _files_delete(files))
    return result


def _files_delete(files: list) -> None:
    for storage, name in files:
        storage.delete(name)
