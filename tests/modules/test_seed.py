"""`manage.py seed_demo` builds the whole demo course, and running it again changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site, WorkflowPage
from wagtailmedia.models import get_media_model

from modules.captions import parse_vtt
from modules.demo import content
from modules.kinds import LessonKind
from modules.models import CoursePage, Expert, LessonPage, ModulePage
from modules.seed import DEMO_DIR

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "experts": Expert.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "media": get_media_model().objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
    }


def test_seed_builds_eight_modules_with_every_kind_of_lesson():
    seed()
    course = CoursePage.objects.get(locale__language_code="en")
    assert course.title == "Smart Cities for City Officials"
    assert Site.objects.get(is_default_site=True).root_page.specific == course
    modules = ModulePage.objects.child_of(course).live().order_by("path")
    assert [module.number for module in modules] == list(range(1, 9))
    for module in modules:
        lessons = LessonPage.objects.child_of(module).live()
        assert lessons.count() >= 3
        assert {lesson.kind for lesson in lessons} == set(LessonKind)
        for lesson in lessons:
            assert lesson.licence_label == "CC BY 4.0"
            assert lesson.attribution.startswith("Smart Cities for City Officials, a free")
            if lesson.kind == LessonKind.VIDEO:
                assert lesson.caption_tracks.filter(language="en").exists()
            if lesson.kind == LessonKind.AUDIO:
                assert lesson.transcript.strip()
    assert WorkflowPage.objects.get(page=course).workflow.name == "Course content review"


def test_second_run_changes_nothing_and_keeps_editors_changes():
    seed()
    lesson = LessonPage.objects.filter(media__isnull=True, locale__language_code="en").first()
    lesson.title = "Renamed by an editor"
    lesson.save_revision().publish()
    before = snapshot()

    output = seed()

    assert "nothing to add" in output
    assert snapshot() == before
    assert LessonPage.objects.get(pk=lesson.pk).title == "Renamed by an editor"


def test_captions_match_the_spoken_script_and_media_files_are_small():
    total = 0
    for module in content.MODULES:
        for lesson in module["lessons"]:
            if not lesson["media"]:
                continue
            extension = "mp4" if lesson["kind"] == "video" else "mp3"
            media_file = DEMO_DIR / "media" / f"{lesson['media']}.{extension}"
            assert media_file.stat().st_size <= MB, media_file
            total += media_file.stat().st_size
            cues = parse_vtt((DEMO_DIR / "media" / f"{lesson['media']}.en.vtt").read_text())
            assert [cue.text for cue in cues] == lesson["script"]
    total += sum(path.stat().st_size for path in Path(DEMO_DIR / "documents").iterdir())
    assert total <= 10 * MB


def test_video_files_are_h264_mp4_and_audio_files_are_mp3():
    for path in (DEMO_DIR / "media").glob("*.mp4"):
        head = path.read_bytes()
        assert head[4:8] == b"ftyp", path
        assert b"avc1" in head, path  # an H.264 sample entry
    for path in (DEMO_DIR / "media").glob("*.mp3"):
        head = path.read_bytes()[:3]
        assert head == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0), path


def test_seed_rebuilds_the_tree_roots_after_a_flush(client, request):
    # The flush makes new content types; the test's rollback restores the old ones, so the
    # cache of them must not outlive the test.
    request.addfinalizer(ContentType.objects.clear_cache)
    call_command("flush", interactive=False, verbosity=0)
    seed()
    assert CoursePage.objects.get(locale__language_code="en").live
    response = client.get("/")
    assert response.status_code == 200
    assert "Smart Cities for City Officials" in response.content.decode()


def test_seed_adds_themes_the_library_and_the_events():
    from django.utils import timezone

    from events.models import EventPage
    from library.demo import PUBLICATIONS
    from library.models import ResourcePage
    from modules.models import Theme

    seed()
    assert Theme.objects.count() == len(content.THEMES)
    assert not LessonPage.objects.filter(themes__isnull=True).exists()
    english = ResourcePage.objects.filter(locale__language_code="en")
    # The demo's own documents, and the partners' publications read on their sites.
    assert english.live().count() == len(content.DOCUMENTS) + len(PUBLICATIONS)
    now = timezone.now()
    upcoming = EventPage.objects.live().upcoming(now)
    assert {event.kind for event in upcoming} >= {"workshop", "panel-debate"}
    past = list(EventPage.objects.live().past(now))
    # The course's own past events have recordings; partners' and the conference's do not.
    own = [event for event in past if not event.host_name and not event.conference]
    assert own and all(event.recording_id for event in own)
    assert "Demo course already complete" in seed()
