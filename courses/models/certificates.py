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

    The row is made when the learner finishes the course, dated then, but it is only a
    certificate once the learner has chosen the name to print (`name_chosen_at`): until then
    nobody else can see it and there is no PDF. The name is the learner's choice and never
    their email address; they may correct it later (the code and the date stay), and hide the
    public verification page. The course title is copied at issue time, so the certificate keeps
    saying what it said; its date never changes, even if lessons are added later.

    When the learner deletes their account the certificate is withdrawn rather than deleted:
    the code, course title and date stay so that a verifier learns it is no longer valid, but
    the name and the link to the person go.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # withdrawn, not deleted: see courses.receivers
        null=True,
        blank=True,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "modules.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_certificate_code)
    learner_name = models.CharField(_("name on the certificate"), max_length=255)
    course_title = models.CharField(_("course title"), max_length=255)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    name_chosen_at = models.DateTimeField(_("name chosen"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("verification page hidden"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("certificate_detail", args=[self.code])

    def get_verification_url(self):
        return reverse("certificate_verify", args=[self.code])

    def get_name_url(self):
        return reverse("certificate_name", args=[self.code])

    @property
    def awaits_name(self) -> bool:
        """Finished, but the learner has not yet chosen the name to print."""
        return self.name_chosen_at is None and not self.is_withdrawn

    @property
    def is_withdrawn(self) -> bool:
        """Its owner deleted their account: it names nobody and is no longer valid."""
        return self.withdrawn_at is not None or self.user_id is None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and not self.is_withdrawn
