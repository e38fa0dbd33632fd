"""UI strings (learner), nl and en: merged into :data:`mglearn.i18n.STRINGS`.

A key ending in ``.one`` / ``.other`` is a plural pair: :func:`mglearn.i18n.tn` picks one.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # plurals
    "plural.minutes.one": ("{n} minuut", "{n} minute"),
    "plural.minutes.other": ("{n} minuten", "{n} minutes"),
    "plural.questions.one": ("{n} vraag", "{n} question"),
    "plural.questions.other": ("{n} vragen", "{n} questions"),
    "plural.attempts.one": ("{n} poging", "{n} attempt"),
    "plural.attempts.other": ("{n} pogingen", "{n} attempts"),
    "plural.steps.one": ("{done} van {n} stap klaar", "{done} of {n} step done"),
    "plural.steps.other": ("{done} van {n} stappen klaar", "{done} of {n} steps done"),
    # quiz and exam review: right or wrong in a word beside the coloured icon (issue 19)
    "figure.in_words": ("De figuur in woorden", "The figure in words"),
    "quiz.mark_right": ("Goed", "Right"),
    "quiz.mark_partly": ("Deels goed", "Partly right"),
    "quiz.mark_wrong": ("Fout", "Wrong"),
    "quiz.match_item": ("Onderdeel", "Item"),  # the first column of a matching question's review
    # an answer the database could not take right now (mglearn/ui/pending.py, issue 20)
    "quiz.save_retrying": ("Niet opgeslagen, we proberen het opnieuw.", "Not saved, we are trying again."),
    "quiz.save_failed": (
        "Je antwoord is niet opgeslagen. Controleer je verbinding en kies het antwoord opnieuw.",
        "Your answer was not saved. Check your connection and choose the answer again.",
    ),
    "quiz.pending_submit": (
        "Je kunt nog niet inleveren: niet al je antwoorden zijn opgeslagen. We proberen het opnieuw; "
        "lever in zodra dat gelukt is.",
        "You cannot hand in yet: not all your answers are saved. We are trying again; hand in once "
        "that has worked.",
    ),
    "quiz.submit_unavailable": (
        "Inleveren lukte niet: de database is even niet bereikbaar. Je opgeslagen antwoorden blijven "
        "bewaard; probeer het zo opnieuw.",
        "Handing in did not work: the database is not reachable right now. Your saved answers are "
        "kept; try again in a moment.",
    ),
    # page titles (browser tab)
    "tab.title": ("{page} · Magnesium leren", "{page} · Learning magnesium"),
    # too many wrong resume or group codes from one device (mglearn/store/guesses.py)
    "error.code_wait": (
        "Te veel onbekende codes vanaf dit apparaat. Probeer het over {seconds} s opnieuw.",
        "Too many unknown codes from this device. Try again in {seconds} s.",
    ),
    # overview: what the big button says
    "overview.begin": ("Begin met les {n}: {title}", "Start with lesson {n}: {title}"),
    "overview.resume_quiz": (
        "Verder waar je was: de toets bij les {n}",
        "Continue where you left off: the quiz for lesson {n}",
    ),
    "overview.next_lesson": ("Volgende les: {n}. {title}", "Next lesson: {n}. {title}"),
    "overview.continue_lesson": ("Verder met les {n}: {title}", "Continue with lesson {n}: {title}"),
    "overview.take_quiz": ("Maak de toets bij les {n}", "Take the quiz for lesson {n}"),
    "overview.retry_quiz": ("Probeer de toets bij les {n} opnieuw", "Try the quiz for lesson {n} again"),
    # lesson
    "lesson.meta": (
        "Les {n} van {total} · ongeveer {minutes} lezen",
        "Lesson {n} of {total} · about {minutes} reading",
    ),
    # progress
    "progress.yes": ("ja", "yes"),
    "progress.no": ("nee", "no"),
    "progress.not_yet": ("nog niet", "not yet"),
    "progress.times_note": ("Tijden in je eigen tijdzone ({zone}).", "Times in your own time zone ({zone})."),
    "progress.no_history": (
        "Nog niets te downloaden: maak eerst een toets.",
        "Nothing to download yet: take a quiz first.",
    ),
    # the history download (CSV): column names
    "hist.attempt": ("Poging", "Attempt"),
    "hist.quiz": ("Toets", "Quiz"),
    "hist.started": ("Begonnen ({zone})", "Started ({zone})"),
    "hist.submitted": ("Ingeleverd ({zone})", "Submitted ({zone})"),
    "hist.attempt_score": ("Score poging (%)", "Attempt score (%)"),
    "hist.passed": ("Gehaald", "Passed"),
    "hist.question_id": ("Vraag-id", "Question id"),
    "hist.question": ("Vraag", "Question"),
    "hist.answer": ("Jouw antwoord", "Your answer"),
    "hist.question_score": ("Score vraag (%)", "Question score (%)"),
    "hist.answered": ("Beantwoord ({zone})", "Answered ({zone})"),
    # account: name and groups (start page, signed in)
    "account.title": ("Je gegevens", "Your details"),
    "account.name": ("Je naam", "Your name"),
    "account.rename": ("Naam opslaan", "Save name"),
    "account.renamed": ("Je naam is nu **{name}**.", "Your name is now **{name}**."),
    "account.groups": ("Je groepen", "Your groups"),
    "account.no_groups": ("Je zit nog in geen enkele groep.", "You are not in any group yet."),
    "account.join": ("Lid worden van een groep", "Join a group"),
    "account.join_code": ("Groepscode van je trainer", "Group code from your trainer"),
    "account.leave": ("Verlaten", "Leave"),
    "account.leave_confirm": (
        "Wil je groep **{name}** verlaten? Je antwoorden blijven bewaard; je trainer ziet je niet meer "
        "in deze groep.",
        "Leave the group **{name}**? Your answers stay saved; your trainer no longer sees you in this group.",
    ),
    "account.leave_yes": ("Ja, verlaat de groep", "Yes, leave the group"),
    "account.left": ("Je hebt groep **{name}** verlaten.", "You left the group **{name}**."),
}
