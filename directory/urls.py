from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("service/<uuid:service_id>/", views.service_detail, name="service"),
]
