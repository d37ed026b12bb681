"""The personal-data registry is complete: no model or field about a person goes undeclared."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.data_registry import Erasure, declarations, declared_fields

# A field named like this may hold an email address, a person's name or an IP address.
PERSONAL_NAME = re.compile(r"(^|_)(e?mail|email_address|name|first_name|last_name|ip|ip_address)$")

# Fields named like that which hold no data about a person, each with the reason.
NOT_ABOUT_A_PERSON = {
    ("auth.Group", "name"): "an editorial group's name",
    ("auth.Permission", "name"): "a permission's description",
    ("wagtailcore.Site", "site_name"): "the site's own name",
    ("wagtailcore.Collection", "name"): "a folder of documents and images",
    ("wagtailcore.Task", "name"): "a review step's name",
    ("wagtailcore.Workflow", "name"): "a workflow's name",
    ("wagtailembeds.Embed", "provider_name"): "an embedded site's name",
    ("wagtailembeds.Embed", "author_name"): "the public author of published media",
    ("taggit.Tag", "name"): "a tag",
    ("modules.Theme", "name"): "a theme of the course",
    ("events.EventPartner", "name"): "a partner organisation",
    ("events.EventPage", "host_name"): "the partner organisation hosting an event",
    ("mailing.OutboxEmail", "from_email"): "the site's own sender address",
    ("wagtail_localize.StringTranslation", "tool_name"): "a machine translator's name",
    ("socialaccount.SocialApp", "name"): "an organisation's sign-in service",
    ("sso.OrganisationProvider", "name"): "an organisation's sign-in service",
}
# Public people the course is about, not users: experts appear by their own consent on
# their public pages, which editors keep.
PUBLIC_PROFILES = {("modules.Expert", "name")}


def user_relations():
    """(model label, field name) of every concrete relation to the user model."""
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is user_model:
                yield field.model._meta.label, field.name


def personal_names():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if PERSONAL_NAME.search(field.name):
                yield field.model._meta.label, field.name


def test_every_relation_to_a_user_is_declared():
    missing = set(user_relations()) - declared_fields()
    assert not missing, f"declare these in the app's personal_data.py: {sorted(missing)}"


def test_every_field_named_like_personal_data_is_declared_or_explained():
    named = set(personal_names())
    known = declared_fields() | set(NOT_ABOUT_A_PERSON) | PUBLIC_PROFILES
    missing = named - known
    assert not missing, f"declare these, or say why they are not personal: {sorted(missing)}"
    assert set(NOT_ABOUT_A_PERSON) | PUBLIC_PROFILES <= named, "an explanation outlived its field"


def test_every_field_of_the_user_model_is_declared():
    user_model = get_user_model()
    fields = {field.name for field in user_model._meta.get_fields() if field.concrete} - {"id"}
    declared = {name for label, name in declared_fields() if label == user_model._meta.label}
    assert fields - declared == set()


def test_declarations_name_real_fields_and_owners():
    for entry in declarations():
        model = entry.model_class
        for name in entry.fields:
            model._meta.get_field(name)  # raises FieldDoesNotExist
        if entry.owner:
            first = entry.owner.split("__")[0]
            model._meta.get_field(first)
        assert entry.category and entry.purpose and entry.retention, entry.model
        if entry.retention_period is not None:
            model._meta.get_field(entry.retention_from)
        if entry.erasure is Erasure.ADDRESS:
            assert entry.address_fields and entry.owner is None


# allauth's sessions table has a column for the address that cannot be empty; accounts.sessions
# writes 0.0.0.0 there before every save (tests/accounts/test_mfa.py checks the rows).
BLANKED_IP_COLUMNS = {("usersessions.UserSession", "ip")}


def test_no_ip_address_is_stored_anywhere():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (model._meta.label, field.name) in BLANKED_IP_COLUMNS:
                continue
            assert field.get_internal_type() != "GenericIPAddressField", field
            assert not re.search(r"(^|_)ip(_address)?$", field.name), field


@pytest.mark.django_db
def test_emails_waiting_in_the_outbox_are_found_by_the_exact_address():
    from accounts.data_registry import declaration_for
    from mailing.models import OutboxEmail
    from tests.factories import make_learner

    ann = make_learner("ann@example.org")
    for_ann = OutboxEmail.objects.create(from_email="course@example.org", to=["Ann@Example.org"])
    copied = OutboxEmail.objects.create(
        from_email="course@example.org", to=["x@example.org"], bcc=["ann@example.org"]
    )
    OutboxEmail.objects.create(from_email="course@example.org", to=["joann@example.org"])

    rows = declaration_for("mailing.OutboxEmail").rows_for(ann)

    assert set(rows) == {for_ann, copied}
