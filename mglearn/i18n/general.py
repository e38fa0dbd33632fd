"""UI strings (general), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

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
    "brand.contact": ("Contact: {contact}", "Contact: {contact}"),
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
        "De code die je kreeg toen je begon, bijvoorbeeld MG-7KQ4-XPZ2-H9RT.",
        "The code you got when you started, for example MG-7KQ4-XPZ2-H9RT.",
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
    "overview.all_done": (
        "Alle lessen gelezen en alle toetsen gehaald. Goed gedaan!",
        "All lessons read and all quizzes passed. Well done!",
    ),
    "overview.read": ("Lezen", "Read"),
    "overview.quiz": ("Toets", "Quiz"),
    "status.not_started": ("Nog niet begonnen", "Not started"),
    "status.read": ("Gelezen", "Read"),
    "status.in_progress": ("Toets bezig", "Quiz in progress"),
    "status.failed": (
        "Gelezen · toets nog niet gehaald (beste {best})",
        "Read · quiz not passed yet (best {best})",
    ),
    "status.passed": ("Toets gehaald · beste {best}", "Quiz passed · best {best}"),
    # lesson
    "lesson.choose": ("Kies een les", "Choose a lesson"),
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
        "{questions} · je haalt de toets met {pass_mark} of meer. Je antwoorden worden meteen "
        "bewaard; je kunt altijd later verder.",
        "{questions} · you pass with {pass_mark} or more. Your answers are saved as you go; "
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
        "Je hebt {questions} nog niet (volledig) beantwoord: {which}. Onbeantwoord telt als fout.",
        "You have not (fully) answered {questions}: {which}. Unanswered counts as wrong.",
    ),
    "quiz.saved": ("Antwoord bewaard", "Answer saved"),
    "quiz.result": ("Je resultaat", "Your result"),
    "quiz.saved_at": ("Opgeslagen om {time}", "Saved at {time}"),
    "quiz.assignment_short": (
        "Quiz gehaald; voor de opdracht **{title}** van je groep is {pass_mark} nodig.",
        "Quiz passed; the assignment **{title}** of your group needs {pass_mark}.",
    ),
    "quiz.assignment_done": (
        "Genoeg voor de opdracht **{title}** van je groep (nodig: {pass_mark}).",
        "Enough for the assignment **{title}** of your group (needed: {pass_mark}).",
    ),
    "quiz.assignment_needs": (
        "Voor de opdracht **{title}** van je groep is {pass_mark} nodig.",
        "The assignment **{title}** of your group needs {pass_mark}.",
    ),
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
    "progress.file_name": ("mglearn-geschiedenis", "mglearn-history"),  # + .csv; never the resume code
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
        "Deze code kennen we niet. Controleer de tekens (bijvoorbeeld MG-7KQ4-XPZ2-H9RT) of begin opnieuw.",
        "We don't know this code. Check the characters (for example MG-7KQ4-XPZ2-H9RT) or start anew.",
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
        "De lesinhoud bevat fouten; de app kan niet starten. Laat de auteur `.venv/bin/mglearn check` draaien:",
        "The lesson content has errors, so the app cannot start. Ask the author to run `.venv/bin/mglearn check`:",
    ),
    "error.not_found_lesson": (
        "Die les bestaat niet. Kies een les uit het overzicht.",
        "That lesson does not exist. Pick one from the overview.",
    ),
    "error.need_learner": (
        "Begin eerst op de startpagina of ga verder met je code.",
        "Start on the start page first, or continue with your code.",
    ),
    "error.attempt_changed": (
        "Je antwoorden zijn in een ander venster gewijzigd; bekijk ze en lever opnieuw in.",
        "Your answers were changed in another window; check them and submit again.",
    ),
    "error.db_config": (
        "De app kan haar database niet openen door een instelling op de server. Meld dit aan de beheerder; je werk is niet verloren.",
        "The app cannot open its database because of a server setting. Tell the administrator; your work is not lost.",
    ),
    "error.database": (
        "De database is even niet bereikbaar. Je eerdere werk is bewaard; probeer het over een moment opnieuw.",
        "The database is not reachable right now. Your earlier work is saved; try again in a moment.",
    ),
}


STRINGS.update(
    {
        # trainer
        "nav.trainer_signin": ("Trainer", "Trainer"),
        "nav.groups": ("Groepen", "Groups"),
        "nav.results": ("Resultaten", "Results"),
        "nav.section_learn": ("Leren", "Learn"),
        "nav.section_trainer": ("Trainer", "Trainer"),
        "trainer.signin": ("Aanmelden als trainer", "Sign in as trainer"),
        "trainer.name": ("Naam", "Name"),
        "trainer.password": ("Wachtwoord", "Password"),
        "trainer.do_signin": ("Aanmelden", "Sign in"),
        "trainer.signed_in": ("Aangemeld als trainer **{name}**", "Signed in as trainer **{name}**"),
        "trainer.sign_out": ("Trainer afmelden", "Sign out trainer"),
        "trainer.need": ("Meld je eerst aan als trainer.", "Sign in as a trainer first."),
        "groups.title": ("Groepen en opdrachten", "Groups and assignments"),
        "groups.new": ("Nieuwe groep", "New group"),
        "groups.name": ("Naam van de groep", "Group name"),
        "groups.create": ("Groep maken", "Create group"),
        "groups.none": ("Je hebt nog geen groepen.", "You have no groups yet."),
        "groups.join_code": (
            "Groepscode: `{code}` · link: `?join={code}`",
            "Join code: `{code}` · link: `?join={code}`",
        ),
        "groups.members": ("{n} leerling(en)", "{n} learner(s)"),
        "groups.new_assignment": ("Nieuwe opdracht", "New assignment"),
        "groups.assignment_title": ("Titel", "Title"),
        "groups.lessons": ("Lessen om te lezen", "Lessons to read"),
        "groups.quizzes": ("Toetsen om te halen", "Quizzes to pass"),
        "groups.due": ("Inleveren uiterlijk", "Due date"),
        "groups.pass_mark": (
            "Eigen cesuur (%; leeg = die van de toets)",
            "Own pass mark (%; empty = the quiz's)",
        ),
        "groups.add_assignment": ("Opdracht toevoegen", "Add assignment"),
        "groups.assignments": ("Opdrachten", "Assignments"),
        "groups.created": ("Groep gemaakt: {name}", "Group created: {name}"),
        "groups.assignment_created": ("Opdracht toegevoegd: {title}", "Assignment added: {title}"),
        "results.title": ("Resultaten", "Results"),
        "results.group": ("Groep", "Group"),
        "results.roster": ("Deelnemers", "Roster"),
        "results.detail": ("Details van een leerling", "A learner's details"),
        "results.heatmap": ("Beheersing per les (beste score)", "Mastery per lesson (best score)"),
        "results.items": ("Vraaganalyse", "Item analysis"),
        "results.quiz": ("Toets", "Quiz"),
        "results.no_data": ("Nog geen ingeleverde pogingen.", "No submitted attempts yet."),
        "results.test_stats": (
            "{n} pogingen · gemiddeld {mean} · sd {sd} · Cronbachs alfa {alpha}",
            "{n} attempts · mean {mean} · sd {sd} · Cronbach's alpha {alpha}",
        ),
        "results.distractors": (
            "Afleiders (gekozen door beste en zwakste derde)",
            "Distractors (chosen by top and bottom third)",
        ),
        "results.exports": ("Exporteren", "Export"),
        "results.roster_csv": ("Deelnemers (CSV)", "Roster (CSV)"),
        "results.answers_csv": ("Alle antwoorden (CSV)", "All answers (CSV)"),
        "results.gift": ("Vragenbank (Moodle GIFT)", "Question bank (Moodle GIFT)"),
        "results.moodle_xml": ("Vragenbank (Moodle XML)", "Question bank (Moodle XML)"),
        "flag.too_easy": ("te makkelijk", "too easy"),
        "flag.too_hard": ("te moeilijk", "too hard"),
        "flag.low_discrimination": ("onderscheidt slecht", "discriminates poorly"),
        "flag.negative_discrimination": ("misleidend (negatief)", "misleading (negative)"),
        "flag.answered_easier": ("makkelijker dan het label", "easier than its label"),
        "flag.answered_harder": ("moeilijker dan het label", "harder than its label"),
        "astatus.not_started": ("Niet begonnen", "Not started"),
        "astatus.in_progress": ("Bezig", "In progress"),
        "astatus.done": ("Klaar", "Done"),
        "astatus.overdue": ("Te laat", "Overdue"),
        "overview.path": ("Alle lessen", "All lessons"),
        "overview.assignments": ("Opdrachten van je groep", "Your group's assignments"),
        "overview.due": ("uiterlijk {date}", "due {date}"),
        "start.joined": ("Je bent lid van groep **{name}**.", "You joined the group **{name}**."),
        "start.join_button": ("Lid worden", "Join"),
        "error.login_failed": ("Naam of wachtwoord klopt niet.", "Name or password is wrong."),
        "error.login_wait": (
            "Te veel mislukte pogingen vanaf dit apparaat. Wacht {seconds} seconden en probeer het dan opnieuw.",
            "Too many failed tries from this device. Wait {seconds} seconds, then try again.",
        ),
        "error.password_wrong": ("Je huidige wachtwoord klopt niet.", "Your current password is wrong."),
        "error.due_past": (
            "Die inleverdatum ligt in het verleden. Kies vandaag of later.",
            "That due date is in the past. Choose today or later.",
        ),
        "error.assignment_title_long": (
            "Die titel is te lang: maximaal {max} tekens.",
            "That title is too long: at most {max} characters.",
        ),
        "error.password_short": (
            "Het wachtwoord moet minstens {min} tekens hebben.",
            "The password needs at least {min} characters.",
        ),
        "error.password_mismatch": ("De wachtwoorden zijn niet gelijk.", "The passwords do not match."),
        "error.trainer_exists": (
            "Er is al een trainer met de naam {name}.",
            "There is already a trainer called {name}.",
        ),
        "error.trainer_unknown": (
            "Er is geen trainer met de naam {name}.",
            "There is no trainer called {name}.",
        ),
        "error.group_unknown": (
            "Deze groep bestaat niet of is niet van jou.",
            "This group does not exist or is not yours.",
        ),
        "error.join_unknown": (
            "Deze groepscode kennen we niet. Controleer de code bij je trainer (bijvoorbeeld GR-7KQ4-XPZ2-H9RT).",
            "We don't know this group code. Check it with your trainer (for example GR-7KQ4-XPZ2-H9RT).",
        ),
        "error.assignment_title": ("Geef de opdracht een titel.", "Give the assignment a title."),
        "error.assignment_empty": ("Kies minstens één les of toets.", "Choose at least one lesson or quiz."),
        "error.pass_mark": ("De cesuur ligt tussen 1 en 100%.", "The pass mark is between 1 and 100%."),
    }
)
