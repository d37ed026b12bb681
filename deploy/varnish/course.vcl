# The course site's HTTP cache logic, without backends (see default.vcl for docker compose, and
# tests/config/test_varnish.py for the top-level VCL the tests write). Include it after the
# backends:   vcl 4.1;  backend ... ;  include "course.vcl";
#
# What it does (docs/http-cache.md):
# - PURGE, from local and private addresses only, drops one address (Wagtail's frontend cache
#   invalidation sends it on publish, unpublish, move and delete).
# - Signed-in requests (a session cookie) and the notice cookie, the admin, accounts, Wagtail's
#   utility views and everything but GET/HEAD go straight to the application, never cached.
# - Every other request loses its Cookie header, so that all anonymous visitors share one copy.
# - Accept-Language is reduced to one of the site's five languages (the language cookie, when
#   the reader chose one, takes its place), so that an English address keeps at most five
#   copies (the page, and redirects to the other languages), not one per browser.
# - Only responses marked public (or with s-maxage) are cached, never one that sets a cookie;
#   s-maxage is honoured (Varnish's default);
#   HTML, CSS, JS, JSON and SVG are gzipped; stale copies are served for a while when the
#   application is down (grace).

import std;

acl purge {
    "localhost";
    "127.0.0.0"/8;
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "fc00::"/7;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purge) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    if (req.url ~ "^/((sv|fi|nb|da)/)?(admin|accounts|_util)(/|$)" || req.http.Authorization) {
        return (pass);
    }

    # Signed-in (or holding a notice to show): the answer is theirs alone.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # The reader's choice of language (the switcher's cookie) outranks the browser's: it
    # becomes the Accept-Language the application sees, before the cookies go.
    if (req.http.Cookie ~ "(^|;\s*)django_language=(en|sv|fi|nb|da)(;|$)") {
        set req.http.Accept-Language = regsub(
            req.http.Cookie, "^.*(?:^|;\s*)django_language=(en|sv|fi|nb|da)(?:;.*)?$", "\1"
        );
    }
    unset req.http.Cookie;

    # The language Django would pick from the first of the site's languages the browser names:
    # English addresses answer other languages with a redirect (config/languages.py), and
    # vary on it.
    if (req.http.Accept-Language) {
        set req.http.Accept-Language = regsub(
            req.http.Accept-Language,
            "^(?:[^,]*,)*?\s*(en|sv|fi|nb|da)\b.*$",
            "\1"
        );
        if (req.http.Accept-Language !~ "^(en|sv|fi|nb|da)$") {
            set req.http.Accept-Language = "en";
        }
    } else {
        set req.http.Accept-Language = "en";
    }

    # Grace: a stale copy is served (and refreshed in the background) for 10 seconds past its
    # time while the application is healthy, and for up to a day while it is not.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    return (hash);
}

sub vcl_backend_response {
    # Never keep a response that sets a cookie, whatever else it says.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    # Only what the application marked as shared is kept (config/http_cache.py, static files):
    # an answer without a word on caching (search results, a 404) is not given Varnish's
    # default lifetime.
    if (beresp.http.Cache-Control !~ "(^|,)\s*(public|s-maxage=)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    if (beresp.http.Content-Type ~ "^(text/(html|css|javascript|plain)|application/(javascript|json|xml|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }

    # Kept a day past its time, to be served while the application is down (see vcl_recv).
    set beresp.grace = 24h;
    set beresp.keep = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
