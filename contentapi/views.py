"""The OpenAPI description of the content API, the same for everyone."""

import json

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from config.http_cache import shared_cacheable
from contentapi.openapi import openapi_document


@require_safe
@shared_cacheable
def openapi_json(request):
    body = json.dumps(openapi_document(), indent=2, ensure_ascii=False)
    return HttpResponse(body, content_type="application/vnd.oai.openapi+json;version=3.1")
