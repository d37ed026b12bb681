"""The licences content is published under: one vocabulary for lessons and library resources.

Lessons and resources both say what readers may do with them, and the page, the feeds and the
metadata all read the same three things: the licence's name (`licence_label`), where to read
it (`licence_url`, None when it has no canonical page) and whom to credit (`attribution`).
`LicensedContent` gives a page model those properties from its `licence` field (and
`licence_other`, where the model has one).

A lesson is the course's own work, so its editor chooses among the open licences the course
uses (`LESSON_LICENCES`); a resource is someone else's publication and may carry any licence,
or none that is stated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC0 = "cc0", _("Public domain (CC0)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
    OTHER = "other", _("Other")


# Where a reader can look a licence up; the others have no canonical page.
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# The SPDX identifiers (lower case, as the Podcasting 2.0 `podcast:license` tag wants them) of the
# licences that have one.
LICENCE_SPDX = {
    Licence.CC_BY: "cc-by-4.0",
    Licence.CC_BY_SA: "cc-by-sa-4.0",
    Licence.CC_BY_NC: "cc-by-nc-4.0",
    Licence.CC0: "cc0-1.0",
}

# The licences an editor chooses among for a lesson; CC BY 4.0 unless they say otherwise.
LESSON_LICENCES = [
    (choice.value, choice.label)
    for choice in (Licence.CC_BY, Licence.CC_BY_SA, Licence.CC0, Licence.ALL_RIGHTS_RESERVED)
]
LESSON_DEFAULT_LICENCE = Licence.CC_BY


def licence_label(code: str, other: str = "") -> str:
    """The licence's name as readers see it: "CC BY 4.0", or the name given for "Other";
    "" when none is stated."""
    if not code:
        return ""
    if code == Licence.OTHER:
        return other or str(Licence.OTHER.label)
    try:
        return str(Licence(code).label)
    except ValueError:  # a code this vocabulary no longer has
        return code


def licence_url(code: str) -> str | None:
    """The licence's canonical page, or None when it has none."""
    return LICENCE_URLS.get(code)


def licence_spdx(code: str) -> str | None:
    """The licence's SPDX identifier, or None when it has none ("all rights reserved")."""
    return LICENCE_SPDX.get(code)


class LicensedContent:
    """What a licensed page says about its licence, from its `licence` (and `licence_other`)
    field; the model declares `licence` and `attribution` itself."""

    @property
    def licence_label(self) -> str:
        return licence_label(self.licence, getattr(self, "licence_other", ""))

    @property
    def licence_url(self) -> str | None:
        return licence_url(self.licence)
