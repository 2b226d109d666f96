"""What each commendation type asks of a nominee besides the award and the summary.

- sudden (đột xuất): the date of the outstanding act, which cannot lie in the future
  (Law 06/2022 on sudden commendation; Decree 91/2017 simplified procedure);
- contribution and long service (cống hiến, niên hạn): the years of service the award counts;
- foreigners (đối ngoại): the nominee's nationality.
The documents each type needs are in nominations/documents/completeness.py.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.models import CommendationType

REQUIRED_FACTS = {
    CommendationType.SUDDEN: "act_date",
    CommendationType.SERVICE: "service_years",
    CommendationType.FOREIGN: "nationality",
}


def type_fact_problem(commendation_type: str, item) -> str | None:
    """Why the nominee lacks what its type needs, or None when it is complete."""
    field = REQUIRED_FACTS.get(commendation_type)
    if field == "act_date":
        if item.act_date is None:
            return _("a sudden commendation needs the date of the act")
        if item.act_date > timezone.localdate():
            return _("the date of the act cannot be in the future")
    if field == "service_years" and not item.service_years:
        return _("a long-service commendation needs the years of service")
    if field == "nationality" and not item.nationality:
        return _("a commendation for a foreigner needs the nominee's nationality")
    return None
