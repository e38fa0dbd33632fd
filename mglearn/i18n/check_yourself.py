"""UI strings (a lesson's "check yourself", issue 30), nl and en: merged into
:data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "check.title": ("Controleer jezelf", "Check yourself"),
    "check.intro": (
        "Kijk even of het is blijven hangen. Dit is geen toets: er komt geen cijfer uit en het telt "
        "nergens voor mee. De vragen komen later terug bij Oefenen.",
        "See whether it stuck. This is not a quiz: there is no mark and it does not count towards "
        "anything. The questions come back later in Practice.",
    ),
    "check.question": ("Vraag {n} van {total}", "Question {n} of {total}"),
    "check.check": ("Controleer", "Check"),
    "check.back_in_practice": (
        "Deze vraag komt terug bij Oefenen.",
        "This question comes back in Practice.",
    ),
}
