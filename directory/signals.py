"""Keeps the search index in step with services saved or deleted one at a time (bulk loads
and imports rebuild the whole index instead)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from directory.models import Service
from directory.search import index_service


@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
def reindex_service(sender: type, instance: Service, **kwargs: object) -> None:
    index_service(instance)
