"""The page benchmark's figures (scripts/bench_pages.py): what its table is computed from."""

from scripts.bench_pages import (
    CLOCK_TICK,
    cpu_per_request_ms,
    is_write,
    median,
    ratio,
    ticks_spent,
)


def test_the_median_of_the_rounds_ignores_runs_without_a_figure():
    assert median([3.0, 1.0, 2.0, None]) == 2.0
    assert median([]) is None


def test_throughput_is_a_share_of_the_bare_view_of_the_same_round():
    assert ratio(30, 600) == 0.05
    assert ratio(30, 0) is None


def test_worker_cpu_per_request_counts_every_worker_and_new_ones_whole():
    before = {101: 500, 102: 700}
    after = {101: 520, 102: 730, 103: 10}  # 103 replaced a worker during the run
    assert ticks_spent(before, after) == 60
    assert cpu_per_request_ms(CLOCK_TICK, 100) == 10.0  # one second over 100 requests
    assert cpu_per_request_ms(5, 0) is None


def test_writes_are_told_from_reads_data_modifying_with_included():
    assert is_write('UPDATE "courses_enrolment" SET "last_activity_at" = 1')
    assert is_write("WITH progress AS (INSERT INTO courses_lessonprogress VALUES (1)) SELECT 1")
    assert not is_write('SELECT "id" FROM "courses_enrolment" FOR UPDATE')
    assert not is_write('SELECT "django_session"."session_data" FROM "django_session"')
