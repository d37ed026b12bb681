"""Certificates: the learner's page and PDF, the public check, and issuing once."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from courses import certificates_pdf
from courses.certificates_pdf import certificate_pdf_bytes, text_runs
from courses.models import Certificate
from courses.services.certificates import certificate_issue
from courses.views.certificates import normalise_code
from tests.factories import make_course

pytestmark = pytest.mark.django_db

# Late on 22 November in UTC is already 23 November in Auckland (UTC+13 in summer).
ISSUED_AT = datetime(2026, 11, 22, 12, 30, tzinfo=UTC)
NON_LATIN_NAME = "Zoë Łukasiewicz 李"


def make_user(email="ada@example.org", name="Ada Lovelace", tz="Pacific/Auckland"):
    user = get_user_model().objects.create_user(email=email, password="a long passphrase")
    user.display_name = name
    user.timezone = tz
    user.save()
    return user


@pytest.fixture
def course():
    return make_course(title="Smart Cities for City Officials")


@pytest.fixture
def learner():
    return make_user()


@pytest.fixture
def certificate(learner, course):
    return certificate_issue(
        user=learner, course=course, now=ISSUED_AT, learner_name=learner.display_name
    )


def pdf_title(pdf: bytes) -> str:
    """The document title from a PDF's info dictionary (a literal string, maybe UTF-16)."""
    match = re.search(rb"/Title \(((?:\\.|[^\\)])*)\)", pdf, re.DOTALL)
    assert match, "the PDF has no title"
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def unescape(m):
        token = m.group(1)
        if token[:1].isdigit():
            return bytes([int(token, 8)])
        return escapes.get(token, token)

    raw = re.sub(rb"\\([0-7]{1,3}|.)", unescape, match.group(1), flags=re.DOTALL)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


# --- the learner's certificate page -----------------------------------------------------------


