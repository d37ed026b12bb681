"""The OpenAPI 3.1 description of the content API, served at /api/v2/openapi.json.

Written here by hand, as data, rather than generated: Wagtail's API builds its serializers per
request from `?fields=` and `?type=`, so neither DRF's schema generator nor drf-spectacular can
see the shapes it answers with. Writing them down keeps the description exact (every object is
`additionalProperties: false`), and two kinds of test hold it to the code:
tests/contentapi/test_openapi.py checks that every field the endpoints declare is described,
and Schemathesis runs every operation against the running API and checks the answers against
it (tests/contentapi/test_schemathesis.py).

Every field of an item is optional in the schema because `?fields=` can leave any of them out;
which ones a listing gives by default is said in each operation's description.
"""

from django.conf import settings

from contentapi.endpoints import MAX_OFFSET, PAGE_TYPES
from events.models import EventFormat, EventKind
from library.models import Licence, ResourceType
from modules.kinds import LessonKind
from modules.models import TrackKind

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
HTML = {"type": "string", "description": "HTML, internal links resolved."}
NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}
DATETIME = {"type": ["string", "null"], "format": "date-time"}
TEXT_LIST = {"type": "array", "items": STRING}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def obj(properties: dict, *, required=(), nullable=False, description=None) -> dict:
    schema = {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


EXPERT = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "role": STRING,
        "organisation": STRING,
        "html_url": NULLABLE_URL,
    },
    required=["id", "name", "role", "organisation", "html_url"],
)
THEME = obj(
    {"id": INTEGER, "slug": STRING, "name": STRING, "html_url": URL},
    required=["id", "slug", "name", "html_url"],
)
MEDIA = obj(
    {
        "type": {"type": "string", "enum": ["video", "audio"]},
        "title": STRING,
        "url": URL,
        "duration_seconds": {"type": ["integer", "null"]},
        "width": {"type": ["integer", "null"]},
        "height": {"type": ["integer", "null"]},
        "download_url": NULLABLE_URL,
    },
    required=["type", "title", "url", "duration_seconds", "width", "height", "download_url"],
    nullable=True,
)
CAPTION_TRACK = obj(
    {
        "kind": {"type": "string", "enum": list(TrackKind.values)},
        "language": {"type": "string", "enum": LANGUAGES},
        "label": STRING,
        "url": {**URL, "description": "The WebVTT file."},
    },
    required=["kind", "language", "label", "url"],
)
TRANSCRIPT = obj(
    {"text": STRING, "txt_url": URL, "pdf_url": URL},
    required=["text", "txt_url", "pdf_url"],
    nullable=True,
)
LICENCE = obj(
    {
        "code": {"type": "string", "enum": [code for code in Licence.values if code]},
        "name": STRING,
        "url": {**NULLABLE_URL, "description": "The licence's text, when it has a canonical page."},
        "attribution": {**STRING, "description": "Whom to credit when reusing it; may be empty."},
    },
    required=["code", "name", "url", "attribution"],
    nullable=True,
)
IMAGE = obj(
    {"id": INTEGER, "title": STRING, "url": URL}, required=["id", "title", "url"], nullable=True
)
DOCUMENT_FILE = obj(
    {"id": INTEGER, "title": STRING, "download_url": URL},
    required=["id", "title", "download_url"],
    nullable=True,
)
STREAM_BLOCK = obj(
    {"type": STRING, "value": {}, "id": STRING},
    required=["type", "value"],
    description="One block of the lesson's body, as Wagtail's API writes StreamField blocks.",
)

