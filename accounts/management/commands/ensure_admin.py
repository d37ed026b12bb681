"""Make sure there is an administrator, and show its login the one time it is created.

`make run` calls this on every start: the first time it creates a superuser with a random
password and prints the admin URL, email and password; after that it prints one line and no
password. `make admin-password` calls it with `--reset-password` to set and print a new one.
"""

import os
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

DEFAULT_EMAIL = "admin@example.com"


def admin_email() -> str:
    return os.environ.get("DJANGO_ADMIN_EMAIL", "").strip() or DEFAULT_EMAIL


def admin_url() -> str:
    port = os.environ.get("PORT", "").strip() or "8000"
    return f"http://127.0.0.1:{port}{reverse('wagtailadmin_home')}"


class Command(BaseCommand):
    help = (
        "Create a superuser with a random password if there is none, and print its login once. "
        "With --reset-password, set and print a new password for the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Set a new random password for the admin (created if missing) and print it.",
        )

    def handle(self, *args, reset_password=False, **options):
        User = get_user_model()
        email = admin_email()
        superusers = User.objects.filter(is_superuser=True)
        password = secrets.token_urlsafe(18)

        with transaction.atomic():
            if reset_password:
                user = (
                    superusers.filter(email__iexact=email).first()
                    or superusers.order_by("pk").first()
                )
                if user is None:
                    user = self._create(User, email, password)
                    heading = "Admin account created."
                else:
                    user.set_password(password)
                    user.save(update_fields=["password"])
                    self._verify_address(user)
                    heading = "New admin password set."
            elif superusers.exists():
                self.stdout.write(
                    "An admin account exists; its login was shown when it was created. "
                    "Run `make admin-password` to set a new password."
                )
                return
            else:
                user = self._create(User, email, password)
                heading = "Admin account created."

        self._show_login(heading, user.email, password)

    def _create(self, User, email, password):
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(
                f"A user with the email {email} exists but is not a superuser. "
                "Set DJANGO_ADMIN_EMAIL to another address, or promote that user."
            )
        user = User.objects.create_superuser(email=email, password=password)
        self._verify_address(user)
        return user

    def _verify_address(self, user):
        """Mark the admin's address verified: whoever runs this command chose it.

        The admin signs in through allauth like everyone else, which lets no unverified address
        in; the printed login has to work without a confirmation email first.
        """
        EmailAddress.objects.update_or_create(
            user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
        )

    def _show_login(self, heading, email, password):
        rule = "=" * 64
        lines = [
            rule,
            f"{heading} This password is shown only now;",
            "`make admin-password` sets a new one.",
            "",
            f"  Admin:    {admin_url()}",
            f"  Email:    {email}",
            f"  Password: {password}",
            rule,
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
