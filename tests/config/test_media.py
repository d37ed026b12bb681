"""The media view: public uploads only, ranges streamed in bounded blocks, nothing run inline.

Also the upload side of the same promise: the admin refuses SVG images, and documents are served
by Wagtail's document view (with its privacy check), never under /media/.
"""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.http import http_date
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from config.media import BLOCK_SIZE
from tests.factories import make_learner

pytestmark = pytest.mark.django_db  # a 404 goes through Wagtail's redirect middleware

DATA = bytes(range(256)) * 4  # 1024 bytes, each position distinguishable
SIZE = len(DATA)
# A file of several blocks whose every block differs, so that a misplaced block shows.
LARGE = b"".join(bytes([n]) * BLOCK_SIZE for n in range(5)) + b"tail"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    (root / "media").mkdir(parents=True)
    (root / "media" / "talk.mp3").write_bytes(DATA)
    (root / "media" / "lecture.mp4").write_bytes(LARGE)
    (root / "media" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (root / "original_images").mkdir()
    (root / "original_images" / "logo.svg").write_bytes(SVG)
    (root / "original_images" / "photo.png").write_bytes(b"\x89PNG not really")
    (root / "documents").mkdir()
    (root / "documents" / "minutes.pdf").write_bytes(b"%PDF private minutes")
    (root / "wagtail_uploads").mkdir()
    (root / "wagtail_uploads" / "draft.png").write_bytes(b"half-finished upload")
    (root / "loose.mp3").write_bytes(DATA)
    (tmp_path / "secret.txt").write_text("outside the media root")
    settings.MEDIA_ROOT = root
    return root


def url(path: str) -> str:
    return reverse("media", kwargs={"path": path})


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def get(client, path: str, range_header: str | None = None, **headers):
    if range_header is not None:
        headers["Range"] = range_header
    return client.get(url(path), headers=headers)


# --- whole files and HEAD ---------------------------------------------------------------------


def test_full_get(client, media_root):
    response = client.get(url("media/talk.mp3"))

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(SIZE)
    assert "Last-Modified" in response
    assert body(response) == DATA


def test_head(client, media_root):
    response = client.head(url("media/talk.mp3"))

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"


def test_head_answers_without_opening_the_file(client, media_root):
    whole = client.head(url("media/lecture.mp4"))
    part = client.head(url("media/lecture.mp4"), headers={"Range": "bytes=10-"})

    assert whole.status_code == 200
    assert whole["Content-Length"] == str(len(LARGE))
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-{len(LARGE) - 1}/{len(LARGE)}"
    assert part["Content-Length"] == str(len(LARGE) - 10)
    for response in (whole, part):
        assert not response.streaming  # no file stream behind it
        assert response.content == b""


# --- satisfiable ranges -----------------------------------------------------------------------


def test_first_ten_bytes(client, media_root):
    response = get(client, "media/talk.mp3", "bytes=0-9")

    assert response.status_code == 206
    assert body(response) == DATA[:10]
    assert response["Content-Range"] == f"bytes 0-9/{SIZE}"
    assert response["Content-Length"] == "10"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=-100", SIZE - 100, SIZE - 1),  # suffix: the last 100 bytes
        ("bytes=-5000", 0, SIZE - 1),  # a suffix longer than the file is the whole file
        ("bytes=1000-", 1000, SIZE - 1),  # open-ended
        ("bytes=300-5000", 300, SIZE - 1),  # an end past the file is clamped
        ("bytes=512-512", 512, 512),  # one byte
        ("bytes=0-", 0, SIZE - 1),  # what a browser asks for first
        ("bytes=0-0", 0, 0),  # the first byte
        (f"bytes={SIZE - 1}-", SIZE - 1, SIZE - 1),  # the last byte
        (f"bytes={SIZE - 1}-{SIZE - 1}", SIZE - 1, SIZE - 1),
        (f"bytes=0-{SIZE - 1}", 0, SIZE - 1),  # exactly the whole file
        ("bytes=-1", SIZE - 1, SIZE - 1),  # a one-byte suffix
        (f"bytes=-{SIZE}", 0, SIZE - 1),  # a suffix exactly the file's length
        ("Bytes=0-9", 0, 9),  # the unit is case-insensitive
        (" bytes=0-9 ", 0, 9),  # surrounding whitespace
        ("bytes=0-9,", 0, 9),  # an empty list element is no second range
        ("bytes=0009-0010", 9, 10),  # leading zeros
        ("bytes=10-" + "9" * 5000, 10, SIZE - 1),  # an enormous end is clamped
        ("bytes=-" + "9" * 5000, 0, SIZE - 1),  # an enormous suffix is the whole file
    ],
)
def test_other_satisfiable_ranges(client, media_root, header, first, last):
    response = get(client, "media/talk.mp3", header)

    assert response.status_code == 206
    assert body(response) == DATA[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
    assert response["Content-Length"] == str(last - first + 1)


# --- ranges the view does not support: ignored, the whole file instead (RFC 9110, 14.2) -------


@pytest.mark.parametrize(
    "header",
    [
        "bytes=0-1,5-9",  # several ranges
        "bytes=0-1, -5",
        "items=0-9",  # another unit
        "bytes 0-9",  # no "="
        "bytes=",  # no range at all
        "bytes=9-3",  # last before first: invalid per RFC 9110, 14.1.1
        "bytes=-",  # neither end
        "bytes=a-b",
        "bytes=0x10-",
        "bytes=--5",
        "bytes=1-2-3",
        "bytes=+1-2",
        "bytes=\u0663-",  # a non-ASCII digit
        "bytes=2000-3000,0-1",  # several ranges, even with one past the end
        "",
    ],
)
def test_unsupported_range_gets_the_whole_file(client, media_root, header):
    response = get(client, "media/talk.mp3", header)

    assert response.status_code == 200
    assert "Content-Range" not in response
    assert response["Content-Length"] == str(SIZE)
    assert body(response) == DATA


# --- unsatisfiable ranges: 416 ----------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "bytes=2000-",
        f"bytes={SIZE}-",  # starts exactly at the end
        f"bytes={SIZE}-{SIZE + 10}",
        "bytes=-0",  # an empty suffix
        "bytes=" + "9" * 5000 + "-",  # far past the end, too long for int()
    ],
)
def test_unsatisfiable_range(client, media_root, header):
    response = get(client, "media/talk.mp3", header)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert body(response) == b""


