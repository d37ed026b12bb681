"""Editors and the pipeline in the Wagtail admin: bad uploads refused on the upload form, the
status on the edit form and the processing page, a failed file processed again, and lessons
that cannot be published while their media is not ready."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtailmedia.models import get_media_model

from mediapipeline.models import MediaProcessing
from modules.models import LessonPage
from tests.factories import VTT, make_course, make_module
from tests.mediapipeline import media_files as files
from tests.modules.test_editing import add_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor-in-chief@example.org", "pw")
    client.force_login(user)
    return client


def upload(client, path: Path, *, kind="video", title="Parking sensors"):
    with path.open("rb") as handle:
        data = {"title": title, "file": SimpleUploadedFile(path.name, handle.read())}
    return client.post(reverse("wagtailmedia:add", args=(kind,)), data)


def stored_files() -> set[Path]:
    return {p for p in Path(default_storage.location).rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (files.text_as_mp4, "This file is not a video or audio recording."),
        (files.truncated_mp4, "The file is damaged or incomplete"),
        (files.empty, "The submitted file is empty."),
    ],
)
def test_bad_uploads_are_refused_on_the_form_and_nothing_is_kept(
    admin_client, tmp_path, make, message
):
    before = stored_files()

    response = upload(admin_client, make(tmp_path))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_media_model().objects.exists()
    assert not MediaProcessing.objects.exists()
    assert stored_files() == before


def test_a_good_upload_is_processed_and_its_status_shown(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, files.webm_vp9_opus(tmp_path))

    assert response.status_code == 302
    media = get_media_model().objects.get()
    assert media.processing.status == MediaProcessing.Status.READY
    assert media.processing.web_file
    assert media.duration == pytest.approx(2.0, abs=0.1)
    edit = admin_client.get(reverse("wagtailmedia:edit", args=(media.pk,))).content.decode()
    assert "Processing: ready." in edit


def test_the_edit_form_shows_why_a_file_failed(admin_client, tmp_path):
    media = files.save_media(files.mp3(tmp_path), kind="audio")
    MediaProcessing.objects.create(media=media, status="failed", reason="Something is off.")

    edit = admin_client.get(reverse("wagtailmedia:edit", args=(media.pk,))).content.decode()

    assert "Processing failed: Something is off." in edit


def test_the_processing_page_lists_failures_first_and_processes_again(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    ready = files.save_media(files.mp3(tmp_path), kind="audio", title="Ready talk")
    MediaProcessing.objects.create(media=ready, status="ready")
    failed = files.save_media(files.mp3(tmp_path), kind="audio", title="Stuck talk")
    MediaProcessing.objects.create(
        media=failed, status="failed", reason="The file could not be read from storage."
    )

    page = admin_client.get(reverse("mediapipeline_processing")).content.decode()
    assert page.index("Stuck talk") < page.index("Ready talk")
    assert "The file could not be read from storage." in page
    assert "Process “Stuck talk” again" in page
    assert "Process “Ready talk” again" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("mediapipeline_reprocess", args=(failed.pk,)))
    assert response.status_code == 302
    failed.processing.refresh_from_db()
    assert failed.processing.status == MediaProcessing.Status.READY
    assert failed.processing.reason == ""


def test_reprocessing_needs_a_post_and_the_right_to_edit_media(client, tmp_path):
    media = files.save_media(files.mp3(tmp_path), kind="audio")
    MediaProcessing.objects.create(media=media, status="failed", reason="x")
    reader = get_user_model().objects.create_user("reader@example.org", "pw", is_staff=True)
    reader.groups.add(Group.objects.get(name="Moderators"))
    reader.user_permissions.clear()
    client.force_login(reader)

    url = reverse("mediapipeline_reprocess", args=(media.pk,))
    assert client.get(url).status_code == 405
    nobody = get_user_model().objects.create_user("nobody@example.org", "pw", is_staff=True)
    client.force_login(nobody)
    assert client.post(url).status_code in (302, 403)  # the admin sends them to log in, or refuses
    media.processing.refresh_from_db()
    assert media.processing.status == MediaProcessing.Status.FAILED


@pytest.fixture
def module():
    return make_module(make_course(), 1)


@pytest.mark.parametrize(
    ("status", "reason", "message"),
    [
        ("queued", "", "is still being prepared for the web"),
        ("processing", "", "is still being prepared for the web"),
        ("failed", "The file is damaged.", "was refused: The file is damaged."),
    ],
)
def test_a_lesson_cannot_be_published_until_its_media_is_ready(
    admin_client, module, tmp_path, status, reason, message
):
    media = files.save_media(files.mp4_h264_aac(tmp_path, faststart=True), kind="video")
    MediaProcessing.objects.create(media=media, status=status, reason=reason)
    captions = [VTT.format(text="Hello")]

    refused = add_lesson(admin_client, module, media=media, captions=captions)

    assert refused.status_code == 200
    assert message in refused.content.decode()
    assert not LessonPage.objects.filter(live=True).exists()
    # A draft may wait for the media.
    draft = add_lesson(admin_client, module, media=media, captions=captions, publish=False)
    assert draft.status_code == 302
    assert not LessonPage.objects.get(slug="sensors-in-the-square", locale__language_code="en").live


def test_a_lesson_publishes_once_its_media_is_ready(admin_client, module, tmp_path):
    media = files.save_media(files.mp4_h264_aac(tmp_path, faststart=True), kind="video")
    MediaProcessing.objects.create(media=media, status="ready")

    response = add_lesson(admin_client, module, media=media, captions=[VTT.format(text="Hi")])

    assert response.status_code == 302
    assert LessonPage.objects.get(slug="sensors-in-the-square", locale__language_code="en").live
