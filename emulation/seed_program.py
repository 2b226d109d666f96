"""The seed program as data: UBND huyện Kỳ Anh's 2020 action program implementing Directive
42-CT/TU of 28/02/2020 (/work/shared/seed/000_a0a392abb2952ab7.txt).

Written to be read side by side with the text. `emulation.seed_loader.load_seed_program()`
loads it (idempotent); tests/emulation/test_seed_program.py checks every figure against the
seed and that each target's `source_text` occurs in it, word for word.

Reading conventions (how the text was turned into rows):

- Units are named by their codes in the demo organisation (workflows.demo); the few the text
  names that the demo lacks are listed in EXTRA_UNITS and added under the district.
- DEPARTMENTS and COMMUNES stand for the text's generic "các phòng ban, ngành (liên quan)"
  and "(UBND) các xã": the loader expands them to every district department and every commune
  of the demo. A task's lead units never appear again among its coordinating units.
- Lead units are the ones the text says "chủ trì" (or, where it names no "chủ trì", the units
  it tasks by name). Where it names no unit at all (tasks 4, 11, 12), the lead is every
  department and commune, as section III.1 assigns the whole program to them.
- Task titles are the text's, with the PDF's extraction artefacts repaired ("ƣ" → "ư",
  words run together, "Đối mới" → "Đổi mới"); `source_text` keeps the text exactly as written.
- Scope: WHOLE = one figure for the area or the group named in `scope_units` taken together
  (e.g. "UBMTTQ và các tổ chức đoàn thể có ít nhất 05 công trình"); EACH_UNIT = every unit
  of `scope_units` must reach it; NAMED_UNITS = every commune the text names must reach it.
- Deadlines only where the text gives one ("06 tháng đầu năm 2020" → 30/06/2020, "cuối năm
  2020" → 31/12/2020, "trước ngày 30/11/2020" → 30/11/2020).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from emulation.models import Direction, Measure, MilestoneKind, TargetScope
from nominations.models import UnitKind
from nominations.text import search_key

# Placeholders the loader expands (see the module's docstring).
DEPARTMENTS = "@departments"
COMMUNES = "@communes"

DISTRICT = "ubnd-huyen-ky-anh"


def commune(name: str) -> str:
    """The demo's code of a commune named in the text: "Kỳ Thượng" -> "xa-ky-thuong"."""
    return "xa-" + search_key(name).replace(" ", "-")


# Units the text names that the demo organisation does not have; added under the district.
UBMTTQ = "ubmttq-huyen"
MASS_ORGANISATIONS = (  # "các tổ chức đoàn thể", "các tổ chức thành viên" of the Front
    "lien-doan-lao-dong-huyen",
    "hoi-phu-nu-huyen",
    "huyen-doan",
    "hoi-nong-dan-huyen",
    "hoi-cuu-chien-binh-huyen",
)
PARTY_AGENCIES = ("van-phong-huyen-uy", "ban-dan-van-huyen-uy")  # "cơ quan tham mưu ... Huyện ủy"
FRONT_AND_MASS = (UBMTTQ, *MASS_ORGANISATIONS)

