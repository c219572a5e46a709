"""Write seeds/somerset_schools.csv: a FICTIONAL list of Somerset-like schools.

The rows have the shape of a GIAS (Get Information about Schools) establishment
CSV, but every school, person, address, postcode, telephone number and website
is invented. URNs come from the fictional range 990001-990999 and websites end
in the reserved ``.example`` top-level domain, so nothing can collide with, or
be crawled from, a real school.

Deterministic: a fixed seed and the standard library only, so running it twice
gives byte-identical output.

    python seeds/tools/make_fictional_schools.py
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20250933
OUTPUT = Path(__file__).resolve().parents[1] / "somerset_schools.csv"
URN_RANGE = range(990001, 991000)
# RFC 2606 reserves the ".example" TLD. A name like "x.example.sch.uk" would sit
# under the real .uk TLD, so the reserved TLD goes last.
WEBSITE_SUFFIX = "sch.example"

COLUMNS = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)", "EstablishmentStatus (name)",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge",
    "StatutoryHighAge", "NumberOfPupils", "PercentageFSM", "Trusts (name)", "Street",
    "Town", "Postcode", "SchoolWebsite", "TelephoneNum", "HeadFirstName", "HeadLastName",
    "DistrictAdministrative (code)", "DistrictAdministrative (name)", "Easting",
    "Northing", "OpenDate", "CloseDate",
]  # fmt: skip

LAEA = "Local authority maintained schools"
ACAD = "Academies"
FREE = "Free Schools"
SPEC = "Special schools"

# code -> (TypeOfEstablishment name, EstablishmentTypeGroup name)
TYPES: dict[int, tuple[str, str]] = {
    1: ("Community school", LAEA),
    2: ("Voluntary aided school", LAEA),
    3: ("Voluntary controlled school", LAEA),
    5: ("Foundation school", LAEA),
    7: ("Community special school", SPEC),
    14: ("Pupil referral unit", LAEA),
    15: ("LA nursery school", LAEA),
    28: ("Academy sponsor led", ACAD),
    33: ("Academy special sponsor led", ACAD),
    34: ("Academy converter", ACAD),
    35: ("Free schools", FREE),
    36: ("Free schools special", FREE),
    42: ("Academy alternative provision converter", ACAD),
    43: ("Academy alternative provision sponsor led", ACAD),
    44: ("Academy special converter", ACAD),
    45: ("Academy 16-19 converter", ACAD),
}
MAINTAINED = (1, 2, 3, 5)
CHURCH = (2, 3)

PHASES: dict[int, str] = {
    0: "Not applicable", 1: "Nursery", 2: "Primary", 3: "Middle deemed primary",
    4: "Secondary", 5: "Middle deemed secondary", 6: "16 plus", 7: "All-through",
}  # fmt: skip

DISTRICTS: dict[str, str] = {
    "E07000187": "Mendip",
    "E07000188": "Sedgemoor",
    "E07000189": "South Somerset",
    "E07000246": "Somerset West and Taunton",
}

TRUSTS = [
    "Levels Learning Trust", "Brue and Axe Schools Trust", "Tone Meadows Learning Trust",
    "Hamdon Hill Education Trust", "Exmoor Edge Academies", "Mendip Lantern Trust",
    "Parrett Estuary Learning Trust", "Cary Vale Academy Partnership",
]  # fmt: skip


@dataclass(frozen=True)
class Town:
    name: str
    district: str
    easting: int
    northing: int
    outcodes: tuple[str, ...]
    dialling: str
    weight: float
    three_tier: bool = False


TOWNS = [
    Town("Frome", "E07000187", 377700, 147900, ("BA11",), "01373", 0.32, True),
    Town("Wells", "E07000187", 354900, 145700, ("BA5",), "01749", 0.18),
    Town("Shepton Mallet", "E07000187", 362000, 143600, ("BA4",), "01749", 0.17),
    Town("Glastonbury", "E07000187", 349900, 139000, ("BA6",), "01458", 0.15),
    Town("Street", "E07000187", 348500, 136600, ("BA16",), "01458", 0.18),
    Town("Bridgwater", "E07000188", 330000, 137100, ("TA5", "TA6", "TA7"), "01278", 0.55),
    Town("Burnham-on-Sea", "E07000188", 330600, 149100, ("TA8",), "01278", 0.18),
    Town("Highbridge", "E07000188", 332200, 147200, ("TA9",), "01278", 0.12),
    Town("Cheddar", "E07000188", 345900, 153400, ("BS27",), "01934", 0.15),
    Town("Yeovil", "E07000189", 355700, 115900, ("BA20", "BA21", "BA22"), "01935", 0.45),
    Town("Chard", "E07000189", 332400, 108700, ("TA20",), "01460", 0.17),
    Town("Crewkerne", "E07000189", 344000, 109700, ("TA18",), "01460", 0.12, True),
    Town("Wincanton", "E07000189", 371200, 128700, ("BA9",), "01963", 0.12),
    Town("Ilminster", "E07000189", 336000, 114600, ("TA19",), "01460", 0.14, True),
    Town("Taunton", "E07000246", 322800, 124600, ("TA1", "TA2", "TA3"), "01823", 0.55),
    Town("Minehead", "E07000246", 296900, 146100, ("TA24",), "01643", 0.14, True),
    Town("Wellington", "E07000246", 313900, 120600, ("TA21",), "01823", 0.17),
    Town("Watchet", "E07000246", 307200, 143200, ("TA23",), "01984", 0.07, True),
    Town("Williton", "E07000246", 307700, 141000, ("TA4",), "01984", 0.07, True),
]
TOWN_BY_NAME = {town.name: town for town in TOWNS}

# Primary schools per former district; with the fixed placements below each
# district ends up with roughly a quarter of the county's schools.
PRIMARY_QUOTA = {"E07000187": 49, "E07000188": 53, "E07000189": 50, "E07000246": 48}

# Category -> towns, one entry per school (small categories are placed by hand).
FIXED_PLACEMENTS: dict[str, list[str]] = {
    "secondary": [
        "Wells", "Wells", "Shepton Mallet", "Shepton Mallet", "Glastonbury", "Street",
        "Street", "Bridgwater", "Bridgwater", "Bridgwater", "Bridgwater", "Bridgwater",
        "Burnham-on-Sea", "Burnham-on-Sea", "Highbridge", "Cheddar", "Yeovil", "Yeovil",
        "Yeovil", "Yeovil", "Yeovil", "Chard", "Wincanton", "Taunton", "Taunton", "Taunton",
        "Taunton", "Taunton", "Wellington",
    ],
    "upper": ["Frome", "Frome", "Crewkerne", "Ilminster", "Minehead", "Williton"],
    "middle": [
        "Frome", "Frome", "Frome", "Crewkerne", "Ilminster", "Minehead", "Minehead", "Williton",
    ],
    "special": [
        "Frome", "Wells", "Street", "Bridgwater", "Bridgwater", "Yeovil", "Yeovil", "Taunton",
        "Taunton", "Minehead",
    ],
    "pru": ["Shepton Mallet", "Bridgwater", "Yeovil", "Taunton"],
    "nursery": ["Bridgwater", "Yeovil", "Taunton"],
    "all_through": ["Shepton Mallet", "Bridgwater", "Chard", "Taunton"],
    "sixteen_plus": ["Street", "Yeovil", "Taunton"],
}  # fmt: skip

# Category -> (phase code, low age, high age, min pupils, max pupils, number block)
PROFILES: dict[str, tuple[int, int, int, int, int, int]] = {
    "primary": (2, 4, 11, 40, 450, 2000),
    "first": (2, 4, 9, 40, 300, 2000),
    "infant": (2, 4, 7, 60, 270, 2000),
    "junior": (2, 7, 11, 90, 360, 2000),
    "middle": (3, 9, 13, 280, 650, 4000),
    "secondary": (4, 11, 16, 500, 1800, 4000),
    "upper": (4, 13, 18, 500, 1300, 4000),
    "all_through": (7, 4, 18, 800, 1800, 4000),
    "sixteen_plus": (6, 16, 19, 250, 900, 4000),
    "special": (0, 2, 19, 40, 250, 7000),
    "pru": (0, 5, 16, 20, 90, 1000),
    "nursery": (1, 2, 5, 50, 120, 1000),
}

# Category -> ((type code, weight), ...)
TYPE_WEIGHTS: dict[str, tuple[tuple[int, int], ...]] = {
    "primary": ((34, 34), (28, 14), (35, 2), (1, 24), (3, 18), (2, 6), (5, 2)),
    "middle": ((34, 4), (28, 2), (1, 2)),
    "secondary": ((34, 14), (28, 9), (35, 2), (1, 2), (5, 2), (2, 1)),
    "all_through": ((34, 2), (28, 1), (35, 1)),
    "sixteen_plus": ((45, 1),),
    "special": ((7, 4), (44, 3), (33, 2), (36, 1)),
    "pru": ((14, 1), (42, 2), (43, 1)),
    "nursery": ((15, 1),),
}
FIXED_TYPE_COUNTS = ("special", "pru")

NAME_WORDS = [
    "Ashcombe", "Beechmead", "Bramblewick", "Brookfield", "Bullfinch", "Chestnut Rise",
    "Cloverleaf", "Coombe Vale", "Cowslip", "Damsonfield", "Dippers Mead", "Fernhollow",
    "Foxhanger", "Goldcrest", "Hazelbrook", "Heronsgate", "Hollybank", "Kestrel Way",
    "Kingfisher", "Lapwing", "Larkmead", "Limekiln", "Linnet Lane", "Maplehurst",
    "Meadowbank", "Millstream", "Moorhen", "Nightingale Vale", "Oakapple", "Orchard Rise",
    "Otterbrook", "Owlcote", "Pennyroyal", "Primrose Hill", "Quarrybank", "Rookery",
    "Rowanmead", "Sandpiper", "Skylark", "Sloeberry", "Sparrowfield", "Spindleberry",
    "Stonechat", "Swallowcliffe", "Teasel", "Thornbury Mead", "Tinkers Mead", "Wagtail",
    "Wheatsheaf", "Whitebeam", "Willowbrook", "Windrush Vale", "Woodpecker", "Wrenfield",
    "Yarrow", "Yewtree",
]  # fmt: skip
SAINTS = [
    "Aldhelm", "Brannoc", "Congar", "Decuman", "Dunstan", "Keyna", "Indract", "Rumon",
    "Petroc", "Kea", "Carantoc", "Julian", "Cuthbert", "Bridget", "Michael", "Andrew",
    "Mary", "Margaret", "Peter", "Lawrence",
]  # fmt: skip
STREETS = [
    "Church Lane", "School Lane", "Station Road", "Mill Lane", "Park Road", "Orchard Way",
    "Victoria Road", "Westfield Road", "North Street", "Silver Street", "Quarry Lane",
    "Green Lane", "Priory Road", "Meadow Road", "Hill View", "Moor Lane", "Chapel Street",
    "Kingsway", "Fore Street", "Barton Road", "Dyers Close", "Rectory Road", "Cross Lane",
]  # fmt: skip
FIRST_NAMES = [
    "Alison", "Andrew", "Beth", "Carl", "Catherine", "Chris", "Claire", "Daniel", "David",
    "Deborah", "Emma", "Fiona", "Gareth", "Hannah", "Helen", "Ian", "James", "Jane", "Jo",
    "Karen", "Kate", "Liam", "Lucy", "Mark", "Matthew", "Michelle", "Nadia", "Neil", "Nicola",
    "Oliver", "Paul", "Priya", "Rachel", "Richard", "Rob", "Ruth", "Sam", "Sarah", "Simon",
    "Sophie", "Stephen", "Tom", "Vicky", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Ashworth", "Bainbridge", "Bellamy", "Blackmore", "Bowden", "Brampton", "Carver",
    "Chilcott", "Coombes", "Cridland", "Dunster", "Eastment", "Fairweather", "Gallimore",
    "Greenslade", "Hallett", "Hembrow", "Hosegood", "Jeffery", "Keedwell", "Langdon",
    "Lockyer", "Maddocks", "Marwood", "Nation", "Norville", "Osmond", "Pennell", "Quartly",
    "Redwood", "Rowsell", "Sealy", "Slocombe", "Sparkes", "Stoodley", "Tapp", "Thorne",
    "Tuckett", "Vowles", "Warren", "Webber", "Whitlock", "Yandle", "Okafor", "Patel",
    "Nowak", "Begum", "Chen",
]  # fmt: skip
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
CLOSED_PLAN = {"primary": 4, "middle": 1, "secondary": 1}
EMPTY_WEBSITES = 5
MAX_TRIES = 500


@dataclass(frozen=True)
class Slot:
    """One planned school: its category, town and whether it has closed."""

    category: str
    town: Town
    closed: bool = False


@dataclass
class Registry:
    """Values that must stay unique across the whole file."""

    names: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder)."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def primary_category(town: Town, rng: random.Random) -> str:
    """First schools in three-tier towns; a few infant/junior pairs elsewhere."""
    if town.three_tier:
        return "first"
    roll = rng.random()
    if roll < 0.08:
        return "infant"
    if roll < 0.16:
        return "junior"
    return "primary"


def primary_slots(rng: random.Random) -> list[Slot]:
    slots: list[Slot] = []
    for district, quota in PRIMARY_QUOTA.items():
        towns = [t for t in TOWNS if t.district == district]
        for town, count in zip(towns, allocate(quota, [t.weight for t in towns]), strict=True):
            slots += [Slot(primary_category(town, rng), town) for _ in range(count)]
    return slots


def plan_slots(rng: random.Random) -> list[Slot]:
    slots = primary_slots(rng)
    for category, towns in FIXED_PLACEMENTS.items():
        slots += [Slot(category, TOWN_BY_NAME[name]) for name in towns]
    return mark_closed(slots, rng)


def mark_closed(slots: list[Slot], rng: random.Random) -> list[Slot]:
    marked = list(slots)
    for category, count in CLOSED_PLAN.items():
        family = ("primary", "first") if category == "primary" else (category,)
        candidates = [i for i, s in enumerate(marked) if s.category in family]
        for i in rng.sample(candidates, count):
            marked[i] = Slot(marked[i].category, marked[i].town, closed=True)
    return marked


def weighted_type(category: str, rng: random.Random) -> int:
    key = "primary" if PROFILES[category][0] == 2 else category
    key = "secondary" if key == "upper" else key
    codes, weights = zip(*TYPE_WEIGHTS[key], strict=True)
    return rng.choices(codes, weights)[0]


def fixed_type_queue(category: str, rng: random.Random) -> list[int]:
    """Exact type mix for the small special / PRU categories."""
    queue = [code for code, count in TYPE_WEIGHTS[category] for _ in range(count)]
    rng.shuffle(queue)
    return queue


def choose_types(slots: list[Slot], rng: random.Random) -> list[int]:
    queues = {c: fixed_type_queue(c, rng) for c in FIXED_TYPE_COUNTS}
    codes: list[int] = []
    for slot in slots:
        if slot.category in queues:
            codes.append(queues[slot.category].pop())
        elif slot.closed:
            codes.append(rng.choice((1, 1, 3)))
        else:
            codes.append(weighted_type(slot.category, rng))
    return codes


SECONDARY_NOUN = {1: "Community School", 2: "School", 3: "School", 5: "School"}
SUFFIX = {
    "primary": "Primary", "first": "First", "infant": "Infant", "junior": "Junior",
    "middle": "Middle", "upper": "Upper",
}  # fmt: skip


def church_name(slot: Slot, kind: str, type_code: int, rng: random.Random) -> str:
    patron = f"St {rng.choice(SAINTS)}'s"
    if type_code == 2 and rng.random() < 0.4:
        return f"{patron} Catholic {kind} School"
    if rng.random() < 0.5:
        patron = base_word(slot.town, rng)
    status = {2: " VA", 3: " VC"}.get(type_code, "")
    noun = "School" if type_code in CHURCH else "Academy"
    return f"{patron} Church of England{status} {kind} {noun}"


def base_word(town: Town, rng: random.Random) -> str:
    word = rng.choice(NAME_WORDS)
    return f"{town.name} {word}" if rng.random() < 0.6 else word


def school_name(slot: Slot, type_code: int, rng: random.Random) -> str:
    kind = SUFFIX.get(slot.category, "")
    academy = TYPES[type_code][1] in (ACAD, FREE)
    if kind and (type_code in CHURCH or (academy and rng.random() < 0.12)):
        return church_name(slot, kind, type_code, rng)
    word = base_word(slot.town, rng)
    noun = SECONDARY_NOUN.get(type_code, "School")
    special = {
        "special": f"{word} School",
        "pru": f"{slot.town.name} {rng.choice(NAME_WORDS)} Learning Centre",
        "nursery": f"{slot.town.name} {rng.choice(NAME_WORDS)} Nursery School",
        "all_through": f"{word} Academy" if academy else f"{word} School",
        "sixteen_plus": f"{slot.town.name} {rng.choice(NAME_WORDS)} Sixth Form Academy",
        "secondary": f"{word} Academy" if academy else f"{word} {noun}",
    }
    if slot.category in special:
        return special[slot.category]
    return f"{word} {kind} Academy" if academy else f"{word} {kind} School"


def unique(make: Callable[[random.Random], str], used: list[str], rng: random.Random) -> str:
    """Call ``make(rng)`` until it returns a value not already in ``used``."""
    for _ in range(MAX_TRIES):
        value = make(rng)
        if value not in used:
            used.append(value)
            return value
    raise RuntimeError("ran out of unique values; widen the word lists")


def slugify(name: str) -> str:
    text = name.lower().replace("church of england", "cofe").replace("'", "")
    text = re.sub(r"\b(school|the)\b", " ", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def postcode(town: Town, rng: random.Random) -> str:
    letters = "".join(rng.choices(POSTCODE_LETTERS, k=2))
    return f"{rng.choice(town.outcodes)} {rng.randint(1, 9)}{letters}"


def telephone(town: Town, rng: random.Random) -> str:
    # Subscriber numbers never start with 0, so "01xxx 000nnn" cannot be allocated.
    return f"{town.dialling} 000{rng.randint(0, 999):03d}"


def establishment_number(block: int, registry: Registry, rng: random.Random) -> str:
    number = rng.randint(block + 1, block + 999)
    while number in registry.numbers:
        number = rng.randint(block + 1, block + 999)
    registry.numbers.append(number)
    return f"{number:04d}"


def ages(slot: Slot, rng: random.Random) -> tuple[int, int]:
    _, low, high, *_ = PROFILES[slot.category]
    if slot.category == "secondary" and rng.random() < 0.45:
        return low, 18
    if slot.category == "special":
        return rng.choices(((2, 19), (4, 19), (11, 19)), weights=(6, 2, 2))[0]
    if slot.category == "pru":
        return rng.choice(((5, 16), (11, 16)))
    return low, high


def phase_code(slot: Slot, index: int) -> int:
    if slot.category == "middle":
        return 3 if index % 2 else 5
    return PROFILES[slot.category][0]


def pupils_and_fsm(slot: Slot, rng: random.Random) -> tuple[str, str]:
    if slot.closed:
        return "", ""
    _, _, _, low, high, _ = PROFILES[slot.category]
    pupils = int(low + (high - low) * rng.betavariate(2.0, 2.5))
    base = {"special": 28.0, "pru": 33.0}.get(slot.category, 17.0)
    fsm = min(45.0, max(3.0, rng.gauss(base, 6.5)))
    return str(pupils), f"{fsm:.1f}"


def open_close_dates(group: str, slot: Slot, rng: random.Random) -> tuple[str, str]:
    if slot.closed:
        return "", f"31-08-{rng.randint(2012, 2023)}"
    if group == FREE:
        return f"01-09-{rng.randint(2013, 2022)}", ""
    if group == ACAD:
        month = rng.choice(("01", "02", "04", "06", "09", "11"))
        return f"01-{month}-{rng.randint(2011, 2024)}", ""
    return "", ""


def location(town: Town, rng: random.Random) -> tuple[str, str]:
    easting = min(379_900, max(280_100, int(rng.gauss(town.easting, 1800))))
    northing = min(159_900, max(100_100, int(rng.gauss(town.northing, 1800))))
    return str(easting), str(northing)


def identity_fields(slot: Slot, index: int, type_code: int) -> dict[str, str]:
    type_name, group = TYPES[type_code]
    phase = phase_code(slot, index)
    return {
        "LA (code)": "933",
        "LA (name)": "Somerset",
        "TypeOfEstablishment (code)": str(type_code),
        "TypeOfEstablishment (name)": type_name,
        "EstablishmentTypeGroup (name)": group,
        "EstablishmentStatus (name)": "Closed" if slot.closed else "Open",
        "PhaseOfEducation (code)": str(phase),
        "PhaseOfEducation (name)": PHASES[phase],
        "DistrictAdministrative (code)": slot.town.district,
        "DistrictAdministrative (name)": DISTRICTS[slot.town.district],
        "Town": slot.town.name,
    }


def contact_fields(slot: Slot, name: str, registry: Registry, rng: random.Random) -> dict[str, str]:
    town = slot.town
    easting, northing = location(town, rng)
    return {
        "Street": rng.choice(STREETS),
        "Postcode": unique(lambda r: postcode(town, r), registry.postcodes, rng),
        "SchoolWebsite": f"https://{slugify(name)}.{WEBSITE_SUFFIX}",
        "TelephoneNum": unique(lambda r: telephone(town, r), registry.phones, rng),
        "HeadFirstName": rng.choice(FIRST_NAMES),
        "HeadLastName": rng.choice(LAST_NAMES),
        "Easting": easting,
        "Northing": northing,
    }


def make_row(
    slot: Slot, index: int, type_code: int, registry: Registry, rng: random.Random
) -> dict[str, str]:
    name = unique(lambda r: school_name(slot, type_code, r), registry.names, rng)
    row = identity_fields(slot, index, type_code)
    row |= contact_fields(slot, name, registry, rng)
    low, high = ages(slot, rng)
    pupils, fsm = pupils_and_fsm(slot, rng)
    opened, closed = open_close_dates(row["EstablishmentTypeGroup (name)"], slot, rng)
    row |= {
        "EstablishmentName": name,
        "EstablishmentNumber": establishment_number(PROFILES[slot.category][5], registry, rng),
        "StatutoryLowAge": str(low),
        "StatutoryHighAge": str(high),
        "NumberOfPupils": pupils,
        "PercentageFSM": fsm,
        "Trusts (name)": trust(row["EstablishmentTypeGroup (name)"], rng),
        "OpenDate": opened,
        "CloseDate": closed,
    }
    return row


def trust(group: str, rng: random.Random) -> str:
    return rng.choice(TRUSTS) if group in (ACAD, FREE) else ""


def blank_some_websites(rows: list[dict[str, str]], rng: random.Random) -> None:
    open_rows = [r for r in rows if r["EstablishmentStatus (name)"] == "Open"]
    for row in rng.sample(open_rows, EMPTY_WEBSITES):
        row["SchoolWebsite"] = ""


def build_rows(rng: random.Random) -> list[dict[str, str]]:
    slots = plan_slots(rng)
    rng.shuffle(slots)
    codes = choose_types(slots, rng)
    registry = Registry()
    pairs = enumerate(zip(slots, codes, strict=True))
    rows = [make_row(slot, i, code, registry, rng) for i, (slot, code) in pairs]
    urns = sorted(rng.sample(URN_RANGE, len(rows)))
    for urn, row in zip(urns, rows, strict=True):
        row["URN"] = str(urn)
    blank_some_websites(rows, rng)
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rows = build_rows(random.Random(SEED))
    write_csv(rows, OUTPUT)
    print(f"wrote {len(rows)} fictional schools to {OUTPUT}")


if __name__ == "__main__":
    main()