def test_any_range_of_an_empty_file_is_unsatisfiable(client, media_root):
    (media_root / "media" / "empty.mp3").write_bytes(b"")

    assert get(client, "media/empty.mp3", "bytes=0-").status_code == 416
    whole = get(client, "media/empty.mp3")
    assert whole.status_code == 200 and body(whole) == b""


# --- streaming --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-", 0, len(LARGE) - 1),
        (f"bytes={BLOCK_SIZE - 3}-{3 * BLOCK_SIZE + 2}", BLOCK_SIZE - 3, 3 * BLOCK_SIZE + 2),
        ("bytes=-70000", len(LARGE) - 70000, len(LARGE) - 1),
        (None, 0, len(LARGE) - 1),
    ],
)
def test_large_files_stream_in_bounded_blocks(client, media_root, header, first, last):
    response = get(client, "media/lecture.mp4", header)

    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert max(len(chunk) for chunk in chunks) <= BLOCK_SIZE
    assert b"".join(chunks) == LARGE[first : last + 1]
    assert response["Content-Length"] == str(last - first + 1)


def test_a_range_never_reads_past_its_end(media_root):
    from config.media import FileSlice

    with (media_root / "media" / "lecture.mp4").open("rb") as handle:
        handle.seek(10)
        part = FileSlice(handle, 100)
        assert part.read(BLOCK_SIZE) == LARGE[10:110]
        assert part.read(BLOCK_SIZE) == b""
        assert part.read() == b""
        assert not hasattr(part, "fileno")  # so that no server sendfiles past the range


# --- validators: If-Range and conditional requests --------------------------------------------


def test_if_range_with_the_current_etag_gets_the_range(client, media_root):
    etag = get(client, "media/talk.mp3")["ETag"]

    response = get(client, "media/talk.mp3", "bytes=0-9", **{"If-Range": etag})

    assert response.status_code == 206
    assert body(response) == DATA[:10]


def test_if_range_with_the_current_date_gets_the_range(client, media_root):
    modified = get(client, "media/talk.mp3")["Last-Modified"]

    response = get(client, "media/talk.mp3", "bytes=0-9", **{"If-Range": modified})

    assert response.status_code == 206


@pytest.mark.parametrize(
    "validator",
    ['"an-older-version"', 'W/"weak"', http_date(0), "not a date"],
)
def test_if_range_for_another_version_gets_the_whole_file(client, media_root, validator):
    response = get(client, "media/talk.mp3", "bytes=0-9", **{"If-Range": validator})

    assert response.status_code == 200
    assert body(response) == DATA


