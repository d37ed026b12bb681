"""Every figure of the Course insights area, as a Table (insights.tables) with the privacy rule
applied. Each reads the small rollups of insights.rollup_sql (a few hundred rows at most),
never the raw progress table: a page costs the same on ten learners as on a hundred thousand.

The privacy rule, applied here and nowhere else:
- a count of fewer than MIN_LEARNERS learners is SUPPRESSED, and so is a rate whose part or
  whole is (the rate would give the count away);
- where rows divide a whole between them (roles, countries, weeks of a period), the hidden
  cells together must hold at least MIN_LEARNERS learners, or the whole minus the cells shown
  (here or elsewhere, e.g. the course's enrolment) would reveal them: the smallest shown cells
  are hidden as well until they do (`suppress_partition`), and a total is shown only then.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.models import Role
from insights.tables import MIN_LEARNERS, SUPPRESSED, WITHHELD, Cell, Column, Suppressed, Table

MAX_WEEKS = 104
DEFAULT_WEEKS = 12


def count_cell(n: int | None) -> Cell:
    n = n or 0
    return n if n >= MIN_LEARNERS else SUPPRESSED


def rate_cell(part: int | None, whole: int | None) -> Cell:
    """A percentage of learners, hidden when either count is under the minimum."""
    part, whole = part or 0, whole or 0
    if part < MIN_LEARNERS or whole < MIN_LEARNERS:
        return SUPPRESSED
    return round(100 * part / whole, 1)


def suppress_partition(values: list[int]) -> tuple[list[Cell], bool]:
    """Cells for counts that divide a whole, and whether their total may be shown.

    Cells under the minimum are SUPPRESSED; then, while the hidden cells hold between 1 and 4
    learners in all (which subtraction from any total would reveal), the smallest shown cell is
    WITHHELD too.
    """
    cells: list[Cell] = [count_cell(v) for v in values]
    hidden = sum(v for v, cell in zip(values, cells, strict=True) if cell is SUPPRESSED)
    while 0 < hidden < MIN_LEARNERS:
        shown = [
            (v, i)
            for i, (v, cell) in enumerate(zip(values, cells, strict=True))
            if not isinstance(cell, Suppressed)
        ]
        if not shown:
            return cells, False
        value, index = min(shown)
        cells[index] = WITHHELD
        hidden += value
    return cells, sum(values) >= MIN_LEARNERS


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _titles(ids) -> dict[int, str]:
    from wagtail.models import Page

    return dict(Page.objects.filter(pk__in=set(ids)).values_list("pk", "title"))


# --- activity -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The weeks a weekly figure covers: Monday of the first to Monday of the last."""

    first: date
    last: date

    @classmethod
    def default(cls, today: date | None = None) -> "Period":
        today = today or timezone.now().date()
        last = today - timedelta(days=today.weekday())
        return cls(last - timedelta(weeks=DEFAULT_WEEKS - 1), last)

    @classmethod
    def of(cls, start: date, end: date) -> "Period":
        first = start - timedelta(days=start.weekday())
        last = end - timedelta(days=end.weekday())
        return cls(first, last)

    def weeks(self) -> list[date]:
        count = (self.last - self.first).days // 7 + 1
        return [self.first + timedelta(weeks=n) for n in range(count)]


def weekly(period: Period | None = None, **_options) -> Table:
    period = period or Period.default()
    found = {
        week: (enrolled, active, completed)
        for week, enrolled, active, completed in _rows(
            "SELECT week, enrolled, active, completed FROM insights_weekly_figures "
            "WHERE week BETWEEN %s AND %s",
            [period.first, period.last],
        )
    }
    weeks = period.weeks()
    values = [found.get(week, (0, 0, 0)) for week in weeks]
    enrolled, _total = suppress_partition([v[0] for v in values])
    completed, _total = suppress_partition([v[2] for v in values])
    return Table(
        key="weekly",
        title=_("Learners per week"),
        columns=[
            Column(_("Week starting"), "label"),
            Column(_("Enrolled")),
            Column(_("Active")),
            Column(_("Completed the course")),
        ],
        rows=[
            [week.isoformat(), enrolled[i], count_cell(values[i][1]), completed[i]]
            for i, week in enumerate(weeks)
        ],
        chart="line",
        note=_("Active: started, played or completed a lesson that week (weeks in UTC)."),
    )


