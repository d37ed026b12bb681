"""Give the Editors and Moderators groups what course editing needs, and a review workflow.

Wagtail's own initial data creates both groups with page, image and document rights. Here they
also get experts (a snippet of this app), the media library, and redirects for Moderators; and a
"Course content review" workflow, approved by Moderators, that `seed_demo` assigns to the course.
Editors can add and change pages but not publish: their lessons go through the workflow.
"""

from django.db import migrations

WORKFLOW = "Course content review"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} {model}"},
        )
        return perm

    for group in (editors, moderators):
        group.permissions.add(permission("wagtailadmin", "admin", "access_admin"))
        for action in ("add", "change", "view"):
            group.permissions.add(permission("modules", "expert", f"{action}_expert"))
    moderators.permissions.add(permission("modules", "expert", "delete_expert"))
    for action in ("add", "change", "delete"):
        moderators.permissions.add(permission("wagtailredirects", "redirect", f"{action}_redirect"))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for group in (editors, moderators):
            for codename in ("add_media", "change_media", "choose_media"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission("wagtailmedia", "media", codename),
                )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type = ContentType.objects.get_for_model(GroupApprovalTask)
        task = GroupApprovalTask.objects.create(
            name="Moderator review", active=True, content_type=task_type
        )
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailredirects", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
