"""The certificate in its reader's language: the PDF in its owner's language (Finnish words, the
Finnish course title, a Finnish date, and /Lang saying so), the pages in their address's
language; and one certificate for the course whichever translation the learner finished.

The words of our own code come from locale/fi: the test comparing them with `gettext` fails
until the translators' Finnish catalogue is merged.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from courses.models import Certificate
from courses.services.certificates import certificate_issue, certificate_prepare
from tests.factories import make_course, translate_page
from tests.pdf import read_pdf

pytestmark = pytest.mark.django_db


ISSUED_AT = datetime(2026, 11, 22, 12, 30, tzinfo=UTC)  # Monday 23 November in Auckland
FINNISH_TITLE = "Älykkäät kaupungit kuntien virkamiehille"


def pdf_text(pdf: bytes) -> str:
    return read_pdf(pdf).text


def pdf_language(pdf: bytes) -> str:
    language = read_pdf(pdf).language
    assert language, "the PDF does not say its language"
    return language


def make_user(email, language):
    user = get_user_model().objects.create_user(email=email, password="a long passphrase")
    user.display_name = "Aino Virtanen"
    user.timezone = "Pacific/Auckland"
    user.language = language
    user.save()
    return user


@pytest.fixture
def course():
    course = make_course(title="Smart Cities for City Officials")
    translate_page(course, "fi", title=FINNISH_TITLE)
    return course


def download(client, user, course):
    certificate = certificate_issue(
        user=user, course=course, now=ISSUED_AT, learner_name=user.display_name
    )
    client.force_login(user)
    # Browsing in English on this browser (config/languages.py): the PDF still follows its owner.
    client.cookies["django_language"] = "en"
    with translation.override("en"):  # the English address: the PDF follows its owner
        response = client.get(reverse("certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200
    return certificate, response


def test_a_finnish_learners_certificate_pdf_is_in_finnish(client, course):
    certificate, response = download(client, make_user("aino@example.org", "fi"), course)
    pdf = response.content
    text = pdf_text(pdf)
    assert response["Content-Language"] == "fi"
    assert pdf_language(pdf) == "fi"
    assert FINNISH_TITLE in text
    assert "maanantai 23. marraskuuta 2026" in text  # Django's Finnish months, config/formats/fi
    assert "Aino Virtanen" in text and certificate.code in text
    with translation.override("fi"):
        verify = reverse("certificate_verify", args=[certificate.code])
    assert verify.startswith("/fi/")
    assert f"http://testserver{verify}" in text
    assert "November" not in text and "Smart Cities for City Officials\n" not in text
    pdf = read_pdf(response.content)
    assert pdf.marked and pdf.structure_tree and pdf.pdf_ua
    assert pdf.title == "Todistus: Aino Virtanen"


def test_the_finnish_pdf_uses_the_finnish_catalogue(client, course):
    """Needs locale/fi: fails until the translators' Finnish catalogue is merged."""
    _certificate, response = download(client, make_user("aino@example.org", "fi"), course)
    with translation.override("fi"):
        heading = gettext("Certificate of completion")
    assert heading != "Certificate of completion", "no Finnish catalogue yet"
    assert heading in pdf_text(response.content)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Certificate: Aino Virtanen"),
        ("sv", "Intyg: Aino Virtanen"),
        ("fi", "Todistus: Aino Virtanen"),
        ("nb", "Kursbevis: Aino Virtanen"),
        ("da", "Kursusbevis: Aino Virtanen"),
    ],
)
def test_the_pdf_is_tagged_in_each_language(client, course, language, title):
    """Every language's PDF is PDF/UA: tagged, in its language, titled, the name as text."""
    _certificate, response = download(client, make_user("aino@example.org", language), course)
    pdf = read_pdf(response.content)
    assert pdf.marked and pdf.structure_tree and pdf.pdf_ua
    assert pdf.language == language
    assert pdf.title == title
    assert "Aino Virtanen" in pdf.text


def test_the_pdf_follows_the_owner_not_the_page_they_clicked_on(client, course):
    user = make_user("aino@example.org", "fi")
    certificate = certificate_issue(
        user=user, course=course, now=ISSUED_AT, learner_name=user.display_name
    )
    client.force_login(user)
    with translation.override("sv"):
        url = reverse("certificate_pdf", args=[certificate.code])
    assert url.startswith("/sv/")
    response = client.get(url)
    assert pdf_language(response.content) == "fi"


def test_an_english_learner_still_gets_english(client, course):
    _certificate, response = download(client, make_user("ada@example.org", "en"), course)
    text = pdf_text(response.content)
    assert response["Content-Language"] == "en"
    assert pdf_language(response.content) == "en"
    assert "Certificate of completion" in text
    assert "Monday 23 November 2026" in text
    assert "Smart Cities for City Officials" in text and FINNISH_TITLE not in text


def test_the_verification_page_follows_its_address(client, course):
    user = make_user("aino@example.org", "en")
    certificate = certificate_issue(
        user=user, course=course, now=ISSUED_AT, learner_name=user.display_name
    )
    with translation.override("fi"):
        finnish = client.get(reverse("certificate_verify", args=[certificate.code]))
    with translation.override("en"):
        english = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert FINNISH_TITLE in finnish.content.decode()
    assert "maanantai 23. marraskuuta 2026" in finnish.content.decode()
    assert FINNISH_TITLE not in english.content.decode()
    assert "Monday 23 November 2026" in english.content.decode()


def test_finishing_the_finnish_course_gives_the_english_courses_certificate(course):
    user = make_user("aino@example.org", "fi")
    finnish = course.get_translation(translation_locale("fi"))
    certificate = certificate_prepare(user=user, course=finnish, now=ISSUED_AT)
    assert certificate.course_id == course.pk
    assert certificate.course_title == "Smart Cities for City Officials"
    assert certificate_prepare(user=user, course=course, now=ISSUED_AT) == certificate
    assert Certificate.objects.filter(user=user).count() == 1


def translation_locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)
