"""mglearn: the Streamlit entry point.

`streamlit run app.py` imports this file once as the server (it finds ``app``, an ``st.App``
carrying the sign-in routes of mglearn.web) and then runs it as the page script on every rerun,
where ``__name__`` is ``"__main__"``: page config, who is here, their pages, run.
"""

import streamlit as st

from mglearn import web

if __name__ == "__main__":  # the page script, run by Streamlit (and by AppTest)
    from mglearn.ui import shell

    st.set_page_config(page_title="Magnesium", page_icon=shell.FAVICON, layout="centered")
    with shell.guard():
        shell.resolve_visitor()
        page = st.navigation(shell.pages(), position="sidebar")
        shell.sidebar()
        shell.follow_goto()
        page.run()
else:  # the server: Streamlit's own routes plus ours, in the brand's colour
    from mglearn.ui import brand

    brand.apply_theme()
    app = st.App(__file__, routes=web.routes(), middleware=web.middleware(), lifespan=web.lifespan)