EXTRA_UNITS = [
    (UBMTTQ, "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("lien-doan-lao-dong-huyen", "Liên đoàn Lao động huyện Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("hoi-phu-nu-huyen", "Hội Liên hiệp Phụ nữ huyện Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("huyen-doan", "Huyện đoàn Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("hoi-nong-dan-huyen", "Hội Nông dân huyện Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("hoi-cuu-chien-binh-huyen", "Hội Cựu chiến binh huyện Kỳ Anh", UnitKind.MASS_ORGANISATION),
    ("van-phong-huyen-uy", "Văn phòng Huyện ủy Kỳ Anh", UnitKind.AGENCY),
    ("ban-dan-van-huyen-uy", "Ban Dân vận Huyện ủy Kỳ Anh", UnitKind.AGENCY),
]

SECURITY_FORCES = ("ban-chi-huy-quan-su", "cong-an-huyen", "don-bien-phong-ky-khang")


@dataclass(frozen=True)
class SeedMovement:
    code: str
    title: str
    legal_basis: str
    purpose: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class SeedMilestone:
    kind: str
    title: str
    due_on: date


@dataclass(frozen=True)
class SeedTarget:
    code: str
    description: str
    measure: str
    unit_label: str
    direction: str
    value: Decimal
    source_text: str
    scope: str = TargetScope.WHOLE
    scope_units: tuple[str, ...] = ()
    deadline: date | None = None


@dataclass(frozen=True)
class SeedTask:
    number: int
    title: str
    description: str
    leads: tuple[str, ...]
    coordinating: tuple[str, ...] = ()
    targets: tuple[SeedTarget, ...] = field(default_factory=tuple)


MOVEMENT = SeedMovement(
    code="ky-anh-2020-ct42",
    title=(
        "Chương trình hành động thực hiện Chỉ thị số 42-CT/TU ngày 28/02/2020 của Ban Thường vụ "
        "Tỉnh ủy về tổ chức phong trào thi đua lập thành tích chào mừng Đại hội Đảng các cấp, "
        "Đại hội Đảng bộ tỉnh lần thứ XIX, tiến tới Đại hội lần thứ XIII của Đảng"
    ),
    legal_basis="Chỉ thị số 42-CT/TU ngày 28/02/2020 của Ban Thường vụ Tỉnh ủy",
    purpose=(
        "1. Đẩy mạnh phong trào thi đua yêu nước trong các cấp, các ngành và các tầng lớp nhân "
        "dân, thực hiện thắng lợi toàn diện các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
        "mà Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV đã đề ra; lập thành tích chào mừng Đại "
        "hội Đảng các cấp, tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n"
        "2. Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc, những "
        "điển hình tiên tiến, mô hình mới.\n"
        "3. Các cơ quan, đơn vị, các xã kịp thời ban hành kế hoạch triển khai thực hiện có hiệu "
        "quả Chỉ thị số 42-CT/TU."
    ),
    # The text is undated; it follows the Directive of 28/02/2020 and sets targets to the end
    # of 2020 ("cuối năm 2020", "trước ngày 30/11/2020").
    starts_on=date(2020, 3, 1),
    ends_on=date(2020, 12, 31),
)

MILESTONES = [  # section III.1
    SeedMilestone(
        MilestoneKind.PLANS_DUE,
        "Các phòng, ban, đơn vị, UBND các xã hoàn thành kế hoạch triển khai thực hiện",
        date(2020, 3, 25),
    ),
    SeedMilestone(
        MilestoneKind.INTERIM_REVIEW,
        "Sơ kết đợt thi đua (kỷ niệm 130 năm ngày sinh Chủ tịch Hồ Chí Minh)",
        date(2020, 5, 19),
    ),
    SeedMilestone(
        MilestoneKind.FINAL_REVIEW,
        "Tổng kết, tuyên dương khen thưởng (kỷ niệm Ngày Quốc khánh 02/9/2020)",
        date(2020, 9, 2),
    ),
]

END_OF_2020 = date(2020, 12, 31)
FIRST_HALF_2020 = date(2020, 6, 30)

COUNT, KM, PERCENT, CRITERIA = Measure.COUNT, Measure.KILOMETRES, Measure.PERCENT, Measure.CRITERIA
AT_LEAST, MORE_THAN, LESS_THAN = Direction.AT_LEAST, Direction.MORE_THAN, Direction.LESS_THAN
EACH_UNIT, NAMED_UNITS = TargetScope.EACH_UNIT, TargetScope.NAMED_UNITS

# The table layout is kept by hand: one target's figures on one line.
# fmt: off
TASKS = [
    SeedTask(
        1,
        "Đẩy mạnh thực hiện Phong trào thi đua “Cả huyện chung sức xây dựng nông thôn mới, "
        "đô thị văn minh”",
        "Xây dựng nông thôn mới, giảm nghèo bền vững; Chương trình OCOP; khu dân cư nông thôn "
        "mới kiểu mẫu, vườn mẫu; giao thông nông thôn, thủy lợi nội đồng; các xã hoàn thành "
        "tiêu chí nông thôn mới theo lộ trình.",
        leads=("van-phong-ntm",),
        # "chủ trì, phối hợp với các phòng ban, ngành, ... giám sát các xã triển khai"
        coordinating=(DEPARTMENTS, COMMUNES),
        targets=(
            SeedTarget(
                "ocop-products",
                "Sản phẩm đạt tiêu chuẩn OCOP toàn huyện",
                COUNT, "sản phẩm", MORE_THAN, Decimal("5"),
                "phấn đấu toàn huyện có trên 05 sản phẩm đạt tiêu chuẩn OCOP",
            ),
            SeedTarget(
                "model-residential-areas",
                "Khu dân cư nông thôn mới kiểu mẫu đạt chuẩn thêm",
                COUNT, "khu dân cư", AT_LEAST, Decimal("25"),
                "phấn đấu có thêm 25 khu dân cư kiểu mẫu",
            ),
            SeedTarget(
                "model-gardens",
                "Vườn mẫu đạt chuẩn thêm",
                COUNT, "vườn", AT_LEAST, Decimal("130"),
                "130 vườn mẫu đạt chuẩn",
            ),
            SeedTarget(
                "model-residential-areas-first-half",
                "Khu dân cư kiểu mẫu hoàn thành trong 6 tháng đầu năm 2020",
                COUNT, "khu dân cư", AT_LEAST, Decimal("10"),
                "Trong đó có 10 khu dân cư hoàn thành 06 tháng đầu năm 2020",
                deadline=FIRST_HALF_2020,
            ),
            SeedTarget(
                "rural-roads",
                "Đường giao thông nông thôn hoàn thành",
                KM, "km", AT_LEAST, Decimal("41.2"),
                "hoàn thành 41.2km đường giao thông nông thôn",
            ),
            SeedTarget(
                "field-canals",
                "Kênh mương nội đồng hoàn thành",
                KM, "km", AT_LEAST, Decimal("12.8"),
                "12.8km kênh mương nội đồng",
            ),
            SeedTarget(
                "drains",
                "Rãnh thoát nước hoàn thành",
                KM, "km", AT_LEAST, Decimal("31.1"),
                "31.1km rãnh thoát nước",
            ),
            SeedTarget(
                "new-rural-communes",
                "Xã đạt chuẩn nông thôn mới thêm",
                COUNT, "xã", AT_LEAST, Decimal("5"),
                "có thêm ít nhất 05 xã đạt chuẩn nông thôn mới",
            ),
            SeedTarget(
                "advanced-new-rural-communes",
                "Xã đạt chuẩn nông thôn mới nâng cao thêm",
                COUNT, "xã", AT_LEAST, Decimal("2"),
                "02 xã đạt chuẩn nông thôn mới nâng cao",
            ),
            SeedTarget(
                # "về đích" = meet the new-rural standard in full; the set counts 20 criteria
                # (the same sentence: "hoàn thành 20/20 tiêu chí").
                "communes-first-half-finish",
                "Xã Kỳ Phong, Kỳ Văn, Kỳ Khang về đích nông thôn mới (20/20 tiêu chí) trong 6 "
                "tháng đầu năm 2020",
                CRITERIA, "tiêu chí", AT_LEAST, Decimal("20"),
                "xã Kỳ Phong, Kỳ Văn, Kỳ Khang về đích 06 tháng đầu năm",
                scope=NAMED_UNITS,
                scope_units=(commune("Kỳ Phong"), commune("Kỳ Văn"), commune("Kỳ Khang")),
                deadline=FIRST_HALF_2020,
            ),
            SeedTarget(
                "communes-20-criteria",
                "Xã Kỳ Thượng, Lâm Hợp hoàn thành 20/20 tiêu chí nông thôn mới",
                CRITERIA, "tiêu chí", AT_LEAST, Decimal("20"),
                "Kỳ Thượng, Lâm Hợp hoàn thành 20/20 tiêu chí trước ngày 30/11/2020",
                scope=NAMED_UNITS,
                scope_units=(commune("Kỳ Thượng"), commune("Lâm Hợp")),
                deadline=date(2020, 11, 30),
            ),
            SeedTarget(
                "communes-18-criteria",
                "Xã Kỳ Lạc, Kỳ Tây đạt tối thiểu 18/20 tiêu chí nông thôn mới",
                CRITERIA, "tiêu chí", AT_LEAST, Decimal("18"),
                "các xã Kỳ Lạc, Kỳ Tây đạt tối thiểu 18/20 tiêu chí",
                scope=NAMED_UNITS,
                scope_units=(commune("Kỳ Lạc"), commune("Kỳ Tây")),
            ),
        ),
    ),
    SeedTask(
        2,
        "Nâng cao chất lượng chăm sóc sức khỏe Nhân dân, phòng chống dịch bệnh",
        "Tổng dọn vệ sinh môi trường ngày thứ bảy hàng tuần; phòng, chống dịch cho người, cây "
        "trồng, vật nuôi, đặc biệt dịch Covid-19; an toàn thực phẩm; tuyên truyền phòng dịch.",
        # Phòng Y tế "chủ trì" for people's health; Phòng Nông nghiệp "chủ trì" for crops and
        # livestock.
        leads=("phong-y-te", "phong-nong-nghiep"),
        coordinating=("phong-van-hoa", "trung-tam-van-hoa", DEPARTMENTS, COMMUNES),
    ),
    SeedTask(
        3,
        "Thi đua thực hiện nhiệm vụ đột phá về cải cách hành chính",
        "Cải cách thủ tục hành chính, hiện đại hóa nền hành chính, kỷ luật, kỷ cương; dịch vụ "
        "công trực tuyến mức độ 3, 4 và bưu chính công ích; nâng thứ hạng chỉ số Par-Index; "
        "văn hóa công sở. Ủy ban MTTQ huyện và các tổ chức thành viên giám sát, phản biện.",
        leads=("phong-noi-vu",),
        coordinating=(
            "phong-tu-phap",
            "phong-van-hoa",
            "phong-kinh-te-ha-tang",
            "phong-tai-chinh",
            "van-phong-hdnd-ubnd",
            "trung-tam-van-hoa",
        ),
    ),
    SeedTask(
        4,
        "Đẩy mạnh thực hiện phong trào “Doanh nghiệp Kỳ Anh hội nhập và phát triển”",
        "Đồng hành cùng doanh nghiệp, cải thiện môi trường kinh doanh, hỗ trợ pháp lý, xây dựng "
        "thương hiệu; xúc tiến đầu tư, thu hút kinh tế tư nhân.",
        # "Các phòng ban, ngành, UBND các xã": the text names no "chủ trì".
        leads=(DEPARTMENTS, COMMUNES),
        targets=(
            SeedTarget(
                "new-enterprises-per-commune",
                "Doanh nghiệp thành lập mới trong năm ở mỗi xã (một đến hai)",
                COUNT, "doanh nghiệp", AT_LEAST, Decimal("1"),
                "mỗi năm mỗi xã thành lập mới một đến hai doanh nghiệp",
                scope=EACH_UNIT,
                scope_units=(COMMUNES,),
            ),
        ),
    ),
    SeedTask(
        5,
        "Triển khai thực hiện các dự án trọng điểm",
        "Đền bù, giải phóng mặt bằng các dự án (cấp nước Khu kinh tế Vũng Áng, khu tái định cư "
        "ở xã Kỳ Tân, đường ven biển); giải quyết dứt điểm vụ việc tồn đọng; công trình chào "
        "mừng Đại hội Đảng các cấp; khởi công dự án trọng điểm cấp huyện; hoàn thành trung tâm "
        "hành chính huyện và đường trục chính đô thị Kỳ Đồng.",
        leads=("phong-kinh-te-ha-tang",),
        # "phối hợp với các phòng ban, đơn vị, UBND các xã"; the Front and the mass
        # organisations carry a target of their own (công trình chào mừng).
        coordinating=(DEPARTMENTS, COMMUNES, *FRONT_AND_MASS),
        targets=(
            SeedTarget(
                "welcome-works-per-commune",
                "Công trình chào mừng Đại hội Đảng các cấp gắn biển ở mỗi xã",
                COUNT, "công trình", AT_LEAST, Decimal("1"),
                "Phấn đấu mỗixã gắn biển ít nhất 01 công trình",
                scope=EACH_UNIT,
                scope_units=(COMMUNES,),
            ),
            SeedTarget(
                "welcome-works-front-mass",
                "Công trình, mô hình chào mừng của UBMTTQ và các tổ chức đoàn thể",
                COUNT, "công trình, mô hình", AT_LEAST, Decimal("5"),
                "UBMTTQ và các tổ chức đoàn thể có ít nhất 05 công trình, mô hình",
                scope_units=FRONT_AND_MASS,
            ),
            SeedTarget(
                "welcome-works-education",
                "Công trình, mô hình chào mừng của lĩnh vực giáo dục & đào tạo",
                COUNT, "công trình, mô hình", AT_LEAST, Decimal("55"),
                "Lĩnh vực giáo dục & đào tạo có ít nhất 55 công trình, mô hình",
                scope_units=("phong-giao-duc",),
            ),
            SeedTarget(
                "welcome-works-security-defence",
                "Công trình, mô hình chào mừng của lĩnh vực an ninh - quốc phòng",
                COUNT, "công trình, mô hình", AT_LEAST, Decimal("4"),
                "Lĩnh vực an ninh - quốc phòng có ít nhất 04 công trình, mô hình",
                scope_units=SECURITY_FORCES,
            ),
            SeedTarget(
                "welcome-works-health",
                "Công trình, mô hình chào mừng của lĩnh vực y tế",
                COUNT, "công trình, mô hình", AT_LEAST, Decimal("4"),
                "Lĩnh vực y tế có ít nhất 04 công trình, mô hình",
                scope_units=("phong-y-te",),
            ),
            SeedTarget(
                "key-projects-started",
                "Dự án trọng điểm quy mô cấp huyện được khởi công (02 - 03 dự án)",
                COUNT, "dự án", AT_LEAST, Decimal("2"),
                "khởi công 02 - 03dự án trọng điểm quy mô cấp huyện",
            ),
            SeedTarget(
                # Two works named, one date: counted as 2 works completed by 30/06/2020.
                "admin-centre-and-main-road",
                "Hoàn thành trung tâm hành chính huyện và đường trục chính đô thị Kỳ Đồng",
                COUNT, "công trình", AT_LEAST, Decimal("2"),
                "hoàn thành trung tâm hành chính huyện;đường trục chính đô thị Kỳ Đồng trong "
                "tháng 06 năm 2020",
                deadline=FIRST_HALF_2020,
            ),
        ),
    ),
    SeedTask(
        6,
        "Tiếp tục thực hiện tốt các phong trào thi đua: “Toàn dân bảo vệ an ninh Tổ quốc”, "
        "“Vì an ninh Tổ quốc” và phong trào “Thi đua quyết thắng”",
        "Bảo đảm an ninh trật tự, an toàn tuyệt đối cho đại hội Đảng các cấp; đấu tranh với "
        "các loại tội phạm; Công an chính quy đảm nhiệm chức danh Công an xã; trực sẵn sàng "
        "chiến đấu, huấn luyện và diễn tập năm 2020.",
        leads=SECURITY_FORCES,
        coordinating=(COMMUNES,),
    ),
    SeedTask(
        7,
        "Thực hiện công tác thi đua trong Giáo dục & Đào tạo, dạy nghề; giảm nghèo bền vững, "
        "đảm bảo an sinh xã hội",
        "Phong trào “Dạy tốt”, “Học tốt”, trường học xanh, sạch, đẹp, an toàn; chương trình "
        "giáo dục phổ thông mới lớp 1 năm học 2020-2021; chế độ người có công; phong trào "
        "“Toàn huyện chung tay vì người nghèo - không để ai bị bỏ lại phía sau”; nhà ở hộ "
        "chính sách, hộ nghèo; giảm tỷ lệ hộ nghèo.",
        leads=("phong-giao-duc", "phong-lao-dong"),
        coordinating=(DEPARTMENTS, COMMUNES),
        targets=(
            SeedTarget(
                "policy-poor-housing",
                "Nhà ở của hộ chính sách, hộ nghèo đạt tiêu chí nông thôn mới",
                PERCENT, "%", AT_LEAST, Decimal("100"),
                "cuối năm 2020 100% nhà ở cho hộ chính sách, hộ nghèo đạt tiêu chí nông thôn mới",
                deadline=END_OF_2020,
            ),
            SeedTarget(
                "poverty-rate",
                "Tỷ lệ hộ nghèo toàn huyện",
                PERCENT, "%", LESS_THAN, Decimal("4.5"),
                "tỷ lệ hộ nghèo toàn huyện giảm còn dưới 4.5%",
                deadline=END_OF_2020,
            ),
        ),
    ),
    SeedTask(
        8,
        "Về phát triển văn hóa, khơi dậy ý chí, khát vọng đổi mới sáng tạo của người Kỳ Anh",
        "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, nếp sống văn minh trong việc "
        "cưới, việc tang, lễ hội; bảo tồn di sản; đăng ký, xét công nhận danh hiệu văn hóa.",
        leads=("phong-van-hoa",),
        coordinating=("trung-tam-van-hoa", DEPARTMENTS, COMMUNES),
        targets=(
            SeedTarget(
                "cultural-families",
                "Tỷ lệ gia đình văn hóa",
                PERCENT, "%", MORE_THAN, Decimal("89"),
                "đến cuối năm 2020 đạt trên 89% gia đình văn hóa",
                deadline=END_OF_2020,
            ),
            SeedTarget(
                "cultural-villages",
                "Tỷ lệ thôn văn hóa",
                PERCENT, "%", MORE_THAN, Decimal("97"),
                "trên 97% thôn văn hóa",
                deadline=END_OF_2020,
            ),
            SeedTarget(
                "cultural-agencies",
                "Tỷ lệ cơ quan, đơn vị văn hóa",
                PERCENT, "%", MORE_THAN, Decimal("50"),
                "trên 50% cơ quan, đơn vị văn hóa",
                deadline=END_OF_2020,
            ),
        ),
    ),
    SeedTask(
        9,
        "Công tác thông tin, tuyên truyền",
        "Tuyên truyền về Đại hội Đảng các cấp, các phong trào thi đua, điển hình tiên tiến; "
        "đấu tranh phản bác quan điểm sai trái; phòng, chống dịch viêm phổi cấp do virus Corona.",
        leads=("phong-van-hoa", "trung-tam-van-hoa"),
        coordinating=(COMMUNES,),
    ),
    SeedTask(
        10,
        "Thực hiện Nghị quyết Trung ương 6 khóa XII",
        "Sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả; công tác nhân sự đại hội; đề án "
        "sắp xếp các cơ quan, đơn vị, trọng tâm là đơn vị sự nghiệp công lập.",
        leads=("phong-noi-vu",),
        coordinating=(DEPARTMENTS, COMMUNES),
    ),
    SeedTask(
        11,
        "Tiếp tục đẩy mạnh phong trào thi đua học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh",
        "Chuyên đề năm 2020 và Chủ đề của tỉnh; trách nhiệm nêu gương của cán bộ, đảng viên, "
        "trước hết là người đứng đầu (Quy định 08-QĐ/TW, 890-QĐ/TU).",
        leads=(DEPARTMENTS, COMMUNES),
    ),
    SeedTask(
        12,
        "Công tác kiểm tra, giám sát, giải quyết khiếu nại, tố cáo",
        "Hoàn thành kế hoạch thanh tra năm 2020; phòng, chống tham nhũng, lãng phí; tiếp công "
        "dân, giải quyết dứt điểm khiếu nại, tố cáo trước Đại hội Đảng các cấp.",
        leads=(DEPARTMENTS, COMMUNES),
    ),
    SeedTask(
        13,
        "Đổi mới nâng cao chất lượng khen thưởng",
        "Phát động phong trào thi đua thiết thực; vai trò Hội đồng Thi đua - Khen thưởng các "
        "cấp; phát hiện, tôn vinh điển hình tiên tiến tại Đại hội thi đua yêu nước toàn huyện. "
        "Phòng Nội vụ (Cơ quan Thường trực Hội đồng) hướng dẫn khen thưởng, theo dõi, tổng hợp "
        "(mục III.2); các cơ quan tham mưu Huyện ủy, Ủy ban MTTQ và các đoàn thể tổ chức Hội "
        "thi “Dân vận khéo năm 2020” (mục III.3).",
        leads=("phong-noi-vu",),
        coordinating=(DEPARTMENTS, COMMUNES, *PARTY_AGENCIES, *FRONT_AND_MASS),
        targets=(
            SeedTarget(
                "dan-van-kheo-contest",
                "Tổ chức Hội thi “Dân vận khéo năm 2020” chào mừng đại hội Đảng các cấp",
                COUNT, "hội thi", AT_LEAST, Decimal("1"),
                "tổ chức tốt Hội thi “Dân vận khéo năm 2020” chào mừng đại hội Đảng các cấp, "
                "hoàn thành trước ngày 31/7/2020",
                scope_units=(*PARTY_AGENCIES, *FRONT_AND_MASS),
                deadline=date(2020, 7, 31),
            ),
        ),
    ),
]
# fmt: on
