"""Caption tracks as files: uploads of .vtt and .srt in the lesson editor, errors that say where,
captions that must cover the media, chapters and audio descriptions served, and the admin preview.

Everything goes through the real admin views with a logged-in user (Django's test client) against
PostgreSQL; the factory's media is 95 seconds long.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from modules.models import LessonCaptionTrack, LessonPage
from tests.factories import make_lesson, make_media

pytestmark = pytest.mark.django_db

COVERING_VTT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelcome to the lesson.\n\n"
    "00:01:28.000 --> 00:01:34.000\nThank you for listening.\n"
)
COVERING_SRT = (
    "1\r\n00:00:00,000 --> 00:00:04,000\r\nWelcome to the <i>lesson</i>.\r\n\r\n"
    "2\r\n00:01:28,000 --> 00:01:34,500\r\nThank you for listening.\r\n"
)
CHAPTERS = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:40.000\nWhy sensors\n\n"
    "00:00:40.000 --> 00:01:35.000\nWho decides\n"
)


def upload(name, content, encoding="utf-8"):
    return SimpleUploadedFile(name, content.encode(encoding), content_type="text/plain")


def track(*, vtt="", file=None, kind="captions", language="en", pk=None):
    data = {"kind": kind, "language": language, "label": "", "vtt": vtt}
    if pk:
        data["id"] = pk
    if file is not None:
        data["vtt_file"] = file
    return data


def lesson_data(*, media, tracks, title="Sensors in the square", publish=True):
    data = nested_form_data(
        {
            "title": title,
            "slug": "sensors-in-the-square",
            "intro": "Who decided to install them?",
            "media": media.pk if media else "",
            "caption_tracks": inline_formset(tracks),
            "transcript": "Welcome to the lesson.",
            "duration_minutes": "",
            "body": streamfield([]),
            "licence": "cc-by-4.0",
            "attribution": "",
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_lesson(client, module, tracks, media=None):
    url = reverse("wagtailadmin_pages:add", args=("modules", "lessonpage", module.pk))
    return client.post(url, lesson_data(media=media or make_media("video"), tracks=tracks))


def edit_lesson(client, lesson, tracks):
    url = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    data = lesson_data(media=lesson.media, tracks=tracks, title=lesson.title)
    data["slug"] = lesson.slug
    # The inline formset counts the forms it started with: the tracks already saved.
    data["caption_tracks-INITIAL_FORMS"] = str(lesson.caption_tracks.count())
    return client.post(url, data)


def saved_lesson():
    return LessonPage.objects.get(slug="sensors-in-the-square", locale__language_code="en")


# --- uploads ----------------------------------------------------------------------------------


def test_an_uploaded_vtt_file_is_stored_as_the_track_and_served(admin_client, module):
    response = add_lesson(admin_client, module, [track(file=upload("lecture.vtt", COVERING_VTT))])

    assert response.status_code == 302
    lesson = saved_lesson()
    assert lesson.live
    assert lesson.caption_tracks.get().vtt == COVERING_VTT
    served = admin_client.get(reverse("lesson_captions", args=[lesson.pk, "en"]))
    assert served.content.decode() == COVERING_VTT


def test_an_srt_file_uploaded_in_the_edit_view_is_converted_to_webvtt(admin_client, module):
    lesson = make_lesson(module, "sensors-in-the-square", kind="video")
    existing = lesson.caption_tracks.get()

    response = edit_lesson(
        admin_client, lesson, [track(pk=existing.pk, file=upload("lecture.srt", COVERING_SRT))]
    )

    assert response.status_code == 302
    stored = LessonCaptionTrack.objects.get(pk=existing.pk).vtt
    assert stored.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n")
    assert "00:01:28.000 --> 00:01:34.500\nThank you for listening." in stored
    assert "\r" not in stored
    # The text is what the published page and the revision hold: versioned with the page.
    revision = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert revision.caption_tracks.all()[0].vtt == stored


def test_an_upload_replaces_pasted_text(admin_client, module):
    response = add_lesson(
        admin_client,
        module,
        [track(vtt="not captions at all", file=upload("lecture.vtt", COVERING_VTT))],
    )
    assert response.status_code == 302
    assert saved_lesson().caption_tracks.get().vtt == COVERING_VTT


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "lecture.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nOne\n\n00:00:09.000 --> 00:00:07.000\nTwo\n",
            "Line 6, cue 2: the end time 00:00:07.000 is before the start 00:00:09.000.",
        ),
        (
            "lecture.vtt",
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nOne\n\n2\n0:00:05 --> 0:00:07\nTwo\n",
            "Line 8, cue 2: the timing “0:00:05 --&gt; 0:00:07” is not valid WebVTT",
        ),
        ("lecture.vtt", "00:00:01.000 --> 00:00:04.000\nOne\n", "Line 1: a WebVTT file must"),
        (
            "lecture.srt",
            "1\n00:00:01,000 --> 00:00:04,000\nOne\n\n2\n00:00:05 --> 00:00:07\nTwo\n",
            "Line 6, cue 2: the timing “00:00:05 --&gt; 00:00:07” is not valid SubRip",
        ),
        ("lecture.txt", COVERING_VTT, "Upload a WebVTT (.vtt) or SubRip (.srt) file."),
    ],
)
def test_a_broken_upload_is_refused_saying_where(admin_client, module, name, content, message):
    response = add_lesson(admin_client, module, [track(file=upload(name, content))])

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LessonPage.objects.filter(slug="sensors-in-the-square").exists()


def test_a_file_that_is_not_utf8_is_explained(admin_client, module):
    content = COVERING_VTT.replace("Welcome", "Välkommen")
    response = add_lesson(admin_client, module, [track(file=upload("x.vtt", content, "latin-1"))])

    assert response.status_code == 200
    assert "Line 4: the file is not UTF-8 text" in response.content.decode()
    assert not LessonPage.objects.filter(slug="sensors-in-the-square").exists()


def test_a_refused_upload_loses_nothing_already_saved(admin_client, module):
    lesson = make_lesson(module, "sensors-in-the-square", kind="video", vtt=COVERING_VTT)
    existing = lesson.caption_tracks.get()
    broken = upload("lecture.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards\n")

    response = edit_lesson(
        admin_client, lesson, [track(pk=existing.pk, vtt=COVERING_VTT, file=broken)]
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 3, cue 1: the end time 00:00:01.000 is before the start 00:00:05.000." in page
    assert "Thank you for listening." in page  # the pasted text is shown again
    assert LessonCaptionTrack.objects.get(pk=existing.pk).vtt == COVERING_VTT
    assert lesson.revisions.count() == 1


# --- coverage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vtt", "message"),
    [
        (
            "WEBVTT\n\n00:00:00.000 --> 00:00:09.000\nOnly the start.\n",
            "The captions in English stop at 00:00:09.000, long before the end of the media "
            "(00:01:35.000)",
        ),
        (
            COVERING_VTT + "\n00:01:40.000 --> 00:01:44.000\nAfter the end.\n",
            "The captions in English go past the end of the media: cue 3 ends at 00:01:44.000",
        ),
    ],
)
def test_captions_must_cover_the_media(admin_client, module, vtt, message):
    response = add_lesson(admin_client, module, [track(vtt=vtt)])

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LessonPage.objects.filter(slug="sensors-in-the-square").exists()


def test_coverage_allows_a_quiet_ending_and_skips_media_of_unknown_length(admin_client, module):
    # 95 s media: the last cue may end 30 s before the end (30 s is more than 10 %).
    quiet_end = "WEBVTT\n\n00:00:00.000 --> 00:01:05.500\nAlmost everything.\n"
    assert add_lesson(admin_client, module, [track(vtt=quiet_end)]).status_code == 302

    LessonPage.objects.all().delete()
    unknown = make_media("video")
    unknown.duration = 0
    unknown.save()
    short = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nShort.\n"
    assert add_lesson(admin_client, module, [track(vtt=short)], media=unknown).status_code == 302


def test_chapters_need_not_cover_the_media(admin_client, module):
    chapters = "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nIntroduction\n"
    response = add_lesson(
        admin_client,
        module,
        [track(vtt=COVERING_VTT), track(vtt=chapters, kind="chapters")],
    )
    assert response.status_code == 302


# --- chapters and audio description served ---------------------------------------------------


def lesson_with_tracks(module):
    lesson = make_lesson(module, "sensors-in-the-square", kind="video", vtt=COVERING_VTT)
    lesson.caption_tracks.add(LessonCaptionTrack(kind="chapters", language="en", vtt=CHAPTERS))
    lesson.caption_tracks.add(
        LessonCaptionTrack(kind="descriptions", language="sv", vtt=COVERING_VTT)
    )
    lesson.save_revision().publish()
    return lesson


def test_chapters_and_descriptions_are_served_and_in_the_player(client, module):
    lesson = lesson_with_tracks(module)

    chapters = client.get(f"/lessons/{lesson.pk}/tracks/chapters/en.vtt")
    assert chapters.status_code == 200
    assert chapters["Content-Type"] == "text/vtt; charset=utf-8"
    assert chapters.content.decode() == CHAPTERS
    assert client.get(f"/lessons/{lesson.pk}/tracks/descriptions/sv.vtt").status_code == 200

    page = client.get(lesson.url).content.decode()
    chapters_src = f"/lessons/{lesson.pk}/tracks/chapters/en.vtt"
    assert f'kind="chapters" srclang="en" label="English" src="{chapters_src}"' in page
    assert f'src="/lessons/{lesson.pk}/tracks/descriptions/sv.vtt"' in page
    assert 'kind="descriptions"' in page


def test_other_tracks_are_not_found(client, module):
    lesson = lesson_with_tracks(module)
    for address in (
        f"/lessons/{lesson.pk}/tracks/chapters/fi.vtt",  # no such language
        f"/lessons/{lesson.pk}/tracks/captions/en.vtt",  # captions have their own address
        f"/lessons/{lesson.pk}/tracks/subtitles/en.vtt",  # no such kind
        f"/lessons/{lesson.pk + 1000}/tracks/chapters/en.vtt",
    ):
        assert client.get(address).status_code == 404, address


def test_an_unpublished_lessons_tracks_are_not_served(client, module):
    lesson = lesson_with_tracks(module)
    lesson.unpublish()
    assert client.get(f"/lessons/{lesson.pk}/tracks/chapters/en.vtt").status_code == 404


# --- the admin preview ------------------------------------------------------------------------


def preview_url(lesson):
    return reverse("caption_preview", args=[lesson.pk])


def test_the_preview_plays_the_draft_with_its_tracks_and_lists_the_cues(admin_client, module):
    lesson = lesson_with_tracks(module)
    draft = lesson.get_latest_revision_as_object()
    draft.caption_tracks.add(
        LessonCaptionTrack(
            kind="captions", language="fi", vtt=COVERING_VTT.replace("Thank", "Kiitos")
        )
    )
    draft.save_revision()  # a draft, not published

    response = admin_client.get(preview_url(lesson))

    assert response.status_code == 200
    page = response.content.decode()
    en = reverse("caption_preview_track", args=[lesson.pk, "captions", "en"])
    fi = reverse("caption_preview_track", args=[lesson.pk, "captions", "fi"])
    assert f'<track kind="captions" srclang="en" label="English" src="{en}" default>' in page
    assert f'src="{fi}"' in page
    assert 'kind="chapters"' in page and 'kind="descriptions"' in page
    assert "<td>00:01:28.000</td><td>00:01:34.000</td><td>Thank you for listening.</td>" in page
    assert "Kiitos you for listening." in page
    assert "<script>" not in page and 'style="' not in page.split("<main", 1)[-1]
    # The draft's track is served to the preview only, not at the public address.
    served = admin_client.get(fi)
    assert served.status_code == 200 and "Kiitos" in served.content.decode()
    assert "no-store" in served["Cache-Control"] and "private" in served["Cache-Control"]
    assert admin_client.get(reverse("lesson_captions", args=[lesson.pk, "fi"])).status_code == 404


def test_the_lesson_editor_links_to_the_preview(admin_client, module):
    lesson = lesson_with_tracks(module)
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,))).content.decode()
    assert f'href="{preview_url(lesson)}"' in page
    assert "Preview captions" in page
    # The caption tracks' file inputs make the editor's form send files.
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="caption_tracks-0-vtt_file" accept=".vtt,.srt,text/vtt"' in page


def test_an_editor_may_preview_and_others_may_not(client, module):
    lesson = lesson_with_tracks(module)
    User = get_user_model()
    editor = User.objects.create_user("editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    learner = User.objects.create_user("learner@example.org", "pw")
    track_url = reverse("caption_preview_track", args=[lesson.pk, "captions", "en"])

    client.force_login(editor)
    assert client.get(preview_url(lesson)).status_code == 200
    assert client.get(track_url).status_code == 200

    client.force_login(learner)  # no admin access at all: sent to sign in
    assert client.get(preview_url(lesson)).status_code == 302
    assert client.get(track_url).status_code == 302

    client.logout()
    assert client.get(preview_url(lesson)).status_code == 302


def test_a_user_of_the_admin_without_edit_rights_is_refused(client, module):
    lesson = lesson_with_tracks(module)
    User = get_user_model()
    reader = User.objects.create_user("reader@example.org", "pw")
    reader.groups.add(Group.objects.get_or_create(name="Admin readers")[0])
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    # Wagtail's admin answers a refusal by sending the user to the dashboard, with a message.
    refused = client.get(preview_url(lesson))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("caption_preview", args=[module.pk])).status_code == 404


# --- the parts, without the editor -----------------------------------------------------------


def test_srt_with_a_byte_order_mark_and_crlf_converts_to_the_same_cues():
    from modules.captions import parse_vtt, vtt_from_upload

    vtt = vtt_from_upload("Lecture.SRT", b"\xef\xbb\xbf" + COVERING_SRT.encode())
    assert [(c.start, c.end, c.text) for c in parse_vtt(vtt)] == [
        (0.0, 4.0, "Welcome to the lesson."),
        (88.0, 94.5, "Thank you for listening."),
    ]


def test_a_file_over_two_megabytes_is_refused():
    from django.core.exceptions import ValidationError

    from modules.captions import vtt_from_upload

    with pytest.raises(ValidationError, match="larger than 2 MB"):
        vtt_from_upload("big.vtt", b"WEBVTT\n\n" + b"x" * (2 * 1024 * 1024))


@pytest.mark.parametrize(
    ("last_end", "duration", "covers"),
    [
        (65.0, 95.0, True),  # 30 s before the end of 95 s: allowed
        (64.9, 95.0, False),
        (3240.0, 3600.0, True),  # an hour: 10 % (6 min) is the larger allowance
        (3239.0, 3600.0, False),
        (96.0, 95.0, True),  # within a second past the end: rounding
        (96.5, 95.0, False),
    ],
)
def test_the_coverage_rule_at_its_edges(last_end, duration, covers):
    from modules.captions import Cue, coverage_problem

    cues = [Cue(0.0, 4.0, "Hello"), Cue(last_end - 1, last_end, "Bye")]
    assert (coverage_problem(cues, duration, "English") is None) is covers
    assert coverage_problem(cues, None, "English") is None
