"""A lesson's licence and attribution, chosen by its editor and shown on the page, in the same
line as a library resource's."""

import lxml.html
import pytest

from modules.licences import Licence
from tests.factories import make_lesson
from tests.library.factories import make_library, make_resource

pytestmark = pytest.mark.django_db


def licence_line(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = lxml.html.fromstring(response.content).find_class("licence")
    assert len(found) == 1, "one licence line on the page"
    return found[0]


def test_a_new_lesson_is_cc_by_and_the_page_says_so_with_a_link(client, module):
    lesson = make_lesson(module, "open-data", kind="audio")
    lesson.attribution = "Open data in practice, by the course team and Ada Lund."
    lesson.save_revision().publish()

    line = licence_line(client, lesson.url)
    link = line.find(".//a[@rel='license']")
    assert line.text_content().startswith("Licence: CC BY 4.0")
    assert link.get("href") == "https://creativecommons.org/licenses/by/4.0/"
    assert link.text_content() == "CC BY 4.0"
    assert "Attribution: Open data in practice, by the course team and Ada Lund." in (
        line.text_content()
    )
    assert lesson.licence_label == "CC BY 4.0"
    assert lesson.licence_url == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize(
    ("licence", "label", "url"),
    [
        (Licence.CC_BY_SA, "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        (Licence.CC0, "Public domain (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/"),
        (Licence.ALL_RIGHTS_RESERVED, "All rights reserved", None),
    ],
)
def test_the_editor_chooses_another_licence(client, module, licence, label, url):
    lesson = make_lesson(module, "reuse")
    lesson.licence = licence
    lesson.save_revision().publish()

    line = licence_line(client, lesson.url)
    assert line.text_content().strip() == f"Licence: {label}"
    link = line.find(".//a[@rel='license']")
    assert (link.get("href") if link is not None else None) == url
    assert lesson.licence_url == url and lesson.attribution == ""


def test_an_editor_may_not_pick_a_licence_lessons_do_not_offer(module):
    from django.core.exceptions import ValidationError

    lesson = make_lesson(module, "narrow")
    lesson.licence = Licence.CC_BY_NC
    with pytest.raises(ValidationError) as refused:
        lesson.full_clean()
    assert "licence" in refused.value.message_dict


def test_a_resource_shows_its_licence_in_the_same_line(client, module):
    library = make_library(module.get_parent().specific)
    resource = make_resource(library, "charter", licence="cc-by-sa-4.0")
    resource.attribution = "© A City Network 2024, CC BY-SA 4.0"
    resource.save_revision().publish()

    line = licence_line(client, resource.url)
    assert line.find(".//a[@rel='license']").get("href") == (
        "https://creativecommons.org/licenses/by-sa/4.0/"
    )
    assert "Attribution: © A City Network 2024, CC BY-SA 4.0" in line.text_content()
    assert resource.licence_label == "CC BY-SA 4.0"


def test_a_resource_without_a_stated_licence_shows_no_line(client, module):
    library = make_library(module.get_parent().specific)
    resource = make_resource(library, "unstated", licence="")
    html = lxml.html.fromstring(client.get(resource.url).content)
    assert html.find_class("licence") == []
    assert resource.licence_url is None and resource.licence_label == ""
