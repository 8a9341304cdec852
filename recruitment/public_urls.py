from django.urls import path

from recruitment import public_views

app_name = "recruitment_public"
urlpatterns = [
    path("", public_views.find, name="find"),
    path("<str:code>/", public_views.network_page, name="network"),
    path("<str:code>/apply/", public_views.apply, name="apply"),
    path("<str:code>/thanks/", public_views.thanks, name="thanks"),
]