PAGE_FIELDS = {
    "modules.CoursePage": {
        "tagline": STRING,
        "introduction": HTML,
        "audience": HTML,
        "questions": TEXT_LIST,
    },
    "modules.ModulePage": {
        "number": INTEGER,
        "summary": STRING,
        "learning_outcomes": TEXT_LIST,
        "questions": TEXT_LIST,
        "image": IMAGE,
    },
    "modules.LessonPage": {
        "intro": STRING,
        "kind": {"type": "string", "enum": list(LessonKind.values)},
        "duration_seconds": {"type": ["integer", "null"]},
        "media": ref("LessonMedia"),
        "caption_tracks": {"type": "array", "items": ref("CaptionTrack")},
        "transcript": ref("Transcript"),
        "text_description": HTML,
        "experts": {"type": "array", "items": ref("Expert")},
        "themes": {"type": "array", "items": ref("Theme")},
        "licence": ref("Licence"),
        "body": {"type": "array", "items": ref("StreamBlock"), "description": "Detail only."},
    },
    "events.EventIndexPage": {"intro": HTML},
    "events.EventPage": {
        "kind": {"type": "string", "enum": list(EventKind.values)},
        "summary": STRING,
        "description": HTML,
        "start": DATETIME,
        "end": DATETIME,
        "dates_only": BOOLEAN,
        "timezone": {**STRING, "description": "IANA name, e.g. Europe/Stockholm."},
        "event_format": {"type": "string", "enum": list(EventFormat.values)},
        "venue": STRING,
        "address": STRING,
        "conference": STRING,
        "code": STRING,
        "theme_label": STRING,
        "host_name": STRING,
        "host_url": STRING,
        "host_registration_url": STRING,
        "cancelled": BOOLEAN,
        "speakers": {"type": "array", "items": ref("Expert")},
        "themes": {"type": "array", "items": ref("Theme")},
        "related_modules": {"type": "array", "items": INTEGER, "description": "Page ids."},
        "recording": ref("LessonMedia"),
        "transcript": STRING,
    },
    "library.ResourceIndexPage": {"introduction": HTML},
    "library.ResourcePage": {
        "resource_type": {"type": "string", "enum": list(ResourceType.values)},
        "year": {"type": ["integer", "null"]},
        "publisher": STRING,
        "language": {"type": "string", "enum": LANGUAGES},
        "licence": ref("Licence"),
        "summary": STRING,
        "document": ref("DocumentFile"),
        "external_url": STRING,
        "authors": {"type": "array", "items": ref("Expert")},
        "themes": {"type": "array", "items": ref("Theme")},
        "related_modules": {"type": "array", "items": INTEGER, "description": "Page ids."},
    },
}

PAGE_REF = obj(
    {
        "id": INTEGER,
        "meta": obj(
            {
                "type": {"type": "string", "enum": list(PAGE_TYPES)},
                "detail_url": URL,
                "html_url": NULLABLE_URL,
            }
        ),
        "title": STRING,
    },
    nullable=True,
)


def page_meta(type_name: str) -> dict:
    return obj(
        {
            "type": {"const": type_name},
            "detail_url": URL,
            "html_url": NULLABLE_URL,
            "slug": STRING,
            "show_in_menus": BOOLEAN,
            "seo_title": STRING,
            "search_description": STRING,
            "first_published_at": DATETIME,
            "alias_of": PAGE_REF,
            "parent": {**PAGE_REF, "description": "Detail only; null at the top of the site."},
            "locale": {"type": "string", "enum": LANGUAGES},
        }
    )


def page_item(type_name: str) -> dict:
    return obj(
        {"id": INTEGER, "meta": page_meta(type_name), "title": STRING, **PAGE_FIELDS[type_name]}
    )


def schema_name(type_name: str) -> str:
    return type_name.split(".")[1]


def listing(item: dict) -> dict:
    return obj(
        {
            "meta": obj({"total_count": INTEGER}, required=["total_count"]),
            "items": {"type": "array", "items": item},
        },
        required=["meta", "items"],
    )


def file_item(type_name: str, extra: dict) -> dict:
    return obj(
        {
            "id": INTEGER,
            "meta": obj({"type": {"const": type_name}, "detail_url": URL, "download_url": URL}),
            "title": STRING,
            **extra,
        }
    )


def query(name, schema, description) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


COMMON = [
    query(
        "limit",
        {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
        f"How many items (default 20, at most {settings.WAGTAILAPI_LIMIT_MAX}).",
    ),
    query(
        "offset",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
        "How many items to skip.",
    ),
    query(
        "fields",
        STRING,
        "Fields to add to the defaults (`fields=intro,kind`), take away (`-title`), all (`*`) "
        "or none but the listed (`_,title`).",
    ),
    query(
        "order",
        STRING,
        "A column to order by (`title`, `-first_published_at`), or `random`.",
    ),
]
ID_QUERY = {"type": "integer", "minimum": 1}
PAGE_FILTERS = [
    query(
        "type",
        {"type": "string", "enum": list(PAGE_TYPES)},
        "Only pages of this type; then their own fields can be asked for and filtered by.",
    ),
    query("child_of", ID_QUERY, "Only the children of this page (or `root`: the site's home)."),
    query("descendant_of", ID_QUERY, "Only pages below this page."),
    query("ancestor_of", ID_QUERY, "Only pages above this page."),
    query("translation_of", ID_QUERY, "Only the translations of this page."),
    query("locale", {"type": "string", "enum": LANGUAGES}, "Only pages in this language."),
    query(
        "module",
        ID_QUERY,
        "What belongs to this module: its lessons, and events and resources related to it.",
    ),
    query("theme", STRING, "Only lessons, events and resources with this theme (its slug)."),
    query(
        "kind",
        STRING,
        "With type=modules.LessonPage: video, audio or written. With type=events.EventPage: "
        "the event's kind.",
    ),
    query("slug", STRING, "Only pages with this slug."),
    query("number", INTEGER, "With type=modules.ModulePage: the module's number."),
    query(
        "resource_type",
        {"type": "string", "enum": list(ResourceType.values)},
        "With type=library.ResourcePage.",
    ),
    query("year", INTEGER, "With type=library.ResourcePage: the year of publication."),
    query("publisher", STRING, "With type=library.ResourcePage."),
    query(
        "language",
        {"type": "string", "enum": LANGUAGES},
        "With type=library.ResourcePage: the publication's language.",
    ),
    query(
        "event_format",
        {"type": "string", "enum": list(EventFormat.values)},
        "With type=events.EventPage.",
    ),
    query("cancelled", BOOLEAN, "With type=events.EventPage."),
]
TITLE_FILTER = query("title", STRING, "Only items with exactly this title.")
FIELDS_ONLY = [COMMON[2]]
ID_PATH = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}