# --- modules ------------------------------------------------------------------------------------


def _module_rows() -> list[tuple]:
    """(scope, page id, course id, enrolled, started, completed, median seconds), course first
    then its modules in order."""
    from modules.models import ModulePage

    rows = _rows(
        "SELECT scope, page_id, course_id, enrolled, started, completed, median_seconds "
        "FROM insights_module_figures"
    )
    numbers = dict(
        ModulePage.objects.filter(pk__in=[r[1] for r in rows]).values_list("pk", "number")
    )
    return sorted(rows, key=lambda r: (r[2], r[0] != "course", numbers.get(r[1], 0)))


def funnel(**_options) -> Table:
    rows = [r for r in _module_rows() if r[0] == "module"]
    titles = _titles(r[1] for r in rows)
    return Table(
        key="funnel",
        title=_("Module funnel: enrolled, started, completed"),
        columns=[
            Column(_("Module"), "label"),
            Column(_("Enrolled in the course")),
            Column(_("Started the module")),
            Column(_("Completed the module")),
            Column(_("Started, of enrolled"), "percent"),
            Column(_("Completed, of started"), "percent"),
        ],
        rows=[
            [
                titles.get(page_id, str(page_id)),
                count_cell(enrolled),
                count_cell(started),
                count_cell(completed),
                rate_cell(started, enrolled),
                rate_cell(completed, started),
            ]
            for _scope, page_id, _course, enrolled, started, completed, _median in rows
        ],
        chart="bar",
    )


def completion(**_options) -> Table:
    rows = _module_rows()
    titles = _titles(r[1] for r in rows)
    table_rows = []
    for scope, page_id, _course, enrolled, _started, completed, median in rows:
        title = titles.get(page_id, str(page_id))
        label = _("Whole course: %(title)s") % {"title": title} if scope == "course" else title
        table_rows.append(
            [
                label,
                rate_cell(completed, enrolled),
                round(median) if median is not None and completed >= MIN_LEARNERS else SUPPRESSED,
            ]
        )
    return Table(
        key="completion",
        title=_("Completion rate and median time to complete"),
        columns=[
            Column(_("Module or course"), "label"),
            Column(_("Completed, of enrolled"), "percent"),
            Column(_("Median time to complete"), "seconds"),
        ],
        rows=table_rows,
        chart="bar",
        note=_("Time to complete: from the first lesson started to the last one completed."),
    )


# --- lectures and written lessons ---------------------------------------------------------------


def _lesson_rows(*, media: bool, lesson_ids=None) -> list[tuple]:
    sql = (
        "SELECT f.lesson_id, f.starters, f.completers, f.reached, f.duration "
        "FROM insights_lesson_figures f JOIN wagtailcore_page p ON p.id = f.lesson_id "
        "WHERE f.is_media = %s"
    )
    params: list = [media]
    if lesson_ids is not None:
        sql += " AND f.lesson_id = ANY(%s)"
        params.append(list(lesson_ids))
    return _rows(sql + " ORDER BY p.path", params)


def lectures(**_options) -> Table:
    rows = _lesson_rows(media=True)
    titles = _titles(r[0] for r in rows)
    return Table(
        key="lectures",
        title=_("Media lectures: starters and how many reached the end"),
        columns=[
            Column(_("Lecture"), "label"),
            Column(_("Reached the end, of starters"), "percent"),
            Column(_("Marked complete, of starters"), "percent"),
            Column(_("Started")),
        ],
        rows=[
            [
                titles.get(lesson_id, str(lesson_id)),
                rate_cell(reached[-1], starters),
                rate_cell(completers, starters),
                count_cell(starters),
            ]
            for lesson_id, starters, completers, reached, _duration in rows
        ],
        chart="bar",
    )


