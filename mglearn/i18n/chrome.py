"""Streamlit's own words, which no parameter sets (issue 30: no English on Dutch pages), nl and
en; the English is Streamlit's own text, exactly (mglearn/ui/chrome_words.py puts the Dutch in
its place). A key ending in ``.prefix`` is the start of a longer text: "Help for Hervatcode".
Below them, the charts' accessible names, which Vega would otherwise call "Vega visualization"."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "chrome.skip": ("Naar de inhoud", "Skip to main content"),
    "chrome.sidebar": ("Zijbalk", "Sidebar"),
    "chrome.pages": ("Pagina's", "App pages"),
    "chrome.expand_sidebar": ("Zijbalk openen", "Expand sidebar"),
    "chrome.collapse_sidebar": ("Zijbalk sluiten", "Collapse sidebar"),
    "chrome.heading_link": ("Link naar dit kopje", "Link to heading"),
    "chrome.help": ("Uitleg", "Help"),
    "chrome.help_for.prefix": ("Uitleg bij ", "Help for "),
    "chrome.shortcut.prefix": ("Sneltoets ", "Shortcut "),
    "chrome.submit_form": ("Druk op Enter om te versturen", "Press Enter to submit form"),
    "chrome.apply": ("Druk op Enter om toe te passen", "Press Enter to apply"),
    "chrome.open": ("Keuzelijst openen", "Open"),
    "chrome.close": ("Sluiten", "Close"),
    "chrome.clear_value": ("Keuze wissen", "Clear value"),
    "chrome.clear_all": ("Alles wissen", "Clear all"),
    "chrome.remove": ("Verwijderen", "Remove"),
    "chrome.increment": ("Eén hoger", "Increment"),
    "chrome.decrement": ("Eén lager", "Decrement"),
    "chrome.choose_date": ("Kies een datum", "Choose date"),
    # a date field's parts: the browser names them in its own language ("day, Inleveren uiterlijk")
    "chrome.day.prefix": ("dag, ", "day, "),
    "chrome.month.prefix": ("maand, ", "month, "),
    "chrome.year.prefix": ("jaar, ", "year, "),
    "chrome.clear_date": ("Datum wissen", "Clear date"),
    "chrome.previous_month": ("Vorige maand", "Previous month"),
    "chrome.next_month": ("Volgende maand", "Next month"),
    "chrome.show_password": ("Wachtwoord tonen", "Show password"),
    "chrome.hide_password": ("Wachtwoord verbergen", "Hide password"),
    "chrome.main_menu": ("Hoofdmenu", "Main menu"),
    # a chart's name for a screen reader (st.altair_chart(alt=...))
    "progress.chart_alt": (
        "Staafdiagram: je beste score per les, in procent",
        "Bar chart: your best score per lesson, in percent",
    ),
    "practice.forecast_alt": (
        "Staafdiagram: hoeveel kaarten de komende dagen aan de beurt zijn",
        "Bar chart: how many cards are due in the coming days",
    ),
    "results.heatmap_alt": (
        "Heatmap: per deelnemer en per les de beste score",
        "Heat map: the best score per member and per lesson",
    ),
}
