"""Uploads on S3-compatible object storage, against a real S3 server (moto's server mode).

What editors and learners notice: an image, a lecture and a document uploaded in the admin land
in the bucket; pages link lectures, posters and image renditions at the storage, which answers
them (ranges included, with a 206) without the site; the CSP lets the page load them; a private
document cannot be read at its bare storage address, while the site's document view sends a
permitted learner to a signed address that works (as a download); deleting in the admin removes
the objects. The settings are built from environment variables exactly as in production.
"""

import io
import json
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import environ
import pytest
from botocore.exceptions import EndpointConnectionError, ReadTimeoutError
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtailmedia.models import get_media_model

from config.storage import storage_settings
from config.storage_s3 import PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL
from tests.factories import make_course, make_learner, make_lesson, make_module
from tests.support import free_port, process_stop

pytestmark = pytest.mark.django_db

REGION = "eu-north-1"
BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"
# A real lecture, since the upload form reads it with ffprobe (mediapipeline.forms); a wrong
# range still shows, as compressed video rarely repeats itself.
LECTURE = (BASE_SETTINGS.parents[2] / "modules" / "demo" / "media" / "m1-video.mp4").read_bytes()
MINUTES = b"%PDF-1.4 private minutes of the council"


def png(colour="#336699") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Fetched:
    status: int
    headers: dict
    body: bytes


def fetch(url: str, **headers) -> Fetched:
    """GET `url` as a browser would: no credentials, only the headers given (header names of
    the answer in lower case)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return Fetched(response.status, lowered(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, lowered(error.headers), error.read())


def lowered(headers) -> dict:
    return {name.lower(): value for name, value in headers.items()}


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free loopback port, for this module's tests."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.1)
    yield endpoint
    process_stop(process)


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object
    settings: dict

    def object_keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def bare_url(self, key: str) -> str:
        return f"{self.endpoint}/{self.name}/{key}"


@pytest.fixture
def bucket(settings, s3_endpoint, monkeypatch):
    """A fresh bucket, the site's settings built from the environment that names it, and the
    bucket policy applied by the site's own command."""
    name = f"course-{uuid.uuid4().hex[:12]}"
    environment = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ACCESS_KEY_ID": "course-test-key",
        "AWS_S3_SECRET_ACCESS_KEY": "course-test-secret",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    built = storage_settings(
        environ.Env(), staticfiles_backend=settings.STORAGES["staticfiles"]["BACKEND"]
    )
    settings.STORAGES = built["STORAGES"]
    settings.WAGTAILDOCS_SERVE_METHOD = built["WAGTAILDOCS_SERVE_METHOD"]
    # The whole settings module again, under this environment, for what derives from it (CSP).
    site_settings = runpy.run_path(str(BASE_SETTINGS))
    settings.CONTENT_SECURITY_POLICY = site_settings["CONTENT_SECURITY_POLICY"]
    settings.ADMIN_CONTENT_SECURITY_POLICY = site_settings["ADMIN_CONTENT_SECURITY_POLICY"]

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id="course-test-key",
        aws_secret_access_key="course-test-secret",
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    call_command("storage_bucket_policy", "--apply", stdout=io.StringIO())
    made = Bucket(name=name, endpoint=s3_endpoint, client=client, settings=built)
    yield made
    for key in made.object_keys():
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor-in-chief@example.org", "pw")
    client.force_login(user)
    return client


def root_collection():
    return Collection.get_first_root_node()


def upload_image(admin_client, content: bytes, name="map.png"):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Map",
            "file": ContentFile(content, name=name),
            "collection": root_collection().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title="Map")


