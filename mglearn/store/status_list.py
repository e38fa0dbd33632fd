"""Each certificate's place in the revocation status list (a Bitstring Status List, see
:mod:`mglearn.certificates.statuslist`), and which places are revoked."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ..errors import NotFound, StoreConflict
from . import tables as t
from .base import utc
from .certificates import normalize_certificate_code
from .database import Database


class StatusList:
    """Certificates' places in the revocation status list (``store.status_list``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def status_index(self, code: str) -> int:
        """The certificate's index in the status list, given (the next free one) on first use."""
        normal = normalize_certificate_code(code) or ""
        certs = t.certificates
        for _ in range(5):  # two servers giving the same index at once: one gets the next
            try:
                with self.db.write() as conn:
                    row = conn.execute(sa.select(certs.c.status_index).where(certs.c.code == normal)).first()
                    if row is None:
                        raise NotFound("exam.certificate_unknown")
                    if row.status_index is not None:
                        return int(row.status_index)
                    top = conn.execute(sa.select(sa.func.max(certs.c.status_index))).scalar()
                    index = 0 if top is None else int(top) + 1
                    conn.execute(certs.update().where(certs.c.code == normal).values(status_index=index))
                    return index
            except StoreConflict:
                continue
        raise StoreConflict("no free status list index", kind="IntegrityError")

    def revoked_status(self) -> tuple[list[int], datetime | None]:
        """The status list indexes of revoked certificates, and the latest revocation."""
        certs = t.certificates
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(certs.c.status_index, certs.c.revoked_at).where(certs.c.revoked_at.is_not(None))
            ).all()
        moments = [m for m in (utc(r.revoked_at) for r in rows) if m is not None]
        latest = max(moments, default=None)
        return sorted(int(r.status_index) for r in rows if r.status_index is not None), latest
