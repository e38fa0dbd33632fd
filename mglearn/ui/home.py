"""The app's root address: a signed-in learner lands on the overview, anyone else on start.

A page of its own (hidden from the menu) rather than making the overview the default page:
Streamlit serves the default page at "/" only, so a bookmarked "/overview?learner=..." would
meet "Page not found" if the overview were the default."""

from __future__ import annotations

import streamlit as st

from mglearn.ui import state
from mglearn.ui.state import PAGES

target = "overview" if state.learner() is not None else "start"
st.switch_page(f"{PAGES}/{target}.py", query_params={**st.query_params.to_dict(), **state.params()})
