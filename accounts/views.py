"""The learner's own profile, and Wagtail's doors that lead to allauth's.

The profile only ever edits request.user: there is no id in the URL.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


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
