from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lib.i18n import current_language
from public.pages import PAGES


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PAGES:
        raise Http404
    body = f"public/pages/{slug}.{current_language()}.html"
    return render(request, "public/page.html", {"title": PAGES[slug], "body": body, "pages": PAGES})
