"""The S3 storage backend: public folders at unsigned, cacheable URLs, everything else signed.

See config/storage.py for why uploads go to object storage, what is public and what is private,
and how the settings are built from the environment.
"""

import os
import posixpath

from botocore.config import Config
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"
PRIVATE_CACHE_CONTROL = "private, no-store"


class CourseS3Storage(S3Storage):
    """django-storages' S3 backend with public folders unsigned and everything else signed.

    Options beyond django-storages' own are plain values (the options travel as JSON when
    Wagtail enqueues the deletion of a file): `public_folders`, and the client's
    `connect_timeout`, `read_timeout` and `max_attempts`, so that a storage that does not answer
    holds a request (or the readiness probe) for seconds, not minutes.
    """

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "public_folders": list(getattr(settings, "MEDIA_PUBLIC_FOLDERS", [])),
            "connect_timeout": 2.0,
            "read_timeout": 5.0,
            "max_attempts": 2,
        }

    def __init__(self, **options):
        super().__init__(**options)
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
                retries={"total_max_attempts": self.max_attempts, "mode": "standard"},
            )
        )

    def is_public(self, name: str) -> bool:
        """Whether `name` (as stored in a file field, without AWS_LOCATION) is a public upload."""
        folders = clean_name(name).lstrip("/").split("/")[:-1]
        return bool(folders) and folders[0] in self.public_folders

    def _relative(self, key: str) -> str:
        prefix = self.location.strip("/")
        return key[len(prefix) + 1 :] if prefix and key.startswith(prefix + "/") else key

    def get_object_parameters(self, name):
        # `name` is the object's key here (AWS_LOCATION included).
        parameters = super().get_object_parameters(name)
        public = self.is_public(self._relative(name))
        parameters.setdefault(
            "CacheControl", PUBLIC_CACHE_CONTROL if public else PRIVATE_CACHE_CONTROL
        )
        return parameters

    def get_available_name(self, name, max_length=None):
        if self.is_public(name):
            # Always a fresh name: the URL of a public object is cached for a year.
            directory, filename = posixpath.split(clean_name(name))
            root, extension = os.path.splitext(filename)
            name = posixpath.join(directory, self.get_alternative_name(root, extension))
        return super().get_available_name(name, max_length)

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.is_public(name):
            return self.public_url(name)
        return self.signed_url(name, parameters=parameters, expire=expire)

    def public_url(self, name: str) -> str:
        """The unsigned address of a public object: at the CDN if there is one, else the store."""
        key = self._normalize_name(clean_name(name))
        if self.custom_domain:
            return f"{self.url_protocol}//{self.custom_domain}/{filepath_to_uri(key)}"
        client = self.unsigned_connection.meta.client
        return client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket_name, "Key": key}
        )

    def signed_url(self, name: str, *, parameters=None, expire=None) -> str:
        """A short-lived address of a private object, always at the store (never the CDN), that
        hands it over as an attachment."""
        key = self._normalize_name(clean_name(name))
        params = {
            "ResponseContentDisposition": content_disposition_header(True, posixpath.basename(key)),
            **(parameters or {}),
            "Bucket": self.bucket_name,
            "Key": key,
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire
        )
