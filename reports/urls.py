from django.urls import path

from reports import above_views, views

app_name = "reports"
urlpatterns = [
    path("network/<int:network_id>/", views.network_reports, name="network"),
    path("network/<int:network_id>/draft/", views.draft, name="draft"),
    path("network/<int:network_id>/freeze/", views.freeze, name="freeze"),
    path("network/<int:network_id>/employer/", above_views.employer, name="employer"),
    path(
        "network/<int:network_id>/business-case/",
        above_views.business_case,
        name="business_case",
    ),
    path("<int:report_id>/", views.report_page, name="report"),
    path("<int:report_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:report_id>/report.csv", views.report_csv, name="report_csv"),
    path("<int:report_id>/submit/", views.submit, name="submit"),
    path("council/<int:council_id>/", above_views.council, name="council"),
    path("province/", above_views.province, name="province"),
]
