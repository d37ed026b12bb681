"""The deployment files: docker compose, the image, production settings and .env.example."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE = REPO_ROOT / "docker-compose.yml"
DOCKERFILE = REPO_ROOT / "Dockerfile"
ENV_EXAMPLE = REPO_ROOT / ".env.example"

# env("X"), env.bool("X"), env.db("X") ...; os.environ.get("X"), os.environ["X"], os.getenv("X").
ENV_READ = re.compile(
    r"(?:\benv(?:\.\w+)?\(|os\.getenv\(|os\.environ(?:\.get\(|\.setdefault\(|\[))"
    r"\s*[\"']([A-Z][A-Z0-9_]*)[\"']"
)
# Read by the Makefile, ensure_admin and the test suite rather than by the settings.
TOOL_VARIABLES = {
    "REQUIRE_SERVICES",
    "REQUIRE_BROWSER",
    "PORT",
    "DJANGO_ADMIN_EMAIL",
    "DJANGO_SETTINGS_MODULE",
    "CHROMIUM_PATH",
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def command_of(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def environment_of(service: dict) -> dict:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return environment


def run_python(args: list[str], **environment) -> subprocess.CompletedProcess:
    """Run the project's Python in a subprocess, without the caller's DJANGO_* variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


# --- docker compose ---------------------------------------------------------------------------


APP_SERVICES = ["migrate", "web1", "web2", "worker", "beat"]
WEB_SERVICES = ["web1", "web2"]


def test_compose_has_two_web_instances_behind_varnish(compose):
    assert set(compose["services"]) == {
        "postgres",
        "redis",
        "migrate",
        "web1",
        "web2",
        "varnish",
        "worker",
        "beat",
    }


