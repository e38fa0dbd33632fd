"""UI strings (practice), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "nav.practice": ("Oefenen", "Practice"),
    "practice.title": ("Oefenen", "Practice"),
    "practice.intro": (
        "Elke vraag komt terug vlak voordat je hem zou vergeten. Kies met de cijfertoetsen, "
        "controleer met Enter en ga met Enter verder.",
        "Each question comes back just before you would forget it. Choose with the number keys, "
        "check with Enter and go on with Enter.",
    ),
    "practice.intro_touch": (
        "Elke vraag komt terug vlak voordat je hem zou vergeten.",
        "Each question comes back just before you would forget it.",
    ),
    "plural.practice_today.one": ("{n} vraag vandaag", "{n} question today"),
    "plural.practice_today.other": ("{n} vragen vandaag", "{n} questions today"),
    "practice.today_split": ("{due} om te herhalen · {new} nieuw", "{due} to review · {new} new"),
    "practice.start": ("Begin met oefenen", "Start practising"),
    "practice.again": ("Nog een ronde", "Another round"),
    "practice.nothing": (
        "Je bent klaar voor vandaag: er staat nu niets te herhalen.",
        "You are done for today: nothing is due now.",
    ),
    "practice.read_first": (
        "Nieuwe vragen komen erbij zodra je een les hebt gelezen.",
        "New questions are added once you have read a lesson.",
    ),
    "practice.next_due": (
        "De volgende vraag komt terug op {date}.",
        "The next question comes back on {date}.",
    ),
    "practice.counter": ("Vraag {n} van {total} in deze ronde", "Question {n} of {total} in this round"),
    "practice.new_badge": ("nieuw", "new"),
    "practice.lesson": ("Les {n}: {title}", "Lesson {n}: {title}"),
    "practice.check": ("Controleer", "Check"),
    "practice.next": ("Volgende", "Next"),
    "practice.finish": ("Afronden", "Finish"),
    "practice.keys": (
        "Toetsen: {first}–{last} om te kiezen, Enter om te controleren.",
        "Keys: {first}–{last} to choose, Enter to check.",
    ),
    "practice.keys_match": (
        "Kies bij elk item de juiste koppeling (Tab en pijltjestoetsen), Enter om te controleren.",
        "Choose the right match for each item (Tab and arrow keys), Enter to check.",
    ),
    "practice.right": ("Goed!", "Right!"),
    "practice.partly": ("Deels goed ({score}).", "Partly right ({score})."),
    "practice.wrong": ("Niet goed.", "Not this time."),
    "practice.rating.1": ("Deze vraag komt snel terug", "This question comes back soon"),
    "practice.rating.2": ("Deze vraag komt wat eerder terug", "This question comes back a bit sooner"),
    "practice.rating.3": ("Goed onthouden", "Well remembered"),
    "practice.rating.4": (
        "Goed en snel: deze vraag mag even wegblijven",
        "Right and fast: this one can stay away a while",
    ),
    "practice.back_in": ("{rating} · weer terug {when}.", "{rating} · back {when}."),
    "practice.when_minutes": ("over {n} min", "in {n} min"),
    "practice.when_hours": ("over {n} uur", "in {n} h"),
    "plural.practice_days.one": ("over {n} dag", "in {n} day"),
    "plural.practice_days.other": ("over {n} dagen", "in {n} days"),
    "practice.changed": (
        "Deze vraag is intussen al beantwoord (in een ander tabblad?). We gaan door met de volgende.",
        "This question was answered meanwhile (in another tab?). On to the next one.",
    ),
    "practice.invalid": ("Kies eerst een antwoord.", "Choose an answer first."),
    "practice.summary": ("Klaar met deze ronde", "Round finished"),
    "feedback.right_answer": ("Juiste antwoord", "Right answer"),
    "feedback.your_right": ("Jouw keuze: goed", "Your choice: right"),
    "feedback.your_wrong": ("Jouw keuze: fout", "Your choice: wrong"),
    "feedback.goal_met": ("dagdoel gehaald", "daily goal reached"),
    "feedback.all_right": ("Alles goed in deze ronde!", "All right in this round!"),
    "practice.summary_counts": (
        "{total}: {right} goed, {partly} deels goed, {wrong} niet goed.",
        "{total}: {right} right, {partly} partly right, {wrong} not right.",
    ),
    "practice.to_overview": ("Terug naar het overzicht", "Back to the overview"),
    "practice.to_practice": ("Naar oefenen", "Go to practice"),
    # knowledge in a week, forecast, goal and streak
    "practice.section": ("Oefenen en wat je nu nog weet", "Practice and what you know today"),
    "practice.knowledge": ("Kennis over een week", "Knowledge in a week"),
    "practice.knowledge_help": (
        "De kans dat je de vragen van een les over een week nog goed hebt als je tot dan niet "
        "oefent, geschat uit je antwoorden en hoe lang geleden die waren (alleen vragen die je al "
        "hebt beantwoord). Oefenen houdt dit getal hoog.",
        "The chance that you would still answer a lesson's questions right in a week if you do not "
        "practise until then, estimated from your answers and how long ago they were (only "
        "questions you have answered). Practising keeps this figure up.",
    ),
    "practice.no_cards": (
        "Nog niets beantwoord: maak een toets of oefen om te zien wat je onthoudt.",
        "Nothing answered yet: take a quiz or practise to see what you remember.",
    ),
    "practice.col_covered": ("Beantwoord", "Answered"),
    "practice.covered": ("{cards} van {questions}", "{cards} of {questions}"),
    "practice.forecast": ("Vragen die terugkomen, komende 14 dagen", "Questions coming back, next 14 days"),
    "practice.col_day": ("Dag", "Day"),
    "practice.col_due": ("Vragen", "Questions"),
    "practice.goal": ("Dagdoel (vragen per dag, 0 = geen)", "Daily goal (questions a day, 0 = none)"),
    "practice.goal_range": (
        "Een dagdoel ligt tussen 1 en 500 vragen.",
        "A daily goal is between 1 and 500 questions.",
    ),
    "practice.goal_progress": ("Vandaag {done} van {goal} vragen", "Today {done} of {goal} questions"),
    "plural.practice_streak.one": ("{n} dag op rij", "{n} day in a row"),
    "plural.practice_streak.other": ("{n} dagen op rij", "{n} days in a row"),
    "practice.heatmap_measure": ("Toon", "Show"),
    "practice.measure_best": ("Beste score", "Best score"),
    "practice.measure_knowledge": ("Kennis over een week", "Knowledge in a week"),
    "practice.heatmap_knowledge_note": (
        "Kennis over een week: gemiddelde kans dat de deelnemer de beantwoorde vragen van een les "
        "over een week nog goed heeft zonder tussendoor te oefenen (fsrs). Grijs: nog niets "
        "beantwoord.",
        "Knowledge in a week: the mean chance that the learner would still answer a lesson's "
        "answered questions right in a week without practising in between (fsrs). Grey: nothing "
        "answered yet.",
    ),
}