def test_owner_sees_name_course_date_code_and_verification_address(client, learner, certificate):
    client.force_login(learner)
    response = client.get(certificate.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Lovelace" in page
    assert "Smart Cities for City Officials" in page
    assert "23 November 2026" in page  # the date in the learner's timezone, not UTC's 22nd
    assert certificate.code in page
    assert f"http://testserver/certificates/{certificate.code}/verify/" in page
    assert reverse("certificate_pdf", args=[certificate.code]) in page
    assert "Download PDF" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "revoked" not in page.lower()


def test_issue_date_follows_the_learners_own_timezone(client, course):
    learner = make_user(email="ana@example.org", tz="America/Los_Angeles")
    certificate = certificate_issue(
        user=learner, course=course, now=ISSUED_AT, learner_name=learner.display_name
    )
    client.force_login(learner)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "22 November 2026" in page


def test_revoked_certificate_says_so_and_offers_no_download(client, learner, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    client.force_login(learner)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate has been revoked" in page
    assert reverse("certificate_pdf", args=[certificate.code]) not in page


def test_page_makes_a_small_fixed_number_of_queries(
    client, learner, certificate, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get(certificate.get_absolute_url())  # the site's navigation, cached for every page
    # Session, user, certificate, and the Wagtail user bar's two permission lookups.
    with django_assert_max_num_queries(5):
        assert client.get(certificate.get_absolute_url()).status_code == 200


# --- the PDF ----------------------------------------------------------------------------------


def test_owner_downloads_a_pdf_with_name_code_and_verification_link(client, learner, certificate):
    client.force_login(learner)
    response = client.get(reverse("certificate_pdf", args=[certificate.code]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert pdf_title(pdf) == "Certificate: Ada Lovelace"
    verify_url = f"http://testserver/certificates/{certificate.code}/verify/"
    assert f"/URI ({verify_url})".encode() in pdf  # the printed address is also a link


def test_pdf_page_carries_the_certificate_text(certificate):
    url = f"https://example.org/certificates/{certificate.code}/verify/"
    issued_on = ISSUED_AT.date() + timedelta(days=1)
    pdf = certificate_pdf_bytes(certificate, url, issued_on=issued_on, compress=False)

    for text in ["Ada Lovelace", "Smart Cities for City Officials", certificate.code, url]:
        assert f"({text})".encode() in pdf
    assert b"(23 November 2026)" in pdf
    assert b"(REVOKED)" not in pdf


def test_revoked_pdf_is_stamped(certificate):
    certificate.revoked_at = timezone.now()
    pdf = certificate_pdf_bytes(certificate, "https://example.org/v/", compress=False)
    assert b"(REVOKED)" in pdf


def test_non_latin_name_is_drawn_with_real_glyphs(client, course):
    learner = make_user(email="zoe@example.org", name=NON_LATIN_NAME)
    certificate = certificate_issue(
        user=learner, course=course, now=ISSUED_AT, learner_name=learner.display_name
    )
    client.force_login(learner)

    response = client.get(reverse("certificate_pdf", args=[certificate.code]))

    assert response.status_code == 200
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert pdf_title(pdf) == f"Certificate: {NON_LATIN_NAME}"
    # reportlab draws characters its font cannot encode as ZapfDingbats boxes: none here.
    assert b"ZapfDingbats" not in pdf
    assert b"/STSong-Light" in pdf  # the ideograph, in the standard Chinese font


def test_non_latin_name_uses_a_system_font_when_there_is_one():
    runs = text_runs(NON_LATIN_NAME, "serif-bold")
    if runs[0][0] == "Times-Bold":
        pytest.skip("no TrueType font (fonts-liberation or fonts-dejavu) is installed")
    assert "".join(text for _font, text in runs) == NON_LATIN_NAME
    assert runs[-1] == ("STSong-Light", "李")


def test_without_system_fonts_unknown_characters_become_question_marks(monkeypatch, certificate):
    monkeypatch.setattr(certificates_pdf, "FONT_DIRS", [])
    certificates_pdf._truetype.cache_clear()
    try:
        assert text_runs(NON_LATIN_NAME + " \U0001f600", "serif-bold") == [
            ("Times-Bold", "Zoë ?ukasiewicz "),
            ("STSong-Light", "李"),
            ("Times-Bold", " ?"),
        ]
        certificate.learner_name = NON_LATIN_NAME
        pdf = certificate_pdf_bytes(certificate, "https://example.org/v/", compress=False)
        assert b"(Zo\\353 ?ukasiewicz ) Tj" in pdf
        assert b"ZapfDingbats" not in pdf
    finally:
        certificates_pdf._truetype.cache_clear()


def test_a_very_long_name_still_makes_a_pdf(certificate):
    certificate.learner_name = "Wolfeschlegelsteinhausenbergerdorff " * 7
    pdf = certificate_pdf_bytes(certificate, "https://example.org/v/", compress=False)
    assert pdf.startswith(b"%PDF-")
    assert b"\\205) Tj" in pdf  # cut short with an ellipsis, which is 0x85 in WinAnsi


# --- who may see a certificate ----------------------------------------------------------------


@pytest.mark.parametrize("view", ["certificate_detail", "certificate_pdf"])
def test_someone_elses_certificate_is_not_found(client, certificate, view):
    client.force_login(make_user(email="eve@example.org", name="Eve"))
    assert client.get(reverse(view, args=[certificate.code])).status_code == 404


@pytest.mark.parametrize("view", ["certificate_detail", "certificate_pdf"])
def test_an_unknown_code_is_not_found(client, learner, certificate, view):
    client.force_login(learner)
    assert client.get(reverse(view, args=["ZZZZ-ZZZZ-ZZZZ"])).status_code == 404


@pytest.mark.parametrize("suffix", ["", "pdf/", "verify/"])
def test_a_code_with_a_nul_character_names_nothing(client, learner, certificate, suffix):
    client.force_login(learner)
    assert client.get(f"/certificates/ABCD%00EFGH/{suffix}").status_code == 404


@pytest.mark.parametrize("view", ["certificate_detail", "certificate_pdf"])
def test_anonymous_visitors_are_sent_to_sign_in(client, certificate, view):
    url = reverse(view, args=[certificate.code])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


# --- public verification ----------------------------------------------------------------------


def test_verification_is_public_and_shows_only_what_the_certificate_says(
    client, learner, certificate
):
    learner.organisation = "City of Testing"
    learner.save()
    response = client.get(certificate.get_verification_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Lovelace" in page
    assert "Smart Cities for City Officials" in page
    assert "23 November 2026" in page
    assert "This certificate is valid" in page
    assert '<meta name="robots" content="noindex">' in page
    assert learner.email not in page
    assert "City of Testing" not in page
    assert reverse("certificate_pdf", args=[certificate.code]) not in page


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: code.replace("-", ""),
        lambda code: code.replace("-", "").lower(),
        lambda code: f"  {code.lower().replace('-', ' ')} ",
    ],
    ids=["lowercase", "no-dashes", "lowercase-no-dashes", "spaces"],
)
def test_verification_forgives_case_dashes_and_spaces(client, certificate, typed):
    response = client.get(reverse("certificate_verify", args=[typed(certificate.code)]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Lovelace" in page
    canonical = f"http://testserver{certificate.get_verification_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page


def test_verification_of_an_unknown_code_is_a_404_that_says_so(client, certificate):
    response = client.get(reverse("certificate_verify", args=["ZZZZ-ZZZZ-ZZZZ"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "No certificate has this code" in page
    assert "ZZZZ-ZZZZ-ZZZZ" in page
    assert "Ada Lovelace" not in page


def test_verification_shows_a_revoked_certificate_as_revoked(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    page = client.get(certificate.get_verification_url()).content.decode()
    assert "This certificate has been revoked" in page
    assert "This certificate is valid" not in page


def test_verification_makes_a_small_fixed_number_of_queries(
    client, certificate, django_assert_max_num_queries
):
    client.get(certificate.get_verification_url())  # the site's navigation, cached for every page
    with django_assert_max_num_queries(1):
        assert client.get(certificate.get_verification_url()).status_code == 200


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abcd-efgh-jklm", "ABCD-EFGH-JKLM"),
        (" ABCDEFGHJKLM ", "ABCD-EFGH-JKLM"),
        ("abcd efgh—jklm", "ABCD-EFGH-JKLM"),
        ("ABC", "ABC"),
    ],
)
def test_normalise_code(typed, expected):
    assert normalise_code(typed) == expected


# --- issuing ----------------------------------------------------------------------------------


def test_issuing_twice_returns_the_first_certificate_unchanged(learner, course, certificate):
    learner.display_name = "Augusta Ada King"
    learner.save()

    again = certificate_issue(
        user=learner,
        course=course,
        now=ISSUED_AT + timedelta(days=30),
        learner_name="Augusta Ada King",
    )

    assert again.pk == certificate.pk
    assert again.code == certificate.code
    assert again.issued_at == ISSUED_AT
    assert again.learner_name == "Ada Lovelace"
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
