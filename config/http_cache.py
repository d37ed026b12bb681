"""Anonymous pages in a shared cache (Varnish, a CDN), with validators and 304s.

Thousands of officials open the same lesson in the same hour, nearly all of them without an
account: what they are sent is the same for everyone, so a shared cache in front of the site can
answer them without the application. `HttpCacheMiddleware` marks those responses
`Cache-Control: public, max-age=HTTP_CACHE_MAX_AGE, s-maxage=HTTP_CACHE_S_MAXAGE`, gives them an
`ETag` and a `Last-Modified`, and answers a conditional request with 304.

Which responses: GET and HEAD answered 200 by a Wagtail page (the course, modules, lessons,
events, the library) or by a view decorated with `shared_cacheable` (experts, themes), to a
request that carried no session cookie, and only when the response sets no cookie and nothing
before this middleware (Wagtail's view restrictions, `SecurityHeadersMiddleware` for a signed-in
learner, `never_cache`) marked it private or uncacheable. Everything else is left as it is:
signed-in learners keep `private, no-store`.

The ETag is a hash of the body with the CSP nonces blanked: the page is rendered with a fresh
nonce for every request, so a hash of the raw bytes would never match twice. It is weak,
because the bytes do differ by the nonce. The middleware sits outside django-csp's, so that a
304 carries no Content-Security-Policy: a browser merges a 304's headers into the copy it kept,
and a new nonce there would no longer match the scripts of the kept body.

`Last-Modified` must never be older than the content shown, or a client that revalidates with
`If-Modified-Since` alone would keep a stale module page after one of its lessons changed. A
page's own `last_published_at` says nothing about its children or neighbours, so the header is
the later of it and the site's "content changed" time, which config.frontend_cache moves
forward on every publish, unpublish, move and delete (config.content_changes).
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from config.content_changes import content_changed_at

NONCE = re.compile(rb'nonce="[^"]*"')
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
SHARED_CACHEABLE = "_shared_cacheable"


def shared_cacheable(view):
    """Mark a view's answers to anonymous visitors as the same for everyone, for shared caches.

    Only for views whose answer depends on nothing but the URL and the interface language.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, SHARED_CACHEABLE, True)
        return response

    return wrapper


def body_etag(content: bytes) -> str:
    """A weak ETag of `content` that ignores CSP nonces."""
    digest = hashlib.blake2b(NONCE.sub(b'nonce=""', content), digest_size=16).hexdigest()
    return f'W/"{digest}"'


def served_page(request, response):
    """The Wagtail page this response shows, when Wagtail's page view answered."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return None
    context = getattr(response, "context_data", None) or {}
    return context.get("page")


class HttpCacheMiddleware:
    """Public Cache-Control, ETag and Last-Modified on anonymous page responses; 304s.

    Placed first in MIDDLEWARE, so that it sees the response every other middleware finished:
    the session's and CSRF cookies, the private marking of signed-in responses, and the CSP.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = settings.HTTP_CACHE_MAX_AGE
        self.s_maxage = settings.HTTP_CACHE_S_MAXAGE

    def __call__(self, request):
        response = self.get_response(request)
        if not self.is_shareable(request, response):
            return response
        page = served_page(request, response)
        if page is None and not getattr(response, SHARED_CACHEABLE, False):
            return response
        patch_cache_control(response, public=True, max_age=self.max_age, s_maxage=self.s_maxage)
        response["ETag"] = body_etag(response.content)
        last_modified = content_changed_at(request)
        if page is not None and page.last_published_at:
            last_modified = max(last_modified, page.last_published_at)
        response["Last-Modified"] = http_date(last_modified.timestamp())
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified.timestamp()),
            response=response,
        )
        return conditional

    @staticmethod
    def is_shareable(request, response) -> bool:
        """Whether the response may go to anyone: anonymous, cookieless, not marked private."""
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return False
        if response.streaming or response.cookies:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
