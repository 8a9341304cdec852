"""Changes elsewhere that may let a helper take a waiting request: the worker then checks that
network's waiting requests again on its next pass (support.matching.something_changed).

Updates through `QuerySet.update()` send no signal; the worker's periodic re-check covers them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from networks.models import Membership
from recruitment.models import AvailabilitySlot, HelperProfile
from support.matching import something_changed


@receiver(post_save, sender=Membership)
def membership_changed(instance: Membership, **kwargs: object) -> None:
    if instance.network_id is not None:
        something_changed(instance.network_id)


@receiver(post_save, sender=HelperProfile)
def profile_changed(instance: HelperProfile, **kwargs: object) -> None:
    memberships = Membership.objects.filter(pk=instance.membership_id, network__isnull=False)
    network_id = memberships.values_list("network_id", flat=True).first()
    if network_id is not None:
        something_changed(network_id)


@receiver(post_save, sender=AvailabilitySlot)
@receiver(post_delete, sender=AvailabilitySlot)
def slot_changed(instance: AvailabilitySlot, **kwargs: object) -> None:
    profile = HelperProfile.objects.filter(pk=instance.profile_id).first()
    if profile is not None:
        profile_changed(profile)


@receiver(m2m_changed, sender=HelperProfile.supervised_teams.through)
def supervised_teams_changed(instance: object, **kwargs: object) -> None:
    if isinstance(instance, HelperProfile):
        profile_changed(instance)
