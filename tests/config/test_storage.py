"""Where uploads live, as the environment decides it: local files by default, object storage when
a bucket is named, with the storage origin in the CSP and production refusing unsafe storage.

The uploads themselves, against a real S3 server, are in test_storage_s3.py.
"""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import environ
import pytest

from config.storage import bucket_policy, s3_options, storage_problems, storage_settings

REPO_ROOT = Path(__file__).resolve().parents[2]
BASE_SETTINGS = REPO_ROOT / "config" / "settings" / "base.py"
STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "course-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_S3_ADDRESSING_STYLE": "path",
}


@pytest.fixture
def environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)

    def set_environment(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return environ.Env()

    return set_environment


def directives(policy: dict) -> dict:
    return {name: [str(source) for source in sources] for name, sources in policy.items()}


def test_without_a_bucket_uploads_stay_on_the_local_disk(environment):
    built = storage_settings(environment(), staticfiles_backend=STATIC)

    assert built["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert built["SERVE_MEDIA"] is True  # config/media.py, with ranges
    assert built["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    assert built["STORAGE_MEDIA_ORIGINS"] == []


def test_a_bucket_switches_to_object_storage(environment):
    built = storage_settings(environment(**BUCKET), staticfiles_backend=STATIC)

    default = built["STORAGES"]["default"]
    assert default["BACKEND"] == "config.storage_s3.CourseS3Storage"
    assert default["OPTIONS"]["bucket_name"] == "course-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert default["OPTIONS"]["file_overwrite"] is False
    assert built["STORAGES"]["staticfiles"] == {"BACKEND": STATIC}
    assert built["SERVE_MEDIA"] is False  # nothing goes through the workers
    assert built["WAGTAILDOCS_SERVE_METHOD"] == "redirect"
    assert built["STORAGE_MEDIA_ORIGINS"] == ["https://s3.example.net"]


def test_no_secret_has_a_default(environment):
    options = s3_options(environment(**BUCKET))

    assert options["access_key"] is None
    assert options["secret_key"] is None


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({**BUCKET, "AWS_S3_CUSTOM_DOMAIN": "cdn.example.org"}, "https://cdn.example.org"),
        (BUCKET, "https://s3.example.net"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "course-media", "AWS_S3_REGION_NAME": "eu-north-1"},
            "https://course-media.s3.amazonaws.com",
        ),
    ],
    ids=["cdn", "s3-compatible", "aws"],
)
def test_the_policy_lets_pages_load_media_from_the_storage(environment, variables, expected):
    environment(**variables)

    site = runpy.run_path(str(BASE_SETTINGS))

    public = directives(site["CONTENT_SECURITY_POLICY"]["DIRECTIVES"])
    admin = directives(site["ADMIN_CONTENT_SECURITY_POLICY"]["DIRECTIVES"])
    for policy in (public, admin):
        assert expected in policy["img-src"]
        assert expected in policy["media-src"]
        assert expected not in policy["script-src"]
        assert expected not in policy["connect-src"]


def test_the_policy_names_no_other_origin_without_a_bucket(environment):
    environment()

    site = runpy.run_path(str(BASE_SETTINGS))

    public = directives(site["CONTENT_SECURITY_POLICY"]["DIRECTIVES"])
    assert public["img-src"] == ["'self'"]
    assert public["media-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("variables", "complaint"),
    [
        ({"AWS_S3_ENDPOINT_URL": "http://s3.example.net"}, "AWS_S3_ENDPOINT_URL must use https"),
        ({"AWS_S3_CUSTOM_DOMAIN": "https://cdn.example.org"}, "without a scheme"),
        (
            {"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org", "AWS_S3_URL_PROTOCOL": "http:"},
            "AWS_S3_URL_PROTOCOL must be https:",
        ),
        ({"AWS_S3_ACCESS_KEY_ID": "AKIAEXAMPLE"}, "Set both AWS_S3_ACCESS_KEY_ID"),
        ({"AWS_QUERYSTRING_EXPIRE": "86400"}, "AWS_QUERYSTRING_EXPIRE must be 1 to 3600"),
    ],
    ids=["plain-http", "domain-with-scheme", "cdn-over-http", "half-a-key", "long-signature"],
)
def test_unsafe_storage_settings_are_named(environment, variables, complaint):
    problems = storage_problems(s3_options(environment(**{**BUCKET, **variables})))

    assert any(complaint in problem for problem in problems), problems


def test_sound_storage_settings_raise_nothing(environment):
    env = environment(
        **BUCKET,
        AWS_S3_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_S3_SECRET_ACCESS_KEY="change-me",
        AWS_S3_CUSTOM_DOMAIN="cdn.example.org",
    )

    assert storage_problems(s3_options(env)) == []
    assert storage_problems(None) == []


def test_production_refuses_to_start_with_unsafe_storage():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.org",
        AWS_STORAGE_BUCKET_NAME="course-media",
        AWS_S3_ENDPOINT_URL="http://s3.example.net",
    )

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "refuses to start with an insecure configuration" in result.stderr
    assert "AWS_S3_ENDPOINT_URL must use https" in result.stderr


def test_the_bucket_policy_keeps_the_location_prefix():
    policy = bucket_policy(bucket="shared", public_folders=["media", "images"], location="course/")

    (statement,) = policy["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == "*"
    assert statement["Action"] == ["s3:GetObject"]
    assert statement["Resource"] == [
        "arn:aws:s3:::shared/course/media/*",
        "arn:aws:s3:::shared/course/images/*",
    ]
