"""Editors add resources in the Wagtail admin; bad input is refused with a reason."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from library.models import ResourcePage
from tests.factories import ExpertFactory
from tests.library.factories import make_document, make_resource

pytestmark = pytest.mark.django_db


def resource_form(file, *, themes=(), modules=(), authors=(), publish=True, **changes):
    data = {
        "title": "Open data handbook",
        "slug": "open-data-handbook",
        "document": file.pk,
        "summary": "How to open a city's data.",
        "resource_type": "toolkit",
        "year": "2024",
        "publisher": "City of Testing",
        "language": "fi",
        "licence": "cc-by-4.0",
        "licence_other": "",
        **changes,
    }
    form = nested_form_data(data)
    form.setlist("themes", [str(theme.pk) for theme in themes]) if hasattr(
        form, "setlist"
    ) else None
    form["themes"] = [str(theme.pk) for theme in themes]
    form["related_modules"] = [str(module.pk) for module in modules]
    form["authors"] = [str(author.pk) for author in authors]
    if publish:
        form["action-publish"] = "action-publish"
    return form


def add_url(library):
    return reverse("wagtailadmin_pages:add", args=("library", "resourcepage", library.pk))


def test_an_editor_adds_a_resource_with_its_themes_modules_and_authors(
    admin_client, client, library, modules, mobility
):
    author = ExpertFactory(name="Ada Lund", slug="ada-lund")
    document = make_document("Handbook file")
    response = admin_client.post(
        add_url(library),
        resource_form(document, themes=[mobility], modules=modules[:1], authors=[author]),
    )
    assert response.status_code == 302
    resource = ResourcePage.objects.get(slug="open-data-handbook", locale__language_code="en")
    assert resource.live and resource.document == document
    assert list(resource.themes.all()) == [mobility]
    assert list(resource.related_modules.all()) == [modules[0].specific]
    assert list(resource.authors.all()) == [author]
    client.logout()
    html = client.get("/library/").content.decode()
    assert "Open data handbook" in html and "Suomi" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"licence": "other"}, "Name the licence, or choose one above."),
        ({"year": "1066"}, "greater than or equal to 1900"),
        ({"resource_type": "novel"}, "Select a valid choice"),
        (
            {"document": ""},
            "Choose the file, or give the address where the publisher offers the publication.",
        ),
        ({"publisher": ""}, "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_reason(admin_client, library, changes, message):
    response = admin_client.post(add_url(library), resource_form(make_document(), **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_another_licence_is_kept_when_named(admin_client, library):
    form = resource_form(make_document(), licence="other", licence_other="Open Government Licence")
    assert admin_client.post(add_url(library), form).status_code == 302
    resource = ResourcePage.objects.get(locale__language_code="en")
    assert resource.licence_label == "Open Government Licence"


def test_editors_can_add_resources_but_not_publish(library):
    editor = get_user_model().objects.create_user("editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    permissions = library.permissions_for_user(editor)
    assert permissions.can_add_subpage() and not permissions.can_publish_subpage()


def test_admin_views_open_and_preview_renders(admin_client, library, mobility):
    resource = make_resource(library, "previewed", themes=[mobility])
    assert admin_client.get(add_url(library)).status_code == 200
    for page in (library, resource):
        assert (
            admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
        )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(resource.pk,))
    form = resource_form(
        resource.document, themes=[mobility], title="Previewed title", slug="previewed"
    )
    assert admin_client.post(preview_url, form).json()["is_valid"]
    html = admin_client.get(preview_url).content.decode()
    assert "Previewed title" in html and 'href="/themes/mobility/"' in html


def test_a_document_in_use_cannot_be_deleted(library):
    from django.db.models import ProtectedError

    resource = make_resource(library, "kept")
    with pytest.raises(ProtectedError):
        resource.document.delete()
