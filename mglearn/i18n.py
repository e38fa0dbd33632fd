"""UI strings in Dutch (first) and English."""

from __future__ import annotations

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Nederlands", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "app.title": ("Magnesium leren", "Learning magnesium"),
    "nav.start": ("Start", "Start"),
    "nav.overview": ("Overzicht", "Overview"),
    "nav.lesson": ("Les", "Lesson"),
    "nav.quiz": ("Toets", "Quiz"),
    "nav.progress": ("Mijn voortgang", "My progress"),
    "nav.trainer": ("Trainer", "Trainer"),
    "nav.language": ("Taal", "Language"),
    "nav.signed_in_as": ("Ingelogd als **{name}**", "Signed in as **{name}**"),
    "nav.your_code": ("Je hervatcode: `{code}`", "Your resume code: `{code}`"),
    "nav.sign_out": ("Afmelden", "Sign out"),
    # start
    "start.title": ("Magnesium: de stille kracht", "Magnesium: the quiet force"),
    "start.intro": (
        "Zeven korte lessen over wat magnesium doet, waarom tekorten vaak voorkomen, welke vorm je "
        "kiest en hoe je het veilig gebruikt. Na elke les een toets met directe uitleg.",
        "Seven short lessons on what magnesium does, why deficiencies are common, which form to "
        "choose and how to use it safely. Each lesson ends with a quiz that explains every answer.",
    ),
    "start.new": ("Nieuw hier", "New here"),
    "start.name": ("Je naam (zoals je die wilt zien)", "Your name (as you want to see it)"),
    "start.begin": ("Beginnen", "Start learning"),
    "start.continue": ("Verder met je code", "Continue with your code"),
    "start.code": ("Hervatcode", "Resume code"),
    "start.code_help": (
        "De code die je kreeg toen je begon, bijvoorbeeld MG-7KQ4-XPZ2.",
        "The code you got when you started, for example MG-7KQ4-XPZ2.",
    ),
    "start.resume": ("Verdergaan", "Continue"),
    "start.welcome": ("Welkom, {name}!", "Welcome, {name}!"),
    "start.code_note": (
        "Bewaar je hervatcode **{code}**: daarmee ga je op elk apparaat verder waar je was. "
        "De link in je adresbalk werkt ook als bladwijzer.",
        "Keep your resume code **{code}**: with it you continue where you left off on any device. "
        "The link in your address bar works as a bookmark too.",
    ),
    "start.to_overview": ("Naar de lessen", "Go to the lessons"),
    "start.join": ("Groepscode (optioneel)", "Group code (optional)"),
    # overview
    "overview.title": ("Jouw leerpad", "Your learning path"),
    "overview.progress": ("{done} van {total} stappen klaar", "{done} of {total} steps done"),
    "overview.continue": ("Verder waar je was: {what}", "Continue where you left off: {what}"),
    "overview.all_done": (
        "Alle lessen gelezen en alle toetsen gehaald. Goed gedaan!",
        "All lessons read and all quizzes passed. Well done!",
    ),
    "overview.read": ("Lezen", "Read"),
    "overview.quiz": ("Toets", "Quiz"),
    "overview.minutes": ("{n} min", "{n} min"),
    "status.not_started": ("Nog niet begonnen", "Not started"),
    "status.read": ("Gelezen", "Read"),
    "status.in_progress": ("Toets bezig", "Quiz in progress"),
    "status.failed": (
        "Gelezen · toets nog niet gehaald (beste {best})",
        "Read · quiz not passed yet (best {best})",
    ),
    "status.passed": ("Toets gehaald · beste {best}", "Quiz passed · best {best}"),
    "next.lesson": ("les {n}: {title}", "lesson {n}: {title}"),
    "next.quiz": ("toets bij les {n}: {title}", "quiz for lesson {n}: {title}"),
    # lesson
    "lesson.choose": ("Kies een les", "Choose a lesson"),
    "lesson.meta": (
        "Les {n} van {total} · ongeveer {minutes} minuten lezen",
        "Lesson {n} of {total} · about {minutes} minutes reading",
    ),
    "lesson.source": ("Uit het artikel: *{source}*", "From the article: *{source}*"),
    "lesson.key_points": ("Kernpunten", "Key points"),
    "lesson.context": ("Buiten het artikel: context", "Beyond the article: context"),
    "lesson.context_intro": (
        "Deze aanvullingen staan niet in het artikel. Ze komen uit de genoemde bron en helpen je "
        "het artikel veilig toe te passen.",
        "These notes are not in the article. They come from the named source and help you apply "
        "the article safely.",
    ),
    "lesson.reference": ("Bron: {ref}", "Source: {ref}"),
    "lesson.mark_read": ("Markeer als gelezen", "Mark as read"),
    "lesson.is_read": ("Gelezen op {date}", "Read on {date}"),
    "lesson.take_quiz": ("Maak de toets", "Take the quiz"),
    "lesson.previous": ("← Vorige les", "← Previous lesson"),
    "lesson.next": ("Volgende les →", "Next lesson →"),
    "lesson.review_focus": ("Herhaal dit deel: **{title}**", "Review this part: **{title}**"),
    # quiz
    "quiz.choose": ("Kies een toets", "Choose a quiz"),
    "quiz.intro": (
        "{n} vragen · je haalt de toets met {pass_mark} of meer. Je antwoorden worden meteen "
        "bewaard; je kunt altijd later verder.",
        "{n} questions · you pass with {pass_mark} or more. Your answers are saved as you go; "
        "you can always continue later.",
    ),
    "quiz.start": ("Start de toets", "Start the quiz"),
    "quiz.retake": ("Opnieuw proberen", "Try again"),
    "quiz.best_latest": (
        "Beste score: {best} · laatste: {latest} · pogingen: {n}",
        "Best score: {best} · latest: {latest} · attempts: {n}",
    ),
    "quiz.answered": ("{done} van {total} beantwoord", "{done} of {total} answered"),
    "quiz.question": ("Vraag {n}", "Question {n}"),
    "quiz.pick_one": ("Kies één antwoord.", "Choose one answer."),
    "quiz.pick_all": ("Kies alle juiste antwoorden.", "Select all that apply."),
    "quiz.match": ("Kies bij elk item de juiste koppeling.", "Choose the right match for each item."),
    "quiz.choose_placeholder": ("Kies…", "Choose…"),
    "quiz.unanswered": ("Nog niet beantwoord", "Not answered yet"),
    "quiz.submit": ("Inleveren", "Submit"),
    "quiz.submit_anyway": ("Toch inleveren", "Submit anyway"),
    "quiz.unanswered_warning": (
        "Je hebt {n} vraag/vragen nog niet (volledig) beantwoord: {which}. Onbeantwoord telt als fout.",
        "You have not (fully) answered {n} question(s): {which}. Unanswered counts as wrong.",
    ),
    "quiz.saved": ("Antwoord bewaard", "Answer saved"),
    "quiz.score": ("Score", "Score"),
    "quiz.passed": (
        "Gehaald! Je score is {score} (nodig: {pass_mark}).",
        "Passed! Your score is {score} (needed: {pass_mark}).",
    ),
    "quiz.failed": (
        "Nog niet gehaald: je score is {score} (nodig: {pass_mark}). Bekijk de uitleg en probeer het opnieuw.",
        "Not passed yet: your score is {score} (needed: {pass_mark}). Read the explanations and try again.",
    ),
    "quiz.review": ("Nabespreking", "Review"),
    "quiz.your_answer": ("Jouw antwoord", "Your answer"),
    "quiz.correct_answer": ("Juiste antwoord", "Correct answer"),
    "quiz.no_answer": ("(geen antwoord)", "(no answer)"),
    "quiz.explanation": ("Uitleg", "Explanation"),
    "quiz.to_section": ("Lees dit na in de les", "Read this again in the lesson"),
    "quiz.question_score": ("{score} punt", "{score} point"),
    "quiz.back_to_overview": ("Terug naar het overzicht", "Back to the overview"),
    "quiz.next_lesson": ("Door naar de volgende les", "On to the next lesson"),
    # progress
    "progress.title": ("Mijn voortgang", "My progress"),
    "progress.lessons": ("Per les", "Per lesson"),
    "progress.topics": ("Per onderwerp", "Per topic"),
    "progress.download": ("Download mijn geschiedenis (CSV)", "Download my history (CSV)"),
    "progress.none": ("Nog geen toetsen gemaakt.", "No quizzes taken yet."),
    "col.lesson": ("Les", "Lesson"),
    "col.topic": ("Onderwerp", "Topic"),
    "col.read": ("Gelezen", "Read"),
    "col.attempts": ("Pogingen", "Attempts"),
    "col.best": ("Beste score", "Best score"),
    "col.latest": ("Laatste score", "Latest score"),
    "col.passed": ("Gehaald", "Passed"),
    "col.last_activity": ("Laatste activiteit", "Last activity"),
    "col.score": ("Score", "Score"),
    "col.questions": ("Vragen", "Questions"),
    # errors
    "error.name_empty": ("Vul een naam in (letters of cijfers).", "Enter a name (letters or digits)."),
    "error.name_long": (
        "Die naam is te lang: maximaal {max} tekens.",
        "That name is too long: at most {max} characters.",
    ),
    "error.code_unknown": (
        "Deze code kennen we niet. Controleer de tekens (bijvoorbeeld MG-7KQ4-XPZ2) of begin opnieuw.",
        "We don't know this code. Check the characters (for example MG-7KQ4-XPZ2) or start anew.",
    ),
    "error.learner_unknown": (
        "Deze leerling bestaat niet (meer). Meld je opnieuw aan.",
        "This learner does not exist (anymore). Sign in again.",
    ),
    "error.attempt_unknown": ("Deze poging bestaat niet.", "This attempt does not exist."),
    "error.attempt_closed": (
        "Deze poging is al ingeleverd; je antwoord is niet meer gewijzigd. Start een nieuwe poging om opnieuw te oefenen.",
        "This attempt was already submitted; your answer was not changed. Start a new attempt to practise again.",
    ),
    "error.question_unknown": (
        "Deze vraag hoort niet bij deze poging.",
        "This question is not part of this attempt.",
    ),
    "error.bad_response": ("Dat antwoord past niet bij de vraag.", "That answer does not fit the question."),
    "error.content": (
        "De lesinhoud bevat fouten; de app kan niet starten. Laat de auteur `python -m mglearn check` draaien:",
        "The lesson content has errors, so the app cannot start. Ask the author to run `python -m mglearn check`:",
    ),
    "error.not_found_lesson": (
        "Die les bestaat niet. Kies een les uit het overzicht.",
        "That lesson does not exist. Pick one from the overview.",
    ),
    "error.need_learner": (
        "Begin eerst op de startpagina of ga verder met je code.",
        "Start on the start page first, or continue with your code.",
    ),
    "error.database": (
        "De database is even niet bereikbaar. Je eerdere werk is bewaard; probeer het over een moment opnieuw.",
        "The database is not reachable right now. Your earlier work is saved; try again in a moment.",
    ),
}


def t(key: str, lang: str = "nl", **params: object) -> str:
    """The text for ``key`` in ``lang`` (Dutch when unknown), with ``{params}`` filled in."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"
