from django.urls import path

app_name = "api"
urlpatterns: list = [
    path("", lambda request: None, name="root"),
]
