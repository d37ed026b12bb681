import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


class Certificate(models.Model):
    """Proof that a learner completed a course, with a code anyone can verify.

    The name and course title are copied at issue time, so the certificate keeps saying what it
    said when it was issued; its date never changes, even if lessons are added later.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(
        "modules.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_certificate_code)
    learner_name = models.CharField(_("name on the certificate"), max_length=255)
    course_title = models.CharField(_("course title"), max_length=255)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course"),
        ]

    def __str__(self):
        return f"{self.code} · {self.learner_name}"

    def get_absolute_url(self):
        return reverse("certificate_detail", args=[self.code])

    def get_verification_url(self):
        return reverse("certificate_verify", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
