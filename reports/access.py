"""Who may read which report. Nobody above the helper reads a sheet: people read reports.

- A network's committee coordinator (and administrators) build, freeze and submit its reports
  and read all of them.
- Its executive liaison and its council's regional representatives read the submitted ones.
- The employer representative of a joint or contracted network reads totals only, on the
  employer page, and edits the business case with the coordinator.
- A council's figures: its regional representatives and administrators; the province's:
  administrators.
Everything else answers 404.
"""

from django.db.models import QuerySet
from django.http import Http404

from lib.lookups import one_or_404
from networks.access import MANAGERS, holds_role, is_admin, network_for_user
from networks.models import Network, Role
from reports.models import Report

READERS = {Role.COORDINATOR, Role.LIAISON, Role.REGIONAL_REP, Role.ADMIN}
EMPLOYER_PAGE = {Role.EMPLOYER_REP, Role.COORDINATOR, Role.ADMIN}


def reports_for_user(user: object, network: Network) -> QuerySet[Report]:
    """The network's reports the user may read; 404 for anyone who reads none."""
    network = network_for_user(user, network.pk, READERS)
    reports = Report.objects.filter(network=network).select_related("network")
    if holds_role(user, network, MANAGERS):
        return reports
    return reports.submitted()


def report_for_user(user: object, report_id: object) -> Report:
    report = one_or_404(Report.objects.select_related("network__council"), pk=report_id)
    return one_or_404(reports_for_user(user, report.network), pk=report.pk)


def managed_report_for_user(user: object, report_id: object) -> Report:
    """A report of a network the user manages (to submit it)."""
    report = report_for_user(user, report_id)
    network_for_user(user, report.network_id, MANAGERS)
    return report


def employer_network_for_user(user: object, network_id: object) -> Network:
    """A joint or contracted network whose employer page the user may read; else 404."""
    network = network_for_user(user, network_id, EMPLOYER_PAGE)
    if not network.has_employer:
        raise Http404
    return network


def require_admin(user: object) -> None:
    if not is_admin(user):
        raise Http404
