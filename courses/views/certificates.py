"""Certificate pages: the learner's own certificate (page, PDF, name and visibility) and the
public verification.

A learner's certificate is looked up by its code *and* its owner, so someone else's code (or one
that does not exist) is a 404 and never a 403: the answer does not reveal that the code exists,
and nobody but the owner can rename, hide or show it. The verification page is public on
purpose, because anyone reading a CV should be able to check a certificate, and it shows only
what the certificate itself says: the name the learner chose, never their email address.

What a verifier sees:
- an issued, shown certificate: the name, course, date and whether it is valid;
- a hidden one: only that its owner has chosen not to show it (404), nothing about the person,
  not even the course or whether it is valid;
- a withdrawn one (its owner deleted their account): that it was withdrawn, with the course and
  date the verifier already holds, and no name;
- one still waiting for its name, or an unknown code: that no certificate has this code.

Pages follow the language of their address, like every page; the PDF the owner downloads is in
the owner's own language (their profile's), whichever page they clicked it on, since it is the
document they keep and hand out.
"""

import re
import zoneinfo
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from courses.certificates_pdf import certificate_pdf_bytes
from courses.forms import CertificateNameForm
from courses.models import Certificate
from courses.services.certificates import (
    certificate_course_title,
    certificate_name_choose,
    certificate_visibility_set,
)
from mailing.language import recipient_language, user_language

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
    if certificate.awaits_name:
        return redirect(certificate.get_name_url())
    return render(
        request,
        "courses/certificate_detail.html",
        {
            "certificate": certificate,
            "course_title": certificate_course_title(certificate),
            "issued_on": local_date(certificate.issued_at, request.user.timezone),
            "verification_url": request.build_absolute_uri(certificate.get_verification_url()),
        },
    )


@require_safe
@login_required
def certificate_pdf(request, code: str):
    certificate = _own_certificate(request, code)
    if certificate.awaits_name:
        return redirect(certificate.get_name_url())
    with recipient_language(user_language(request.user)) as language:
        pdf = certificate_pdf_bytes(
            certificate,
            request.build_absolute_uri(certificate.get_verification_url()),
            issued_on=local_date(certificate.issued_at, request.user.timezone),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Language"] = language
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def certificate_name(request, code: str):
    """Choose the name to print (which issues the certificate), or correct it later."""
    certificate = _own_certificate(request, code)
    if not certificate.is_valid:
        return redirect(certificate.get_absolute_url())
    first_time = certificate.awaits_name
    form = CertificateNameForm(
        request.POST or None, initial={"learner_name": certificate.learner_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate_name_choose(
                certificate=certificate,
                name=form.cleaned_data["learner_name"],
                now=timezone.now(),
            )
        except ValidationError as error:
            form.add_error("learner_name", error)
        else:
            messages.success(
                request,
                _("Your certificate is issued.")
                if first_time
                else _("Your certificate now shows the corrected name."),
            )
            return redirect(certificate.get_absolute_url())
    return render(
        request,
        "courses/certificate_name.html",
        {
            "certificate": certificate,
            "form": form,
            "first_time": first_time,
            "course_title": certificate_course_title(certificate),
            "issued_on": local_date(certificate.issued_at, request.user.timezone),
        },
    )


@login_required
@require_POST
def certificate_visibility(request, code: str):
    """Hide the public verification page, or show it again."""
    certificate = _own_certificate(request, code)
    hidden = request.POST.get("visibility") == "hidden"
    certificate_visibility_set(certificate=certificate, hidden=hidden, now=timezone.now())
    messages.success(
        request,
        _("Your verification page is hidden: it shows nothing about you.")
        if hidden
        else _("Your verification page is shown again."),
    )
    return redirect(certificate.get_absolute_url())


@require_safe
def certificate_verify(request, code: str):
    code = normalise_code(code)
    # The learner's timezone gives the date printed on their certificate; nothing else of
    # theirs is loaded, so nothing else can leak into the page.
    certificate = (
        Certificate.objects.select_related("user")
        .only(
            "code",
            "learner_name",
            "course_title",
            "course",
            "issued_at",
            "revoked_at",
            "name_chosen_at",
            "hidden_at",
            "withdrawn_at",
            "user__timezone",
        )
        .filter(code=code)
        .first()
    )
    if certificate is None or certificate.awaits_name:
        return render(request, "courses/certificate_verify.html", {"code": code}, status=404)
    if certificate.is_hidden and not certificate.is_withdrawn:
        return render(
            request,
            "courses/certificate_verify.html",
            {"code": certificate.code, "hidden": True},
            status=404,
        )
    timezone_name = "UTC" if certificate.user is None else certificate.user.timezone
    return render(
        request,
        "courses/certificate_verify.html",
        {
            "certificate": certificate,
            "code": certificate.code,
            "course_title": certificate_course_title(certificate),
            "issued_on": local_date(certificate.issued_at, timezone_name),
            "canonical_url": request.build_absolute_uri(certificate.get_verification_url()),
        },
    )
