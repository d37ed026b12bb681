"""Template tags that let other apps' templates show library content without new context."""

from django import template

from library.queries import module_resources

register = template.Library()


@register.inclusion_tag("library/includes/module_resources.html")
def module_resources_panel(module) -> dict:
    """The "Resources for this module" section: `{% module_resources_panel page %}` (2 queries)."""
    return {"resources": module_resources(module)}