def upload_lecture(admin_client, poster: bytes):
    response = admin_client.post(
        reverse("wagtailmedia:add", args=("video",)),
        {
            "title": "Sensors in the street",
            "file": ContentFile(LECTURE, name="lecture.mp4"),
            "thumbnail": ContentFile(poster, name="poster.png"),
            "collection": root_collection().pk,
            "duration": "95",
            "width": "640",
            "height": "360",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_media_model().objects.get(title="Sensors in the street")


def staff_only_collection():
    staff_only = root_collection().add_child(name="Council papers")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    return staff_only


def upload_document(admin_client, collection):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Council minutes",
            "file": ContentFile(MINUTES, name="minutes.pdf"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title="Council minutes")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


# --- images -----------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_admin_is_served_by_the_storage(admin_client, bucket):
    original = png()

    image = upload_image(admin_client, original)

    assert image.file.name.startswith("original_images/map")
    assert image.file.name in bucket.object_keys()
    assert bucket.body(image.file.name) == original
    # The admin's listing shows a rendition, made once and stored beside the original.
    listing = admin_client.get(reverse("wagtailimages:index")).content.decode()
    prefix = re.escape(bucket.bare_url("images/"))
    thumbnail = re.search(rf'src="({prefix}[^"]+)"', listing)
    assert thumbnail, "the admin does not show the rendition from the storage"
    assert thumbnail.group(1).removeprefix(bucket.bare_url("")) in bucket.object_keys()

    shown = fetch(thumbnail.group(1))
    assert shown.status == 200
    assert shown.headers["content-type"] == "image/png"
    assert shown.body.startswith(b"\x89PNG")
    assert shown.headers["cache-control"] == PUBLIC_CACHE_CONTROL
    # Public: an unsigned address, no query string to expire.
    assert image.file.url == bucket.bare_url(image.file.name)
    first_bytes = fetch(image.file.url, Range="bytes=0-7")
    assert first_bytes.status == 206
    assert first_bytes.body == original[:8]


def test_the_same_file_name_twice_gets_two_addresses(admin_client, bucket):
    first = upload_image(admin_client, png("#112233"))
    first.title = "Old map"
    first.save()
    second = upload_image(admin_client, png("#445566"))

    # A public address is cached for a year: it must never point at other bytes.
    assert first.file.name != second.file.name
    assert fetch(first.file.url).body == png("#112233")
    assert fetch(second.file.url).body == png("#445566")


# --- lectures ---------------------------------------------------------------------------------


@pytest.fixture
def lecture_page(admin_client, bucket):
    media = upload_lecture(admin_client, png())
    module = make_module(make_course(), 1)
    lesson = make_lesson(module, "sensors", kind="video")
    lesson.media = media
    lesson.save_revision().publish()
    return media, lesson


def test_a_lecture_uploaded_in_the_admin_plays_from_the_storage(client, bucket, lecture_page):
    media, lesson = lecture_page
    assert bucket.body(media.file.name) == LECTURE
    assert bucket.body(media.thumbnail.name) == png()

    response = client.get(lesson.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert media.file.url.startswith(bucket.bare_url("media/lecture"))
    assert f'<source src="{media.file.url}" type="video/mp4">' in html
    assert f'poster="{media.thumbnail.url}"' in html
    # The player seeks: the storage answers a range by itself, with the right bytes.
    seek = fetch(media.file.url, Range="bytes=1000-1999")
    assert seek.status == 206
    assert seek.headers["content-range"] == f"bytes 1000-1999/{len(LECTURE)}"
    assert seek.body == LECTURE[1000:2000]
    assert fetch(media.thumbnail.url).body == png()
    # ... and the page's policy lets the player and the poster load from there.
    policy = response["Content-Security-Policy"]
    assert origin(media.file.url) in directive(policy, "media-src")
    assert origin(media.thumbnail.url) in directive(policy, "img-src")


# --- documents --------------------------------------------------------------------------------


@pytest.fixture
def private_document(admin_client, bucket):
    return upload_document(admin_client, staff_only_collection())


def test_a_private_document_is_not_readable_at_its_bare_address(bucket, private_document):
    key = private_document.file.name
    assert key == "documents/minutes.pdf"
    assert bucket.body(key) == MINUTES  # it is in the bucket

    refused = fetch(bucket.bare_url(key))

    assert refused.status == 403
    assert MINUTES not in refused.body


def test_a_visitor_is_asked_to_sign_in_for_a_private_document(bucket, private_document):
    response = Client().get(private_document.url)

    location = urlsplit(response["Location"])
    assert response.status_code == 302
    assert "login" in location.path
    assert parse_qs(location.query)["next"] == [private_document.url]


def test_a_learner_is_sent_to_a_short_lived_signed_download(client, bucket, private_document):
    client.force_login(make_learner())

    response = client.get(private_document.url)

    assert private_document.url == f"/documents/{private_document.pk}/minutes.pdf"
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(bucket.bare_url("documents/minutes.pdf") + "?")
    assert parse_qs(urlsplit(signed).query)["X-Amz-Expires"] == ["60"]
    # No cache keeps the redirect (it would outlive the signature, or reach another visitor).
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    download = fetch(signed)
    assert download.status == 200
    assert download.body == MINUTES
    assert download.headers["content-disposition"] == 'attachment; filename="minutes.pdf"'
    assert download.headers["cache-control"] == PRIVATE_CACHE_CONTROL


def test_a_public_document_is_a_signed_download_too(client, bucket, admin_client):
    document = upload_document(admin_client, root_collection())

    response = Client().get(document.url)

    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert fetch(bucket.bare_url(document.file.name)).status == 403
    assert fetch(response["Location"]).body == MINUTES


# --- deletion ---------------------------------------------------------------------------------


def test_deleting_in_the_admin_removes_the_objects(
    admin_client, bucket, django_capture_on_commit_callbacks
):
    image = upload_image(admin_client, png())
    image.get_rendition("max-165x165")
    media = upload_lecture(admin_client, png())
    document = upload_document(admin_client, root_collection())
    assert len(bucket.object_keys()) == 5  # original, rendition, lecture, poster, document

    with django_capture_on_commit_callbacks(execute=True):
        for view, pk in [
            ("wagtailimages:delete", image.pk),
            ("wagtailmedia:delete", media.pk),
            ("wagtaildocs:delete", document.pk),
        ]:
            assert admin_client.post(reverse(view, args=(pk,))).status_code == 302

    assert bucket.object_keys() == []


# --- settings ---------------------------------------------------------------------------------


def with_options(settings, **options):
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], **options}},
    }


