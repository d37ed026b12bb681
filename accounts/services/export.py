"""Everything we hold about a person, as one ZIP they can take away (GDPR access and portability).

The archive is built from the personal-data registry (accounts.data_registry) and nothing else:
each exported declaration becomes a section of `data.json`, and each one that can hold many rows
for a person (progress, enrolments, emails sent...) also a CSV file. A README in the person's
language says what each file is.

It streams: rows are read in chunks from a server-side cursor, the JSON and CSV are written row
by row, and the ZIP is compressed as it goes (zipfile writes to a stream it cannot seek with
data descriptors), so a learner with ten thousand rows costs the same memory as one with ten.

What a value becomes:
- a date and time: ISO 8601 with its zone (times are stored, and exported, in UTC);
- a link to another row: its id and title (a lesson, an event, a course), so that a row reads
  on its own; a link to the person themself says "you"; a link to another account says only
  "another account", with no id, since that is not this person's data;
- the password: only whether one is set (`true`/`false`). We keep a one-way hash of it, which is
  of no use to the person and would help someone who got hold of the file to guess it.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.db import models
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.data_registry import PersonalData, declarations, export_files_declared

CHUNK_SIZE = 500  # rows fetched per round trip
BUFFER_SIZE = 64 * 1024  # characters gathered before they are compressed and sent
DATA_FILE = "data.json"
README_FILE = "README.txt"
FORMAT = "personal-data-export/1"
PASSWORD_FIELD = "password"


@dataclass(frozen=True)
class Section:
    """One declaration as the export sees it: its rows' count and, if tabular, its CSV name."""

    entry: PersonalData
    count: int
    csv_name: str | None  # None when the model holds one row per person at most

    @property
    def columns(self) -> list[str]:
        return _field_names(self.entry)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def csv_name_for(entry: PersonalData) -> str:
    """`courses.LessonProgress` → `courses_lesson_progress.csv` (never translated)."""
    app_label, model_name = entry.model.split(".")
    return f"{app_label}_{_snake(model_name)}.csv"


def is_tabular(entry: PersonalData) -> bool:
    """Whether a person can have many rows of this model (then it gets a CSV file too)."""
    if entry.owner == "":
        return False
    if entry.owner and "__" not in entry.owner:
        field = entry.model_class._meta.get_field(entry.owner)
        if field.one_to_one or getattr(field, "unique", False):
            return False
    return True


def _field_names(entry: PersonalData) -> list[str]:
    names = dict.fromkeys([*entry.fields, *entry.related])
    return [name for name in names if name not in entry.not_exported]


def exported_declarations() -> list[PersonalData]:
    return [entry for entry in declarations() if entry.exported]


@cache
def _has_title(model: type[models.Model]) -> bool:
    return any(field.name == "title" for field in model._meta.concrete_fields)


@cache
def _title_link(model: type[models.Model]) -> str | None:
    """For a linked row without a title of its own (an enrolment), the link on it to something
    with one (its course), so that the export can say "Test course" rather than a bare id."""
    user_model = get_user_model()
    for field in model._meta.concrete_fields:
        related = field.related_model
        if field.is_relation and related is not user_model and _has_title(related):
            return field.name
    return None


def _rows(entry: PersonalData, user) -> Iterator[models.Model]:
    """The person's rows of one model, in a stable order, a chunk at a time.

    Only the declared columns are read, and of a linked row only its title, in the same query:
    a lesson is a whole Wagtail page, and building ten thousand of them would cost more than
    the rest of the export.
    """
    model = entry.model_class
    user_model = get_user_model()
    columns, related, many = [], [], []
    for name in _field_names(entry):
        field = model._meta.get_field(name)
        if field.many_to_many:
            many.append(name)
            continue
        columns.append(name)
        if isinstance(field, models.ForeignKey) and field.related_model is not user_model:
            target = field.related_model
            if _has_title(target):
                related.append(name)
                columns.append(f"{name}__title")
            elif through := _title_link(target):
                related.append(f"{name}__{through}")
                columns.append(f"{name}__{through}__title")
    rows = entry.rows_for(user).select_related(*related).only(*columns).order_by("pk")
    if many:
        rows = rows.prefetch_related(*many)
    return rows.iterator(chunk_size=CHUNK_SIZE)


