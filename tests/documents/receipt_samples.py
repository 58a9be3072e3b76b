"""Receipts as plain data, the way services.till.receipts hands them to documents.receipt."""

from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from medspa_desk.domain.policy_text import POLICY_VERSION, PolicySection, policy_section
from medspa_desk.services.till.day_close import ClosedBy, DayTotals, ProviderTotal, VoidedOnDay
from medspa_desk.services.till.receipts import (
    ReceiptAmount,
    ReceiptData,
    ReceiptLine,
    ReceiptTender,
)

ZONE = ZoneInfo("America/Denver")
POLICY_SENTENCES = (
    "We do not offer refunds on any services rendered.",
    "Defective products may be exchanged within 14 days for the same product only.",
    "No refund on Gift Certificates/Card purchases.",
)


def sample_receipt(**changes) -> ReceiptData:
    data = ReceiptData(
        sale_id=7,
        receipt_number=1042,
        clinic_name="406MedicalSpa",
        address_line="13115 US Hwy 2 W",
        city_line="Kalispell MT 59901",
        phone="406-287-6565",
        email="hello@406medicalspa.com",
        sold_at=datetime(2026, 11, 25, 10, 12, tzinfo=ZONE),
        staff_name="José Núñez",
        client_name="Nguyễn Thị Hoa",
        lines=(
            ReceiptLine(
                "Neurotoxin, one area",
                1,
                35_000,
                3_500,
                "Loyalty 10%",
                0,
                31_500,
                "With Ava Thompson",
            ),
            ReceiptLine(
                "Regenerating Skin Nectar with TriHex Technology, 29.6 ml, for sensitive and post-procedure skin",
                2,
                22_000,
                0,
                "",
                0,
                44_000,
                "",
            ),
            ReceiptLine("Gift card $50.00", 1, 5_000, 0, "", 0, 5_000, "Code ABCD-EFGH-JKMN-PQRS"),
        ),
        subtotal_cents=84_000,
        discount_cents=3_500,
        tax_cents=0,
        tips=(ReceiptAmount("Tip for Ava Thompson", 6_300),),
        tip_cents=6_300,
        total_cents=86_800,
        tenders=(
            ReceiptTender("Deposit", "Paid Oct 26", 10_000),
            ReceiptTender("Visa ending 4242", "Approval A1B2C3", 70_000),
            ReceiptTender("Cash", "Given $100.00", 6_800),
        ),
        change_cents=3_200,
        balances=(
            ReceiptAmount("Gift card ending PQRS left", 5_000),
            ReceiptAmount("Account credit left", 2_000),
        ),
        exchanges=(),
        refund_policy=policy_section(PolicySection.REFUND),
        refund_policy_version=POLICY_VERSION,
        refund_policy_label="Policies of November 25, 2026",
        voided=False,
        void_reason="",
        reprint=False,
    )
    return replace(data, **changes)


def sample_totals(closed: bool = True) -> DayTotals:
    return DayTotals(
        business_day=date(2026, 11, 25),
        clinic_name="406MedicalSpa",
        sales=14,
        by_tender={"card": 412_300, "cash": 23_400, "gift_card": 10_000, "deposit": 20_000},
        by_category={"service": 398_000, "retail": 52_700, "fee": 7_500, "gift_card": 5_000},
        discount_cents=12_000,
        tax_cents=0,
        tip_cents=2_500,
        total_cents=465_700,
        by_provider=(
            ProviderTotal(1, "Ava Thompson", 250_000, 2_000),
            ProviderTotal(2, "Nguyễn Thị Hoa", 148_000, 500),
        ),
        fees_collected=1,
        fees_collected_cents=7_500,
        voids=(VoidedOnDay(1043, 18_200, "Amber Holt", "Rang up twice"),),
        taken_at_booking={"cash": 4_000, "card": 19_900},
        expected_cash_cents=27_400,
        closed=(
            ClosedBy(
                datetime.combine(date(2026, 11, 25), time(19, 5), tzinfo=ZONE),
                "Amber Holt",
                27_400,
                26_900,
                "Count twice",
            )
            if closed
            else None
        ),
    )
