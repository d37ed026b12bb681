"""The Course insights area: who may open it, what a page and its CSV files show, the summary
on the admin home and a lesson's figures for its editors."""

import csv
import io
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from insights.refresh import rollups_refresh
from tests.factories import make_learner
from tests.insights.builders import build_known

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_postgres")]


@pytest.fixture
def known():
    data = build_known()
    rollups_refresh()
    return data


def person(email, *groups, **extra):
    user = make_learner(email, **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def analyst(client):
    client.force_login(person("analyst@example.org", "Course analysts"))
    return client


def table_cells(html: str, key: str) -> list[list[str]]:
    """The cells of the page's table with this key, as read."""
    table = re.search(rf'<table[^>]*id="table-{re.escape(key)}".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_analysts_and_superusers_see_the_area(client, known):
    for user in (
        person("analyst@example.org", "Course analysts"),
        get_user_model().objects.create_superuser(email="root@example.org", password="pw"),
    ):
        client.force_login(user)
        assert reverse("insights") in client.get("/admin/").content.decode()  # menu item
        page = client.get(reverse("insights_section", args=["modules"]))
        assert page.status_code == 200
        assert "fewer than 5" in page.content.decode()  # the rule is stated


def test_editors_without_the_group_and_learners_are_refused(client, known):
    editor = person("editor@example.org", "Editors", is_staff=True)
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    assert reverse("insights") not in home and "Enrolled this week" not in home
    for url in (reverse("insights"), reverse("insights_csv", args=["funnel"])):
        refused = client.get(url)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")

    client.force_login(make_learner("learner@example.org"))
    for url in (
        reverse("insights"),
        reverse("insights_csv", args=["funnel"]),
        reverse("insights_lesson", args=[known.video.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302  # to the sign-in: the admin is not theirs
        assert response["Location"].startswith("/accounts/login/")


def test_each_csv_file_holds_exactly_its_table(analyst, known):
    for section in ("activity", "modules", "lectures", "reminders", "learners"):
        html = analyst.get(reverse("insights_section", args=[section])).content.decode()
        keys = re.findall(r'id="table-([\w-]+)"', html)
        assert keys
        for key in keys:
            response = analyst.get(reverse("insights_csv", args=[key]))
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            rows = list(csv.reader(io.StringIO(response.content.decode())))
            assert rows == table_cells(html, key), key


def test_a_chart_draws_the_figures_of_its_table(analyst, known):
    html = analyst.get(reverse("insights_section", args=["modules"])).content.decode()
    svg = re.search(r'<svg[^>]*data-table="funnel".*?</svg>', html, re.S).group(0)
    assert re.findall(r'<rect[^>]*data-value="(\d+)"', svg) == ["12", "9", "5"]
    assert table_cells(html, "funnel")[1] == ["Module title 1", "12", "9", "5", "75.0%", "55.6%"]
    assert 'style="' not in html.split("<main", 1)[-1]  # nonce CSP: no inline styles


def test_the_period_is_chosen_and_checked(analyst, known):
    url = reverse("insights_section", args=["activity"])
    html = analyst.get(url, {"start": "2026-03-02", "end": "2026-03-15"}).content.decode()
    assert table_cells(html, "weekly")[1:] == [
        ["2026-03-02", "12", "9", "fewer than 5"],
        ["2026-03-09", "fewer than 5", "fewer than 5", "fewer than 5"],
    ]
    response = analyst.get(url, {"start": "2026-03-15", "end": "2026-03-02"})
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()
    assert analyst.get(url, {"start": "nonsense", "end": ""}).status_code == 200
    assert analyst.get(reverse("insights_section", args=["nowhere"])).status_code == 404
    assert analyst.get(reverse("insights_csv", args=["nothing"])).status_code == 404


def test_the_admin_home_shows_analysts_a_summary(analyst, known):
    home = analyst.get("/admin/").content.decode()
    assert "Enrolled this week" in home and "All course insights" in home


def test_an_editor_sees_the_figures_of_a_lesson_they_may_edit(client, known):
    editor = person("editor@example.org", "Editors", is_staff=True)
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[known.video.pk])).content.decode()
    url = reverse("insights_lesson", args=[known.video.pk])
    assert url in edit  # "Figures for this lesson" in the page header
    html = client.get(url).content.decode()
    key = f"dropoff-{known.video.pk}"
    assert table_cells(html, key)[3] == ["20%", "88.9%", "8"]
    assert table_cells(html, f"lesson-{known.video.pk}")[1:] == [
        ["Started the lesson", "9", ""],
        ["Marked it complete", "5", "55.6%"],
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("insights_lesson_csv", args=[known.video.pk, key])
                ).content.decode()
            )
        )
    )
    assert rows == table_cells(html, key)
    assert f'href="{reverse("insights")}"' not in html  # no way into the whole area


def test_an_editor_without_edit_rights_on_the_lesson_is_refused(client, known):
    client.force_login(person("staff@example.org", is_staff=True))
    refused = client.get(reverse("insights_lesson", args=[known.video.pk]))
    assert refused.status_code == 302


def test_a_withheld_cell_says_hidden_not_fewer_than_5(analyst, known):
    html = analyst.get(reverse("insights_section", args=["learners"])).content.decode()
    assert table_cells(html, "countries")[2] == ["Sweden", "hidden", "fewer than 5", "fewer than 5"]
    assert "hidden too" in html  # the rule on the page says why
