from django.urls import path

from public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/<slug:slug>/", views.page, name="page"),
]
