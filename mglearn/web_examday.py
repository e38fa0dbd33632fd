"""What each server starts for exam day (issue 32), from the Starlette lifespan of st.App
(app.py): the exam sweeper (:mod:`mglearn.sweeper`) and the check that certificates would not be
signed for ``localhost`` when the app runs behind a proxy. No routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from . import settings, sweeper
from .public_address import PUBLIC_URL_WARNING, local_public_url

log = logging.getLogger("mglearn.web")


def lifespan_with(store: Callable[[], sweeper.Sweeps]) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """The lifespan for ``st.App(lifespan=...)``, sweeping with ``store`` (web.default_store)."""

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        """Once per server process: warn about a local public address, start the exam sweeper."""
        values = settings.current()
        if local_public_url(values.public_url):
            log.warning(PUBLIC_URL_WARNING, values.public_url)
        sweep = sweeper.start_once(store, values.exam_sweep_seconds)
        try:
            yield
        finally:
            sweep.stop()

    return lifespan