def test_the_readiness_check_of_the_storage_answers(bucket):
    from django.core.files.storage import default_storage

    assert default_storage.exists("readyz-probe") is False
    default_storage.save("readyz-probe", ContentFile(b"ok"))
    assert default_storage.exists("readyz-probe") is True


def count_attempts(storage) -> list:
    """Every request botocore sends (retries included) appends to the returned list."""
    sent = []
    storage.connection.meta.client.meta.events.register(
        "before-send", lambda request, **kwargs: sent.append(request.url)
    )
    return sent


def test_a_storage_that_refuses_fails_at_once(bucket, settings):
    from django.core.files.storage import default_storage

    with_options(settings, endpoint_url=f"http://127.0.0.1:{free_port()}")  # nobody listens
    sent = count_attempts(default_storage)

    with pytest.raises(EndpointConnectionError):
        default_storage.exists("readyz-probe")

    # The configured two attempts, not botocore's default of five with growing back-off.
    assert len(sent) == 2


def test_a_storage_that_never_answers_fails_within_its_timeouts(bucket, settings):
    from django.core.files.storage import default_storage

    silent = socket.socket()  # accepts connections (the kernel does) and never says a word
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    with_options(settings, endpoint_url=f"http://127.0.0.1:{port}", read_timeout=0.5)
    sent = count_attempts(default_storage)

    try:
        with pytest.raises(ReadTimeoutError):
            default_storage.exists("readyz-probe")
    finally:
        silent.close()

    # Two attempts, each given up after the half-second read timeout the settings ask for.
    assert len(sent) == 2
    assert default_storage.connection.meta.client.meta.config.read_timeout == 0.5


def test_the_bucket_policy_opens_only_the_public_folders(bucket, settings):
    policy = json.loads(bucket.client.get_bucket_policy(Bucket=bucket.name)["Policy"])

    resources = policy["Statement"][0]["Resource"]
    assert sorted(resources) == sorted(
        f"arn:aws:s3:::{bucket.name}/{folder}/*" for folder in settings.MEDIA_PUBLIC_FOLDERS
    )
    assert not any("documents" in resource for resource in resources)
