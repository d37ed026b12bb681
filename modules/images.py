"""The renditions the course's pages show, so that querysets can fetch them with the images.

Module images and expert photos are rendered with Wagtail's `{% picture %}` tag: AVIF and WebP
sources with a JPEG fallback, each in two widths, so that a phone at 390 px downloads a few
kilobytes per image instead of a 640 px PNG. Every image on a page then needs six renditions;
fetched one image at a time that would be a query per image, so the querysets that load modules
and experts prefetch them in one query with `images_with_renditions()`.

The specs below must be the ones the templates name (course_page.html, module_page.html,
includes/expert_card.html); tests/modules/test_images.py fails if a page asks for one that is
not prefetched.
"""

from django.core import checks
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# {% picture module.image format-{avif,webp,jpeg} fill-{360x180,720x360} ... %}: course home
# cards and the module page's aside (which lists the larger width first, for its fallback size).
MODULE_IMAGE = "format-{avif,webp,jpeg} fill-{360x180,720x360}"
# {% picture expert.photo format-{avif,webp,jpeg} fill-{80x80,160x160} sizes="72px" ... %}
EXPERT_PHOTO = "format-{avif,webp,jpeg} fill-{80x80,160x160}"


def rendition_specs(*patterns: str) -> list[str]:
    """Every rendition spec the `{% picture %}` patterns expand to, as Wagtail stores them."""
    return [spec for pattern in patterns for spec in Filter.expand_spec(pattern)]


def images_with_renditions(*patterns: str):
    """Images with the renditions of `patterns` prefetched (by default those of the course pages).

    Use it as the queryset of a `Prefetch` on the image foreign key, e.g.
    `ModulePage.objects.prefetch_related(Prefetch("image", images_with_renditions()))`.
    """
    specs = rendition_specs(*(patterns or (MODULE_IMAGE, EXPERT_PHOTO)))
    return get_image_model().objects.prefetch_renditions(*specs)


def image_formats_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Pillow must encode AVIF and WebP, or pages with module images fail as they render.

    Pillow's recent wheels include libavif and libwebp; a Pillow built from source without them
    would otherwise only be found out by the first visitor of the course home."""
    from PIL import features

    missing = [name for name in ("avif", "webp") if not features.check(name)]
    if not missing:
        return []
    return [
        checks.Error(
            f"Pillow cannot encode {' or '.join(name.upper() for name in missing)}, which the "
            "course pages' pictures need.",
            hint="Install Pillow from its wheels (pip install --only-binary Pillow Pillow), "
            "or build it with libavif and libwebp.",
            id="modules.E001",
        )
    ]
