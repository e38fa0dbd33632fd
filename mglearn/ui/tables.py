"""Tables that a phone can read (issue 30): a data grid on a wide screen, cards on a phone.

A data grid is drawn on a canvas, so no CSS can lay it out again; a table of five columns
shows one or two of them on a 390 px phone and scrolls sideways inside. So each table is drawn
twice, once as Streamlit's data grid and once as cards (one card per row, each value under its
column's name), and style.css shows the one that fits the window (a media query: the server does
not know the window's width). Every value is shown as text (html.escape)."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st


def _text(value: Any, config: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return "–"
    kind = config.get("type_config", {}) if isinstance(config, Mapping) else {}
    if kind.get("type") == "progress" and "%%" in str(kind.get("format") or ""):
        return f"{value}%"
    return str(value)


def cards_html(frame: pd.DataFrame, column_config: Mapping[str, Any] | None = None) -> str:
    """One <dl> per row: each column's name (dt) with the row's value (dd)."""
    config = column_config or {}
    cards = []
    for row in frame.itertuples(index=False):
        pairs = "".join(
            f"<div><dt>{html.escape(str(col))}</dt><dd>{html.escape(_text(value, config.get(col)))}</dd>"
            "</div>"
            for col, value in zip(frame.columns, row, strict=True)
        )
        cards.append(f'<dl class="mg-card">{pairs}</dl>')
    return f'<div class="mg-cards">{"".join(cards)}</div>'


def dataframe(data: pd.DataFrame | Sequence[Mapping[str, Any]], key: str, **kwargs: Any) -> None:
    """st.dataframe(data, **kwargs) on a wide screen, the same rows as cards on a phone;
    ``key`` names the pair (unique on the page)."""
    frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    with st.container(key=f"mg_wide_{key}"):
        st.dataframe(frame, **kwargs)
    with st.container(key=f"mg_cards_{key}"):
        st.html(cards_html(frame, kwargs.get("column_config")))
