"""An analyst opens Course insights in a real browser: each chart draws what its table says,
and the page asks no other host and breaks no CSP rule (no inline style, no script library)."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client

from insights.refresh import rollups_refresh
from tests.conftest import ARTIFACTS_DIR
from tests.factories import make_learner
from tests.insights.builders import build_known

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("require_postgres"),
]


@pytest.fixture
def analyst_page(browser_page, live_server):
    build_known()
    rollups_refresh()  # outside a transaction: REFRESH ... CONCURRENTLY
    analyst = make_learner("analyst@example.org", is_staff=False)
    # The group comes from a data migration; a flush by an earlier transactional test may have
    # removed it, so it is made again here the way the migration makes it.
    importlib.import_module("insights.migrations.0003_course_analysts").create_group(apps, None)
    analyst.groups.add(Group.objects.get(name="Course analysts"))
    client = Client()
    client.force_login(analyst)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    return browser_page


def test_an_analyst_reads_a_chart_and_its_table_alike(analyst_page, live_server):
    page = analyst_page
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    other_hosts = []
    page.on(
        "request",
        lambda r: other_hosts.append(r.url) if not r.url.startswith(live_server.url) else None,
    )

    page.goto("/admin/")
    page.get_by_role("link", name="All course insights").click()
    page.get_by_role("link", name="Modules").click()
    page.wait_for_url("**/insights/modules/")
    chart = page.get_by_role("img", name=re.compile("Chart: Module funnel"))
    assert chart.is_visible()
    bars = [
        float(v)
        for v in chart.locator("rect[data-value]").evaluate_all(
            "rects => rects.map(r => r.getAttribute('data-value'))"
        )
    ]
    widths = chart.locator("rect[data-value]").evaluate_all(
        "rects => rects.map(r => r.getBBox().width)"
    )
    table = page.get_by_role("table", name="Module funnel: enrolled, started, completed")
    row = table.get_by_role("row", name=re.compile("Module title 1"))
    cells = row.get_by_role("cell").all_inner_texts()
    assert bars == [float(c) for c in cells[:3]] == [12, 9, 5]
    assert widths[0] > widths[1] > widths[2] > 0  # drawn to scale
    assert abs(widths[1] / widths[0] - 9 / 12) < 0.01
    page.screenshot(path=str(ARTIFACTS_DIR / "insights-modules-1280.png"), full_page=True)

    page.get_by_role("link", name="Who the learners are").click()
    page.wait_for_url("**/insights/learners/")
    countries = page.get_by_role("table", name="Learners by country")
    assert (
        countries.get_by_role("row", name=re.compile("Norway"))
        .get_by_role("cell")
        .all_inner_texts()
        == ["fewer than 5"] * 3
    )
    page.screenshot(path=str(ARTIFACTS_DIR / "insights-learners-1280.png"), full_page=True)
    page.get_by_role("link", name="Lectures and written lessons").click()
    page.wait_for_url("**/insights/lectures/")
    page.screenshot(path=str(ARTIFACTS_DIR / "insights-lectures-1280.png"), full_page=True)

    assert not other_hosts
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]
