app_name = "recruitment_public"
urlpatterns: list = []