def test_postgres_is_16_with_a_healthcheck_and_a_named_volume(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_redis_has_a_healthcheck(compose):
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:7")
    assert redis["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_services(compose, name):
    depends_on = compose["services"][name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


def test_migrations_run_once_before_the_rest(compose):
    migrate = compose["services"]["migrate"]
    assert command_of(migrate) == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"
    for name in ["web1", "web2", "worker", "beat"]:
        service = compose["services"][name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "migrate" not in command_of(service)


@pytest.mark.parametrize("name", WEB_SERVICES)
def test_web_instances_run_gunicorn_from_its_config_unpublished(compose, name):
    web = compose["services"][name]
    assert "build" in web
    assert command_of(web) == "gunicorn --config gunicorn.conf.py config.wsgi:application"
    assert "ports" not in web  # only Varnish reaches them
    assert "/readyz" in " ".join(web["healthcheck"]["test"])


def test_varnish_is_the_only_published_service_and_uses_the_repo_vcl(compose):
    varnish = compose["services"]["varnish"]
    assert varnish["image"].startswith("varnish:7")
    assert "./deploy/varnish:/etc/varnish:ro" in varnish["volumes"]
    assert varnish["ports"] == ["${HTTP_PORT:-8000}:80"]
    assert set(varnish["depends_on"]) == {"web1", "web2"}
    published = [name for name, service in compose["services"].items() if "ports" in service]
    assert published == ["varnish"]


@pytest.mark.parametrize(("name", "role"), [("worker", "worker"), ("beat", "beat")])
def test_celery_services(compose, name, role):
    command = command_of(compose["services"][name]).split()
    assert command[:4] == ["celery", "-A", "config", role]


def test_web_instances_and_worker_share_the_media_volume(compose):
    web1, web2 = compose["services"]["web1"], compose["services"]["web2"]
    worker = compose["services"]["worker"]
    media = {volume for volume in web1["volumes"] if volume.endswith(":/app/media")}
    assert media
    assert media <= set(web2["volumes"]) and media <= set(worker["volumes"])
    assert media.pop().split(":")[0] in compose["volumes"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_are_configured_by_environment(compose, name):
    environment = environment_of(compose["services"][name])
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:\?[^}]+\}", environment["DJANGO_SECRET_KEY"])
    for variable in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ALLOWED_HOSTS"):
        assert environment[variable], variable
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert environment["FRONTEND_CACHE_URLS"] == "http://varnish:80"


def test_compose_hard_codes_no_secret(compose):
    for name, service in compose["services"].items():
        for variable, value in environment_of(service).items():
            if re.search(r"SECRET|PASSWORD", variable):
                assert value in ("", None) or str(value).startswith("${"), (name, variable)
                assert ":-" not in str(value) or str(value).endswith(":-}"), (name, variable)
    # The database URL's user and password are ${...} placeholders, the password a required one.
    database_url = environment_of(compose["services"]["web1"])["DATABASE_URL"]
    userinfo = database_url.removeprefix("postgres://").partition("@postgres:")[0]
    assert re.sub(r"\$\{[^}]*\}", "", userinfo) == ":"
    assert userinfo.endswith(":${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}")


# --- the image --------------------------------------------------------------------------------


def test_dockerfile_runs_gunicorn_as_a_non_root_user():
    text = DOCKERFILE.read_text()
    instructions = [line.strip() for line in text.splitlines() if line.strip()]
    assert any(line.startswith("FROM python:3.12-slim") for line in instructions)
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    cmd = next(line for line in reversed(instructions) if line.startswith("CMD "))
    assert "gunicorn" in cmd and "config.wsgi:application" in cmd and "gunicorn.conf.py" in cmd
    assert "ENV DJANGO_SECRET_KEY" not in text and "ARG DJANGO_SECRET_KEY" not in text
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in text
    assert "collectstatic" in text


def test_dockerignore_keeps_local_state_and_secrets_out():
    ignored = set((REPO_ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", ".git", "var"} <= ignored


# --- production settings ----------------------------------------------------------------------


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_a_secret_key(secret_key):
    dotenv = REPO_ROOT / ".env"
    if secret_key is None and dotenv.exists() and "DJANGO_SECRET_KEY" in dotenv.read_text():
        pytest.skip("the local .env sets DJANGO_SECRET_KEY")
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }
    if secret_key is not None:
        environment["DJANGO_SECRET_KEY"] = secret_key

    result = run_python(["-c", "import django; django.setup()"], **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set DJANGO_SECRET_KEY" in result.stderr


GOOD_KEY = secrets.token_urlsafe(64)


@pytest.mark.parametrize(
    ("environment", "complaint"),
    [
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG is on"),
        (
            {"DJANGO_SECRET_KEY": "dev-only-insecure-key-not-for-production"},
            "known placeholder or too weak",
        ),
        ({"DJANGO_SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "known placeholder"),
        ({"DJANGO_SECRET_KEY": "short-but-random-Q8v"}, "too weak"),
        ({"DJANGO_SECRET_KEY": "ab" * 40}, "too weak"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "not '*'"),
        ({"DJANGO_ALLOWED_HOSTS": "course.example.org,*"}, "not '*'"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "Set DJANGO_ALLOWED_HOSTS"),
    ],
    ids=[
        "debug",
        "dev-key",
        "django-insecure",
        "short-key",
        "few-characters",
        "wildcard",
        "wildcard-among-hosts",
        "no-hosts",
    ],
)
def test_production_refuses_an_insecure_configuration(environment, complaint):
    settings = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": GOOD_KEY,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        **environment,
    }

    result = run_python(["-c", "import django; django.setup()"], **settings)

    assert result.returncode != 0
    assert "refuses to start with an insecure configuration" in result.stderr
    assert complaint in result.stderr


def test_production_starts_with_a_sound_configuration():
    result = run_python(
        [
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="course.example.org,.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_passes_the_deployment_checks():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr


# --- .env.example -----------------------------------------------------------------------------


def variables_read_by_config() -> set[str]:
    names = set()
    for path in (REPO_ROOT / "config").rglob("*.py"):
        names |= set(ENV_READ.findall(path.read_text()))
    return names


def test_the_scan_finds_the_settings_variables():
    found = variables_read_by_config()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"} <= found
    assert len(found) >= 20


# Set by pytest-xdist in its worker processes and by config/settings/test.py, never by a deployer.
SET_BY_TEST_RUNNER = {"PYTEST_XDIST_WORKER", "TEST_REDIS_WORKER"}


def test_env_example_documents_every_variable():
    text = ENV_EXAMPLE.read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))
    compose_variables = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", COMPOSE.read_text()))

    read = variables_read_by_config() - SET_BY_TEST_RUNNER
    missing = (read | TOOL_VARIABLES | compose_variables) - documented

    assert not missing, f".env.example does not mention: {sorted(missing)}"


def test_env_example_holds_no_real_secret():
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z0-9_]*(?:SECRET|PASSWORD)[A-Z0-9_]*)=(.*)$", line)
        if match:
            assert "change-me" in match[2], line


def test_env_example_documents_each_variable_with_a_comment():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^#?\s*[A-Z][A-Z0-9_]*=", line):
            previous = lines[number - 1]
            assert previous.startswith("# ") and "=" not in previous.split()[1], line
