"""An award decision of 1,000 awardees rendered as PDF and as DOCX.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.decision [--awardees 1000] [--repeat 1] [--reuse]

Goals: `render_decision_pdf` ≤ 10 s, `render_decision_docx` ≤ 5 s.

Its own database (thidua_bench_decision), with the real award catalogue and base salaries
(`load_award_catalogue`). The data are written directly with `bulk_create`, not through the
drafting → council → decide chain (the chain is not what is measured): a district people's
committee under a province, its secretariat, one proposing unit, a closed dossier of 2020 and a
published decision dated 02/9/2020 with `--awardees` nominees (in order: seven in ten Lao động
tiên tiến, two in ten Chiến sĩ thi đua cơ sở, one in ten Tập thể lao động tiên tiến). Each
render is timed `--repeat` times (min and p50 printed); rendering reads the database as the
download views do, from `selectors.published_decision`.
"""

import argparse
import statistics
import time
from datetime import UTC, date, datetime

from bench.common import setup_django

PDF_GOAL_S = 10.0
DOCX_GOAL_S = 5.0
MIX = (
    ("lao-dong-tien-tien",) * 7 + ("chien-si-thi-dua-co-so",) * 2 + ("tap-the-lao-dong-tien-tien",)
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awardees", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="timed renders of each format")
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    return parser.parse_args()


def generate(awardees: int):
    from django.db import transaction

    from nominations.models import (
        AuthorityLevel,
        Award,
        AwardingAuthority,
        CommendationType,
        Decision,
        DecisionOutcome,
        Dossier,
        DossierStatus,
        Nominee,
        Unit,
        UnitKind,
    )
    from nominations.text import search_key

    existing = Decision.objects.filter(dossier__title="bench: quyết định 1.000 người").first()
    if existing is not None and existing.awardees.count() == awardees:
        print(f"data: reused (decision {existing.reference}, {awardees} awardees)")
        return existing
    started = time.perf_counter()
    with transaction.atomic():
        province_unit = Unit.objects.create(
            code="bench-d-tinh", name="UBND tỉnh Hà Tĩnh", kind=UnitKind.PROVINCE
        )
        province = AwardingAuthority.objects.create(
            unit=province_unit,
            name=province_unit.name,
            level=AuthorityLevel.PROVINCE,
            secretariat_unit=Unit.objects.create(
                code="bench-d-ban", name="Ban Thi đua - Khen thưởng tỉnh", parent=province_unit
            ),
            place_name="Hà Tĩnh",
        )
        district_unit = Unit.objects.create(
            code="bench-d-huyen", name="UBND huyện Kỳ Anh", kind=UnitKind.DISTRICT,
            parent=province_unit,
        )  # fmt: skip
        district = AwardingAuthority.objects.create(
            unit=district_unit,
            name=district_unit.name,
            level=AuthorityLevel.DISTRICT,
            parent=province,
            secretariat_unit=Unit.objects.create(
                code="bench-d-noi-vu", name="Phòng Nội vụ", parent=district_unit
            ),
            place_name="Kỳ Anh",
        )
        proposer = Unit.objects.create(
            code="bench-d-giao-duc", name="Phòng Giáo dục và Đào tạo", parent=district_unit
        )
        dossier = Dossier.objects.create(
            authority=district,
            unit=proposer,
            title="bench: quyết định 1.000 người",
            commendation_type=CommendationType.REGULAR,
            year=2020,
            status=DossierStatus.CLOSED,
        )
        decision = Decision.objects.create(
            authority=district,
            year=2020,
            number=15,
            issued_on=date(2020, 9, 2),
            subject="Về việc khen thưởng tập thể, cá nhân (Tổng kết năm học 2019-2020)",
            signer_name="Nguyễn Văn Bình",
            signer_title="Chủ tịch",
            dossier=dossier,
            published_at=datetime(2020, 9, 2, 8, tzinfo=UTC),
        )
        awards = {award.code: award for award in Award.objects.filter(code__in=set(MIX))}
        rows = []
        for i in range(awardees):
            award = awards[MIX[i % len(MIX)]]
            if award.recipient_kind == "collective":
                name, job = f"Tổ chuyên môn Toán - Tin, Trường THCS Kỳ Thử {i:04d}", ""
            else:
                name = f"Nguyễn Thị Thử Nghiệm {i:04d}"
                job = f"Giáo viên, Trường Tiểu học Kỳ Thử {i % 40:02d}"
            rows.append(
                Nominee(
                    dossier=dossier,
                    position=i + 1,
                    recipient_kind=award.recipient_kind,
                    full_name=name,
                    job_title=job,
                    award=award,
                    achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm học.",
                    council_outcome="agreed",
                    decision_outcome=DecisionOutcome.AWARDED,
                    decision=decision,
                    search_name=search_key(name),
                )
            )
        Nominee.objects.bulk_create(rows, batch_size=5000)
    print(f"data: generated in {time.perf_counter() - started:.1f} s ({awardees} awardees)")
    return decision


def timed(render, decision_pk, repeat: int) -> tuple[list[float], bytes]:
    from nominations import selectors

    seconds, content = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        decision = selectors.published_decision(decision_pk)
        content = render(decision)
        seconds.append(time.perf_counter() - start)
    return seconds, content


def report(label: str, seconds: list[float], goal: float, size: str) -> None:
    p50 = statistics.median(seconds)
    verdict = "met" if p50 <= goal else "NOT met"
    print(
        f"  {label}: p50 {p50:.2f} s, min {min(seconds):.2f} s over {len(seconds)} "
        f"(goal ≤ {goal:.0f} s: {verdict}); {size}"
    )


def main() -> None:
    args = parse_args()
    setup_django(reuse=args.reuse, suffix="_decision")
    import io

    import docx
    from pypdf import PdfReader

    from nominations.decision_document import render_decision_docx, render_decision_pdf

    decision = generate(args.awardees)
    print(f"decision {decision.reference} with {args.awardees} awardees:")
    seconds, pdf = timed(render_decision_pdf, decision.pk, args.repeat)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    report("PDF ", seconds, PDF_GOAL_S, f"{pages} pages, {len(pdf) / 1024:.0f} KiB")
    seconds, content = timed(render_decision_docx, decision.pk, args.repeat)
    rows = len(docx.Document(io.BytesIO(content)).tables[-1].rows)
    report("DOCX", seconds, DOCX_GOAL_S, f"annex of {rows} rows, {len(content) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
