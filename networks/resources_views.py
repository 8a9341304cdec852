"""The workplace's own resources (its EAP, the union's contact, the CLSC, the region's youth
protection service), kept by the network's coordinator and administrators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from networks.access import MANAGERS, network_for_user, resource_for_user
from networks.actions import add_resource, change_resource, remove_resource
from networks.forms import NetworkResourceForm
from networks.navigation import network_links


@staff_required
def resources(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    form = NetworkResourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        resource = add_resource(network, form.cleaned_data, by=request.user)
        messages.success(request, _("The resource “%(name)s” was added.") % {"name": resource.name})
        return redirect("networks:resources", network_id=network.pk)
    context = {
        "network": network,
        "resources": network.public_resources(),
        "form": form,
        "links": network_links(request.user, network, "networks:resources"),
    }
    return render(request, "networks/resources.html", context)


@staff_required
def resource_edit(request: HttpRequest, network_id: int, resource_id: int) -> HttpResponse:
    resource = resource_for_user(request.user, network_id, resource_id)
    network = resource.network
    form = NetworkResourceForm.for_resource(
        resource, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        if change_resource(resource, form.cleaned_data, by=request.user):
            messages.success(
                request, _("The resource “%(name)s” was saved.") % {"name": resource.name}
            )
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("networks:resources", network_id=network.pk)
    context = {
        "network": network,
        "resource": resource,
        "form": form,
    }
    return render(request, "networks/resource_form.html", context)


@staff_required
@require_POST
def resource_remove(request: HttpRequest, network_id: int, resource_id: int) -> HttpResponse:
    resource = resource_for_user(request.user, network_id, resource_id)
    network = resource.network
    remove_resource(resource, by=request.user)
    messages.success(request, _("The resource “%(name)s” was removed.") % {"name": resource.name})
    return redirect("networks:resources", network_id=network.pk)
