"""The workplace finder: how a worker in distress finds their own workplace's network."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def find(request: HttpRequest) -> HttpResponse:
    return render(request, "support/public/find.html", {})
