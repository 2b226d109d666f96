from django.utils.functional import SimpleLazyObject


def navigation(request):
    """Menu counts, computed only if the page shows them."""
    user = getattr(request, "user", None)

    def counts():
        from workflows.selectors import inbox_counts

        if user is None or not user.is_authenticated:
            return {"inbox": 0, "unread": 0}
        tasks = getattr(request, "inbox_counts", None) or inbox_counts(user)
        return {
            "inbox": tasks["takeable"] + tasks["held"],
            "unread": user.notifications.filter(read_at__isnull=True).count(),
        }

    return {"nav_counts": SimpleLazyObject(counts)}
