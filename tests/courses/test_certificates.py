"""Certificates: the learner's page and PDF, the public check, issuing once, the name the learner
chooses, hiding the public check, and withdrawal when the account is erased."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.data_registry import declaration_for
from accounts.signals import account_erasing
from courses.certificates_pdf import certificate_pdf_bytes
from courses.models import Certificate
from courses.services.certificates import certificate_issue
from courses.services.progress import lesson_progress_complete
from courses.views.certificates import normalise_code
from tests.factories import make_course, make_lesson, make_module
from tests.pdf import read_pdf

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
    pdf = read_pdf(response.content)
    assert pdf.pages == 1
    assert pdf.title == "Certificate: Ada Lovelace"
    verify_url = f"http://testserver/certificates/{certificate.code}/verify/"
    assert verify_url in pdf.text
    assert pdf.links == [verify_url]  # the printed address is also a link


def test_the_pdf_is_tagged_for_assistive_technology(certificate):
    """PDF/UA-1: marked content, a structure tree in reading order, a language and a title."""
    url = f"https://example.org/certificates/{certificate.code}/verify/"
    pdf = read_pdf(certificate_pdf_bytes(certificate, url))

    assert pdf.marked and pdf.structure_tree and pdf.pdf_ua
    assert pdf.language == "en"
    assert pdf.title == "Certificate: Ada Lovelace"
    lines = [line.strip() for line in pdf.text.splitlines()]
    # Read in this order: what it is, who, which course, then the date, the code and the check.
    order = [
        "Certificate of completion",
        "This certifies that",
        "Ada Lovelace",
        "has completed the course",
        "Smart Cities for City Officials",
        "Sunday 22 November 2026",
        certificate.code,
        url,
    ]
    assert [lines.index(text) for text in order] == sorted(lines.index(text) for text in order)


def test_pdf_page_carries_the_certificate_text(certificate):
    url = f"https://example.org/certificates/{certificate.code}/verify/"
    issued_on = ISSUED_AT.date() + timedelta(days=1)
    text = read_pdf(certificate_pdf_bytes(certificate, url, issued_on=issued_on)).text

    for shown in ["Ada Lovelace", "Smart Cities for City Officials", certificate.code, url]:
        assert shown in text
    assert "Monday 23 November 2026" in text
    assert "REVOKED" not in text


def test_revoked_pdf_is_stamped(certificate):
    certificate.revoked_at = timezone.now()
    pdf = read_pdf(certificate_pdf_bytes(certificate, "https://example.org/v/"))
    assert "REVOKED" in pdf.text
    assert "Ada Lovelace" in pdf.text


def test_the_same_certificate_is_the_same_file(certificate):
    """Built once and kept: the second download is the same bytes, dated by the certificate."""
    first = certificate_pdf_bytes(certificate, "https://example.org/v/")
    cache.clear()
    assert certificate_pdf_bytes(certificate, "https://example.org/v/") == first


def test_non_latin_name_is_kept_as_text(client, course):
    learner = make_user(email="zoe@example.org", name=NON_LATIN_NAME)
    certificate = certificate_issue(
        user=learner, course=course, now=ISSUED_AT, learner_name=learner.display_name
    )
    client.force_login(learner)

    response = client.get(reverse("certificate_pdf", args=[certificate.code]))

    assert response.status_code == 200
    pdf = read_pdf(response.content)
    assert pdf.title == f"Certificate: {NON_LATIN_NAME}"
    # Read out and found as typed, even the ideograph no installed font may draw.
    assert NON_LATIN_NAME in pdf.text


def test_a_very_long_name_still_fits_on_one_page(certificate):
    certificate.learner_name = "Wolfeschlegelsteinhausenbergerdorff " * 7
    pdf = read_pdf(certificate_pdf_bytes(certificate, "https://example.org/v/"))
    assert pdf.pages == 1
    assert "Wolfeschlegelsteinhausenbergerdorff" in pdf.text
    assert certificate.code in pdf.text  # the foot is still there


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


# --- the name is the learner's choice ---------------------------------------------------------

EMAIL = "grace@example.org"


@pytest.fixture
def finished(course):
    """A learner who has just finished the course and never typed a name (the default)."""
    learner = get_user_model().objects.create_user(email=EMAIL, password="a long passphrase")
    lesson = make_lesson(make_module(course, 1), "only-lesson")
    lesson_progress_complete(user=learner, lesson=lesson, now=ISSUED_AT)
    return learner


def waiting_certificate(user) -> Certificate:
    return Certificate.objects.get(user=user)


def choose_name(client, certificate, name):
    return client.post(reverse("certificate_name", args=[certificate.code]), {"learner_name": name})


def test_finishing_asks_for_the_name_before_anything_is_issued(client, course, finished):
    certificate = waiting_certificate(finished)
    assert certificate.awaits_name
    assert certificate.learner_name == ""  # no display name: nothing, and never the address
    client.force_login(finished)
    name_url = reverse("certificate_name", args=[certificate.code])

    for page_url in (reverse("dashboard"), course.url):
        page = client.get(page_url).content.decode()
        assert "Your certificate is ready: choose the name to print" in page, page_url
        assert f'href="{name_url}"' in page, page_url
    # Until a name is chosen there is no certificate to see, download or check.
    for view in ("certificate_detail", "certificate_pdf"):
        response = client.get(reverse(view, args=[certificate.code]))
        assert response.status_code == 302
        assert response["Location"] == name_url
    verification = client.get(certificate.get_verification_url())
    assert verification.status_code == 404
    assert "No certificate has this code" in verification.content.decode()

    form = client.get(name_url)
    assert form.status_code == 200
    page = form.content.decode()
    assert "this is how it will appear on a public page" in page.lower()
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="learner_name"' in page
    assert EMAIL not in page
    assert "<script" not in page.split("</header>", 1)[1].split("</form>", 1)[0]  # no JS needed


def test_a_learners_own_name_is_offered_but_still_asked_for(course):
    learner = make_user(email="ada2@example.org", name="Ada Lovelace")
    lesson_progress_complete(
        user=learner, lesson=make_lesson(make_module(course, 1), "one"), now=ISSUED_AT
    )
    certificate = waiting_certificate(learner)
    assert certificate.awaits_name
    client = Client()
    client.force_login(learner)
    page = client.get(certificate.get_name_url()).content.decode()
    assert 'value="Ada Lovelace"' in page


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("   ", "Type the name to print on your certificate."),
        (EMAIL, "Type your name rather than an email address"),
        ("Grace\x07Hopper", "control characters"),
        ("G" * 256, "at most 255 characters"),
    ],
    ids=["blank", "email", "control", "long"],
)
def test_the_name_form_shows_what_is_wrong_and_issues_nothing(client, finished, typed, error):
    certificate = waiting_certificate(finished)
    client.force_login(finished)
    response = choose_name(client, certificate, typed)

    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert 'aria-invalid="true"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert waiting_certificate(finished).awaits_name


def test_choosing_the_name_issues_the_certificate_dated_when_the_course_was_finished(
    client, finished
):
    certificate = waiting_certificate(finished)
    client.force_login(finished)
    response = choose_name(client, certificate, "  Grace   Brewster Hopper ")

    assert response.status_code == 302
    assert response["Location"] == certificate.get_absolute_url()
    issued = waiting_certificate(finished)
    assert not issued.awaits_name
    assert issued.learner_name == "Grace Brewster Hopper"
    assert issued.issued_at == ISSUED_AT
    assert issued.code == certificate.code
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Your certificate is issued." in page
    assert "Grace Brewster Hopper" in page
    assert "View your certificate" in client.get(reverse("dashboard")).content.decode()
    verification = client.get(certificate.get_verification_url()).content.decode()
    assert "This certificate is valid" in verification
    assert "Grace Brewster Hopper" in verification


def test_the_name_form_needs_the_csrf_token(finished):
    certificate = waiting_certificate(finished)
    client = Client(enforce_csrf_checks=True)
    client.force_login(finished)
    assert choose_name(client, certificate, "Grace Hopper").status_code == 403
    assert waiting_certificate(finished).awaits_name


def test_no_certificate_page_shows_the_email_address_even_without_a_display_name(client, finished):
    certificate = waiting_certificate(finished)
    client.force_login(finished)
    choose_name(client, certificate, "Grace Hopper")
    certificate.refresh_from_db()
    urls = [
        certificate.get_absolute_url(),
        certificate.get_name_url(),
        certificate.get_verification_url(),
    ]
    for url in urls:
        assert EMAIL not in client.get(url).content.decode(), url
    pdf = client.get(reverse("certificate_pdf", args=[certificate.code])).content
    assert read_pdf(pdf).title == "Certificate: Grace Hopper"
    assert EMAIL not in read_pdf(certificate_pdf_bytes(certificate, "https://e.org/")).text
    anonymous = Client()
    assert EMAIL not in anonymous.get(certificate.get_verification_url()).content.decode()
    client.post(
        reverse("certificate_visibility", args=[certificate.code]), {"visibility": "hidden"}
    )
    assert EMAIL not in anonymous.get(certificate.get_verification_url()).content.decode()


def test_a_certificate_that_printed_the_address_asks_for_a_name_again():
    """The data migration: the old fallback printed the email address when there was no name."""
    from django.apps import apps

    migration = importlib.import_module("courses.migrations.0005_certificate_name_choice")
    course = make_course()
    ada, grace = make_user(), make_user(email=EMAIL, name="")
    Certificate.objects.create(
        user=ada, course=course, learner_name="Ada Lovelace", course_title="C", issued_at=ISSUED_AT
    )
    Certificate.objects.create(
        user=grace, course=course, learner_name=EMAIL.upper(), course_title="C", issued_at=ISSUED_AT
    )

    migration.names_as_chosen(apps, None)

    assert Certificate.objects.get(user=ada).name_chosen_at == ISSUED_AT
    printed_address = Certificate.objects.get(user=grace)
    assert printed_address.awaits_name
    assert printed_address.learner_name == ""


# --- correcting the name, hiding the page -----------------------------------------------------


def test_correcting_the_name_keeps_the_code_and_the_date(client, learner, certificate):
    client.force_login(learner)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert f'href="{certificate.get_name_url()}"' in page

    form = client.get(certificate.get_name_url()).content.decode()
    assert "Correct the name on your certificate" in form
    assert 'value="Ada Lovelace"' in form
    response = choose_name(client, certificate, "Augusta Ada King")

    assert response.status_code == 302
    renamed = Certificate.objects.get(pk=certificate.pk)
    assert renamed.learner_name == "Augusta Ada King"
    assert renamed.code == certificate.code
    assert renamed.issued_at == ISSUED_AT
    assert renamed.name_chosen_at == certificate.name_chosen_at  # issued once, renamed since
    verification = client.get(certificate.get_verification_url()).content.decode()
    assert "Augusta Ada King" in verification
    assert "Ada Lovelace" not in verification
    assert "23 November 2026" in verification
    pdf = client.get(reverse("certificate_pdf", args=[certificate.code])).content
    assert read_pdf(pdf).title == "Certificate: Augusta Ada King"
    text = read_pdf(certificate_pdf_bytes(renamed, "https://e.org/")).text
    assert "Augusta Ada King" in text and "Ada Lovelace" not in text
    assert certificate.code in text


def test_a_revoked_certificate_cannot_be_renamed(client, learner, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    client.force_login(learner)
    assert client.get(certificate.get_name_url())["Location"] == certificate.get_absolute_url()
    choose_name(client, certificate, "Someone Else")
    assert Certificate.objects.get(pk=certificate.pk).learner_name == "Ada Lovelace"


def test_hiding_the_verification_page_shows_nothing_about_the_person_until_shown_again(
    client, learner, certificate
):
    visibility = reverse("certificate_visibility", args=[certificate.code])
    client.force_login(learner)
    response = client.post(visibility, {"visibility": "hidden"})
    assert response.status_code == 302
    owner_page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Your verification page is hidden." in owner_page
    assert "Show my verification page again" in owner_page

    hidden = Client().get(certificate.get_verification_url())
    assert hidden.status_code == 404
    page = hidden.content.decode()
    assert "This certificate's owner has chosen not to show it." in page
    for detail in ("Ada Lovelace", "Smart Cities for City Officials", "November", "Valid"):
        assert detail not in page.split("</header>", 1)[1].split("</main>", 1)[0], detail
    assert learner.email not in page

    client.post(visibility, {"visibility": "shown"})
    shown = Client().get(certificate.get_verification_url())
    assert shown.status_code == 200
    assert "Ada Lovelace" in shown.content.decode()


def test_visibility_changes_only_by_post(client, learner, certificate):
    client.force_login(learner)
    visibility = reverse("certificate_visibility", args=[certificate.code])
    assert client.get(visibility).status_code == 405


# --- only the owner -----------------------------------------------------------------------------


def test_another_learner_cannot_rename_hide_or_show_someone_elses_certificate(
    client, learner, certificate
):
    client.force_login(make_user(email="eve@example.org", name="Eve"))
    name_url = certificate.get_name_url()
    visibility = reverse("certificate_visibility", args=[certificate.code])

    assert client.get(name_url).status_code == 404
    assert choose_name(client, certificate, "Eve Mallory").status_code == 404
    assert client.post(visibility, {"visibility": "hidden"}).status_code == 404
    Certificate.objects.filter(pk=certificate.pk).update(hidden_at=ISSUED_AT)
    assert client.post(visibility, {"visibility": "shown"}).status_code == 404

    unchanged = Certificate.objects.get(pk=certificate.pk)
    assert unchanged.learner_name == "Ada Lovelace"
    assert unchanged.hidden_at == ISSUED_AT
    assert unchanged.user == learner


def test_another_learner_cannot_choose_the_name_of_a_waiting_certificate(client, finished):
    certificate = waiting_certificate(finished)
    client.force_login(make_user(email="eve@example.org", name="Eve"))
    assert choose_name(client, certificate, "Eve Mallory").status_code == 404
    assert waiting_certificate(finished).awaits_name


@pytest.mark.parametrize("view", ["certificate_name", "certificate_visibility"])
def test_anonymous_visitors_cannot_change_a_certificate(client, certificate, view):
    response = client.post(reverse(view, args=[certificate.code]), {"visibility": "hidden"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Certificate.objects.get(pk=certificate.pk).hidden_at is None


# --- erasing the account withdraws the certificate ----------------------------------------------


def erase(user):
    """What the deletion service does: the signal inside the transaction, then the rows go."""
    with transaction.atomic():
        account_erasing.send(sender=type(user), user=user, now=timezone.now())
        user.delete()


def test_erasing_the_account_withdraws_the_certificate_and_keeps_no_name(
    client, learner, certificate
):
    client.force_login(learner)
    client.post(
        reverse("certificate_visibility", args=[certificate.code]), {"visibility": "hidden"}
    )
    email = learner.email
    declaration = declaration_for(Certificate)
    with transaction.atomic():
        account_erasing.send(sender=type(learner), user=learner, now=timezone.now())
        assert not declaration.rows_for(learner).exists()  # nothing left for deletion to find
        learner.delete()

    withdrawn = Certificate.objects.get(code=certificate.code)
    assert withdrawn.user is None
    assert withdrawn.learner_name == ""
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.course_title == "Smart Cities for City Officials"
    assert withdrawn.issued_at == ISSUED_AT

    response = Client().get(certificate.get_verification_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "This certificate has been withdrawn" in page
    assert "This certificate is valid" not in page
    assert "Ada Lovelace" not in page
    assert email not in page
    assert certificate.code in page


def test_erasing_deletes_a_certificate_that_never_had_a_name(finished):
    certificate = waiting_certificate(finished)
    erase(finished)
    assert not Certificate.objects.filter(code=certificate.code).exists()
    assert Client().get(certificate.get_verification_url()).status_code == 404


def test_erasing_one_learner_leaves_anothers_certificate_alone(learner, certificate, course):
    other = make_user(email="eve@example.org", name="Eve")
    erase(other)
    assert Certificate.objects.get(pk=certificate.pk).learner_name == "Ada Lovelace"
    assert Certificate.objects.get(pk=certificate.pk).user == learner