def test_an_unchanged_file_is_not_sent_again(client, media_root):
    first = get(client, "media/talk.mp3")

    by_etag = get(client, "media/talk.mp3", **{"If-None-Match": first["ETag"]})
    by_date = get(client, "media/talk.mp3", **{"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"]


# --- what is served, and how ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "documents/minutes.pdf",  # documents go through Wagtail's view and its privacy check
        "media/../documents/minutes.pdf",
        "wagtail_uploads/draft.png",  # half-finished admin uploads
        "loose.mp3",  # nothing outside the public folders
        "DOCUMENTS/minutes.pdf",  # the same folder on a case-insensitive filesystem
    ],
)
def test_only_public_folders_are_served(client, media_root, path):
    response = client.get(url(path))

    assert response.status_code == 404
    assert b"private minutes" not in body(response)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("original_images/logo.svg", "image/svg+xml"), ("media/page.html", "text/html")],
)
def test_active_content_is_a_sandboxed_attachment(client, media_root, path, content_type):
    response = client.get(url(path))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["media/talk.mp3", "media/lecture.mp4", "original_images/photo.png"]
)
def test_images_audio_and_video_are_shown_inline(client, media_root, path):
    response = client.get(url(path))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" not in response.get("Content-Security-Policy", "")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- paths that are no file -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/media/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/..%2fsecret.txt",
    ],
)
def test_path_traversal_is_not_found(client, media_root, path):
    response = client.get(path)

    assert response.status_code == 404
    assert b"outside the media root" not in body(response)


def test_absolute_path_is_not_found(client, media_root):
    response = client.get("/media/" + str(media_root.parent / "secret.txt"))  # /media//tmp/...

    assert response.status_code == 404
    assert b"outside the media root" not in body(response)


@pytest.mark.parametrize(
    "path",
    [
        "/media/media/" + "a" * 300 + ".mp3",  # one name longer than NAME_MAX: ENAMETOOLONG
        "/media/media/" + "a" * 300 + "/talk.mp3",
        "/media/media/" + "/".join(["abcdefgh"] * 600),  # longer than PATH_MAX
        "/media/media/talk.mp3%00",  # NUL bytes
        "/media/media/ta%00lk.mp3",
        "/media/media%00/talk.mp3",
    ],
)
def test_unusable_paths_are_not_found(client, media_root, path):
    assert client.get(path).status_code == 404


def test_missing_file(client, media_root):
    assert client.get(url("media/missing.mp3")).status_code == 404


def test_directory_is_not_a_file(client, media_root):
    assert client.get(url("media")).status_code == 404
    assert client.get(url("media/")).status_code == 404


def test_post_is_not_allowed(client, media_root):
    response = client.post(url("media/talk.mp3"))

    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


# --- uploads: no SVG images -------------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = make_learner("editor@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": ContentFile(content, name=name),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_editor_uploads_a_png(client, editor):
    response = upload(client, "map.png", png())

    assert response.status_code == 302
    assert get_image_model().objects.get().title == "map.png"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("logo.svg", "Not a supported image format. Supported formats: GIF, JPG, JPEG, PNG, WEBP."),
        ("logo.png", "Not a valid .png image. The extension does not match the file format (svg)"),
    ],
)
def test_an_svg_image_is_refused_in_the_admin(client, editor, name, message):
    response = upload(client, name, SVG)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_svg_image_is_refused_by_the_multiple_upload(client, editor):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": ContentFile(SVG, name="logo.svg")},
    )

    assert response.json()["success"] is False
    assert "Not a supported image format" in response.json()["error_message"]
    assert not get_image_model().objects.exists()


# --- documents: only through Wagtail's view, with its privacy check ---------------------------


@pytest.fixture
def private_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    staff_only = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(
        title="Council minutes",
        collection=staff_only,
        file=ContentFile(b"%PDF private minutes", name="minutes.pdf"),
    )
    document.save()
    return document


def test_a_private_document_has_no_public_media_address(client, private_document):
    stored = settings.MEDIA_ROOT / private_document.file.name
    assert stored.read_bytes() == b"%PDF private minutes"  # it is there, under documents/

    response = client.get(settings.MEDIA_URL + private_document.file.name)

    assert response.status_code == 404
    assert b"private minutes" not in body(response)


def test_a_private_document_asks_a_visitor_to_sign_in(client, private_document):
    assert private_document.url == f"/documents/{private_document.pk}/minutes.pdf"

    response = client.get(private_document.url)

    # To the site's sign-in page (whichever view the login settings pick), and back afterwards.
    location = urlsplit(response["Location"])
    assert response.status_code == 302
    assert "login" in location.path
    assert parse_qs(location.query)["next"] == [private_document.url]
    assert b"private minutes" not in body(response)


def test_a_signed_in_user_downloads_a_private_document(client, private_document):
    client.force_login(make_learner())

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "minutes.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == b"%PDF private minutes"
