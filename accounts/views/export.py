"""The learner's own data export: a page saying what it holds, and a button that downloads it.

Only ever request.user's data: there is no id in the URL. Downloading everything we hold about
someone is what a thief of a signed-in browser would want, so it asks for the password again
unless the learner signed in or confirmed it within ACCOUNT_REAUTHENTICATION_TIMEOUT (allauth's
re-authentication, 5 minutes by default).
"""

import time

from allauth.account import app_settings as allauth_settings
from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.login import get_authentication_records
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.data_registry import Audience
from accounts.services.export import exported_declarations, personal_data_export_response


def signed_in_long_ago(request) -> bool:
    """Whether the learner last proved who they are (a login, or a re-authentication) longer ago
    than the re-authentication timeout.

    allauth counts only a re-authentication as recent; a fresh login is as good a proof, so the
    learner who has just signed in is not asked for the password twice.
    """
    records = get_authentication_records(request, request.user)
    if not records:
        return True
    latest = max(record.get("at", 0) for record in records)
    return time.time() - latest >= allauth_settings.REAUTHENTICATION_TIMEOUT


@login_required
@reauthentication_required(enabled=signed_in_long_ago)
@require_http_methods(["GET", "POST"])
def export(request):
    if request.method == "POST":
        return personal_data_export_response(request.user)
    # What each kind of data holds, in the registry's words, each description once. Kinds only
    # staff can have (editorial records) are listed to staff; the archive has them all anyway.
    kinds: dict[str, dict[str, None]] = {}
    for entry in exported_declarations():
        if Audience.LEARNER not in entry.seen_by and not request.user.is_staff:
            continue
        described = kinds.setdefault(str(entry.category), {})
        described.update(dict.fromkeys(str(text) for text in entry.fields.values()))
    return render(request, "accounts/export.html", {"kinds": kinds})
