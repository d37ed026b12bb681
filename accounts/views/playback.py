"""The lecture player's speed, saved for a signed-in learner (static/js/player.js posts it).

Only ever request.user's own setting: there is no id in the URL. JSON in, JSON out, and a 4xx
with the reason for anything else; CSRF is checked as for every POST.
"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services.playback import (
    InvalidPlaybackRate,
    playback_rate_set,
    playback_rate_validate,
)

MAX_BODY_BYTES = 1024


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def playback_rate(request):
    if not request.user.is_authenticated:
        return _error(401, _("Sign in to keep your lecture speed in your account."))
    if request.content_type != "application/json":
        return _error(415, _('Send the speed as JSON: {"rate": 1.25}.'))
    if len(request.body) > MAX_BODY_BYTES:
        return _error(400, _("The request is too large."))
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, _("The body is not valid JSON."))
    if not isinstance(data, dict) or "rate" not in data:
        return _error(400, _('Send the speed as JSON: {"rate": 1.25}.'))
    try:
        rate = playback_rate_validate(data["rate"])
    except InvalidPlaybackRate as error:
        return _error(400, str(error))
    return JsonResponse({"rate": playback_rate_set(user=request.user, rate=rate)})
