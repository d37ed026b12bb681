"""Every figure against hand-built learners with known answers (tests/insights/builders.py),
read from the refreshed rollups on PostgreSQL, with the minimum of 5 and the subtraction rule."""

from datetime import date

import pytest

from accounts.services.deletion import account_delete
from insights import figures
from insights.figures import Period, suppress_partition
from insights.refresh import last_refresh, rollups_refresh
from insights.tables import SUPPRESSED as S
from insights.tables import WITHHELD as W
from tests.insights.builders import build_known

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_postgres")]


@pytest.fixture
def known():
    data = build_known()
    rollups_refresh()
    return data


def test_the_subtraction_rule_hides_the_next_smallest_cell():
    assert suppress_partition([6, 5, 1]) == ([6, W, S], True)  # 5 is withheld, not "under 5"
    assert suppress_partition([7, 3, 2]) == ([7, S, S], True)  # 3 + 2 hidden together: 5
    assert suppress_partition([9, 2]) == ([W, S], True)
    assert suppress_partition([3]) == ([S], False)  # the total would be the hidden cell
    assert suppress_partition([12, 0]) == ([12, S], True)


def test_weekly_figures_for_a_period(known):
    table = figures.weekly(Period.of(date(2026, 3, 4), date(2026, 3, 12)))
    assert table.rows == [
        ["2026-03-02", 12, 9, S],  # two completed that week, three the next: both hidden
        ["2026-03-09", S, S, S],
    ]


def test_module_funnel_with_conversions(known):
    assert figures.funnel().rows == [["Module title 1", 12, 9, 5, 75.0, 55.6]]


def test_completion_rate_and_median_time(known):
    assert figures.completion().rows == [
        ["Whole course: Test course", 41.7, 6 * 86400],
        ["Module title 1", 41.7, 3 * 86400],
    ]


def test_lecture_drop_off_by_tenths_counts_only_what_was_played(known):
    [table] = figures.dropoffs()
    assert table.key == f"dropoff-{known.video.pk}"
    assert table.rows[:4] == [
        ["0%", 100.0, 9],
        ["10%", 100.0, 9],
        ["20%", 88.9, 8],
        ["30%", 55.6, 5],
    ]
    assert table.rows[-1] == ["100%", 55.6, 5]  # the learner who jumped to the end is not there
    assert figures.lectures().rows == [["The video", 55.6, 55.6, 9]]


def test_written_lessons_share_marked_complete(known):
    assert figures.written().rows == [["The reading", 85.7, 7, 6]]


def test_reminders_hide_the_three_reminder_stoppers(known):
    table = figures.reminders()
    assert table.rows == [
        ["were sent a reminder", 7, None],
        ["came back within 7 days of one", 5, 71.4],
        ["unsubscribed by the email's link", 6, None],
        ["had three without coming back (reminders stop)", S, S],
    ]
    assert table.note == "9 reminder emails sent in all."


def test_events_hide_two_cancellations(known):
    assert figures.events().rows == [["Workshop", 6, 5, S]]


def test_breakdowns_by_role_and_country_follow_the_subtraction_rule(known):
    assert figures.roles().rows == [
        ["City official or practitioner", 7, W, 5],
        ["Researcher", S, S, S],
        ["Not stated", S, S, S],
        ["All learners", 12, 9, 5],
    ]
    assert figures.by_country().rows == [
        ["Finland", 6, W, 5],  # six started: withheld, as Sweden's three would be 9 - 6
        ["Sweden", W, S, S],  # five enrolled, withheld so that Norway's one cannot be worked out
        ["Norway", S, S, S],
        ["All learners", 12, 9, 5],
    ]


def test_a_deleted_account_leaves_no_trace_after_the_next_refresh(known):
    account_delete(user=known.learners[0])
    assert figures.funnel().rows[0][1] == 12  # until the refresh
    rollups_refresh()
    assert figures.funnel().rows == [["Module title 1", 11, 8, S, 72.7, S]]
    assert last_refresh() is not None


def test_tables_are_found_by_their_csv_key(known):
    assert figures.table_by_key("funnel").rows == figures.funnel().rows
    assert figures.table_by_key(f"dropoff-{known.video.pk}").title == "Drop-off: The video"
    assert figures.table_by_key("dropoff-x") is None
    assert figures.table_by_key("nothing") is None


def test_a_deletion_asks_for_one_refresh_after_it_commits(
    known, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=known.learners[0])
    assert figures.funnel().rows[0][1] == 11  # refreshed by the task (run eagerly here)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=known.learners[1])
    assert figures.funnel().rows[0][1] == 11  # a refresh is already waiting: no second one
