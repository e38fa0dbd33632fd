"""Helpers for the journey browser tests (issue 19): the app's own texts per language, answering
a question with the mouse or the keyboard alone, and walking the page with Tab while checking
that every stop shows a visible focus."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from playwright.sync_api import Locator, Page, expect

from mglearn import i18n
from mglearn.attempts import Drawn, correct_response
from mglearn.content import Question

from .browser import settled, wait_until

LANGS = ("nl", "en")


def text(key: str, lang: str, **params: object) -> str:
    """A UI text as the page shows it: i18n.t with its Markdown marks taken out."""
    return re.sub(r"\*\*|`|(?<!\w)\*|\*(?!\w)", "", i18n.t(key, lang, **params))


def pattern(key: str, lang: str) -> re.Pattern[str]:
    """A UI text with each ``{param}`` as a wildcard (a date, a time, a count)."""
    parts = re.split(r"\{[a-z_]+\}", text(key, lang))
    return re.compile(".+?".join(re.escape(p) for p in parts))


def same_answer(q: Question, stored: object, wanted: Sequence[int]) -> bool:
    """The stored answer is ``wanted`` (a multiple-choice answer in any order)."""
    if q.type == "multiple":
        return isinstance(stored, list) and sorted(stored) == sorted(wanted)
    return stored == list(wanted)


def wrong_response(q: Question) -> list[int]:
    if q.type == "matching":
        n = len(q.pairs)
        return [(j + 1) % n for j in range(n)]
    if q.type == "gapselect":  # a distractor in every gap
        return [next(i for i, o in enumerate(q.options) if not o.correct)] * sum(o.correct for o in q.options)
    return [next(i for i, o in enumerate(q.options) if not o.correct)]


def answer_with_mouse(
    page: Page,
    box: Locator,
    q: Question,
    response: Sequence[int],
    lang: str,
    stored: Callable[[], object],
    caption: bool = True,
) -> None:
    """Click the options of ``response`` (option indexes) in the question's box, each once the
    one before is stored and drawn (``stored()`` gives the stored answer, a list or None)."""
    for k, chosen in enumerate(response):
        if q.type in ("matching", "gapselect"):  # select boxes
            label = (q.pairs[chosen].right if q.type == "matching" else q.options[chosen].text).get(lang)
            box.get_by_role("combobox").nth(k).click()
            page.keyboard.type(label)  # the list opens on typing
            page.get_by_role("option", name=label, exact=True).click()
            wait_until(lambda k=k, chosen=chosen: (stored() or [None] * (k + 1))[k] == chosen)  # type: ignore[index]
        else:
            option = box.get_by_text(q.options[chosen].text.get(lang), exact=True)
            expect(option).to_have_count(1)  # the question before it may still be drawn for a moment
            option.click()
            wait_until(lambda chosen=chosen: chosen in (stored() or []))  # type: ignore[operator]
    if caption:  # the quiz marks a saved answer (the exam does not): drawn, on to the next
        expect(box.get_by_text(pattern("quiz.saved_at", lang))).to_be_visible()


# -- the keyboard alone ---------------------------------------------------------------------

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return [true, "the page itself (past the last control)"];
  const name = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().slice(0, 50);
  const kind = el.getAttribute("data-testid") || el.getAttribute("role") || "";
  const what = `${el.tagName.toLowerCase()}[${kind}] "${name}"`;
  let e = el;
  for (let i = 0; e && i < 6; i++, e = e.parentElement) {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    if (outline || (s.boxShadow && s.boxShadow !== "none")) return [true, what];
  }
  return [false, what];
}"""


def focused(page: Page) -> tuple[bool, str]:
    """(has a visible focus, what is focused): a computed outline or box-shadow on the focused
    element or on one of its nearest ancestors (a radio's label, a select's box)."""
    shown, what = page.evaluate(FOCUS)
    return bool(shown), str(what)


def holds_focus(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"))


def tab_to(page: Page, target: Locator, *, back: bool = False, limit: int = 80) -> None:
    """Press Tab (Shift+Tab with ``back``) until ``target`` holds the focus; every control
    passed on the way must show a visible focus."""
    expect(target).to_be_visible()
    unseen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        shown, what = focused(page)
        if not shown:
            unseen.append(what)
        if holds_focus(target):
            assert not unseen, f"Tab stops without a visible focus: {unseen}"
            return
    raise AssertionError(f"{limit} Tab presses did not reach {target}")


def press(page: Page, target: Locator, key: str = "Enter", *, back: bool = False) -> None:
    """Tab to ``target`` and press ``key`` on it, once no script run is redrawing the page (a
    key pressed while a run redraws can land on another control: in one CI run a Space meant
    for the flag switch unticked a checkbox)."""
    settled(page)
    tab_to(page, target, back=back)
    settled(page)
    if not holds_focus(target):  # a redraw took the focus away: go there again
        tab_to(page, target, back=back)
    page.keyboard.press(key)


def answer_with_keyboard(
    page: Page, box: Locator, drawn: Drawn, q: Question, lang: str, saved: Callable[[], object]
) -> None:
    """Give the correct answer to one question with Tab, the arrow keys, Space and Enter:
    a radio group is one Tab stop (arrows move and choose), each checkbox is one (Space
    ticks it), each select box is one (arrows open and walk the list, Enter picks)."""
    right = correct_response(q)
    if q.type in ("single", "true_false"):
        first = box.get_by_role("radio").first
        tab_to(page, first)
        position = drawn.order.index(right[0])
        if position == 0:
            page.keyboard.press("Space")
        for _ in range(position):
            page.keyboard.press("ArrowDown")
        expect(box.get_by_role("radio", name=q.options[right[0]].text.get(lang), exact=True)).to_be_checked()
    elif q.type == "multiple":
        for i in right:
            option = box.get_by_role("checkbox", name=q.options[i].text.get(lang), exact=True)
            tab_to(page, option)
            page.keyboard.press("Space")
            expect(option).to_be_checked()
    else:  # matching and gapselect: a select box per pair or gap
        for j, chosen in enumerate(right):
            combo = box.get_by_role("combobox").nth(j)
            tab_to(page, combo)
            page.keyboard.press("ArrowDown")  # opens the list on its first option
            for _ in range(drawn.order.index(chosen)):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            label = q.pairs[chosen].right if q.type == "matching" else q.options[chosen].text
            expect(combo).to_have_value(label.get(lang))
    wait_until(saved)
