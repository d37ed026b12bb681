"""Certificate pages: the learner's own certificate (page and PDF) and the public verification.

A learner's certificate is looked up by its code *and* its owner, so someone else's code (or one
that does not exist) is a 404 and never a 403: the answer does not reveal that the code exists.
The verification page is public on purpose, because anyone reading a CV should be able to check
a certificate, and it shows only what the certificate itself says.
"""

import re
import zoneinfo
from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from courses.certificates_pdf import certificate_pdf_bytes
from courses.models import Certificate

NOT_CODE_CHARACTERS = re.compile(r"[^A-Z0-9]")


def normalise_code(code: str) -> str:
    """The code as issued ("ABCD-EFGH-JKLM") from what a person typed or pasted.

    Case, spaces and dashes are forgiven: "abcd efgh jklm" and "ABCDEFGHJKLM" both match.
    """
    raw = NOT_CODE_CHARACTERS.sub("", code.upper())
    if len(raw) != 12:
        return raw
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def local_date(moment: datetime, timezone_name: str) -> date:
    """The calendar date of moment where the learner lives (UTC if their timezone is unknown)."""
    try:
        zone = zoneinfo.ZoneInfo(timezone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localtime(moment, zone).date()


def _own_certificate(request, code: str) -> Certificate:
    try:
        return Certificate.objects.get(code=code, user=request.user)
    except Certificate.DoesNotExist:
        raise Http404(_("You have no certificate with this code.")) from None


@require_safe
@login_required
def certificate_detail(request, code: str):
    certificate = _own_certificate(request, code)
    return render(
        request,
        "courses/certificate_detail.html",
        {
            "certificate": certificate,
            "issued_on": local_date(certificate.issued_at, request.user.timezone),
            "verification_url": request.build_absolute_uri(certificate.get_verification_url()),
        },
    )


@require_safe
@login_required
def certificate_pdf(request, code: str):
    certificate = _own_certificate(request, code)
    pdf = certificate_pdf_bytes(
        certificate,
        request.build_absolute_uri(certificate.get_verification_url()),
        issued_on=local_date(certificate.issued_at, request.user.timezone),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def certificate_verify(request, code: str):
    code = normalise_code(code)
    # The learner's timezone gives the date printed on their certificate; nothing else of
    # theirs is loaded, so nothing else can leak into the page.
    certificate = (
        Certificate.objects.select_related("user")
        .only("code", "learner_name", "course_title", "issued_at", "revoked_at", "user__timezone")
        .filter(code=code)
        .first()
    )
    if certificate is None:
        return render(request, "courses/certificate_verify.html", {"code": code}, status=404)
    return render(
        request,
        "courses/certificate_verify.html",
        {
            "certificate": certificate,
            "code": certificate.code,
            "issued_on": local_date(certificate.issued_at, certificate.user.timezone),
            "canonical_url": request.build_absolute_uri(certificate.get_verification_url()),
        },
    )
