from django.urls import path

from recruitment import helper_views, poster_views, review_views

app_name = "recruitment"
urlpatterns = [
    path("pledge/", helper_views.pledge, name="pledge"),
    path("profile/<int:membership_id>/", helper_views.profile, name="profile"),
    path("network/<int:network_id>/helpers/", helper_views.helpers, name="helpers"),
    path(
        "network/<int:network_id>/applications/",
        review_views.application_list,
        name="applications",
    ),
    path("application/<int:application_id>/", review_views.application_detail, name="application"),
    path(
        "application/<int:application_id>/met/",
        review_views.mark_met_view,
        name="application_met",
    ),
    path(
        "application/<int:application_id>/accept/",
        review_views.accept_view,
        name="application_accept",
    ),
    path(
        "application/<int:application_id>/decline/",
        review_views.decline_view,
        name="application_decline",
    ),
    path(
        "application/<int:application_id>/invite/",
        review_views.invite_view,
        name="application_invite",
    ),
    path("network/<int:network_id>/poster/", poster_views.poster, name="poster"),
    path("network/<int:network_id>/poster.pdf", poster_views.poster_download, name="poster_pdf"),
]
