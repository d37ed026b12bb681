"""What we record: the privacy page, written from the personal-data registry.

Nothing on it is typed by hand about the data: each kind of data, why, how long and who sees it
come from the declarations in accounts.data_registry, so the page cannot drift from what the
code keeps. Editors add only what a registry cannot know (an introduction, the data controller)
in the Wagtail site settings. The page is the same for everyone but the site header, so a
shared cache may keep it for visitors.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.data_registry import Audience, PersonalData, declarations
from accounts.models import PrivacySettings

AUDIENCE_WORDS = {
    Audience.LEARNER: _("you"),
    Audience.STAFF: _("the site's administrators"),
    Audience.PUBLIC: _("anyone you give the verification code or link to"),
}
NOBODY = _("nobody: only the site itself uses it")


@dataclass(frozen=True)
class Kind:
    """One declaration as the page shows it."""

    fields: list[str | Promise]
    purpose: str | Promise
    retention: str | Promise
    seen_by: list[str | Promise]
    in_export: bool


@dataclass
class Category:
    title: str | Promise
    kinds: list[Kind]

    @property
    def staff_only(self) -> bool:
        """Only staff records (the editorial history): folded away on the page, still listed."""
        staff = [AUDIENCE_WORDS[Audience.STAFF]]
        return all(kind.seen_by == staff for kind in self.kinds)


def _kind(entry: PersonalData) -> Kind:
    # Several fields may share a description (an editor's notification choices): say it once.
    fields = list(dict.fromkeys(str(description) for description in entry.fields.values()))
    return Kind(
        fields=fields,
        purpose=entry.purpose,
        retention=entry.retention,
        seen_by=[AUDIENCE_WORDS[audience] for audience in entry.seen_by] or [NOBODY],
        in_export=entry.exported and Audience.LEARNER in entry.seen_by,
    )


def registry_categories() -> list[Category]:
    """The registry's declarations grouped by category, in the registry's order."""
    categories: dict[str, Category] = {}
    for entry in declarations():
        key = str(entry.category)
        categories.setdefault(key, Category(title=entry.category, kinds=[]))
        categories[key].kinds.append(_kind(entry))
    return list(categories.values())


@require_safe
def privacy(request):
    return render(
        request,
        "accounts/privacy.html",
        {
            "categories": registry_categories(),
            "privacy_settings": PrivacySettings.for_request(request),
            # Where learning records go beyond this site: only to a store an administrator set
            # up (XAPI_LRS_ENDPOINT; learningrecords.delivery), named by its host.
            "learning_record_store": urlsplit(settings.XAPI_LRS_ENDPOINT).hostname or "",
        },
    )
