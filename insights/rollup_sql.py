"""The rollups the insights pages read: PostgreSQL materialized views of aggregates only.

Why materialized views: the raw progress table holds a row per learner and lesson (millions on
a real course), and a live GROUP BY over it takes seconds per figure. The views hold a few
hundred rows of counts, refreshed every INSIGHTS_REFRESH_SECONDS (and after an account
deletion), so a page reads small tables and states how old its figures are.

No view holds a user id or anything about one learner: an account deleted today is gone from
every figure after the next refresh. The privacy rule (fewer than 5 → suppressed) is applied
when a figure is read (insights.figures), so that the views can stay plain counts.

This module is frozen into migration 0002 by value (the migration copies the statements), so
changing a view means a new migration that drops and recreates it.
"""

# Every English lesson with its module and course (a page's parent is the page whose tree path
# is its own less one step of 4 characters), its kind, and its length in seconds: the written
# duration when an editor gave one, else the media's own (as LessonPage.duration_seconds).
LESSON_TREE = """
    SELECT l.page_ptr_id AS lesson_id, m.id AS module_id, c.id AS course_id,
           (l.media_id IS NOT NULL) AS is_media, lp.live,
           COALESCE(NULLIF(l.duration_minutes, 0) * 60.0, md.duration) AS duration
      FROM modules_lessonpage l
      JOIN wagtailcore_page lp ON lp.id = l.page_ptr_id
      JOIN wagtailcore_locale lo ON lo.id = lp.locale_id AND lo.language_code = 'en'
      JOIN wagtailcore_page m ON m.path = substr(lp.path, 1, length(lp.path) - 4)
      JOIN wagtailcore_page c ON c.path = substr(lp.path, 1, length(lp.path) - 8)
      LEFT JOIN wagtailmedia_media md ON md.id = l.media_id
"""

# How far a learner's attention reached in a lecture: the furthest position, but no further
# than the seconds actually played (a learner who skipped to the end did not watch it).
REACH = "LEAST(p.position, p.seconds_played)"

TENTHS = range(1, 11)

LESSON_FIGURES = f"""
CREATE MATERIALIZED VIEW insights_lesson_figures AS
WITH lesson_tree AS ({LESSON_TREE})
SELECT t.lesson_id, t.module_id, t.course_id, t.is_media, t.duration,
       count(p.id) AS starters,
       count(p.completed_at) AS completers,
       ARRAY[{
    ", ".join(
        f"count(*) FILTER (WHERE t.duration > 0 AND {REACH} >= t.duration * {k / 10} - 0.5)"
        for k in TENTHS
    )
}]::integer[] AS reached
  FROM lesson_tree t
  LEFT JOIN courses_lessonprogress p ON p.lesson_id = t.lesson_id
 GROUP BY t.lesson_id, t.module_id, t.course_id, t.is_media, t.duration;
CREATE UNIQUE INDEX insights_lesson_figures_pk ON insights_lesson_figures (lesson_id);
"""  # nosec B608: the text is built from this module's constants, never from input

# Per module: enrolled in its course, started (any progress in it), completed (every live
# lesson complete) and the median time from first start to last completion; per course the
# same from the enrolments. One row per (scope, page).
MODULE_FIGURES = f"""
CREATE MATERIALIZED VIEW insights_module_figures AS
WITH lesson_tree AS ({LESSON_TREE}),
module_size AS (
    SELECT module_id, count(*) FILTER (WHERE live) AS lessons FROM lesson_tree GROUP BY module_id
),
learner_module AS (
    SELECT p.user_id, t.module_id, t.course_id,
           min(p.created_at) AS first_start, max(p.completed_at) AS last_done,
           count(p.completed_at) FILTER (WHERE t.live) AS done
      FROM courses_lessonprogress p JOIN lesson_tree t ON t.lesson_id = p.lesson_id
     GROUP BY p.user_id, t.module_id, t.course_id
),
enrolled AS (
    SELECT course_id, count(*) AS n FROM courses_enrolment GROUP BY course_id
)
SELECT 'module'::text AS scope, s.module_id AS page_id, lm.course_id,
       COALESCE(max(e.n), 0) AS enrolled,
       count(lm.user_id) AS started,
       count(lm.user_id) FILTER (WHERE lm.done >= s.lessons AND s.lessons > 0) AS completed,
       percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM lm.last_done - lm.first_start)
       ) FILTER (WHERE lm.done >= s.lessons AND s.lessons > 0) AS median_seconds
  FROM module_size s
  JOIN learner_module lm ON lm.module_id = s.module_id
  LEFT JOIN enrolled e ON e.course_id = lm.course_id
 GROUP BY s.module_id, lm.course_id
UNION ALL
SELECT 'course', e.course_id, e.course_id,
       count(*),
       count(s.user_id),
       count(e.completed_at),
       percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM e.completed_at - e.started_at)
       ) FILTER (WHERE e.completed_at IS NOT NULL)
  FROM courses_enrolment e
  LEFT JOIN (SELECT DISTINCT user_id, course_id FROM learner_module) s
    ON s.user_id = e.user_id AND s.course_id = e.course_id
 GROUP BY e.course_id;
CREATE UNIQUE INDEX insights_module_figures_pk ON insights_module_figures (scope, page_id);
"""  # nosec B608: the text is built from this module's constants, never from input

