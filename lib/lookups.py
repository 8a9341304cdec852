from django.db.models import Model, QuerySet
from django.http import Http404


def one_or_404(queryset: QuerySet, **lookup: object) -> Model:
    """The one record of `queryset` matching `lookup`, or a 404: for a record that does not
    exist, that the user may not see, or a malformed id alike."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
