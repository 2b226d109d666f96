"""The facts the minutes carry, read from a counted session (the renderer only lays them out)."""

from collections import Counter

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from nominations.council.minutes_render import MinutesData, MinutesLine, MinutesSigner
from nominations.council.results import turnout_of
from nominations.council.rules import VotingRules, percent
from nominations.council.tally import share_of
from nominations.models import CouncilMember, CouncilPosition, Recusal


def minutes_data(session) -> MinutesData:
    with translation.override(settings.LANGUAGE_CODE):
        return _minutes_data(session)


def _minutes_data(session) -> MinutesData:
    authority = session.council.authority
    rules = VotingRules(session.council, session.held_on)
    turnout = turnout_of(session)
    recused = Counter(
        Recusal.objects.filter(item__session=session).values_list("item_id", flat=True)
    )
    items = session.items.select_related(
        "nominee__award", "nominee__dossier__unit", "nominee__collective"
    ).prefetch_related("nominee__award__rules__period")
    lines = []
    for item in items:
        nominee = item.nominee
        rule = rules.for_award(nominee.award)
        lines.append(
            MinutesLine(
                position=item.position,
                nominee_name=nominee.full_name,
                unit_name=(nominee.collective or nominee.dossier.unit).name,
                award_name=nominee.award.name,
                agree=item.agree,
                disagree=item.disagree,
                abstain=item.abstain,
                recused=recused[item.pk],
                base=item.base,
                agree_percent=percent(share_of(item.agree, item.base)),
                threshold_text=rule.describe(),
                source=rule.citation,
                passed=bool(item.passed),
                outcome_text=_("Reached") if item.passed else _("Not reached"),
            )
        )
    seats = {
        seat.position: seat
        for seat in CouncilMember.objects.active(session.held_on)
        .filter(
            council=session.council, position__in=[CouncilPosition.CHAIR, CouncilPosition.SECRETARY]
        )
        .select_related("user")
    }
    chair, secretary = seats.get(CouncilPosition.CHAIR), seats.get(CouncilPosition.SECRETARY)
    quorum = rules.procedure.quorum_share
    return MinutesData(
        authority_name=authority.name.upper(),
        council_name=session.council.name.upper(),
        reference=_("No. %(number)s/BB-HĐTĐKT") % {"number": f"{session.minutes_number:02d}"},
        place_name=authority.place_name,
        held_on=session.held_on,
        session_title=session.title,
        venue=session.venue,
        chair_name=chair.display_name if chair else "",
        secretary_name=secretary.display_name if secretary else "",
        total_members=turnout.total_members,
        present=turnout.present,
        written=turnout.written,
        absent=turnout.total_members - turnout.present - turnout.written,
        quorum_text=(
            _("%(present)d of %(total)d members present (at least %(share)s needed)")
            % {"present": turnout.present, "total": turnout.total_members, "share": percent(quorum)}
            if quorum is not None
            else _("%(present)d of %(total)d members present")
            % {"present": turnout.present, "total": turnout.total_members}
        ),
        quorum_met=bool(session.quorum_met),
        ballots_counted=turnout.ballots,
        lines=tuple(lines),
        signers=tuple(
            MinutesSigner(title=title, name=seat.display_name)
            for title, seat in (
                (_("SECRETARY OF THE COUNCIL"), secretary),
                (_("CHAIR OF THE COUNCIL"), chair),
            )
            if seat is not None
        ),
    )
