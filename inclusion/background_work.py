"""Heavy work run as a background job, with a record people can watch: `BackgroundWork`.

A council-wide export or a large import is requested in a web request, which only records
the work (and an uploaded file) and queues the job (`jobs.job_runner()`); the job moves it
through queued -> running (with a line of progress) -> done or failed, and an export keeps
its file here until downloaded. Only the person who asked may see or download it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, select, update
from sqlalchemy.orm import Mapped, deferred, mapped_column

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.errors import NotFound
from inclusion.extensions import db

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class BackgroundWork(db.Model):
    __tablename__ = "background_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=QUEUED)
    progress: Mapped[str] = mapped_column(String(200), default="Waiting to start")
    requested_by_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    filename: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_run.id", ondelete="SET NULL")
    )
    message: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED)


def add_work(kind: str, user_id: int, **fields: Any) -> BackgroundWork:
    """Record work to queue; the caller commits, then queues the job with `work.id`."""
    work = BackgroundWork(kind=kind, requested_by_id=user_id, **fields)
    db.session.add(work)
    db.session.flush()
    return work


def work_for(user_id: int, work_id: int, kind: str) -> BackgroundWork:
    """The work this person asked for; anyone else's (or none) is 404, never 403."""
    work = db.session.get(BackgroundWork, work_id)
    if work is None or work.kind != kind or work.requested_by_id != user_id:
        raise NotFound("There is no such piece of work.")
    return work


def has_file(work_id: int) -> bool:
    """Whether the work still holds its file (asked without loading it)."""
    query = select(BackgroundWork.content.is_not(None)).where(BackgroundWork.id == work_id)
    return bool(db.session.scalar(query))


def drop_files(kind: str, user_id: int) -> None:
    """Forget the files of this person's earlier work of this kind."""
    db.session.execute(
        update(BackgroundWork)
        .where(
            BackgroundWork.kind == kind,
            BackgroundWork.requested_by_id == user_id,
            BackgroundWork.content.is_not(None),
        )
        .values(content=None)
    )


def set_progress(work_id: int, progress: str, status: str = RUNNING) -> None:
    """Say how far the work has got, in its own commit so the progress page sees it."""
    db.session.execute(
        update(BackgroundWork)
        .where(BackgroundWork.id == work_id)
        .values(status=status, progress=progress[:200])
    )
    db.session.commit()


def finish(work_id: int, progress: str, content: bytes | None = None) -> None:
    values: dict[str, Any] = {"status": DONE, "progress": progress[:200], "finished_at": utcnow()}
    values["content"] = content
    db.session.execute(update(BackgroundWork).where(BackgroundWork.id == work_id).values(values))
    db.session.commit()


def fail(work_id: int, message: str) -> None:
    """Record a failure after rolling back whatever the job had half done."""
    db.session.rollback()
    db.session.execute(
        update(BackgroundWork)
        .where(BackgroundWork.id == work_id)
        .values(status=FAILED, progress="Failed", message=message[:500], finished_at=utcnow())
    )
    db.session.commit()