# --- values ------------------------------------------------------------------------------------


def _plain(value):
    """A value JSON can hold, keeping its meaning."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if hasattr(value, "code") and hasattr(value, "name"):  # a django-countries Country
        return value.code or ""
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name or ""
    return str(value)


def _account(account_id: int | None, user):
    """A link to an account: "you", or "another account" with nothing about it."""
    if account_id is None:
        return None
    if account_id == user.pk:
        return {"id": user.pk, "title": _("you")}
    return {"id": None, "title": _("another account")}


def _linked(obj: models.Model | None):
    """A row another row points at: its id and a title a person recognises."""
    if obj is None:
        return None
    model = type(obj)
    if _has_title(model):
        return {"id": obj.pk, "title": obj.title}
    through = _title_link(model)
    if through and (titled := getattr(obj, through)) is not None:
        return {"id": obj.pk, "title": titled.title}
    return {"id": obj.pk, "title": f"{model._meta.verbose_name} {obj.pk}"}


def row_values(entry: PersonalData, obj: models.Model, user) -> dict:
    """One row's declared fields, as the export writes them (JSON-ready)."""
    values = {"id": obj.pk}
    for name in _field_names(entry):
        field = obj._meta.get_field(name)
        if entry.owner == "" and name == PASSWORD_FIELD:
            values[name] = obj.has_usable_password()
        elif isinstance(field, models.ForeignKey) and field.related_model is get_user_model():
            values[name] = _account(getattr(obj, field.attname), user)
        elif isinstance(field, models.ForeignKey):
            values[name] = _linked(getattr(obj, name))
        elif isinstance(field, models.ManyToManyField):
            values[name] = [str(item) for item in getattr(obj, name).all()]
        else:
            values[name] = _plain(field.value_from_object(obj))
    return values


def _csv_cells(entry: PersonalData, values: dict) -> list:
    cells = [values["id"]]
    for name in _field_names(entry):
        value = values[name]
        field = entry.model_class._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            cells += [value["id"], value["title"]] if value else ["", ""]
        elif isinstance(value, dict | list):
            cells.append(json.dumps(value, ensure_ascii=False))
        elif value is None:
            cells.append("")
        else:
            cells.append(value)
    return cells


def csv_header(entry: PersonalData) -> list[str]:
    """Column names: the row's id, each declared field, and a link's title beside its id."""
    header = ["id"]
    for name in _field_names(entry):
        field = entry.model_class._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            header += [name, f"{name}_title"]
        else:
            header.append(name)
    return header


# --- files -------------------------------------------------------------------------------------


def _sections(user) -> list[Section]:
    return [
        Section(
            entry=entry,
            count=entry.rows_for(user).count(),
            csv_name=csv_name_for(entry) if is_tabular(entry) else None,
        )
        for entry in exported_declarations()
    ]


def _section_meta(section: Section) -> dict:
    entry = section.entry
    return {
        "category": str(entry.category),
        "model": entry.model,
        "purpose": str(entry.purpose),
        "retention": str(entry.retention),
        "seen_by": [str(audience) for audience in entry.seen_by],
        "fields": {name: str(text) for name, text in entry.fields.items()},
        "csv_file": section.csv_name if section.count else None,
        "row_count": section.count,
    }


