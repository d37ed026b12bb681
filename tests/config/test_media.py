"""The media view answers HTTP range requests, so that players can seek, and nothing else."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db  # a 404 goes through Wagtail's redirect middleware

DATA = bytes(range(256)) * 4  # 1024 bytes, each position distinguishable
SIZE = len(DATA)


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    (root / "lectures").mkdir(parents=True)
    (root / "lectures" / "talk.mp3").write_bytes(DATA)
    (tmp_path / "secret.txt").write_text("outside the media root")
    settings.MEDIA_ROOT = root
    return root


def url(path: str) -> str:
    return reverse("media", kwargs={"path": path})


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_full_get(client, media_root):
    response = client.get(url("lectures/talk.mp3"))

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(SIZE)
    assert "Last-Modified" in response
    assert body(response) == DATA


def test_head(client, media_root):
    response = client.head(url("lectures/talk.mp3"))

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"


def test_first_ten_bytes(client, media_root):
    response = client.get(url("lectures/talk.mp3"), headers={"Range": "bytes=0-9"})

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
    ],
)
def test_other_satisfiable_ranges(client, media_root, header, first, last):
    response = client.get(url("lectures/talk.mp3"), headers={"Range": header})

    assert response.status_code == 206
    assert body(response) == DATA[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{SIZE}"


@pytest.mark.parametrize("header", ["bytes=2000-", f"bytes={SIZE}-", "bytes=9-3", "bytes=-"])
def test_unsatisfiable_range(client, media_root, header):
    response = client.get(url("lectures/talk.mp3"), headers={"Range": header})

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert body(response) == b""


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/lectures/../../secret.txt",
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


def test_missing_file(client, media_root):
    assert client.get(url("lectures/missing.mp3")).status_code == 404


def test_directory_is_not_a_file(client, media_root):
    assert client.get(url("lectures")).status_code == 404


def test_post_is_not_allowed(client, media_root):
    response = client.post(url("lectures/talk.mp3"))

    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
