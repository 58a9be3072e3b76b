"""The fixed part of the demo clinic: its people, its service menu and its shelf.

Plain data, no database: the generator turns it into rows. Prices are integer cents, close to
what a Montana med spa charged in 2025. The clients are in demo/client_pool.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from medspa_desk.domain.opening_hours import DayHours

# Categories of the service menu; a provider performs whole categories.
NEUROTOXIN = "Neurotoxin"
DERMAL_FILLER = "Dermal filler"
FACIAL = "Facial"
SKIN_TREATMENT = "Skin treatment"
LASER = "Laser"
MASSAGE = "Massage"
CONSULTATION = "Consultation"

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(6)


@dataclass(frozen=True)
class ProviderProfile:
    display_name: str
    role: str
    colour: str
    categories: tuple[str, ...]
    weekdays: tuple[int, ...]  # date.weekday() numbers of the days they work
    # Their hours on each of those days, wall clock; two spans are a split shift.
    shifts: tuple[tuple[time, time], ...]


@dataclass(frozen=True)
class DeskProfile:
    display_name: str
    role: str
    is_manager: bool


@dataclass(frozen=True)
class MenuItem:
    name: str
    category: str
    duration_minutes: int
    price_cents: int
    popularity: int  # relative weight when a provider's day is filled


@dataclass(frozen=True)
class ShelfItem:
    sku: str
    name: str
    brand: str
    price_cents: int
    stock_quantity: int


_INJECTABLES = (NEUROTOXIN, DERMAL_FILLER, CONSULTATION)
_SKIN_CARE = (FACIAL, SKIN_TREATMENT)

# The clinic's opening hours: Monday to Saturday, 8 to 7; closed on Sundays.
OPENING_HOURS = {weekday: DayHours(time(8), time(19)) for weekday in range(SATURDAY + 1)}
# (month, day) -> why the whole clinic is closed that day, every year.
HOLIDAYS = {(12, 25): "Christmas Day"}
# A week's vacation for one provider, starting the second Monday after the demo's today.
VACATIONER = "Maya Lindqvist"
VACATION_REASON = "Vacation"

# Each works five days; every open day (Monday to Saturday) has an injector and an aesthetician.
PROVIDERS = (
    ProviderProfile(
        "Kelsey Brandt",
        "Nurse injector, RN",
        "#2a9d8f",
        _INJECTABLES,
        (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
        ((time(9), time(17)),),
    ),
    ProviderProfile(
        "Dana Whitfield",
        "Nurse practitioner",
        "#8e6cc0",
        _INJECTABLES,
        (TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY),
        ((time(10), time(13)), (time(14), time(18))),  # a split shift: lunch from 1 to 2
    ),
    ProviderProfile(
        "Maya Lindqvist",
        "Licensed aesthetician",
        "#d1495b",
        _SKIN_CARE,
        (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
        ((time(9), time(17)),),
    ),
    ProviderProfile(
        "Brooke Tanaka",
        "Licensed aesthetician",
        "#e9a23b",
        _SKIN_CARE,
        (TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY),
        ((time(10), time(19)),),
    ),
    ProviderProfile(
        "Tessa Morrow",
        "Laser technician",
        "#4f7cac",
        (LASER,),
        (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SATURDAY),
        ((time(9), time(17)),),
    ),
    ProviderProfile(
        "Lucas Ferreira",
        "Licensed massage therapist",
        "#6a994e",
        (MASSAGE,),
        (MONDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY),
        ((time(10), time(18)),),
    ),
)

FRONT_DESK = (
    DeskProfile("Amber Holt", "Front desk manager", is_manager=True),
    DeskProfile("Riley Chen", "Front desk", is_manager=False),
)

# Colour the calendar gives staff who are not shown as a column (the model's default).
DESK_COLOUR = "#6b7f99"

MENU = (
    MenuItem("Botox: frown lines", NEUROTOXIN, 30, 30000, 14),
    MenuItem("Botox: forehead lines", NEUROTOXIN, 30, 26000, 9),
    MenuItem("Botox: crow's feet", NEUROTOXIN, 30, 28000, 8),
    MenuItem("Botox: three areas", NEUROTOXIN, 45, 65000, 10),
    MenuItem("Dysport: frown lines", NEUROTOXIN, 30, 27500, 6),
    MenuItem("Lip filler (1 syringe)", DERMAL_FILLER, 60, 75000, 7),
    MenuItem("Cheek filler (1 syringe)", DERMAL_FILLER, 60, 85000, 4),
    MenuItem("Consultation (15 min)", CONSULTATION, 15, 0, 5),
    MenuItem("Aesthetic consultation (30 min)", CONSULTATION, 30, 0, 3),
    MenuItem("Signature HydraFacial", FACIAL, 45, 19900, 12),
    MenuItem("Deluxe HydraFacial", FACIAL, 60, 27900, 7),
    MenuItem("Microneedling", SKIN_TREATMENT, 60, 35000, 6),
    MenuItem("Chemical peel: light", SKIN_TREATMENT, 30, 15000, 5),
    MenuItem("VI Peel", SKIN_TREATMENT, 45, 32500, 3),
    MenuItem("Dermaplaning", SKIN_TREATMENT, 30, 9500, 6),
    MenuItem("IPL photofacial", LASER, 60, 40000, 5),
    MenuItem("Laser hair removal: small area", LASER, 15, 9900, 8),
    MenuItem("Laser hair removal: medium area", LASER, 30, 19900, 6),
    MenuItem("Laser hair removal: large area", LASER, 60, 34900, 4),
    MenuItem("Massage (60 min)", MASSAGE, 60, 11000, 7),
    MenuItem("Massage (90 min)", MASSAGE, 90, 16000, 4),
)

SHELF = (
    ShelfItem("SKN-001", "C E Ferulic serum 30 ml", "SkinCeuticals", 18200, 14),
    ShelfItem("SKN-002", "Hydrating B5 gel 30 ml", "SkinCeuticals", 9200, 11),
    ShelfItem("SKN-003", "Triple Lipid Restore 2:4:2 48 ml", "SkinCeuticals", 15500, 2),
    ShelfItem("SKN-004", "Physical Fusion UV Defense SPF 50", "SkinCeuticals", 4200, 18),
    ShelfItem("SKN-005", "Restorative Skin Complex 29.6 ml", "Alastin", 19500, 7),
    ShelfItem("SKN-006", "Regenerating Skin Nectar 29.6 ml", "Alastin", 22000, 5),
    ShelfItem("SKN-007", "HydraTint Pro Mineral SPF 36", "Alastin", 6200, 16),
    ShelfItem("SKN-008", "UV Clear SPF 46", "EltaMD", 4300, 24),
    ShelfItem("SKN-009", "UV Daily SPF 40", "EltaMD", 3900, 9),
    ShelfItem("SKN-010", "Foaming Facial Cleanser", "EltaMD", 2950, 12),
    ShelfItem("SKN-011", "Exfoliating Cleanser", "ZO Skin Health", 5200, 10),
    ShelfItem("SKN-012", "Daily Power Defense", "ZO Skin Health", 16000, 1),
    ShelfItem("SKN-013", "Growth Factor Eye Serum", "ZO Skin Health", 13500, 6),
    ShelfItem("SKN-014", "TNS Advanced+ Serum", "SkinMedica", 29500, 4),
    ShelfItem("SKN-015", "HA5 Hydrating Serum", "SkinMedica", 17800, 8),
)
