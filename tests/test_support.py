"""The one rule for optional resources: skip locally, fail where the environment requires them."""

import pytest

from tests.support import env_flag, skip_or_fail


@pytest.mark.parametrize("value", ["1", "true", "YES", " on "])
def test_env_flag_true_values(monkeypatch, value):
    monkeypatch.setenv("EXAMPLE_REQUIRE", value)
    assert env_flag("EXAMPLE_REQUIRE")


@pytest.mark.parametrize("value", ["", "0", "false", "no"])
def test_env_flag_false_values(monkeypatch, value):
    monkeypatch.setenv("EXAMPLE_REQUIRE", value)
    assert not env_flag("EXAMPLE_REQUIRE")


def test_skips_when_not_required(monkeypatch):
    monkeypatch.delenv("EXAMPLE_REQUIRE", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no widget"):
        skip_or_fail("no widget", "EXAMPLE_REQUIRE")


def test_fails_when_required(monkeypatch):
    monkeypatch.setenv("EXAMPLE_REQUIRE", "1")
    with pytest.raises(pytest.fail.Exception, match="no widget.*EXAMPLE_REQUIRE=1 requires it"):
        skip_or_fail("no widget", "EXAMPLE_REQUIRE")
