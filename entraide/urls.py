from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from entraide import health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("health/worker/", health.worker, name="health_worker"),
    path("api/v1/", include("directory.api_urls")),
    *i18n_patterns(
        path("", include("public.urls")),
        path("directory/", include("directory.urls")),
        path("account/", include("accounts.urls")),
        path("networks/", include("networks.urls")),
        path("audit/", include("audit.urls")),
        path("recruiting/", include("recruitment.staff_urls")),
        path("n/", include("recruitment.public_urls")),
        path("help/", include("support.public_urls")),
        path("support/", include("support.helper_urls")),
        path("records/", include("records.urls")),
        path("reports/", include("reports.urls")),
    ),
]

# Error pages with the crisis strip and the quick exit, in the language of the address.
handler400 = "lib.error_views.bad_request"
handler403 = "lib.error_views.permission_denied"
handler404 = "lib.error_views.page_not_found"
handler500 = "lib.error_views.server_error"
