"""URL converters for parameters that must name something the database can look up.

A parameter that cannot name anything should answer 404 before a view runs, not reach the
database and fail there with a 500:

- `text`: like `str` (any text without a slash) but never a NUL character. PostgreSQL text
  cannot hold one, so a lookup with it raises DataError instead of finding nothing
  (`/certificates/%00/`).
- `id`: a row id, like `int` but no larger than a PostgreSQL integer. Django's `int` takes any
  number of digits, and SQLite (the embedded default) fails on a lookup past 64 bits with
  OverflowError (`/courses/99999999999999999999/start/`).

Query-string values and form fields go through Django forms, whose CharField already refuses
NUL.
"""

from django.urls import register_converter
from django.urls.converters import IntConverter, StringConverter

MAX_ID = 2**31 - 1  # PostgreSQL `integer`, the type of page and event ids


class StorableTextConverter(StringConverter):
    regex = r"[^/\x00]+"


class IdConverter(IntConverter):
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("no row has this id")  # the URL does not match: a 404
        return number


register_converter(StorableTextConverter, "text")
register_converter(IdConverter, "id")
