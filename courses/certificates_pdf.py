"""The certificate as an A4 landscape PDF that assistive technology can read (PDF/UA-1).

It is an HTML template (templates/courses/certificate_pdf.html) and its stylesheet, written by
WeasyPrint through config/pdf.py, as the lesson transcripts are: the structure tree follows the
template's order, the document language is the certificate's language and the title is
"Certificate: <name>". The fonts are the system's (Liberation, then DejaVu), embedded as subsets;
Pango falls back to any installed font for a character they lack, and a character no installed
font draws still stays in the text layer, so the name is read out and found as typed.

The words, the date and the course title are in the active language (the view activates the
learner's own). A PDF is built once per certificate state and kept in the default cache:
everything it shows is part of the key, so a corrected name or a revocation makes a new one.
"""

import hashlib
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format

from config.pdf import tagged_pdf
from courses.services.certificates import certificate_course_title

CACHE_SECONDS = 60 * 60 * 24
# Names longer than these many characters are set smaller, so that they fit on two lines.
LONG_NAME = 26
VERY_LONG_NAME = 44


def name_size(name: str) -> str:
    """The CSS class that sizes the learner's name: a long name gets a smaller type."""
    if len(name) > VERY_LONG_NAME:
        return "very-long"
    if len(name) > LONG_NAME:
        return "long"
    return ""


def certificate_pdf_bytes(
    certificate, verification_url: str, *, issued_on: date | None = None
) -> bytes:
    """The certificate as tagged PDF bytes, in the active language.

    issued_on is the issue date as the learner sees it (in their timezone); by default, the date
    in the current timezone.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    course_title = certificate_course_title(certificate, language)
    issued_on = issued_on or timezone.localtime(certificate.issued_at).date()
    # The last change the PDF shows: renaming or revoking, else the issue itself.
    modified = max(
        moment
        for moment in (certificate.issued_at, certificate.name_chosen_at, certificate.revoked_at)
        if moment is not None
    )
    shown = "\n".join(
        [
            language,
            certificate.code,
            certificate.learner_name,
            course_title,
            issued_on.isoformat(),
            verification_url,
            modified.isoformat(),
            str(certificate.revoked_at),
        ]
    )
    key = "certificate-pdf:" + hashlib.sha256(shown.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        with translation.override(language):
            issued_text = date_format(issued_on, "DATE_FORMAT")
        pdf = tagged_pdf(
            "courses/certificate_pdf.html",
            "courses/certificate_pdf.css",
            {
                "language": language,
                "certificate": certificate,
                "course_title": course_title,
                "issued_on": issued_on,
                "issued_text": issued_text,
                "verification_url": verification_url,
                "modified": modified,
                "name_size": name_size(certificate.learner_name),
            },
            language=language,
        )
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