def answers(ok_schema: dict, *, detail=False) -> dict:
    responses = {
        "200": {
            "description": "Found.",
            "content": {"application/json": {"schema": ok_schema}},
        },
        "400": {
            "description": "A parameter is not valid; `message` says which and why.",
            "content": {"application/json": {"schema": ref("Error")}},
        },
    }
    if detail:
        responses["404"] = {
            "description": "No public, live item with this id.",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return responses


def operation(operation_id, summary, parameters, ok_schema, *, detail=False) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": answers(ok_schema, detail=detail),
        }
    }


def openapi_document() -> dict:
    page_items = {schema_name(name): page_item(name) for name in PAGE_TYPES}
    any_page = {"anyOf": [ref(name) for name in page_items]}
    media_item = file_item(
        "wagtailmedia.Media",
        {
            "media_type": {"type": "string", "enum": ["video", "audio"]},
            "duration": {"type": "number"},
            "width": {"type": ["integer", "null"]},
            "height": {"type": ["integer", "null"]},
        },
    )
    image_item = file_item("wagtailimages.Image", {"width": INTEGER, "height": INTEGER})
    document_item = file_item("wagtaildocs.Document", {})
    paths = {
        "/api/v2/pages/": operation(
            "listPages",
            "Public, live pages: the course, its modules and lessons, events and resources. "
            "By default each item has its id, title and meta (type, addresses, slug, first "
            "published, language); `fields` adds a type's own fields when `type` is given.",
            COMMON + PAGE_FILTERS,
            listing(any_page),
        ),
        "/api/v2/pages/{id}/": operation(
            "getPage",
            "One public, live page with all its fields.",
            [ID_PATH, *FIELDS_ONLY],
            any_page,
            detail=True,
        ),
        "/api/v2/images/": operation(
            "listImages",
            "Images outside private collections.",
            COMMON + [TITLE_FILTER],
            listing(ref("Image")),
        ),
        "/api/v2/images/{id}/": operation(
            "getImage", "One image.", [ID_PATH, *FIELDS_ONLY], ref("Image"), detail=True
        ),
        "/api/v2/documents/": operation(
            "listDocuments",
            "Documents outside private collections.",
            COMMON + [TITLE_FILTER],
            listing(ref("Document")),
        ),
        "/api/v2/documents/{id}/": operation(
            "getDocument", "One document.", [ID_PATH, *FIELDS_ONLY], ref("Document"), detail=True
        ),
        "/api/v2/media/": operation(
            "listMedia",
            "Video and audio files outside private collections.",
            COMMON + [TITLE_FILTER],
            listing(ref("Media")),
        ),
        "/api/v2/media/{id}/": operation(
            "getMedia",
            "One video or audio file.",
            [ID_PATH, *FIELDS_ONLY],
            ref("Media"),
            detail=True,
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Course content API",
            "version": "2",
            "description": (
                "Read-only, anonymous and cacheable: the course's public, live content. "
                "Built on Wagtail's API v2. Any origin may read it (CORS)."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {
                **page_items,
                "Image": image_item,
                "Document": document_item,
                "Media": media_item,
                "Expert": EXPERT,
                "Theme": THEME,
                "LessonMedia": MEDIA,
                "CaptionTrack": CAPTION_TRACK,
                "Transcript": TRANSCRIPT,
                "Licence": LICENCE,
                "DocumentFile": DOCUMENT_FILE,
                "StreamBlock": STREAM_BLOCK,
                "Error": obj({"message": STRING}, required=["message"]),
            }
        },
    }
