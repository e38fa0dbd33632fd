"""Every page on a phone (390x844) and a small laptop (1280x720), in Dutch and in English,
without horizontal scrolling (issue 19): the document is no wider than the window, and no
element of the page reaches past its right edge unless a box of its own scrolls it (a table)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log

pytestmark = pytest.mark.browser

# The elements in the main area that reach past the window's right edge, outermost first,
# leaving out those inside a box that scrolls sideways by itself and still fits the window.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  const scrollsWithin = (el) => {
    for (let box = el.parentElement; box && box !== main; box = box.parentElement) {
      const x = getComputedStyle(box).overflowX;
      if ((x === "auto" || x === "scroll" || x === "hidden" || x === "clip")
          && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const el of main.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.right <= width + 1) continue;
    if (found.some((outer) => outer.contains(el)) || scrollsWithin(el)) continue;
    found.push(el);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width: width,
    wide: found.slice(0, 5).map((el) => ({
      testid: el.closest("[data-testid]")?.getAttribute("data-testid"),
      html: el.outerHTML.slice(0, 200),
      right: Math.round(el.getBoundingClientRect().right),
    })),
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, tour.Seeded]]:
    folder = tmp_path_factory.mktemp("screens")
    db_url = f"sqlite:///{folder / 'screens.sqlite3'}"
    store = Store(db_url)
    seeded = tour.seed(store, content)
    store.dispose()
    log = folder / "server.log"
    with app_server(db_url, log) as url:
        yield url, seeded
    assert_quiet_log(log)


def overflow(page: Page) -> dict[str, object]:
    return page.evaluate(OVERFLOW)  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", tour.LANGS)
@pytest.mark.parametrize("name", tour.NAMES)
def test_no_horizontal_scrolling(
    browser: Browser, site: tuple[str, tour.Seeded], name: str, lang: str, tmp_path: Path
) -> None:
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == name)
    problems = []
    for size_name, size in tour.SIZES.items():
        context = tour.new_context(browser, url, stop, size, seeded.trainer_token)
        page = context.new_page()
        try:
            tour.visit(page, url, stop, lang)
            found = overflow(page)
            if found["scrollWidth"] > found["width"] or found["wide"]:  # type: ignore[operator]
                problems.append(f"{size_name} {size}: {found}")
                tour.shoot(page, tmp_path / f"{lang}-{size_name}-{name}.png")
        finally:
            context.close()
    assert not problems, f"{lang}/{name} scrolls sideways:\n" + "\n".join(problems)


def test_screenshots_script_writes_a_png_per_page(tmp_path: Path) -> None:
    """scripts/screenshots.py, run as a reviewer runs it, for one size and language (a few
    pages: the tour itself is what every test above walks)."""
    out = tmp_path / "shots"
    pages = "lesson,quiz-review,practice-feedback,results"
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "screenshots.py"), str(out)]
        + ["--sizes", "phone", "--langs", "nl", "--pages", pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    written = sorted(p.name for p in out.glob("*.png"))
    assert written == sorted(f"nl-phone-{name}.png" for name in pages.split(","))
    for name in written:
        with Image.open(out / name) as image:
            assert image.width == tour.PHONE["width"] and image.height >= tour.PHONE["height"]
