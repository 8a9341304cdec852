from django.urls import path, re_path

from directory import api

app_name = "api"
urlpatterns = [
    path("", api.root, name="root"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:service_id>", api.service, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:organization_id>", api.organization, name="organization"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", api.taxonomy_term, name="taxonomy_term"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", api.taxonomy, name="taxonomy"),
    re_path(r"^(?P<path>.*)$", api.not_found),  # unknown API paths get a JSON 404 too
]
