"""With DATABASE_URL and REDIS_URL set (as on CI), the suite really runs on PostgreSQL and Redis.

Each test skips where its service is not configured, and fails instead with REQUIRE_SERVICES=1.
"""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection


@pytest.mark.django_db
def test_database_is_postgresql(require_postgres):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_cache_round_trips_through_redis(require_redis):
    from django.core.cache.backends.redis import RedisCache

    # Django's Redis cache, made to miss instead of raising while Redis is down (config/cache.py);
    # a miss would fail the round trip below.
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.ResilientRedisCache"
    assert isinstance(caches["default"], RedisCache)
    key, value = f"test-services-{uuid.uuid4()}", {"lesson": 3, "position": 12.5}
    try:
        cache.set(key, value, timeout=60)
        assert cache.get(key) == value
    finally:
        cache.delete(key)
    assert cache.get(key) is None


def test_celery_broker_connects_to_redis(require_redis):
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.connected
        assert conn.transport.driver_type == "redis"
