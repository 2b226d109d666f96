"""Demo data from the seed: the Kỳ Anh district action program of 2020 (Directive 42-CT/TU).

Idempotent: units, people and roles are upserted; the sample dossiers are created once.
"""

import datetime
import io
from dataclasses import dataclass

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from emulation import seed_program
from emulation.models import EmulationBloc, Movement, ProgressReport, Target
from emulation.services import progress_report
from nominations import services
from nominations.council.services import council_member_appoint
from nominations.documents.samples import attach_sample_documents, sample_pdf
from nominations.documents.services import attachment_upload
from nominations.imports.services import import_apply, import_upload
from nominations.models import (
    AuthorityLevel,
    Award,
    AwardingAuthority,
    CommendationType,
    Council,
    CouncilMember,
    CouncilPosition,
    DecisionOutcome,
    DocumentKind,
    Dossier,
    EmulationRegistration,
    ImportBatch,
    Person,
    RecipientKind,
    Unit,
    UnitKind,
)
from nominations.roles import Role
from nominations.services import NomineeInput
from nominations.text import search_key
from workflows.council_script import run_session
from workflows.engine import acting_on, open_step
from workflows.flows import NominationFlow

DEMO_PASSWORD = "thidua-demo-2020"
DEMO_MARKER = "[demo]"

# The seed names these as lead (chủ trì) or coordinating (phối hợp) units.
DEPARTMENTS = [
    ("phong-noi-vu", "Phòng Nội vụ"),
    ("phong-tu-phap", "Phòng Tư pháp"),
    ("phong-y-te", "Phòng Y tế"),
    ("phong-nong-nghiep", "Phòng Nông nghiệp và Phát triển nông thôn"),
    ("phong-van-hoa", "Phòng Văn hóa - Thông tin"),
    ("phong-kinh-te-ha-tang", "Phòng Kinh tế & Hạ tầng"),
    ("phong-tai-chinh", "Phòng Tài chính - Kế hoạch"),
    ("phong-giao-duc", "Phòng Giáo dục và Đào tạo"),
    ("phong-lao-dong", "Phòng Lao động - Thương binh và Xã hội"),
    ("van-phong-hdnd-ubnd", "Văn phòng HĐND&UBND huyện"),
    ("van-phong-ntm", "Văn phòng điều phối Chương trình MTQG xây dựng nông thôn mới huyện"),
    ("trung-tam-van-hoa", "Trung tâm Văn hóa - Truyền thông"),
    ("ban-chi-huy-quan-su", "Ban Chỉ huy Quân sự huyện"),
    ("cong-an-huyen", "Công an huyện"),
    ("don-bien-phong-ky-khang", "Đồn Biên phòng Kỳ Khang"),
]
COMMUNES = [
    "Kỳ Phong", "Kỳ Văn", "Kỳ Khang", "Kỳ Thượng", "Lâm Hợp", "Kỳ Lạc", "Kỳ Tây",
    "Kỳ Tiến", "Kỳ Châu", "Kỳ Giang", "Kỳ Tân", "Kỳ Đồng",
]  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: tuple[tuple[str, str], ...]  # (unit code, role)

    @property
    def first_last(self):
        # Django shows first + last; Vietnamese reads family, middle, then given name.
        family_and_middle, _, given = self.full_name.rpartition(" ")
        return family_and_middle, given


