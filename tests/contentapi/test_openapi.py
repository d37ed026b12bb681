"""The OpenAPI description: served beside the API, a valid OpenAPI 3.1 document, and naming
every field and page type the endpoints declare (so the two cannot drift apart silently)."""

import pytest
from openapi_spec_validator import validate

from contentapi.endpoints import API_FIELDS, PAGE_TYPES, PagesEndpoint

pytestmark = pytest.mark.django_db


def test_the_description_is_served_valid_and_cacheable(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    document = response.json()
    validate(document)
    assert set(document["paths"]) == {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/media/",
        "/api/v2/media/{id}/",
    }


def test_every_declared_field_and_parameter_is_described(client):
    document = client.get("/api/v2/openapi.json").json()
    schemas = document["components"]["schemas"]
    for type_name, model in PAGE_TYPES.items():
        described = set(schemas[type_name.split(".")[1]]["properties"])
        declared = {"id", "title", "meta"} | {field.name for field in API_FIELDS[model]}
        assert described == declared, type_name
        meta = set(schemas[type_name.split(".")[1]]["properties"]["meta"]["properties"])
        assert meta == set(PagesEndpoint.meta_fields)
    listing = document["paths"]["/api/v2/pages/"]["get"]["parameters"]
    described_parameters = {parameter["name"] for parameter in listing}
    assert PagesEndpoint.known_query_parameters <= described_parameters
