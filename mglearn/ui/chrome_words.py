"""Streamlit's own words in the visitor's language (issue 30: no English on Dutch pages).

Streamlit draws some words of its own that no parameter sets: the skip link ("Skip to main
content"), the sidebar's and its page list's names, a heading's link, the help icon's "Help for
…", a shortcut's "Shortcut Enter", the instructions under a text field ("Press Enter to submit
form"), a select box's and a number field's buttons. A script (st.html runs it in the page
itself, as shell.declare_language does) puts the visitor's words in their place, in the
aria-label, title and placeholder attributes and in the text of the skip link and the input
instructions, and again whenever Streamlit draws them anew (a MutationObserver). The words are
the i18n table's "chrome.*" pairs; Streamlit's installed files are not touched, and a text it
draws that is not in the table stays as it is (tests/test_dutch_browser.py finds it)."""

from __future__ import annotations

import json

import streamlit as st

from mglearn import i18n

from . import state

# in the page: say() turns a Streamlit text (or one that began so) into the visitor's words
SCRIPT = """<script>(() => {
  const exact = new Map(), prefixes = [];
  for (const [from, to, prefix] of %s) (prefix ? prefixes.push([from, to]) : exact.set(from, to));
  const say = (text) => {
    if (exact.has(text)) return exact.get(text);
    for (const [from, to] of prefixes) if (text.startsWith(from)) return to + text.slice(from.length);
    return null;
  };
  const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
  const TEXTS = '[data-testid="stSkipToContent"], [data-testid="InputInstructions"] *';
  const fix = () => {
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ATTRIBUTES) {
        const text = el.getAttribute(name), words = text && say(text);
        if (words && words !== text) el.setAttribute(name, words);
      }
    }
    for (const el of document.querySelectorAll(TEXTS)) {
      for (const node of el.childNodes) {  // the text node itself: React keeps its own node
        const words = node.nodeType === Node.TEXT_NODE && say(node.nodeValue);
        if (words && words !== node.nodeValue) node.nodeValue = words;
      }
    }
  };
  window.mgChromeWords = fix;
  if (!window.mgChromeObserver) {
    window.mgChromeObserver = new MutationObserver(() => window.mgChromeWords());
    window.mgChromeObserver.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }
  fix();
})();</script>"""


def pairs(lang: str) -> list[tuple[str, str, bool]]:
    """(a text in the other language, the same in ``lang``, whether it is a text's start)."""
    other = "en" if lang == "nl" else "nl"
    keys = [key for key in i18n.STRINGS if key.startswith("chrome.")]
    return [(i18n.t(key, other), i18n.t(key, lang), key.endswith(".prefix")) for key in keys]


def relabel() -> None:
    """Say Streamlit's own words in the visitor's language on this page (and back, when the
    visitor switches: the other language's words are turned too)."""
    words = json.dumps(pairs(state.lang()), ensure_ascii=False).replace("</", "<\\/")
    st.html(SCRIPT % words, unsafe_allow_javascript=True)