DEMO_USERS = [
    DemoUser("vanthu.tuphap", "Nguyễn Thị Lan", (("phong-tu-phap", Role.UNIT_CLERK),)),
    DemoUser("truongphong.tuphap", "Trần Văn Hùng", (("phong-tu-phap", Role.UNIT_HEAD),)),
    DemoUser("vanthu.kyphong", "Lê Thị Hoa", (("xa-ky-phong", Role.UNIT_CLERK),)),
    DemoUser("chutich.kyphong", "Phạm Văn Nam", (("xa-ky-phong", Role.UNIT_HEAD),)),
    DemoUser(
        "chuyenvien.noivu",
        "Hoàng Thị Mai",
        (
            ("phong-noi-vu", Role.SECRETARIAT_OFFICER),
            # The secretariat drafts the district's own proposals to the province.
            ("ubnd-huyen-ky-anh", Role.UNIT_CLERK),
        ),
    ),
    DemoUser("uyvien.hoidong", "Võ Văn Bình", (("ubnd-huyen-ky-anh", Role.COUNCIL_MEMBER),)),
    DemoUser("uyvien2.hoidong", "Lê Văn Tâm", (("ubnd-huyen-ky-anh", Role.COUNCIL_MEMBER),)),
    DemoUser("uyvien3.hoidong", "Phan Thị Hạnh", (("ubnd-huyen-ky-anh", Role.COUNCIL_MEMBER),)),
    DemoUser(
        "chutich.huyen",
        "Nguyễn Xuân Thủy",
        (
            ("ubnd-huyen-ky-anh", Role.AUTHORITY_HEAD),
            ("ubnd-huyen-ky-anh", Role.COUNCIL_CHAIR),
            ("ubnd-huyen-ky-anh", Role.UNIT_HEAD),
        ),
    ),
    DemoUser(
        "chuyenvien.bantdkt", "Đặng Thị Thu", (("ban-tdkt-ha-tinh", Role.SECRETARIAT_OFFICER),)
    ),
    DemoUser(
        "chutich.tinh",
        "Trần Tiến Dũng",
        (("ubnd-tinh-ha-tinh", Role.AUTHORITY_HEAD), ("ubnd-tinh-ha-tinh", Role.COUNCIL_CHAIR)),
    ),
    DemoUser("quantri", "Quản trị hệ thống", (("ubnd-huyen-ky-anh", Role.SYSTEM_ADMIN),)),
]


def _unit(code, name, kind, parent=None) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return unit


def load_organisation() -> dict[str, Unit]:
    province = _unit("ubnd-tinh-ha-tinh", "Ủy ban nhân dân tỉnh Hà Tĩnh", UnitKind.PROVINCE)
    province_board = _unit(
        "ban-tdkt-ha-tinh", "Ban Thi đua - Khen thưởng tỉnh Hà Tĩnh", UnitKind.AGENCY, province
    )
    district = _unit(
        "ubnd-huyen-ky-anh", "Ủy ban nhân dân huyện Kỳ Anh", UnitKind.DISTRICT, province
    )
    units = {u.code: u for u in (province, province_board, district)}
    for code, name in DEPARTMENTS:
        units[code] = _unit(code, name, UnitKind.DEPARTMENT, district)
    for name in COMMUNES:
        code = "xa-" + search_key(name).replace(" ", "-")
        units[code] = _unit(code, f"Ủy ban nhân dân xã {name}", UnitKind.COMMUNE, district)

    province_authority, _ = AwardingAuthority.objects.update_or_create(
        unit=province,
        defaults={
            "name": "Ủy ban nhân dân tỉnh Hà Tĩnh",
            "level": AuthorityLevel.PROVINCE,
            "secretariat_unit": province_board,
            "place_name": "Hà Tĩnh",
        },
    )
    district_authority, _ = AwardingAuthority.objects.update_or_create(
        unit=district,
        defaults={
            "name": "Ủy ban nhân dân huyện Kỳ Anh",
            "level": AuthorityLevel.DISTRICT,
            "parent": province_authority,
            "secretariat_unit": units["phong-noi-vu"],
            "place_name": "Kỳ Anh",
        },
    )
    for authority, name in (
        (province_authority, "Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh"),
        (district_authority, "Hội đồng Thi đua - Khen thưởng huyện Kỳ Anh"),
    ):
        Council.objects.update_or_create(authority=authority, defaults={"name": name})

    blocs = {
        "Khối các phòng, ban, đơn vị cấp huyện": [units[c] for c, _ in DEPARTMENTS],
        "Khối các xã": [u for c, u in units.items() if c.startswith("xa-")],
    }
    for name, members in blocs.items():
        bloc, _ = EmulationBloc.objects.get_or_create(authority=district_authority, name=name)
        bloc.members.set(members)
    return units


def load_people(units: dict[str, Unit]) -> dict[str, object]:
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first()
    people = {}
    for spec in DEMO_USERS:
        first_name, last_name = spec.first_last
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{spec.username}@example.invalid",
                "is_staff": any(role == Role.SYSTEM_ADMIN for _, role in spec.roles),
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        for unit_code, role in spec.roles:
            services.membership_grant(actor=admin, user=user, unit=units[unit_code], role=role)
        people[spec.username] = user
    return people


