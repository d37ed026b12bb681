"""Certificate pages: the learner's own certificate (page and PDF) and the public verification."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def certificate_detail(request, code: str):
    raise Http404


@login_required
def certificate_pdf(request, code: str):
    raise Http404


def certificate_verify(request, code: str):
    raise Http404
