"""mglearn: the Streamlit entry point. Page config, who is here, their pages, run."""

import streamlit as st

from mglearn.ui import shell

st.set_page_config(page_title="Magnesium", page_icon=":material/school:", layout="centered")
with shell.guard():
    shell.resolve_visitor()
    page = st.navigation(shell.pages(), position="sidebar")
    shell.sidebar()
    shell.follow_goto()
    page.run()
