"""Schemathesis runs every operation of the OpenAPI description against the running API, with
the seeded demo course: valid and invalid parameters alike. No answer is a 5xx, every answer's
status, content type and body are what the description says, and every invalid parameter is
refused with a 4xx (the description gives 400 bodies a `message`). Generated ids rarely name a
real page, so each page type's listing with all fields and one page of each type in detail are
then checked against the description with Schemathesis' own validation."""

import subprocess
import sys
from io import StringIO

import pytest
import requests
import schemathesis
from django.core.management import call_command

from contentapi.endpoints import PAGE_TYPES

# Enough to reach every parameter's boundaries and some fuzzing, in about a minute on a small
# machine. A fixed seed: the same cases in every run, so a failure is reproducible.
MAX_EXAMPLES = 10
SEED = 14
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo", stdout=StringIO())
    return live_server.url


def test_every_operation_answers_as_the_description_says(demo_site, tmp_path):
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{demo_site}/api/v2/openapi.json",
        "--url",
        demo_site,
        "--checks",
        ",".join(CHECKS),
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "20",
        "--no-color",
        "--report-dir",
        str(tmp_path),
    ]
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    print(result.stdout[-3000:])  # the summary, shown with -s


def test_every_page_type_in_the_demo_answers_as_the_description_says(demo_site):
    schema = schemathesis.openapi.from_url(f"{demo_site}/api/v2/openapi.json")
    listing, detail = schema["/api/v2/pages/"]["GET"], schema["/api/v2/pages/{id}/"]["GET"]
    for type_name in PAGE_TYPES:
        case = listing.Case(query={"type": type_name, "fields": "*", "limit": 100})
        items = case.call_and_validate(base_url=demo_site).json()["items"]
        assert items, type_name
        detail.Case(path_parameters={"id": items[0]["id"]}).call_and_validate(base_url=demo_site)
    for name in ("images", "documents", "media"):
        items = requests.get(f"{demo_site}/api/v2/{name}/", timeout=20).json()["items"]
        for item in items[:3]:
            one = schema[f"/api/v2/{name}/{{id}}/"]["GET"]
            one.Case(path_parameters={"id": item["id"]}).call_and_validate(base_url=demo_site)
