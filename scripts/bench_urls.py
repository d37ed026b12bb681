"""The site's URLs plus `/_bench/ok`: the cheapest response the full middleware stack can give.

Pages are measured as a share of this view's throughput on the same server, so the figures say
how much a page costs beyond what Django, the middleware and gunicorn cost anyway.
"""

from django.http import HttpResponse
from django.urls import include, path


def bench_ok(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("_bench/ok", bench_ok),
    path("", include("config.urls")),
]