def _json_text(user, sections: list[Section], now: datetime) -> Iterator[str]:
    """data.json, a piece at a time: never one giant string."""
    dump = json.dumps
    head = {
        "format": FORMAT,
        "exported_at": _plain(now),
        "account_id": user.pk,
        "language": user.language,
        "not_included": [
            {
                "category": str(entry.category),
                "model": entry.model,
                "purpose": str(entry.purpose),
                "retention": str(entry.retention),
                "fields": {name: str(text) for name, text in entry.fields.items()},
            }
            for entry in declarations()
            if not entry.exported
        ],
    }
    yield dump(head, ensure_ascii=False, indent=1)[:-2] + ',\n "sections": ['
    for index, section in enumerate(sections):
        meta = dump(_section_meta(section), ensure_ascii=False)
        yield ("," if index else "") + "\n  " + meta[:-1] + ', "rows": ['
        for number, obj in enumerate(_rows(section.entry, user)):
            values = row_values(section.entry, obj, user)
            yield ("," if number else "") + "\n   " + dump(values, ensure_ascii=False)
        yield "\n  ]}"
    yield "\n ]\n}\n"


def _csv_text(user, section: Section) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so that spreadsheet programs read UTF-8 as UTF-8
    writer.writerow(csv_header(section.entry))
    for obj in _rows(section.entry, user):
        writer.writerow(_csv_cells(section.entry, row_values(section.entry, obj, user)))
        if buffer.tell() >= BUFFER_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _readme_text(user, sections: list[Section], now: datetime) -> Iterator[str]:
    yield render_to_string(
        "accounts/export_readme.txt",
        {
            "user": user,
            "exported_at": _plain(now),
            "data_file": DATA_FILE,
            "sections": [section for section in sections if section.count],
            "tables": [section for section in sections if section.csv_name and section.count],
            "empty": [section for section in sections if not section.count],
            "extra_files": export_files_declared(),
        },
    )


def export_files(*, user, now: datetime) -> Iterator[tuple[str, Iterable[str]]]:
    """(file name, its text in pieces) for every file of the archive, README first, then the
    registry's files, then those apps declare in their own format (accounts.data_registry).

    Reads the registry, never a list of models; every piece is produced in the person's
    language, so this must be consumed inside `translation.override(user.language)`.
    """
    sections = _sections(user)
    yield README_FILE, _readme_text(user, sections, now)
    yield DATA_FILE, _json_text(user, sections, now)
    for section in sections:
        if section.csv_name and section.count:
            yield section.csv_name, _csv_text(user, section)
    for extra in export_files_declared():
        if (pieces := extra.content(user)) is not None:
            yield extra.name, pieces


class _Pipe:
    """A file ZipFile writes to and we read back from: it cannot seek, so ZipFile streams."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def personal_data_archive(*, user, now: datetime | None = None) -> Iterator[bytes]:
    """The ZIP archive of everything we hold about `user`, as bytes in pieces.

    Lazy: nothing is read until it is iterated, and it works in the person's language itself,
    since a streamed response is iterated after the view has returned.
    """
    now = now or timezone.now()
    stamp = now.astimezone(UTC).timetuple()[:6]
    pipe = _Pipe()
    with (
        translation.override(user.language),
        zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, pieces in export_files(user=user, now=now):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with archive.open(info, "w") as member:
                pending: list[str] = []
                size = 0
                for piece in pieces:
                    pending.append(piece)
                    size += len(piece)
                    if size >= BUFFER_SIZE:
                        member.write("".join(pending).encode())
                        pending, size = [], 0
                        if data := pipe.take():
                            yield data
                member.write("".join(pending).encode())
            if data := pipe.take():
                yield data
    yield pipe.take()  # the central directory, written when the archive closed


def export_filename(now: datetime) -> str:
    return f"personal-data-{now.astimezone(UTC):%Y-%m-%d}.zip"


def personal_data_export_response(user, *, now: datetime | None = None) -> StreamingHttpResponse:
    """A download of everything we hold about `user`: for the learner, and for staff on request.

    The caller decides who may have it (the learner after re-authenticating; an administrator
    acting on a request); this only builds the response. It is never cached anywhere.
    """
    now = now or timezone.now()
    response = StreamingHttpResponse(
        personal_data_archive(user=user, now=now), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(now)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
