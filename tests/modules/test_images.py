"""Module images and expert photos reach the browser as small AVIF/WebP pictures, lazily.

A phone picks the 360 px AVIF of a module image (a few kilobytes) instead of a 640 px PNG; the
page's images are found with their renditions in a fixed number of queries, however many there
are; and every rendition the templates ask for is one `modules.images` prefetches.
"""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from modules.images import EXPERT_PHOTO, MODULE_IMAGE, images_with_renditions, rendition_specs
from modules.models import ModulePage
from tests.factories import ExpertFactory, make_course, make_lesson, make_module
from tests.support import page_queries

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>(.*?)</picture>", re.S)
SOURCE = re.compile(r"<source ([^>]*)>")
IMG = re.compile(r"<img ([^>]*)>")
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def photo(title: str, size=(800, 400)):
    """A picture with some detail, large enough for every rendition to be a real downscale."""
    image = PILImage.new("RGB", size, "#215d8c")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 40):
        draw.rectangle((x, size[1] // 3, x + 24, size[1]), fill="#f2efe6")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    made = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    made.save()
    return made


def add_modules(course, numbers):
    for number in numbers:
        expert = ExpertFactory(name=f"Expert {number}", photo=photo(f"expert-{number}", (200, 200)))
        module = make_module(course, number, image=photo(f"module-{number}"))
        make_lesson(module, f"lesson-{number}", experts=[expert])


@pytest.fixture
def course():
    course = make_course()
    add_modules(course, [1, 2])
    return course


def pictures(html: str) -> list[dict]:
    """Each <picture> in the page: its sources by type, and its <img>'s attributes."""
    found = []
    for body in PICTURE.findall(html):
        sources = [dict(ATTR.findall(source)) for source in SOURCE.findall(body)]
        found.append(
            {
                "sources": {source["type"]: source for source in sources},
                "img": dict(ATTR.findall(IMG.search(body).group(1))),
            }
        )
    return found


def widths(srcset: str) -> list[str]:
    return [candidate.split()[-1] for candidate in srcset.split(", ")]


def test_module_images_and_expert_photos_are_lazy_avif_and_webp_pictures(client, course):
    html = client.get("/").content.decode()
    found = pictures(html)
    assert len(found) == 4  # two module cards, two experts
    modules = [p for p in found if "module-card__image" in p["img"]["class"]]
    experts = [p for p in found if "expert-card__photo" in p["img"]["class"]]
    assert len(modules) == 2 and len(experts) == 2

    for picture, small, large in [(modules[0], "360w", "720w"), (experts[0], "80w", "160w")]:
        avif, webp = picture["sources"]["image/avif"], picture["sources"]["image/webp"]
        assert list(picture["sources"]) == ["image/avif", "image/webp"]  # AVIF first
        assert ".avif " in avif["srcset"] and ".webp " in webp["srcset"]
        assert widths(avif["srcset"]) == widths(webp["srcset"]) == [small, large]
        assert avif["sizes"] == webp["sizes"] == picture["img"]["sizes"]
        img = picture["img"]
        assert img["src"].endswith(".jpg")  # for browsers with neither format
        assert img["alt"] == ""  # decorative: the module's title is right beside it
        assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert (modules[0]["img"]["width"], modules[0]["img"]["height"]) == ("360", "180")
    assert (experts[0]["img"]["width"], experts[0]["img"]["height"]) == ("80", "80")
    assert experts[0]["img"]["sizes"] == "72px"


def test_module_page_shows_its_image_as_a_picture_at_its_larger_size(client, course):
    module = ModulePage.objects.get(number=1)
    html = client.get(module.url).content.decode()
    aside = next(p for p in pictures(html) if "module-aside__image" in p["img"]["class"])
    assert widths(aside["sources"]["image/avif"]["srcset"]) == ["720w", "360w"]
    assert (aside["img"]["width"], aside["img"]["height"]) == ("720", "360")
    assert aside["img"]["loading"] == "lazy"


def rendition_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # makes the renditions
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return sum("wagtailimages_rendition" in query["sql"] for query in context.captured_queries)


def test_course_home_finds_every_rendition_in_a_fixed_number_of_queries(
    client, course, django_assert_max_num_queries
):
    small_renditions = rendition_queries(client, "/")
    small = page_queries(client, "/")
    add_modules(course, range(3, 7))  # three times the images
    assert rendition_queries(client, "/") == small_renditions <= 2  # modules', experts'
    with django_assert_max_num_queries(small):
        assert client.get("/").status_code == 200


def test_every_rendition_the_pages_show_is_one_modules_images_prefetches(client, course):
    client.get("/")
    client.get(ModulePage.objects.get(number=1).url)
    Rendition = get_image_model().get_rendition_model()
    shown = set(Rendition.objects.values_list("filter_spec", flat=True))
    assert shown  # the pages made renditions
    assert shown <= set(rendition_specs(MODULE_IMAGE, EXPERT_PHOTO))

    images = list(images_with_renditions().filter(title__startswith="module-"))
    assert images and all(len(image.prefetched_renditions) == 6 for image in images)


def test_the_image_formats_check_passes_here_and_names_a_missing_format(monkeypatch):
    from PIL import features

    from modules.images import image_formats_check

    assert image_formats_check() == []
    monkeypatch.setattr(features, "check", lambda name: name != "avif")
    [error] = image_formats_check()
    assert error.id == "modules.E001" and "AVIF" in error.msg


def test_the_demo_course_comes_with_its_renditions_so_its_first_visitor_does_not_wait(client):
    from modules.seed import seed_demo

    seed_demo()
    Rendition = get_image_model().get_rendition_model()
    made = Rendition.objects.count()
    # The demo's modules show their drawn illustrations (static SVGs, scripts/make_module_art.py),
    # not uploaded images: there is nothing to encode, then or later.
    assert made == 0
    home = client.get("/")
    assert home.status_code == 200
    for number in range(1, 9):
        assert f"img/modules/module-{number}" in home.content.decode()
    assert client.get(ModulePage.objects.get(number=1).url).status_code == 200
    assert Rendition.objects.count() == made  # nothing left to encode while a visitor waits
