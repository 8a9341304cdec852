from django.urls import path

from support import helper_views

app_name = "support"
urlpatterns = [
    path("", helper_views.inbox, name="inbox"),
    path("inbox/", helper_views.inbox_partial, name="inbox_partial"),
    path("offer/<int:offer_id>/accept/", helper_views.accept, name="offer_accept"),
    path("offer/<int:offer_id>/decline/", helper_views.decline, name="offer_decline"),
    path("request/<int:request_id>/", helper_views.conversation_page, name="conversation"),
    path(
        "request/<int:request_id>/messages/",
        helper_views.conversation_messages,
        name="conversation_messages",
    ),
    path(
        "request/<int:request_id>/share/<int:resource_id>/",
        helper_views.share_resource,
        name="share_resource",
    ),
    path("request/<int:request_id>/close/", helper_views.close, name="close"),
    path(
        "network/<int:network_id>/requests/",
        helper_views.network_requests,
        name="network_requests",
    ),
]