# Learners per week (UTC weeks starting on Monday): enrolled, active (any lesson started,
# played or completed that week), completed a course.
WEEKLY_FIGURES = """
CREATE MATERIALIZED VIEW insights_weekly_figures AS
WITH marks AS (
    SELECT 'enrolled' AS what, user_id, started_at AS at FROM courses_enrolment
    UNION ALL
    SELECT 'completed', user_id, completed_at FROM courses_enrolment
     WHERE completed_at IS NOT NULL
    UNION ALL
    SELECT 'active', p.user_id, a.at
      FROM courses_lessonprogress p
     CROSS JOIN LATERAL (VALUES (p.created_at), (p.updated_at), (p.completed_at)) AS a(at)
     WHERE a.at IS NOT NULL
)
SELECT date_trunc('week', at AT TIME ZONE 'UTC')::date AS week,
       count(DISTINCT user_id) FILTER (WHERE what = 'enrolled') AS enrolled,
       count(DISTINCT user_id) FILTER (WHERE what = 'active') AS active,
       count(DISTINCT user_id) FILTER (WHERE what = 'completed') AS completed
  FROM marks
 GROUP BY 1;
CREATE UNIQUE INDEX insights_weekly_figures_pk ON insights_weekly_figures (week);
"""

# Learners by the profile's role and by country (an empty value is "not stated"): enrolled,
# started a lesson, completed a course, across all courses.
BREAKDOWN_FIGURES = """
CREATE MATERIALIZED VIEW insights_breakdown_figures AS
WITH learner AS (
    SELECT u.id, u.role, u.country,
           EXISTS (SELECT 1 FROM courses_lessonprogress p WHERE p.user_id = u.id) AS started,
           EXISTS (SELECT 1 FROM courses_enrolment e
                    WHERE e.user_id = u.id AND e.completed_at IS NOT NULL) AS completed
      FROM accounts_user u
     WHERE EXISTS (SELECT 1 FROM courses_enrolment e WHERE e.user_id = u.id)
)
SELECT CASE WHEN GROUPING(role) = 0 THEN 'role' ELSE 'country' END AS dimension,
       COALESCE(CASE WHEN GROUPING(role) = 0 THEN role ELSE country END, '') AS value,
       count(*) AS enrolled,
       count(*) FILTER (WHERE started) AS started,
       count(*) FILTER (WHERE completed) AS completed
  FROM learner
 GROUP BY GROUPING SETS ((role), (country));
CREATE UNIQUE INDEX insights_breakdown_figures_pk ON insights_breakdown_figures (dimension, value);
"""

# Course reminders, in learners: reminded, back within 7 days of a reminder (a lesson touched,
# or a later streak or the enrolment showing activity in that window), unsubscribed by the
# email's link, and stopped after three reminders without coming back. One row.
REMINDER_FIGURES = """
CREATE MATERIALIZED VIEW insights_reminder_figures AS
WITH sent AS (
    SELECT r.user_id, r.enrolment_id, r.sent_at, r.last_activity_at
      FROM courses_remindersend r
     WHERE r.kind = 'course-inactivity' AND r.status = 'sent' AND r.sent_at IS NOT NULL
),
back AS (
    SELECT s.user_id FROM sent s
      JOIN courses_enrolment e ON e.id = s.enrolment_id
     WHERE (e.last_activity_at > s.sent_at AND e.last_activity_at <= s.sent_at + interval '7 days')
        OR EXISTS (SELECT 1 FROM courses_lessonprogress p
                    WHERE p.user_id = s.user_id
                      AND (p.created_at > s.sent_at
                           AND p.created_at <= s.sent_at + interval '7 days'
                        OR p.updated_at > s.sent_at
                           AND p.updated_at <= s.sent_at + interval '7 days'))
),
streaks AS (
    SELECT user_id FROM sent GROUP BY user_id, enrolment_id, last_activity_at HAVING count(*) >= 3
)
SELECT 1 AS id,
       (SELECT count(*) FROM sent) AS emails,
       (SELECT count(DISTINCT user_id) FROM sent) AS reminded,
       (SELECT count(DISTINCT user_id) FROM back) AS back_within_7_days,
       (SELECT count(*) FROM courses_reminderpreference WHERE unsubscribed_at IS NOT NULL)
           AS unsubscribed,
       (SELECT count(DISTINCT user_id) FROM streaks) AS stopped_after_three;
CREATE UNIQUE INDEX insights_reminder_figures_pk ON insights_reminder_figures (id);
"""

# Per event: learners with a seat, on the waiting list, and who cancelled.
EVENT_FIGURES = """
CREATE MATERIALIZED VIEW insights_event_figures AS
SELECT event_id,
       count(*) FILTER (WHERE status = 'registered') AS registered,
       count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted,
       count(*) FILTER (WHERE status = 'cancelled') AS cancelled
  FROM events_eventregistration
 GROUP BY event_id;
CREATE UNIQUE INDEX insights_event_figures_pk ON insights_event_figures (event_id);
"""

VIEWS = {
    "insights_lesson_figures": LESSON_FIGURES,
    "insights_module_figures": MODULE_FIGURES,
    "insights_weekly_figures": WEEKLY_FIGURES,
    "insights_breakdown_figures": BREAKDOWN_FIGURES,
    "insights_reminder_figures": REMINDER_FIGURES,
    "insights_event_figures": EVENT_FIGURES,
}
