"""The one registry of personal data: every model field that holds data about a person.

Each app declares its own fields in a `personal_data.py` module beside its models (found when
the accounts app is ready); export, deletion, retention, the privacy page and the staff tools
read the declarations from here and nowhere else. A test walks every model with a relation to
the user model, and every field named like an email address, a name or an IP address, and fails
on one that is not declared, so that a new model cannot be forgotten.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils.functional import Promise


class Audience(StrEnum):
    """Who can see the data."""

    LEARNER = "learner"  # the person it is about, on their own pages and in their export
    STAFF = "staff"  # administrators (editors see only what the Wagtail admin shows them)
    PUBLIC = "public"  # anyone, e.g. a certificate's verification page the learner shares


class Erasure(StrEnum):
    """What deleting the person's account does to these rows."""

    DELETE = "delete"  # the rows are deleted
    DETACH = "detach"  # the rows stay (editorial records) and the link to the person is cleared
    ADDRESS = "address"  # the rows are found by email address, not by a link, and deleted
    EXPIRES = "expires"  # not linked to the account (sign-in sessions): they end by themselves


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data.

    `fields` maps each field that holds data about a person to what it is, in plain words.
    `owner` is the ORM path from a row to the user it is about ("" for the user model itself);
    `address_fields` name the fields that hold an email address when rows are found by address
    rather than by a link (Erasure.ADDRESS). `retention` is how long the rows are kept, in
    words for the privacy page; `retention_period`, where a retention job prunes them, the same
    in time (counted from `retention_from`).
    """

    model: str  # "app_label.ModelName"
    fields: dict[str, str | Promise]
    category: str | Promise
    purpose: str | Promise
    retention: str | Promise
    seen_by: tuple[Audience, ...]
    owner: str | None = "user"
    erasure: Erasure = Erasure.DELETE
    address_fields: tuple[str, ...] = ()
    retention_period: timedelta | None = None
    retention_from: str | None = None
    exported: bool = True
    related: tuple[str, ...] = field(default=())  # extra fields worth exporting for context
    # Declared fields that the export leaves out: secrets that would let a copy of the export
    # sign in as the person (a session key, an authenticator's secret).
    not_exported: tuple[str, ...] = field(default=())

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows_addressed_to(self, addresses: Iterable[str]) -> models.QuerySet:
        """The rows of an ADDRESS declaration that name any of `addresses`, in one query."""
        # Lists of addresses are JSON: match each quoted address, in any letter case.
        texts = {f"_{name}_text": Cast(name, models.TextField()) for name in self.address_fields}
        query = models.Q(pk__in=[])
        for address in addresses:
            for alias in texts:
                query |= models.Q(**{f"{alias}__icontains": f'"{address}"'})
        return self.model_class._base_manager.alias(**texts).filter(query)

    def rows_for(self, user) -> models.QuerySet:
        """The rows of this model that are about `user`."""
        manager = self.model_class._base_manager
        if self.erasure is Erasure.ADDRESS:
            return self.rows_addressed_to(person_addresses(user))
        if self.owner is None:
            return manager.none()
        if self.owner == "":
            return manager.filter(pk=user.pk)
        return manager.filter(**{self.owner: user})


def person_addresses(user) -> set[str]:
    """Every address the person has given: the account's, and any other they added (one
    waiting for confirmation may have a confirmation email in the outbox)."""
    from allauth.account.models import EmailAddress

    found = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return {address for address in found if address}


_REGISTRY: dict[str, PersonalData] = {}


def declare(*entries: PersonalData) -> None:
    """Declare models' personal data; each model once."""
    for entry in entries:
        if entry.model in _REGISTRY:
            raise ValueError(f"{entry.model} is declared twice in the personal-data registry")
        _REGISTRY[entry.model] = entry


def declarations() -> Iterator[PersonalData]:
    """Every declaration, in a stable order (the user first, then by model)."""
    return iter(sorted(_REGISTRY.values(), key=lambda entry: (entry.owner != "", entry.model)))


def declaration_for(model: type[models.Model] | str) -> PersonalData | None:
    label = model if isinstance(model, str) else model._meta.label
    return _REGISTRY.get(label)


@dataclass(frozen=True)
class ExportFile:
    """A file of the export that an app writes itself: the person's data again, in a standard
    format another program reads (xAPI statements), beside the registry's own files.

    `content(user)` gives the file's text in pieces, or None when the person has nothing of the
    kind (then, as with the CSV files, there is no file); `description` says in the README what
    it is.
    """

    name: str
    description: str | Promise
    content: Callable[..., Iterable[str] | None]


_EXPORT_FILES: dict[str, ExportFile] = {}


def declare_export_file(entry: ExportFile) -> None:
    if entry.name in _EXPORT_FILES:
        raise ValueError(f"{entry.name} is declared twice as an export file")
    _EXPORT_FILES[entry.name] = entry


def export_files_declared() -> list[ExportFile]:
    return sorted(_EXPORT_FILES.values(), key=lambda entry: entry.name)


def declared_fields() -> set[tuple[str, str]]:
    """(model label, field name) of every declared field, the link to the owner included."""
    declared = {(entry.model, name) for entry in _REGISTRY.values() for name in entry.fields}
    owners = {
        (entry.model, entry.owner)
        for entry in _REGISTRY.values()
        if entry.owner and "__" not in entry.owner
    }
    return declared | owners
