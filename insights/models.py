from django.db import models
from django.utils.translation import gettext_lazy as _


class Refresh(models.Model):
    """When the rollups were last rebuilt and how long it took: the page's "Figures as of".

    One row (pk 1), rewritten by each refresh. The model also carries the permission that
    opens the Course insights area (granted to the "Course analysts" group).
    """

    finished_at = models.DateTimeField(_("figures as of"))
    seconds = models.FloatField(_("seconds the refresh took"))

    class Meta:
        verbose_name = _("insights refresh")
        default_permissions = ()
        permissions = [("view_insights", _("Can view course insights"))]

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
