"""The kinds of thing a search can find, and the page model behind each page kind."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultKind(models.TextChoices):
    LESSON = "lesson", _("Lesson")
    MODULE = "module", _("Module")
    EVENT = "event", _("Event")
    RESOURCE = "resource", _("Resource")
    EXPERT = "expert", _("Expert")

    @property
    def plural(self) -> str:
        return str(PLURALS[self.value])


PLURALS = {
    "lesson": _("Lessons"),
    "module": _("Modules"),
    "event": _("Events"),
    "resource": _("Resources"),
    "expert": _("Experts"),
}

# Every kind but experts is a Wagtail page; experts are snippets, searched on their own.
PAGE_MODELS = {
    ResultKind.LESSON: "modules.LessonPage",
    ResultKind.MODULE: "modules.ModulePage",
    ResultKind.EVENT: "events.EventPage",
    ResultKind.RESOURCE: "library.ResourcePage",
}


def page_model(kind: ResultKind):
    return apps.get_model(PAGE_MODELS[kind])
