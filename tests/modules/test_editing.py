"""Editors in the Wagtail admin: accessibility checks on lessons, groups and the review workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from modules.models import LessonPage
from tests.factories import VTT, make_media

pytestmark = pytest.mark.django_db


def lesson_form(
    *, media=None, captions=(), transcript="", publish=True, licence="cc-by-4.0", attribution=""
):
    data = nested_form_data(
        {
            "title": "Sensors in the square",
            "slug": "sensors-in-the-square",
            "intro": "Who decided to install them?",
            "media": media.pk if media else "",
            "caption_tracks": inline_formset(
                [
                    {"kind": "captions", "language": "en", "label": "", "vtt": vtt}
                    for vtt in captions
                ]
            ),
            "transcript": transcript,
            "duration_minutes": "",
            "body": streamfield([]),
            "licence": licence,
            "attribution": attribution,
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_lesson(client, module, **form):
    url = reverse("wagtailadmin_pages:add", args=("modules", "lessonpage", module.pk))
    return client.post(url, lesson_form(**form))


def test_video_lesson_without_captions_is_refused_with_a_clear_message(admin_client, module):
    response = add_lesson(admin_client, module, media=make_media("video"), transcript="Words.")
    assert response.status_code == 200
    assert "A video lesson needs captions" in response.content.decode()
    assert not LessonPage.objects.filter(slug="sensors-in-the-square").exists()


def test_saving_a_draft_is_refused_too(admin_client, module):
    response = add_lesson(admin_client, module, media=make_media("video"), publish=False)
    assert "A video lesson needs captions" in response.content.decode()
    assert not LessonPage.objects.exists()


def test_audio_lesson_without_transcript_is_refused(admin_client, module):
    response = add_lesson(admin_client, module, media=make_media("audio"))
    assert response.status_code == 200
    assert "An audio lesson needs a transcript" in response.content.decode()
    assert not LessonPage.objects.exists()


def test_invalid_captions_are_refused_with_the_reason(admin_client, module):
    response = add_lesson(
        admin_client, module, media=make_media("video"), captions=["00:01 --> 00:02 hi"]
    )
    assert "Line 1: a WebVTT file must start with the line" in response.content.decode()
    assert not LessonPage.objects.exists()


# Captions that cover the factory's 95-second media to its end (see test_caption_files.py).
COVERING_VTT = VTT.format(text="Hello") + "\n00:01:28.000 --> 00:01:34.000\nThank you.\n"


def test_video_with_captions_and_written_lesson_publish(admin_client, module):
    response = add_lesson(admin_client, module, media=make_media("video"), captions=[COVERING_VTT])
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="sensors-in-the-square", locale__language_code="en")
    assert lesson.live
    assert lesson.caption_tracks.get().language == "en"
    assert admin_client.get(f"/lessons/{lesson.pk}/captions/en.vtt").status_code == 200


def test_written_lesson_needs_neither(admin_client, module):
    response = add_lesson(admin_client, module)
    assert response.status_code == 302
    assert LessonPage.objects.get(locale__language_code="en").live


def test_the_editor_chooses_the_licence_and_writes_the_attribution(admin_client, module):
    add_form = admin_client.get(
        reverse("wagtailadmin_pages:add", args=("modules", "lessonpage", module.pk))
    )
    assert 'value="cc-by-4.0" selected' in add_form.content.decode()  # the default

    response = add_lesson(admin_client, module, licence="cc0", attribution="The course team, 2026.")

    assert response.status_code == 302
    lesson = LessonPage.objects.get(locale__language_code="en")
    assert lesson.licence_label == "Public domain (CC0)"
    assert lesson.attribution == "The course team, 2026."
    refused = add_lesson(admin_client, module, licence="cc-by-nc-4.0")
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()


def test_editors_cannot_publish_and_moderators_can(module):
    User = get_user_model()
    editor = User.objects.create_user("editor@example.org", "pw", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("moderator@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    editor_perms = module.permissions_for_user(editor)
    assert editor_perms.can_edit() and editor_perms.can_add_subpage()
    assert not editor_perms.can_publish()
    assert module.permissions_for_user(moderator).can_publish()
    assert editor.has_perm("modules.change_expert")
    assert editor.has_perm("wagtailadmin.access_admin")


def test_the_review_workflow_exists_and_the_seed_assigns_it():
    workflow = Workflow.objects.get(name="Course content review")
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()


def test_admin_edit_views_open_for_every_page_type(admin_client, module):
    from tests.factories import make_lesson

    lesson = make_lesson(module, "a-video", kind="video")
    for page in (module.get_parent(), module, lesson):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=("modules", "lessonpage", module.pk))
    assert admin_client.get(add_url).status_code == 200