def _dropoff_table(lesson_id: int, title: str, starters: int, reached: list[int]) -> Table:
    return Table(
        key=f"dropoff-{lesson_id}",
        title=_("Drop-off: %(lecture)s") % {"lecture": title},
        columns=[
            Column(_("Point in the lecture"), "label"),
            Column(_("Still playing, of starters"), "percent"),
            Column(_("Learners still playing")),
        ],
        rows=[["0%", rate_cell(starters, starters), count_cell(starters)]]
        + [
            [f"{tenth * 10}%", rate_cell(n, starters), count_cell(n)]
            for tenth, n in enumerate(reached, start=1)
        ],
        chart="line",
        note=_(
            "How far learners got: the furthest point reached, counted only as far as they "
            "actually played."
        ),
    )


def dropoffs(lesson_ids=None, **_options) -> list[Table]:
    rows = _lesson_rows(media=True, lesson_ids=lesson_ids)
    titles = _titles(r[0] for r in rows)
    return [
        _dropoff_table(lesson_id, titles.get(lesson_id, str(lesson_id)), starters, reached)
        for lesson_id, starters, _completers, reached, _duration in rows
    ]


def written(**_options) -> Table:
    rows = _lesson_rows(media=False)
    titles = _titles(r[0] for r in rows)
    return Table(
        key="written",
        title=_("Written lessons: share marked complete"),
        columns=[
            Column(_("Written lesson"), "label"),
            Column(_("Marked complete, of those who opened it"), "percent"),
            Column(_("Opened")),
            Column(_("Marked complete")),
        ],
        rows=[
            [
                titles.get(lesson_id, str(lesson_id)),
                rate_cell(completers, starters),
                count_cell(starters),
                count_cell(completers),
            ]
            for lesson_id, starters, completers, _reached, _duration in rows
        ],
        chart="bar",
    )


def lesson_completion(lesson_id: int) -> Table:
    """One lesson's starters and completions, for its editors."""
    found = _rows(
        "SELECT starters, completers FROM insights_lesson_figures WHERE lesson_id = %s",
        [lesson_id],
    )
    starters, completers = found[0] if found else (0, 0)
    return Table(
        key=f"lesson-{lesson_id}",
        title=_("Starters and completions"),
        columns=[
            Column(_("Figure"), "label"),
            Column(_("Learners")),
            Column(_("Share"), "percent"),
        ],
        rows=[
            [_("Started the lesson"), count_cell(starters), None],
            [_("Marked it complete"), count_cell(completers), rate_cell(completers, starters)],
        ],
        chart="none",
    )


# --- reminders and events -----------------------------------------------------------------------


def reminders(**_options) -> Table:
    found = _rows(
        "SELECT emails, reminded, back_within_7_days, unsubscribed, stopped_after_three "
        "FROM insights_reminder_figures"
    )
    emails, reminded, back, unsubscribed, stopped = found[0] if found else (0, 0, 0, 0, 0)
    return Table(
        key="reminders",
        title=_("Course reminders"),
        columns=[
            Column(_("Learners who…"), "label"),
            Column(_("Learners")),
            Column(_("Share of reminded learners"), "percent"),
        ],
        rows=[
            [_("were sent a reminder"), count_cell(reminded), None],
            [_("came back within 7 days of one"), count_cell(back), rate_cell(back, reminded)],
            [_("unsubscribed by the email's link"), count_cell(unsubscribed), None],
            [
                _("had three without coming back (reminders stop)"),
                count_cell(stopped),
                rate_cell(stopped, reminded),
            ],
        ],
        chart="bar",
        note=(
            _("%(emails)s reminder emails sent in all.") % {"emails": emails}
            if reminded >= MIN_LEARNERS
            else ""
        ),
    )


