from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from nominations import services
from nominations.models import (
    AuthorityLevel,
    Award,
    AwardingAuthority,
    AwardKind,
    AwardRule,
    CommendationType,
    LegalPeriod,
    RecipientKind,
    Unit,
    UnitKind,
)
from nominations.services import NomineeInput


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn Văn"
    last_name = factory.Sequence(lambda n: f"Người {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("secret-pass-123")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")
    kind = UnitKind.DEPARTMENT


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardingAuthority

    unit = factory.SubFactory(UnitFactory, kind=UnitKind.DISTRICT, name="UBND huyện Kỳ Anh")
    name = factory.LazyAttribute(lambda a: a.unit.name)
    level = AuthorityLevel.DISTRICT
    secretariat_unit = factory.SubFactory(
        UnitFactory, name="Phòng Nội vụ", parent=factory.SelfAttribute("..unit")
    )
    place_name = "Kỳ Anh"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = "lao-dong-tien-tien"
    name = "Lao động tiên tiến"
    kind = AwardKind.TITLE
    recipient_kind = RecipientKind.INDIVIDUAL

    @factory.post_generation
    def levels(award, create, extracted, **kwargs):
        """One rule over all time, conferred at these levels (district and below by default)."""
        if not create or award.rules.exists():
            return
        level_min, level_max = extracted or (AuthorityLevel.BASE, AuthorityLevel.DISTRICT)
        AwardRule.objects.create(
            award=award,
            period=all_time_period(),
            level_min=level_min,
            level_max=level_max,
            source="test",
        )


def provincial_award():
    return AwardFactory(
        code="bang-khen-tinh-tap-the",
        name="Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        kind=AwardKind.COMMENDATION,
        recipient_kind=RecipientKind.COLLECTIVE,
        levels=(AuthorityLevel.PROVINCE, AuthorityLevel.PROVINCE),
    )


def nominee(name="Nguyễn Văn An", award=None, summary="Hoàn thành xuất sắc nhiệm vụ.", **kw):
    award = award or AwardFactory()
    return NomineeInput(
        recipient_kind=kw.pop("recipient_kind", award.recipient_kind),
        full_name=name,
        award=award,
        achievement_summary=summary,
        **kw,
    )


def all_time_period():
    period, _ = LegalPeriod.objects.get_or_create(code="all-time", defaults={"name": "—"})
    return period


def council_procedure(period=None, **overrides):
    """A council procedure for the period (all time by default): majority of all members."""
    from nominations.models import BallotBase, BallotComparison, CouncilProcedure

    values = {
        "quorum_share": None,
        "written_ballots_count": True,
        "recused_in_base": True,
        "default_share": Decimal("0.5"),
        "default_comparison": BallotComparison.MORE_THAN,
        "default_base": BallotBase.ALL_MEMBERS,
        "source": "test",
        **overrides,
    }
    procedure, _ = CouncilProcedure.objects.update_or_create(
        period=period or all_time_period(), defaults=values
    )
    return procedure


def seat(council, user, position="member", valid_from=None):
    from nominations.council.services import council_member_appoint

    return council_member_appoint(
        actor=None, council=council, user=user, position=position, valid_from=valid_from
    )


def grant(user, unit, role):
    return services.membership_grant(actor=None, user=user, unit=unit, role=role)


def create_dossier(*, clerk, unit, authority, nominees=None, title="Đề nghị khen thưởng năm 2020"):
    """A dossier with its process started, as the create page does it."""
    from django.db import transaction

    from workflows.flows import NominationFlow

    with transaction.atomic():
        dossier = services.dossier_create(
            actor=clerk,
            authority=authority,
            unit=unit,
            title=title,
            commendation_type=CommendationType.REGULAR,
            year=2020,
            nominees=nominees or [nominee()],
        )
        NominationFlow.start.run(dossier=dossier)
    dossier.refresh_from_db()
    return dossier
