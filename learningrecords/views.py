"""The learner's own learning records, downloaded from their dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from learningrecords.files import STATEMENTS_FILE, statements_json


@require_safe
@login_required
def statements_download(request):
    """Only the signed-in learner's own statements: the view takes no account id to ask for."""
    response = HttpResponse(
        statements_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{STATEMENTS_FILE}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
