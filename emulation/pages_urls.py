from django.urls import path

from emulation import bloc_pages, pages, reminder_pages, review_pages, round_pages

urlpatterns = [
    path("mine/", pages.movement_mine, name="movement_mine"),
    path("blocs/<int:pk>/", bloc_pages.bloc_year_ranking, name="bloc_year_ranking"),
    path("<slug:code>/unit/<int:unit_id>/", pages.movement_unit, name="movement_unit"),
    path("<slug:code>/checks/", pages.movement_checks, name="movement_checks"),
    path("<slug:code>/reviews/", review_pages.review_list, name="review_list"),
    path("reviews/<int:pk>/status.json", review_pages.review_status, name="review_status"),
    path("reviews/<int:pk>/download/", review_pages.review_download, name="review_download"),
    path("reminders/<int:pk>/read/", reminder_pages.reminder_read, name="reminder_read"),
    path("<slug:code>/round/", round_pages.commendation_round, name="commendation_round"),
]
