from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

import config.converters  # noqa: F401  (registers the `id` and `text` converters)
from accounts.views.doors import allauth_door
from accounts.views.privacy import privacy
from config.documents import document_serve
from config.http_cache import shared_cacheable
from config.media import serve_media
from config.ops.health import healthz, readyz
from config.ops.metrics import metrics
from modules import download_views, podcast_views
from modules import views as module_views
from sitesearch import views as search_views

urlpatterns = [
    # Operations (docs/operations.md). config.ops.health.ProbeMiddleware answers these before
    # the rest of the middleware; the routes name them and serve other methods (405).
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    # robots.txt and the sitemap, outside the language prefixes (discovery/).
    path("", include("discovery.urls")),
    # The read-only content API and its OpenAPI description (contentapi/), in no language prefix.
    path("api/v2/", include("contentapi.urls")),
    # Wagtail's own sign-in, sign-out and password-reset pages lead to allauth's (see
    # accounts.views.doors.allauth_door); they come first so that Wagtail's views are never reached.
    path("admin/login/", allauth_door("account_login")),
    path("admin/logout/", allauth_door("account_logout")),
    path("admin/password_reset/", allauth_door("account_reset_password")),
    path("_util/login/", allauth_door("account_login")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view (same address, same privacy check), its redirects never cached.
    re_path(r"^documents/(\d+)/(.*)$", document_serve),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "lessons/<id:page_id>/captions/<text:language>.vtt",
        module_views.caption_track,
        name="lesson_captions",
    ),
    path(
        "lessons/<id:page_id>/tracks/<text:kind>/<text:language>.vtt",
        module_views.lesson_track,
        name="lesson_track",
    ),
    # Downloads: the lesson's transcript and media as files (modules/download_views.py). The page id
    # names the lesson in one language, so the address needs no language prefix.
    path(
        "lessons/<id:page_id>/transcript.txt",
        download_views.transcript_download,
        {"fmt": "txt"},
        name="lesson_transcript_txt",
    ),
    path(
        "lessons/<id:page_id>/transcript.pdf",
        download_views.transcript_download,
        {"fmt": "pdf"},
        name="lesson_transcript_pdf",
    ),
    path(
        "lessons/<id:page_id>/media.<slug:extension>",
        download_views.media_download,
        {"which": "media"},
        name="lesson_media_download",
    ),
    path(
        "lessons/<id:page_id>/audio.<slug:extension>",
        download_views.media_download,
        {"which": "audio"},
        name="lesson_audio_download",
    ),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", serve_media, name="media")]

# Everything a reader sees is in their language, and the language is in the address: English at
# the root, the others under their prefix (/sv/, /fi/, /nb/, /da/); docs/languages.md.
urlpatterns += i18n_patterns(
    # The messages of static/js in the page's language, the same for everyone. Django always
    # reads LOCALE_PATHS; naming one app (which has no catalogue of its own) leaves out the
    # admin's and Wagtail's JavaScript strings, which no page for readers uses.
    path(
        "jsi18n/",
        shared_cacheable(JavaScriptCatalog.as_view(packages=["modules"])),
        name="javascript-catalog",
    ),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("courses.urls")),
    path("", include("events.urls")),
    path("", include("library.urls")),
    path("", include("learningrecords.urls")),
    # The podcasts of the course and of each module, beside their pages (modules/podcast.py).
    path("podcast.rss", podcast_views.course_podcast, name="course_podcast"),
    path("<slug:module_slug>/podcast.rss", podcast_views.module_podcast, name="module_podcast"),
    path("search/", search_views.search, name="search"),
    path("privacy/", privacy, name="privacy"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
