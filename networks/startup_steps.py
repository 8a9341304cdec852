"""The six steps to start a mutual-aid network (seed 000), in our own words."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StepText:
    number: int
    title: Promise
    explanation: Promise


STARTUP_STEPS = (
    StepText(
        1,
        _("Contact the regional mutual-aid representative"),
        _(
            "Reach the person in charge of mutual aid at your regional council, who gives "
            "information and support from the very start."
        ),
    ),
    StepText(
        2,
        _("Identify the executive-committee liaison"),
        _(
            "Name the member of the union's executive committee who will link it with the "
            "mutual-aid committee."
        ),
    ),
    StepText(
        3,
        _("Recruit peer helpers"),
        _(
            "Find colleagues willing to help, through general meetings, the union newsletter, "
            "notice boards or by asking people directly."
        ),
    ),
    StepText(
        4,
        _("Get training"),
        _(
            "Have the helpers trained to spot, approach, listen and refer; the regional "
            "representative helps choose the right sessions."
        ),
    ),
    StepText(
        5,
        _("Build an action plan"),
        _(
            "With the executive committee, plan the network's activities to suit the workplace "
            "and the resources at hand."
        ),
    ),
    StepText(
        6,
        _("Act in the workplace"),
        _("Carry out the action plan: make the network known and be there for your colleagues."),
    ),
)
STEP_NUMBERS = tuple(step.number for step in STARTUP_STEPS)


def step_text(number: int) -> StepText:
    return STARTUP_STEPS[number - 1]
