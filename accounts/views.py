from django.contrib.auth import logout as end_session
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from networks.access import memberships_of


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"memberships": memberships_of(request.user)})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    end_session(request)
    return redirect("public:home")
