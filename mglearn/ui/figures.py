"""A lesson section's figure on the page (issue 30): its title, the drawing (an SVG of rows,
or for ``ranges`` a bar chart in the brand's colours), whose numbers or claims they are, and
the figure in words for anyone who does not see it."""

from __future__ import annotations

import base64
from html import escape

import altair as alt
import pandas as pd
import streamlit as st

from mglearn.content.models import Figure
from mglearn.figures import in_words, range_rows, svg

from .brand import chart_colour
from .state import t

# a bar per source: the brand's colour first (the article), then colours of 3:1 or more on white
OTHERS = ["#1F4E79", "#5B5B5B", "#8B4513", "#4B2C83", "#0F5E2E"]


def show(figure: Figure, lang: str, key: str) -> None:
    with st.container(border=True, key=f"figure_{key}"):
        st.markdown(f"**:material/insert_chart: {figure.title.get(lang)}**")
        if figure.kind == "ranges":
            _ranges(figure, lang)
        else:
            # an image with its text alternative (st.html keeps HTML only: an inline SVG is removed)
            data = base64.b64encode(svg(figure, lang, chart_colour(), f"fig-{key}").encode()).decode()
            alt_text = escape(figure.alt.get(lang), quote=True)
            st.html(
                f'<img src="data:image/svg+xml;base64,{data}" alt="{alt_text}" '
                'style="width:100%;max-width:420px;height:auto">'
            )
        if figure.note:
            st.caption(figure.note.get(lang))
        with st.expander(t("figure.in_words"), icon=":material/description:"):
            st.markdown(in_words(figure, lang))


def _ranges(figure: Figure, lang: str) -> None:
    data = pd.DataFrame(range_rows(figure, lang))
    sources = list(dict.fromkeys(data["source"]))
    colours = [chart_colour(), *OTHERS][: len(sources)]
    unit = figure.unit.get(lang) if figure.unit else ""
    top = float(data["high"].max()) * 1.2
    y = alt.Y(
        "label:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=170, labelFontSize=12, labelPadding=6),
    )
    colour = alt.Color("source:N", scale=alt.Scale(domain=sources, range=colours), legend=None)
    base = alt.Chart(data).encode(y=y)
    solid = base.mark_bar(height=16).encode(
        x=alt.X("low:Q", title=unit, scale=alt.Scale(domain=[0, top])), x2=alt.datum(0), color=colour
    )
    rest = base.mark_bar(height=16, opacity=0.45).encode(x="low:Q", x2="high:Q", color=colour)
    words = base.mark_text(align="left", dx=4, fontSize=13, color="#141414").encode(
        x="high:Q", text="shown:N"
    )
    chart = (solid + rest + words).properties(height=alt.Step(56))
    st.altair_chart(chart, width="stretch", alt=figure.alt.get(lang))