# Seats on the district council from 2020: (username, position, office held).
COUNCIL_SEATS = [
    ("chutich.huyen", CouncilPosition.CHAIR, "Chủ tịch UBND huyện"),
    ("chuyenvien.noivu", CouncilPosition.SECRETARY, "Chuyên viên Phòng Nội vụ"),
    ("uyvien.hoidong", CouncilPosition.MEMBER, "Trưởng phòng Tài chính - Kế hoạch"),
    ("uyvien2.hoidong", CouncilPosition.MEMBER, "Chủ tịch Liên đoàn Lao động huyện"),
    ("uyvien3.hoidong", CouncilPosition.MEMBER, "Chủ tịch Hội Liên hiệp Phụ nữ huyện"),
]
COUNCIL_TERM_FROM = datetime.date(2020, 1, 1)


def load_council(people, units) -> Council:
    council = Council.objects.get(authority__unit=units["ubnd-huyen-ky-anh"])
    for username, position, title in COUNCIL_SEATS:
        user = people[username]
        if not CouncilMember.objects.filter(council=council, user=user).exists():
            council_member_appoint(
                actor=None,
                council=council,
                user=user,
                position=position,
                title=title,
                valid_from=COUNCIL_TERM_FROM,
            )
    return council


def _award(code) -> Award:
    return Award.objects.get(code=code)


def _step(dossier, name, user, perform):
    task = open_step(dossier, name)
    with acting_on(task, user) as activation:
        perform()
        activation.execute()
    dossier.refresh_from_db()


def _new_dossier(people, units, title, nominees) -> Dossier:
    clerk = people["vanthu.tuphap"]
    with transaction.atomic():
        dossier = services.dossier_create(
            actor=clerk,
            authority=AwardingAuthority.objects.get(unit=units["ubnd-huyen-ky-anh"]),
            unit=units["phong-tu-phap"],
            title=f"{title} {DEMO_MARKER}",
            commendation_type=CommendationType.MOVEMENT,
            year=2020,
            nominees=nominees,
        )
        NominationFlow.start.run(dossier=dossier)
    return dossier


def load_sample_dossiers(people, units) -> int:
    if Dossier.objects.filter(title__endswith=DEMO_MARKER).exists():
        return 0
    clerk, head = people["vanthu.tuphap"], people["truongphong.tuphap"]
    officer, chair = people["chuyenvien.noivu"], people["chutich.huyen"]

    def nominee(name, award, summary, kind=RecipientKind.INDIVIDUAL, job=""):
        return NomineeInput(kind, name, _award(award), summary, job)

    title = "Đề nghị khen thưởng thành tích thực hiện Chỉ thị 42-CT/TU"
    stages = [
        "draft",
        "awaiting_head",
        "submitted",
        "awaiting_council",
        "awaiting_decision",
        "closed",
    ]
    considered = []
    for index, stage in enumerate(stages, start=1):
        dossier = _new_dossier(
            people,
            units,
            f"{title} — đợt {index}",
            [
                nominee(
                    "Nguyễn Văn An",
                    "lao-dong-tien-tien",
                    "Hoàn thành tốt nhiệm vụ cải cách hành chính năm 2020.",
                    job="Chuyên viên Phòng Tư pháp",
                ),
                nominee(
                    "Phòng Tư pháp huyện Kỳ Anh",
                    "bang-khen-tinh-tap-the",
                    "Dẫn đầu khối thi đua trong thực hiện cải cách thủ tục hành chính.",
                    kind=RecipientKind.COLLECTIVE,
                ),
            ],
        )
        if stage == "draft":
            # Left half-done: the letter is there, the achievement reports are still missing.
            letter = DocumentKind.SUBMISSION_LETTER
            attachment_upload(
                actor=clerk,
                dossier=dossier,
                kind=letter,
                file=sample_pdf(letter, dossier=dossier),
            )
            continue
        attach_sample_documents(actor=clerk, dossier=dossier)
        _step(
            dossier,
            "prepare",
            clerk,
            lambda d=dossier: services.dossier_send_to_head(actor=clerk, dossier=d),
        )
        if stage == "awaiting_head":
            continue
        _step(
            dossier,
            "head_review",
            head,
            lambda d=dossier: services.dossier_head_approve(actor=head, dossier=d),
        )
        if stage == "submitted":
            continue
        _step(
            dossier,
            "secretariat_check",
            officer,
            lambda d=dossier: services.dossier_accept(actor=officer, dossier=d),
        )
        if stage == "awaiting_council":
            continue
        considered.append((stage, dossier))
    # One council session considers the dossiers that have gone past the council.
    run_session(
        officer=officer,
        council=Council.objects.get(authority=considered[0][1].authority),
        dossiers=[dossier for _stage, dossier in considered],
        held_on=datetime.date(2020, 8, 25),
        title="Phiên họp xét khen thưởng tổng kết Chỉ thị 42-CT/TU",
    )
    for stage, dossier in considered:
        if stage != "closed":
            continue
        first, second = dossier.nominees.order_by("position")
        decisions = {
            first.pk: (DecisionOutcome.AWARDED, ""),
            second.pk: (DecisionOutcome.FORWARDED, ""),
        }
        _step(
            dossier,
            "decide",
            chair,
            lambda d=dossier, o=decisions: services.dossier_decide(
                actor=chair,
                dossier=d,
                outcomes=o,
                signer_title="KT. Chủ tịch – Phó Chủ tịch",
            ),
        )
    return len(stages)


