"""UI strings (web), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # trainer sign-in through the HTTP routes (mglearn.web) and its outcome on the page
    "web.signed_out": (
        "Je bent afgemeld als trainer, ook op je andere apparaten.",
        "You are signed out as a trainer, on your other devices too.",
    ),
    "web.wait_seconds.one": (
        "Te veel mislukte pogingen vanaf dit apparaat. Wacht {n} seconde en probeer het dan opnieuw.",
        "Too many failed tries from this device. Wait {n} second, then try again.",
    ),
    "web.wait_seconds.other": (
        "Te veel mislukte pogingen vanaf dit apparaat. Wacht {n} seconden en probeer het dan opnieuw.",
        "Too many failed tries from this device. Wait {n} seconds, then try again.",
    ),
    "web.wait_minutes.one": (
        "Te veel mislukte pogingen vanaf dit apparaat. Wacht {n} minuut en probeer het dan opnieuw.",
        "Too many failed tries from this device. Wait {n} minute, then try again.",
    ),
    "web.wait_minutes.other": (
        "Te veel mislukte pogingen vanaf dit apparaat. Wacht {n} minuten en probeer het dan opnieuw.",
        "Too many failed tries from this device. Wait {n} minutes, then try again.",
    ),
    "web.backoff": (
        "Je blijft aangemeld als je de pagina ververst of een nieuw tabblad opent. Na vijf mislukte "
        "pogingen moet je even wachten, na elke volgende fout twee keer zo lang.",
        "You stay signed in when you refresh the page or open a new tab. After five failed tries you "
        "have to wait a moment, twice as long after every further failure.",
    ),
    # the public verification page /verify/<code> (mglearn.web)
    "web.verify_to_app": ("Naar de leeromgeving", "To the learning app"),
    "web.no_account": (
        "Nog geen account? Vraag de beheerder van deze site om een traineraccount voor je te maken.",
        "No account yet? Ask the administrator of this site to create a trainer account for you.",
    ),
    "web.missing": ("Vul je naam en je wachtwoord in.", "Fill in your name and your password."),
}
