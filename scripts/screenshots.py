"""Screenshots of every page of the app, on a phone (390x844) and a small laptop (1280x720), in
Dutch and in English: ``python scripts/screenshots.py DIR``.

It starts the real server (``streamlit run app.py``) on a fresh temporary SQLite database,
seeds it through the store (a learner with progress, a quiz review, practice cards and a passed
exam with its certificate, a learner in the middle of an exam, a trainer with a group, an
assignment and results: tests/tour.py) and writes DIR/<lang>-<size>-<page>.png, e.g.
``nl-phone-quiz.png``. Needs the dev requirements (Playwright) and Debian's Chromium.

Options: ``--sizes phone,laptop``, ``--langs nl,en``, ``--pages lesson,quiz-review`` (a subset),
``--window`` (the window only, not the whole page: what the README shows).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from mglearn.content import load_content  # noqa: E402
from mglearn.store import Store  # noqa: E402
from tests import tour  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, app_server  # noqa: E402


def _choice(value: str, allowed: tuple[str, ...] | list[str], what: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()] if value else list(allowed)
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (choose from {', '.join(allowed)})")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder for the PNG files (made if missing)")
    parser.add_argument("--sizes", default="", help="phone,laptop (default: both)")
    parser.add_argument("--langs", default="", help="nl,en (default: both)")
    parser.add_argument("--pages", default="", help=f"a subset of: {','.join(tour.NAMES)}")
    parser.add_argument("--window", action="store_true", help="the window only, not the whole page")
    args = parser.parse_args(argv)
    sizes = _choice(args.sizes, list(tour.SIZES), "size")
    langs = _choice(args.langs, tour.LANGS, "language")
    names = _choice(args.pages, tour.NAMES, "page")
    args.dir.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mglearn-screens-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'screens.sqlite3'}"
        store = Store(db_url)
        seeded = tour.seed(store, load_content(ROOT).content)
        store.dispose()
        with app_server(db_url, Path(tmp) / "server.log") as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                for stop in (s for s in tour.stops(seeded) if s.name in names):
                    for lang in langs:
                        for size in sizes:
                            context = tour.new_context(
                                browser, url, stop, tour.SIZES[size], seeded.trainer_token
                            )
                            page = context.new_page()
                            try:
                                tour.visit(page, url, stop, lang)
                                path = args.dir / f"{lang}-{size}-{stop.name}.png"
                                tour.shoot(page, path, whole=not args.window)
                                print(path)
                            finally:
                                context.close()
            finally:
                browser.close()
    print(f"{len(names) * len(langs) * len(sizes)} screenshots in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
