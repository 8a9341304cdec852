from django.urls import path

from support import finder_views, public_views

app_name = "support_public"
urlpatterns = [
    # "conversation/" comes first: it must never be read as a network code.
    path("", finder_views.find, name="find"),
    path("conversation/", public_views.conversation_page, name="conversation"),
    path(
        "conversation/messages/",
        public_views.conversation_messages,
        name="conversation_messages",
    ),
    path("<str:code>/", public_views.ask, name="ask"),
]
