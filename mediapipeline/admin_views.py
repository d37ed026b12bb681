"""The media processing page of the Wagtail admin: where each upload stands, why a refused one
was refused, and a button to process a failed one again (after a fix to the pipeline or the
storage, say)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.permissions import policy_registry
from wagtailmedia.models import get_media_model

from .models import MediaProcessing
from .signals import media_queue

LISTED = 200
# Failures first, then what is still on its way, then the finished ones, newest first.
STATUS_ORDER = Case(
    When(status=MediaProcessing.Status.FAILED, then=Value(0)),
    When(status=MediaProcessing.Status.PROCESSING, then=Value(1)),
    When(status=MediaProcessing.Status.QUEUED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _policy():
    return policy_registry.get_by_type(get_media_model())


def may_see(user) -> bool:
    return _policy().user_has_any_permission(user, ["add", "change"])


def processing_list(request):
    if not may_see(request.user):
        raise PermissionDenied
    rows = (
        MediaProcessing.objects.select_related("media")
        .annotate(order=STATUS_ORDER)
        .order_by("order", "-updated_at")[:LISTED]
    )
    policy = _policy()
    listed = [
        (row, policy.user_has_permission_for_instance(request.user, "change", row.media))
        for row in rows
    ]
    context = {
        "page_title": _("Media processing"),
        "header_icon": "media",
        "rows": listed,
    }
    return TemplateResponse(request, "mediapipeline/admin/processing.html", context)


@require_POST
def reprocess(request, media_id: int):
    media = get_object_or_404(get_media_model(), pk=media_id)
    if not _policy().user_has_permission_for_instance(request.user, "change", media):
        raise PermissionDenied
    media_queue(media=media, again=True)
    messages.success(
        request, _("“%(title)s” is queued for processing again.") % {"title": media.title}
    )
    return redirect("mediapipeline_processing")