# The paper-era history of Phòng Tư pháp, as a unit would send it: imported, then read by
# the eligibility panel of the 2020 sample dossiers.
HISTORY = [
    ("Nguyễn Văn An", "Lao động tiên tiến", 2017),
    ("Nguyễn Văn An", "Lao động tiên tiến", 2018),
    ("Nguyễn Văn An", "Lao động tiên tiến", 2019),
    ("Nguyễn Văn An", "Chiến sĩ thi đua cơ sở", 2019),
    ("Trần Thị Bình", "Lao động tiên tiến", 2019),
]


def load_history(people, units) -> None:
    """Import the history list once, through the same import a clerk uses, and register the
    unit and its people for the 2020 emulation."""
    justice = units["phong-tu-phap"]
    if ImportBatch.objects.filter(unit=justice, file_name=HISTORY_FILE).exists():
        return
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ và tên", "Danh hiệu", "Năm", "Số quyết định"])
    for number, (name, award, year) in enumerate(HISTORY, start=1):
        sheet.append([number, name, award, year, f"{40 + number}/QĐ-UBND"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    clerk = people["vanthu.tuphap"]
    batch = import_upload(actor=clerk, unit=justice, file_name=HISTORY_FILE, stream=buffer)
    import_apply(actor=clerk, batch=batch)
    EmulationRegistration.objects.get_or_create(unit=justice, year=2020, person=None)
    for person in Person.objects.filter(unit=justice):
        EmulationRegistration.objects.get_or_create(unit=justice, year=2020, person=person)


HISTORY_FILE = "lich-su-khen-thuong-2017-2019.xlsx"


def load_demo() -> dict:
    call_command("load_award_catalogue", verbosity=0)
    call_command("load_public_holidays", "--from", "2019", "--to", "2027", verbosity=0)
    call_command("load_processing_time_limits", verbosity=0)
    with transaction.atomic():
        units = load_organisation()
        call_command("load_seed_program", verbosity=0)
        people = load_people(units)
        load_council(people, units)
        load_history(people, units)
    created = load_sample_dossiers(people, units)
    load_sample_reports(people, units)
    return {"units": len(units), "people": people, "dossiers": created}


# Kỳ Phong's reports on the targets set for each commune, so that the seed's dashboard shows a
# unit that reached what the program asked of it (value, as of).
SAMPLE_REPORTS = {
    "communes-first-half-finish": (20, datetime.date(2020, 6, 26)),
    "new-enterprises-per-commune": (2, datetime.date(2020, 11, 30)),
    "welcome-works-per-commune": (1, datetime.date(2020, 8, 15)),
}


def load_sample_reports(people, units) -> None:
    commune = units["xa-ky-phong"]
    movement = Movement.objects.get(code=seed_program.MOVEMENT.code)
    if ProgressReport.objects.filter(target__task__movement=movement, unit=commune).exists():
        return
    clerk = people["vanthu.kyphong"]
    targets = Target.objects.filter(task__movement=movement, code__in=SAMPLE_REPORTS)
    for target in targets:
        value, as_of = SAMPLE_REPORTS[target.code]
        progress_report(actor=clerk, unit=commune, target=target, value=value, as_of=as_of)
