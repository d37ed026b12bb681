"""Print, or apply, the bucket policy that makes the public upload folders readable by anyone.

Object storage keeps every object private unless a policy says otherwise (config/storage.py):
this command writes that policy from the same settings the site runs with (the bucket, its
AWS_LOCATION prefix and MEDIA_PUBLIC_FOLDERS), so that the folders the site links without a
signature and the folders the bucket opens to everyone cannot drift apart. With --cors-origin it
also lets that origin's scripts read public media (only needed when a player fetches it with
CORS, e.g. `crossorigin` on <video>).
"""

import json

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from config.storage import bucket_policy


class Command(BaseCommand):
    help = "Print (or --apply) the object-storage bucket policy for the public upload folders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Put the policy on the bucket (replaces it)."
        )
        parser.add_argument(
            "--cors-origin",
            action="append",
            default=[],
            metavar="ORIGIN",
            help="With --apply, also allow GET and HEAD from this origin (repeatable).",
        )

    def handle(self, *args, apply, cors_origin, **options):
        storage_options = settings.STORAGES["default"].get("OPTIONS") or {}
        bucket = storage_options.get("bucket_name")
        if not bucket:
            raise CommandError("Object storage is off: set AWS_STORAGE_BUCKET_NAME.")
        policy = bucket_policy(
            bucket=bucket,
            public_folders=settings.MEDIA_PUBLIC_FOLDERS,
            location=storage_options.get("location", ""),
        )
        if not apply:
            self.stdout.write(json.dumps(policy, indent=2))
            return
        client = default_storage.connection.meta.client
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
        self.stdout.write(
            f"Public read on {len(settings.MEDIA_PUBLIC_FOLDERS)} folders of {bucket}."
        )
        if cors_origin:
            client.put_bucket_cors(
                Bucket=bucket,
                CORSConfiguration={
                    "CORSRules": [
                        {
                            "AllowedOrigins": cors_origin,
                            "AllowedMethods": ["GET", "HEAD"],
                            "AllowedHeaders": ["Range"],
                            "ExposeHeaders": ["Accept-Ranges", "Content-Length", "Content-Range"],
                            "MaxAgeSeconds": 86400,
                        }
                    ]
                },
            )
            self.stdout.write(f"CORS for {', '.join(cors_origin)}.")
