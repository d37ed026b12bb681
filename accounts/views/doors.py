"""Wagtail's own sign-in, sign-out and password pages, leading to allauth's."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse


def allauth_door(url_name: str):
    """A view for one of Wagtail's own login, logout or password pages that leads to allauth's.

    Every sign-in has to pass allauth (rate limits, verified addresses, later MFA and single
    sign-on). Wagtail's settings send its own redirects to allauth, but its views still answer
    at their addresses; this view takes their place. `next` is kept. A POST is passed on with
    307, so that it stays a POST, body and CSRF token included, and allauth judges it: a
    password posted to the old address counts against the same limits as any other.
    """

    def door(request):
        url = reverse(url_name)
        if next_url := request.GET.get("next"):
            url = f"{url}?{urlencode({'next': next_url})}"
        response = HttpResponseRedirect(url)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 307
        return response

    return door
