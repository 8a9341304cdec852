from django.http import HttpRequest, HttpResponse
from django.urls import path

from entraide.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The floor: a request through the same server and middleware that does no work."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
