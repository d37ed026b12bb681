"""Which language a reader gets: the address says it, and the reader's choice picks the address.

Every reader-facing address carries its language: English at the root, the others under their
prefix (`/sv/`, `/fi/`, `/nb/`, `/da/`), so a link always opens in the language it was written
in and a shared cache keeps one copy per address. The only question is where an unprefixed
address (English) sends someone who would rather read another language:

1. their choice on this browser: the language cookie, set by the language switcher, whose
   links carry `?lang=<code>` (the middleware sets the cookie and redirects to the clean
   address, so the choice holds for every later visit);
2. a signed-in learner's profile language (the profile form sets the cookie too);
3. on a first visit, the browser's `Accept-Language`.

If that language is not English, `LanguageChoiceMiddleware` redirects a GET for an English
page to the same page in that language. Prefixed addresses are never redirected (a Swedish link
stays Swedish), nor are files (a calendar feed, captions: no trailing slash). Unprefixed answers
therefore vary with `Accept-Language` and the cookie; Varnish folds the cookie into
`Accept-Language` (deploy/varnish/course.vcl).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

SWITCH_PARAMETER = "lang"
# The content API (contentapi/) has no language in its addresses and answers the same to all.
API_PREFIX = "/api/"


def site_language(code: str | None) -> str | None:
    """`code` as one of the site's languages (`sv-FI` → `sv`), or None."""
    if not code or len(code) > 35:
        return None
    try:
        return get_supported_language_variant(code.replace("_", "-"))
    except LookupError:
        return None


def browser_language(request) -> str | None:
    """The first of the site's languages the browser's Accept-Language names."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header[:1000]):
        if code == "*":
            break
        found = site_language(code)
        if found:
            return found
    return None


def chosen_language(request) -> str | None:
    """The reader's own choice: the cookie, else a signed-in learner's profile language."""
    chosen = site_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return site_language(getattr(user, "language", None))
    return None


def preferred_language(request) -> str:
    return chosen_language(request) or browser_language(request) or settings.LANGUAGE_CODE


def remember_language(response, language: str) -> None:
    """Keep the reader's choice of language on this browser for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _without_switch(request) -> str:
    query = request.GET.copy()
    query.pop(SWITCH_PARAMETER, None)
    return request.path + (f"?{query.urlencode()}" if query else "")


class LanguageChoiceMiddleware:
    """Remembers a choice made with the switcher, and sends an English address to the reader's
    language (see the module's docstring). After LocaleMiddleware and AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            redirect = self.switch(request) or self.negotiate(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if self.negotiable(request):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def negotiable(request) -> bool:
        """An English page: its address has no language prefix and ends with a slash (a file's
        does not: a calendar feed, captions; its answer must not depend on who asks)."""
        path = request.path_info
        if path.startswith(API_PREFIX):
            return False  # the content API answers the same whatever the reader's language
        return path.endswith("/") and get_language_from_path(path) is None

    def switch(self, request):
        if SWITCH_PARAMETER not in request.GET:
            return None
        target = _without_switch(request)
        if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            target = "/"
        response = HttpResponseRedirect(target)
        add_never_cache_headers(response)
        language = site_language(request.GET.get(SWITCH_PARAMETER))
        if language:
            remember_language(response, language)
        return response

    def negotiate(self, request):
        if not self.negotiable(request):
            return None
        language = preferred_language(request)
        if language == settings.LANGUAGE_CODE:
            return None
        target = translate_url(request.get_full_path(), language)
        if target == request.get_full_path():
            return None  # not an address with a language (the admin, a file, a probe)
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response["Cache-Control"] = "private, max-age=0"
        return response
