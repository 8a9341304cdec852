from django.urls import path

from networks import plan_views, resources_views, settings_views, views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_new, name="new"),
    path("council/<int:council_id>/", views.council, name="council"),
    path("<int:network_id>/", views.overview, name="overview"),
    path("<int:network_id>/members/", views.members, name="members"),
    path("<int:network_id>/startup/", plan_views.startup, name="startup"),
    path("<int:network_id>/plan/", plan_views.plan, name="plan"),
    path("<int:network_id>/plan/new/", plan_views.activity_new, name="activity_new"),
    path(
        "<int:network_id>/plan/<int:activity_id>/",
        plan_views.activity_edit,
        name="activity_edit",
    ),
    path(
        "<int:network_id>/plan/<int:activity_id>/done/",
        plan_views.activity_done,
        name="activity_done",
    ),
    path(
        "<int:network_id>/plan/<int:activity_id>/cancel/",
        plan_views.activity_cancel,
        name="activity_cancel",
    ),
    path("<int:network_id>/settings/", settings_views.network_settings, name="settings"),
    path("<int:network_id>/teams/add/", settings_views.team_add, name="team_add"),
    path(
        "<int:network_id>/teams/<int:team_id>/rename/",
        settings_views.team_rename,
        name="team_rename",
    ),
    path(
        "<int:network_id>/teams/<int:team_id>/remove/",
        settings_views.team_remove,
        name="team_remove",
    ),
    path("<int:network_id>/resources/", resources_views.resources, name="resources"),
    path(
        "<int:network_id>/resources/<int:resource_id>/",
        resources_views.resource_edit,
        name="resource_edit",
    ),
    path(
        "<int:network_id>/resources/<int:resource_id>/remove/",
        resources_views.resource_remove,
        name="resource_remove",
    ),
]
