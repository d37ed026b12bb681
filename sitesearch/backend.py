"""The search backend: Wagtail's database backend, with each language's own dictionary on
PostgreSQL.

Wagtail's PostgreSQL backend builds every tsvector and tsquery with one text search
configuration (`SEARCH_CONFIG`). Here each object is indexed with the dictionary of the language
its content is written in (`sitesearch.languages.content_language`: an alias, its source's), and
each row is matched with that same dictionary, so the words of a query are stemmed as the row's
words were: a Swedish lesson with Swedish stemming ("kommun" finds "kommunerna"), an alias or an
English page with English stemming. Objects without a language, and languages without a
dictionary, use `SEARCH_CONFIG`. Which rows a reader may find at all is the caller's filter
(`sitesearch.languages.in_reader_language`), not the backend's.

Only two of the backend's extension points are used: the index groups the objects it is given by
dictionary and lets Wagtail's index write each group with that dictionary; the query compiler
gives Wagtail's query a per-row dictionary (a SQL expression) instead of a fixed name. Because
the dictionary differs per row, PostgreSQL matches rows one by one rather than through the
index's GIN index, which is quick at a course's size (thousands of entries).

On any other database (the embedded SQLite) the backend is Wagtail's own for it: no dictionaries.

Rebuild the index after changing dictionaries, and once where pages were indexed before this
backend (they were all indexed with English): `manage.py update_index`.
"""

import copy
from collections import defaultdict

from django.db import connection
from django.db.models import Case, Value, When
from django.db.models.lookups import Exact
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from sitesearch.languages import (
    DICTIONARIES,
    content_language_expression,
    content_languages,
    dictionary,
    source_language,
)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index the objects in groups, one per dictionary, each with its own dictionary."""
        objs = list(objs)
        languages = content_languages(objs)
        groups = defaultdict(list)
        for obj in objs:
            groups[self.backend.config_for(languages.get(obj.pk))].append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        """Each row's own dictionary, as a SQL expression, for a model whose rows have a
        language; the backend's fixed one otherwise."""
        expression = backend.config_expression(self.queryset.model)
        return backend.config if expression is None else expression


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        # Without SEARCH_CONFIG, Wagtail leaves the choice to PostgreSQL's own default; here the
        # default must be a name, the same when indexing and querying: the source language's.
        self.config = self.config or dictionary(source_language()) or "simple"

    def config_for(self, language: str | None) -> str | None:
        return dictionary(language) or self.config

    def with_config(self, config: str | None) -> "LanguagePostgresSearchBackend":
        """This backend with another fixed dictionary, for Wagtail's indexer, which reads one."""
        backend = copy.copy(self)
        backend.config = config
        return backend

    def config_expression(self, model):
        """The dictionary of each row's content language, or None for a model without
        languages."""
        language = content_language_expression(model)
        if language is None:
            return None
        return Case(
            *(
                When(Exact(language, Value(code)), then=Value(config))
                for code, config in DICTIONARIES.items()
            ),
            default=Value(self.config),
        )


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Wagtail's database backend for the database in use; on PostgreSQL, with languages."""
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    return database_backend(params)
