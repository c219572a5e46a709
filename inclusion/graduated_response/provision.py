"""The school's provision offer: what it ordinarily provides per area of need and level."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import ProvisionOffer
from inclusion.graduated_response.vocab import Level, Need
from inclusion.schools.models import School
from inclusion.versioning import StaleVersion, compare_and_set

DESCRIPTION_LIMIT = 4000


@dataclass(frozen=True)
class OfferCell:
    need: Need
    level: Level
    offer: ProvisionOffer | None

    @property
    def description(self) -> str:
        """What the school wrote for this part, or "" while it is not described yet."""
        return self.offer.description.strip() if self.offer else ""


def offers_of(school: School) -> list[OfferCell]:
    """Every area of need at both levels, filled in or not, in a fixed order."""
    rows = db.session.scalars(select(ProvisionOffer).where(ProvisionOffer.school_id == school.id))
    found = {(o.need, o.level): o for o in rows}
    return [OfferCell(n, lvl, found.get((n.value, lvl.value))) for n in Need for lvl in Level]


def offer_cell(school: School, need: str, level: str) -> OfferCell:
    if need not in set(Need) or level not in set(Level):
        raise NotFound("There is no such area of need or level.")
    return next(c for c in offers_of(school) if c.need == need and c.level == level)


def save_offer(
    school: School, cell: OfferCell, description: str, tags: list[str], based_on: int, user: User
) -> None:
    description = description.strip()
    if len(description) > DESCRIPTION_LIMIT:
        raise InvalidInput(
            f"Keep this to {DESCRIPTION_LIMIT:,} characters or fewer", field="description"
        )
    values = {"description": description, "tags": sorted(set(tags))}
    if cell.offer is None:
        offer = ProvisionOffer(
            school_id=school.id,
            need=cell.need.value,
            level=cell.level.value,
            updated_by_id=user.id,
            **values,
        )
        db.session.add(offer)
        db.session.flush()
        record_changes(school.id, "provision", offer.id, {}, values, user)
    else:
        _update(cell.offer, values, based_on, user)
    db.session.commit()


def _update(offer: ProvisionOffer, values: dict, based_on: int, user: User) -> None:
    old = {name: getattr(offer, name) for name in values}
    if not compare_and_set(ProvisionOffer, offer.id, based_on, values | {"updated_by_id": user.id}):
        db.session.rollback()
        raise StaleVersion("offer")
    record_changes(offer.school_id, "provision", offer.id, old, values, user)
