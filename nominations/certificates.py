"""Certificates (Bằng khen, Giấy khen, titles) printed per awardee from an issued decision.

One A4 landscape page per awardee. On plain paper the page carries the whole certificate (the
motto, the issuer, the award, the name, the grounds, the decision, the place and date, the
signature block); for the pre-printed form (phôi) only what changes from one awardee to the
next is printed, at the same places. Like the decision, the wording is Vietnamese whatever the
reader's language, and comes from nominations.decision_document (issuer, award, signature).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from nominations.decision_document import (
    COUNTRY,
    MOTTO,
    _award_phrase,
    _awardees,
    full_name,
    signature_lines,
)
from nominations.documents.pdf import render_pdf
from nominations.formatting import decree30_date
from nominations.models import AwardKind, RecipientKind

TEMPLATE = "nominations/certificates.html"


@dataclass(frozen=True)
class Certificate:
    issuer: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    verb: str  # "TẶNG GIẤY KHEN", "TẶNG DANH HIỆU"
    award: str  # the award's own words when the verb does not say it
    recipient: str
    detail: str  # position and workplace, or the collective's own words
    grounds: str
    decision_line: str  # "Quyết định số 15/QĐ-UBND ngày 02/9/2020"
    place_date: str
    signature: tuple[str, ...]
    signer_name: str


def certificates_of(decision) -> list[Certificate]:
    with translation.override(settings.LANGUAGE_CODE):
        return _certificates(decision)


def _certificates(decision) -> list[Certificate]:
    authority = decision.authority
    authority_name = full_name(authority.name)
    head_title = authority.head_title or "Chủ tịch"
    issuer = f"{head_title} {authority_name}".upper()
    signature = signature_lines(decision.signer_title, authority_name, head_title)
    place_date = f"{authority.place_name}, {decree30_date(decision.issued_on)}"
    decision_line = f"Quyết định số {decision.reference} ngày {decision.issued_on:%d/%m/%Y}"
    certificates = []
    for nominee in _awardees(decision):
        title = nominee.award.kind == AwardKind.TITLE
        certificates.append(
            Certificate(
                issuer=issuer,
                verb="TẶNG DANH HIỆU" if title else "TẶNG",
                award=nominee.award.name if title else _award_phrase(nominee.award).upper(),
                recipient=nominee.full_name,
                detail=nominee.job_title
                or (
                    decision.dossier.unit.name
                    if nominee.recipient_kind == RecipientKind.INDIVIDUAL
                    else ""
                ),
                grounds=(
                    "Đã có thành tích xuất sắc trong phong trào thi đua năm "
                    f"{decision.dossier.year}"
                    if nominee.recipient_kind == RecipientKind.COLLECTIVE
                    else "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm "
                    f"{decision.dossier.year}"
                ),
                decision_line=decision_line,
                place_date=place_date,
                signature=signature,
                signer_name=decision.signer_name,
            )
        )
    return certificates


def render_certificates_pdf(decision, *, preprinted: bool = False) -> bytes:
    context = {
        "certificates": certificates_of(decision),
        "country": COUNTRY,
        "motto": MOTTO,
        "preprinted": preprinted,
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(TEMPLATE, context)
