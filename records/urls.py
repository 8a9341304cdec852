from django.urls import path

from records import note_views, sheet_views

app_name = "records"
urlpatterns = [
    path("sheets/", sheet_views.sheet_list, name="sheets"),
    path("sheets/new/", sheet_views.sheet_new, name="sheet_new"),
    path("sheets/<int:sheet_id>/", sheet_views.sheet_edit, name="sheet_edit"),
    path("notes/", note_views.note_list, name="notes"),
    path("notes/<int:note_id>/", note_views.note_page, name="note"),
    path("notes/<int:note_id>/destroy/", note_views.note_destroy, name="note_destroy"),
]
