"""Where uploads live: the local disk by default, S3-compatible object storage when configured.

A lecture is tens of megabytes that a player fetches in ranges for as long as it plays; served by
the site, every viewer would hold one of the few sync gunicorn workers (two slow viewers once
froze the whole site). With object storage nothing of the kind passes through a worker: pages
link lectures, images and thumbnails at the storage's own address (or the CDN's in front of it),
which does the ranges, and a document's page at the site only checks who may have it and sends
the browser on to a short-lived signed address. Without configuration (`make run`, small sites)
files stay on the local disk and config/media.py serves the public ones with streamed ranges.

Everything here is built from the environment once, for the settings (`storage_settings`), so
that STORAGES, whether Django serves /media/, the document serve method and the storage origin
the Content-Security-Policy allows always agree. Setting `AWS_STORAGE_BUCKET_NAME` switches
object storage on; the other `AWS_*` variables (endpoint, region, keys, CDN domain) follow
django-storages' names and are documented in .env.example and docs/storage.md.

Privacy, with one bucket and a bucket policy (`bucket_policy`, applied by
`manage.py storage_bucket_policy --apply`):

* The public folders (`MEDIA_PUBLIC_FOLDERS`: lectures, their thumbnails, original images,
  renditions, admin avatars) may be read by anyone: the course is open. Their URLs are unsigned
  and stable, each stored name is made unique (a re-uploaded "map.png" never reuses the address
  of a deleted one), so the objects carry `Cache-Control: public, max-age=31536000, immutable`.
* Everything else (documents/, Wagtail's half-finished uploads) has no anonymous access at all.
  Wagtail's document view checks the collection's privacy and then redirects to a URL signed for
  `AWS_QUERYSTRING_EXPIRE` seconds, which also makes the download an attachment.

A bucket policy rather than per-object ACLs: new AWS buckets have ACLs switched off (object
ownership "bucket owner enforced") and not every S3-compatible store treats them alike; the
policy is one short document an operator can read, it fails closed (a folder not listed is
private), and a wrong ACL on one upload cannot make a private document public. No learner's data
is stored here: data exports and certificates are made per request and never saved as files.
"""

from urllib.parse import urlsplit

# The backend lives in its own module: importing boto3 costs a third of a second, which a site
# on local files (and every manage.py command) need not pay.
S3_BACKEND = "config.storage_s3.CourseS3Storage"
# A signed URL is a bearer pass to a private document: production refuses a longer life.
MAX_SIGNED_URL_SECONDS = 3600


def s3_options(env) -> dict | None:
    """The OPTIONS of the S3 storage from the environment, or None when no bucket is set.

    Keys have no default: unset, boto3 finds credentials its own way (AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, a profile, an instance or pod role).
    """
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return None
    return {
        "bucket_name": bucket,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env("AWS_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "url_protocol": env("AWS_S3_URL_PROTOCOL", default="https:"),
        "location": env("AWS_LOCATION", default=""),
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=60),
        # Never replace an object in place: a public URL is cached for a year.
        "file_overwrite": False,
        "connect_timeout": env.float("AWS_S3_CONNECT_TIMEOUT", default=2.0),
        "read_timeout": env.float("AWS_S3_READ_TIMEOUT", default=5.0),
        "max_attempts": env.int("AWS_S3_MAX_ATTEMPTS", default=2),
    }


def public_origin(options: dict) -> str:
    """The origin (scheme://host[:port]) browsers fetch public media from.

    Asked of botocore itself (an unsigned client, no network), so that the region, the endpoint
    and the addressing style give the same address here as in the storage's URLs.
    """
    if options.get("custom_domain"):
        host = options["custom_domain"].split("/", 1)[0]
        return f"{options['url_protocol']}//{host}"
    import boto3  # only when object storage is on
    from botocore import UNSIGNED
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        region_name=options.get("region_name") or "us-east-1",
        endpoint_url=options.get("endpoint_url"),
        config=Config(
            signature_version=UNSIGNED, s3={"addressing_style": options.get("addressing_style")}
        ),
    )
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": options["bucket_name"], "Key": "media/x"}
    )
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def storage_settings(env, *, staticfiles_backend: str) -> dict:
    """The settings that depend on where uploads live, as a dict for a settings module.

    STORAGES; SERVE_MEDIA (Django serves /media/ only for local files, unless told otherwise);
    WAGTAILDOCS_SERVE_METHOD ("redirect" to a signed URL with object storage, else Wagtail's
    own "serve_view"; both after the privacy check); STORAGE_MEDIA_ORIGINS for the CSP.
    """
    staticfiles = {"BACKEND": staticfiles_backend}
    options = s3_options(env)
    if options is None:
        return {
            "STORAGES": {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": staticfiles,
            },
            "SERVE_MEDIA": env.bool("DJANGO_SERVE_MEDIA", default=True),
            "WAGTAILDOCS_SERVE_METHOD": "serve_view",
            "STORAGE_MEDIA_ORIGINS": [],
            "STORAGE_S3_OPTIONS": None,
        }
    return {
        "STORAGES": {
            "default": {"BACKEND": S3_BACKEND, "OPTIONS": options},
            "staticfiles": staticfiles,
        },
        "SERVE_MEDIA": env.bool("DJANGO_SERVE_MEDIA", default=False),
        "WAGTAILDOCS_SERVE_METHOD": "redirect",
        "STORAGE_MEDIA_ORIGINS": [public_origin(options)],
        "STORAGE_S3_OPTIONS": options,
    }


def storage_problems(options: dict | None) -> list[str]:
    """What makes an object storage configuration unfit for production, in an operator's words."""
    if options is None:
        return []
    problems = []
    endpoint = options.get("endpoint_url")
    if endpoint and urlsplit(endpoint).scheme != "https":
        problems.append(
            "AWS_S3_ENDPOINT_URL must use https: browsers fetch documents (signed, private) "
            "and, without a CDN, lectures and images from it."
        )
    if options.get("custom_domain"):
        if "://" in options["custom_domain"]:
            problems.append(
                "AWS_S3_CUSTOM_DOMAIN is a host name (cdn.example.org), without a scheme."
            )
        if options.get("url_protocol") != "https:":
            problems.append("AWS_S3_URL_PROTOCOL must be https: for the CDN in production.")
    if bool(options.get("access_key")) != bool(options.get("secret_key")):
        problems.append(
            "Set both AWS_S3_ACCESS_KEY_ID and AWS_S3_SECRET_ACCESS_KEY, or neither (boto3 "
            "then finds credentials itself)."
        )
    if not 1 <= options.get("querystring_expire", 0) <= MAX_SIGNED_URL_SECONDS:
        problems.append(
            f"AWS_QUERYSTRING_EXPIRE must be 1 to {MAX_SIGNED_URL_SECONDS} seconds: a signed URL "
            "opens a private document to whoever holds it."
        )
    return problems


def bucket_policy(*, bucket: str, public_folders: list[str], location: str = "") -> dict:
    """The bucket policy that lets anyone read the public folders, and nothing else.

    Uploads, deletions and signed reads use the site's own credentials, which the policy does
    not need to name.
    """
    prefix = f"{location.strip('/')}/" if location.strip("/") else ""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicCourseMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": ["s3:GetObject"],
                "Resource": [
                    f"arn:aws:s3:::{bucket}/{prefix}{folder}/*" for folder in public_folders
                ],
            }
        ],
    }
