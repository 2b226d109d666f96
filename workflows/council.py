"""The council session as a viewflow flow: agenda, notice, ballot, count, minutes, outcomes.

One ballot task per member present (PerMemberSplit), and the secretariat's closing task
beside them; the join goes on as soon as the ballot is closed, cancelling the ballots of
members who did not vote. Every rule lives in nominations.council; the flow orchestrates.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import STATUS

from nominations.models import Attendance as AttendanceKind
from nominations.models import DossierStatus, SessionAttendance, SessionStatus
from workflows import council_steps
from workflows.nodes import BallotTask, PerMemberSplit, SessionTask, SignMinutesTask


class CouncilSessionFlow(flow.Flow):
    process_title = _("Council session")
    process_description = _(
        "The secretariat sets the agenda and convenes the council; members vote by secret "
        "ballot; the count and its minutes send each nominee's outcome to its dossier."
    )
    # Members submit at the same moment: wait for the process lock instead of failing fast.
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_session).Next(this.prepare_agenda)
    prepare_agenda = (
        SessionTask(
            council_steps.PrepareAgendaView.as_view(), session_statuses=(SessionStatus.PREPARING,)
        )
        .Annotation(title=_("Set the agenda and convene the council"))
        .Next(this.open_ballot)
    )
    open_ballot = (
        SessionTask(
            council_steps.OpenBallotView.as_view(), session_statuses=(SessionStatus.CONVENED,)
        )
        .Annotation(title=_("Record attendance and open the ballot"))
        .Next(this.ballots)
    )
    ballots = (
        PerMemberSplit()
        .Annotation(title=_("One ballot per member present"))
        .Next(this.cast_ballot, data_source=this.members_present)
        .Always(this.close_ballot)
    )
    cast_ballot = (
        BallotTask(
            council_steps.BallotRedirectView.as_view(), session_statuses=(SessionStatus.VOTING,)
        )
        .Annotation(title=_("Cast your secret ballot"))
        .Assign(this.ballot_owner)
        .Next(this.ballots_in)
    )
    close_ballot = (
        SessionTask(
            council_steps.CloseBallotView.as_view(), session_statuses=(SessionStatus.VOTING,)
        )
        .Annotation(title=_("Enter written ballots and close the ballot"))
        .Next(this.ballots_in)
    )
    ballots_in = (
        flow.Join(continue_on_condition=this.ballot_closed)
        .Annotation(title=_("Ballot closed?"))
        .Next(this.sign_minutes)
    )
    sign_minutes = (
        SignMinutesTask(
            council_steps.SignMinutesView.as_view(), session_statuses=(SessionStatus.COUNTED,)
        )
        .Annotation(title=_("Sign the minutes"))
        .Next(this.send_outcomes)
    )
    send_outcomes = (
        flow.Function(this.move_dossiers_on)
        .Annotation(title=_("Send each outcome to its dossier"))
        .Next(this.closed)
    )
    closed = flow.End().Annotation(title=_("Closed"))

    def start_session(self, activation, *, session):
        activation.process.save()
        session.process = activation.process
        session.save(update_fields=["process"])
        return activation.process

    def members_present(self, activation) -> list[dict]:
        session = activation.process.council_session
        present = SessionAttendance.objects.filter(
            session=session, attendance=AttendanceKind.PRESENT
        ).select_related("member")
        return [{"member": a.member_id, "user": a.member.user_id} for a in present]

    def ballot_owner(self, activation):
        return get_user_model().objects.get(pk=activation.task.data["user"])

    def ballot_closed(self, activation, active_tasks) -> bool:
        session = activation.process.council_session
        session.refresh_from_db(fields=["ballot_closed_at"])
        return session.ballot_closed_at is not None

    def move_dossiers_on(self, activation):
        """Each dossier the minutes moved on leaves its council wait for the decision."""
        from workflows.flows import NominationFlow

        session = activation.process.council_session
        for dossier in session_dossiers(session).filter(status=DossierStatus.AWAITING_DECISION):
            wait = dossier.process.task_set.filter(
                flow_task=NominationFlow.council_review, status=STATUS.NEW
            ).first()
            if wait is not None:
                NominationFlow.council_review.run(wait)

    def has_view_permission(self, user, obj=None):
        if obj is None:
            return user.is_authenticated
        from nominations.council.access import may_view

        return may_view(user, obj.council_session)

    def has_manage_permission(self, user, obj=None):
        return user.is_active and user.is_superuser


def session_dossiers(session):
    from nominations.models import Dossier

    return (
        Dossier.objects.filter(nominees__agenda_items__session=session)
        .distinct()
        .select_related("process")
    )


def member_ballot_task(session, user):
    """The person's open ballot task in the session, if they have one."""
    return (
        session.process.task_set.filter(
            flow_task=CouncilSessionFlow.cast_ballot,
            owner=user,
            status__in=(STATUS.ASSIGNED, STATUS.STARTED),
        ).first()
        if session.process_id
        else None
    )