def events(**_options) -> Table:
    rows = _rows(
        "SELECT f.event_id, f.registered, f.waitlisted, f.cancelled "
        "FROM insights_event_figures f JOIN wagtailcore_page p ON p.id = f.event_id "
        "ORDER BY p.path"
    )
    titles = _titles(r[0] for r in rows)
    return Table(
        key="events",
        title=_("Events: registrations, waiting list, cancellations"),
        columns=[
            Column(_("Event"), "label"),
            Column(_("Registered")),
            Column(_("On the waiting list")),
            Column(_("Cancelled")),
        ],
        rows=[
            [titles.get(event_id, str(event_id)), count_cell(r), count_cell(w), count_cell(c)]
            for event_id, r, w, c in rows
        ],
        chart="bar",
    )


# --- who the learners are -----------------------------------------------------------------------


def _breakdown(dimension: str, key: str, title: str, label: str, name_of) -> Table:
    rows = _rows(
        "SELECT value, enrolled, started, completed FROM insights_breakdown_figures "
        "WHERE dimension = %s",
        [dimension],
    )
    rows.sort(key=lambda r: (r[0] == "", -r[1], r[0]))
    columns = []
    totals = []
    for index in (1, 2, 3):
        cells, total_shown = suppress_partition([r[index] for r in rows])
        columns.append(cells)
        totals.append(sum(r[index] for r in rows) if total_shown else SUPPRESSED)
    table_rows = [
        [name_of(value) if value else _("Not stated")] + [column[i] for column in columns]
        for i, (value, *_counts) in enumerate(rows)
    ]
    if table_rows:
        table_rows.append([_("All learners"), *totals])
    return Table(
        key=key,
        title=title,
        columns=[
            Column(label, "label"),
            Column(_("Enrolled")),
            Column(_("Started a lesson")),
            Column(_("Completed a course")),
        ],
        rows=table_rows,
        chart="bar",
    )


def roles(**_options) -> Table:
    names = dict(Role.choices)
    return _breakdown(
        "role", "roles", _("Learners by role"), _("Role"), lambda v: str(names.get(v, v))
    )


def by_country(**_options) -> Table:
    return _breakdown(
        "country",
        "countries",
        _("Learners by country"),
        _("Country"),
        lambda code: str(countries.name(code) or code),
    )


# --- the sections of the area -------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    slug: str
    title: Callable[[], str]
    figures: tuple[Callable[..., Table | list[Table]], ...]

    def tables(self, **options) -> list[Table]:
        tables: list[Table] = []
        for figure in self.figures:
            made = figure(**options)
            tables.extend(made if isinstance(made, list) else [made])
        return tables


SECTIONS = {
    section.slug: section
    for section in (
        Section("activity", lambda: _("Activity"), (weekly,)),
        Section("modules", lambda: _("Modules"), (funnel, completion)),
        Section(
            "lectures", lambda: _("Lectures and written lessons"), (lectures, written, dropoffs)
        ),
        Section("reminders", lambda: _("Reminders and events"), (reminders, events)),
        Section("learners", lambda: _("Who the learners are"), (roles, by_country)),
    )
}


BY_KEY = {
    "weekly": weekly,
    "funnel": funnel,
    "completion": completion,
    "lectures": lectures,
    "written": written,
    "reminders": reminders,
    "events": events,
    "roles": roles,
    "countries": by_country,
}


def table_by_key(key: str, **options) -> Table | None:
    """The table with this key (as in a CSV link), or None."""
    if key.startswith("dropoff-"):
        number = key.removeprefix("dropoff-")
        if not number.isdecimal() or len(number) > 12:
            return None
        found = dropoffs(lesson_ids=[int(number)])
        return found[0] if found else None
    figure = BY_KEY.get(key)
    return figure(**options) if figure else None


def english_lesson_id(lesson) -> int | None:
    """Progress is recorded on the English lesson: the one its translations share a key with."""
    from modules.models import LessonPage

    return (
        LessonPage.objects.filter(
            translation_key=lesson.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .values_list("pk", flat=True)
        .first()
    )
