"""UI strings (exam), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "nav.exam": ("Examen", "Exam"),
    "nav.verify": ("Certificaat controleren", "Verify a certificate"),
    # the exam
    "exam.title": ("Certificeringsexamen", "Certification exam"),
    "exam.intro": (
        "Het certificeringsexamen over alle lessen: {questions}, {minutes}. "
        "Je hebt het gehaald vanaf {pass_mark}.",
        "The certification exam over all lessons: {questions}, {minutes}. You pass from {pass_mark}.",
    ),
    "exam.rules": (
        "Je ziet één vraag tegelijk en gaat vrij heen en weer. Elk antwoord wordt meteen bewaard; "
        "je ziet pas na het inleveren wat goed was. De klok loopt door als je de pagina ververst of "
        "sluit. Is de tijd om, dan wordt je examen ingeleverd met wat je had beantwoord.",
        "You see one question at a time and move freely. Every answer is saved at once; you only "
        "see what was right after you hand in. The clock keeps running if you refresh or close the "
        "page. When time is up, your exam is handed in with what you had answered.",
    ),
    "exam.start": ("Start het examen", "Start the exam"),
    "exam.time_left": ("Tijd over:", "Time left:"),
    "exam.warn_5": ("Nog hooguit 5 minuten.", "At most 5 minutes left."),
    "exam.warn_1": ("Nog hooguit 1 minuut.", "At most 1 minute left."),
    "exam.time_up": (
        "De tijd is om. Je examen is ingeleverd met de antwoorden die bewaard waren.",
        "Time is up. Your exam was handed in with the answers that were saved.",
    ),
    "exam.too_late": (
        "De tijd is om: dit antwoord kwam te laat en telt niet mee. Je examen is ingeleverd.",
        "Time is up: this answer came too late and does not count. Your exam was handed in.",
    ),
    # an answer the database could not take right now (mglearn/ui/pending.py, issue 20)
    "exam.save_retrying": ("Niet opgeslagen, we proberen het opnieuw.", "Not saved, we are trying again."),
    "exam.save_failed": (
        "Je antwoord is niet opgeslagen. Controleer je verbinding en kies het antwoord opnieuw.",
        "Your answer was not saved. Check your connection and choose the answer again.",
    ),
    "exam.pending_submit": (
        "Je kunt nog niet inleveren: niet al je antwoorden zijn opgeslagen. We proberen het opnieuw; "
        "lever in zodra dat gelukt is. De klok loopt wel door.",
        "You cannot hand in yet: not all your answers are saved. We are trying again; hand in once "
        "that has worked. The clock keeps running.",
    ),
    "exam.unavailable": (
        "Dat lukte niet: de database is even niet bereikbaar. Je opgeslagen antwoorden blijven bewaard; "
        "probeer het zo opnieuw. De klok loopt wel door.",
        "That did not work: the database is not reachable right now. Your saved answers are kept; try "
        "again in a moment. The clock keeps running.",
    ),
    "exam.palette_status": (
        "{answered} van {total} beantwoord · {flagged}",
        "{answered} of {total} answered · {flagged}",
    ),
    "exam.flagged_n.one": ("{n} gemarkeerd", "{n} flagged"),
    "exam.flagged_n.other": ("{n} gemarkeerd", "{n} flagged"),
    "exam.legend": (
        ":material/check: beantwoord · :material/flag: gemarkeerd om na te kijken · alleen een "
        "nummer: nog open",
        ":material/check: answered · :material/flag: flagged for review · just a number: still open",
    ),
    "exam.palette_help": ("Vraag {n}: {state}", "Question {n}: {state}"),
    "exam.answered": ("beantwoord", "answered"),
    "exam.open": ("nog open", "still open"),
    "exam.flagged": ("gemarkeerd", "flagged"),
    "exam.flag": ("Markeer om later na te kijken", "Flag to review later"),
    "exam.previous": ("Vorige", "Previous"),
    "exam.next": ("Volgende", "Next"),
    "exam.submit": ("Inleveren…", "Hand in…"),
    "exam.submit_final": ("Definitief inleveren", "Hand in for good"),
    "exam.keep_going": ("Verder met het examen", "Back to the exam"),
    "exam.confirm": (
        "Na het inleveren kun je niets meer veranderen.",
        "After handing in you cannot change anything.",
    ),
    "exam.confirm_missing": (
        "Nog open: {questions} ({which}). Die tellen als fout.",
        "Still open: {questions} ({which}). They count as wrong.",
    ),
    "exam.confirm_flagged": ("Gemarkeerd om na te kijken: {which}.", "Flagged for review: {which}."),
    "exam.result": ("Je examenresultaat", "Your exam result"),
    "exam.passed": (
        "Geslaagd! Je score is {score} (nodig: {pass_mark}).",
        "Passed! Your score is {score} (required: {pass_mark}).",
    ),
    "exam.failed": (
        "Nog niet geslaagd: je score is {score}, nodig is {pass_mark}. "
        "Herhaal de zwakste lessen en probeer het opnieuw.",
        "Not passed yet: your score is {score}, {pass_mark} is required. "
        "Revisit the weakest lessons and try again.",
    ),
    "exam.finished_at": ("Ingeleverd op {date}", "Handed in on {date}"),
    "exam.per_lesson": ("Per les", "Per lesson"),
    "exam.col_questions": ("Vragen", "Questions"),
    "exam.weakest": ("**Lees deze lessen nog eens:**", "**Read these lessons again:**"),
    "exam.history": ("Eerdere examens", "Earlier exams"),
    "exam.pass": ("geslaagd", "passed"),
    "exam.fail": ("niet geslaagd", "not passed"),
    "exam.refused_wait": (
        "Je kunt een nieuw examen starten vanaf {when}.",
        "You can start a new exam from {when}.",
    ),
    "exam.refused_not_yet": (
        "Het examen van je groep opent op {when}.",
        "Your group's exam opens on {when}.",
    ),
    "exam.refused_closed": (
        "Het examen van je groep is gesloten sinds {when}.",
        "Your group's exam closed on {when}.",
    ),
    "exam.certificate": ("Je certificaat", "Your certificate"),
    "exam.certificate_intro": (
        "Verificatiecode **{code}**. Iedereen kan met deze code controleren dat je certificaat echt is.",
        "Verification code **{code}**. Anyone can check with this code that your certificate is genuine.",
    ),
    "exam.certificate_revoked": (
        "Dit certificaat is ingetrokken op {date}: {reason}",
        "This certificate was revoked on {date}: {reason}",
    ),
    "exam.download_pdf": ("Certificaat (PDF)", "Certificate (PDF)"),
    "exam.download_credential": ("Digitaal bewijs (Open Badge)", "Digital credential (Open Badge)"),
    "exam.download_badge": ("Badge met bewijs (PNG)", "Badge with credential (PNG)"),
    "exam.download_jwt": ("Bewijs als JWT", "Credential as JWT"),
    "exam.add_to_linkedin": ("Toevoegen aan LinkedIn", "Add to LinkedIn"),
    "exam.verify_at": ("Controleren: {url}", "Verify: {url}"),
    "exam.no_certificate": (
        "Alleen een gehaald examen geeft een certificaat.",
        "Only a passed exam gives a certificate.",
    ),
    "exam.certificate_unknown": ("Dit certificaat kennen we niet.", "We don't know this certificate."),
    "exam.reason_empty": ("Geef een reden op.", "Give a reason."),
    "exam.reason_long": (
        "Die reden is te lang: maximaal {max} tekens.",
        "That reason is too long: at most {max} characters.",
    ),
    "exam.window_order": (
        "Het examen moet sluiten na het openen.",
        "The exam must close after it opens.",
    ),
    "exam.cli_bad_url": ("Geen http(s)-adres: {url}", "Not an http(s) address: {url}"),
    "exam.cli_offline": (
        "Kan {url} niet bereiken: {detail}. Controleer het adres, of controleer offline met --key "
        "en het sleutelbestand van de uitgever.",
        "Cannot reach {url}: {detail}. Check the address, or verify offline with --key and the "
        "issuer's key file.",
    ),
    # my progress, results, groups
    "exam.progress_title": ("Examens", "Exams"),
    "exam.progress_none": ("Je hebt nog geen examen gemaakt.", "You have not taken an exam yet."),
    "exam.col_date": ("Datum", "Date"),
    "exam.col_result": ("Resultaat", "Result"),
    "exam.col_certificate": ("Certificaat", "Certificate"),
    "exam.col_learner": ("Deelnemer", "Learner"),
    "exam.running": ("bezig", "in progress"),
    "exam.revoked_mark": ("ingetrokken", "revoked"),
    "exam.results_title": ("Examens van deze groep", "This group's exams"),
    "exam.results_none": (
        "Nog niemand in deze groep heeft een examen gemaakt.",
        "Nobody in this group has taken an exam yet.",
    ),
    "exam.revoke": ("Certificaat intrekken", "Revoke a certificate"),
    "exam.revoke_which": ("Certificaat", "Certificate"),
    "exam.revoke_reason": (
        "Reden (alleen trainers en de leerling zien die)",
        "Reason (only trainers and the learner see it)",
    ),
    "exam.revoke_before_joining": (
        "Dit certificaat is behaald voordat de leerling in je groep kwam: "
        "alleen een beheerder kan het intrekken.",
        "This certificate was earned before the learner joined your group: "
        "only an administrator can revoke it.",
    ),
    "exam.revoke_button": ("Intrekken", "Revoke"),
    "exam.revoked_done": ("Certificaat {code} is ingetrokken.", "Certificate {code} was revoked."),
    "exam.group_settings": ("Examen-instellingen", "Exam settings"),
    "exam.group_settings_help": (
        "Leeg laten: de standaard van de server ({questions}, {minutes}, cesuur {pass_mark}).",
        "Leave empty for the server's default ({questions}, {minutes}, pass mark {pass_mark}).",
    ),
    "exam.set_questions": ("Aantal vragen", "Number of questions"),
    "exam.set_minutes": ("Minuten", "Minutes"),
    "exam.set_pass_mark": ("Cesuur (%)", "Pass mark (%)"),
    "exam.set_cooldown": ("Wachttijd tussen pogingen (uren)", "Wait between attempts (hours)"),
    "exam.set_opens": ("Examen opent op", "Exam opens on"),
    "exam.set_closes": ("Examen sluit op", "Exam closes on"),
    "exam.set_save": ("Instellingen bewaren", "Save settings"),
    "exam.set_saved": ("Examen-instellingen bewaard.", "Exam settings saved."),
    # verify page
    "verify.title": ("Certificaat controleren", "Verify a certificate"),
    "verify.intro": (
        "Typ de verificatiecode van het certificaat (bijvoorbeeld MC-7KQ4-XPZ2-ABCD-EFGH).",
        "Type the certificate's verification code (for example MC-7KQ4-XPZ2-ABCD-EFGH).",
    ),
    "verify.code": ("Verificatiecode", "Verification code"),
    "verify.check": ("Controleren", "Check"),
    "verify.unknown": (
        "Deze code kennen we niet: dit certificaat bestaat niet.",
        "We don't know this code: this certificate does not exist.",
    ),
    "verify.valid": ("Geldig certificaat.", "Valid certificate."),
    "verify.revoked": ("Ingetrokken op {date}.", "Revoked on {date}."),
    "verify.expired": ("Verlopen op {date}.", "Expired on {date}."),
    "verify.field": ("Gegeven", "Field"),
    "verify.value": ("Waarde", "Value"),
    "verify.name": ("Naam", "Name"),
    "verify.date": ("Datum", "Date"),
    "verify.score": ("Score", "Score"),
    "verify.module": ("Module", "Module"),
    "verify.link": ("Openbaar adres: {url}", "Public address: {url}"),
    # faults and files: the signing key, db restore, mglearn verify (issue 26 items 5-7, 20)
    "exam.credential_unsigned": (
        "Je digitale bewijs kan nu niet worden ondertekend. Je certificaat, de PDF en de controle "
        "met je code werken wel. Probeer het later nog eens of meld het je trainer.",
        "Your digital credential cannot be signed right now. Your certificate, its PDF and the "
        "check with your code do work. Try again later or tell your trainer.",
    ),
    "cli.not_credential": (
        "{file} bevat geen ondertekend bewijs (het .jwt-bestand van de certificaatpagina).",
        "{file} holds no signed credential (the .jwt file from the certificate page).",
    ),
    "cli.bad_keys": (
        "{file} bevat geen publieke sleutel (PEM, JWK of het JSON-profiel van de uitgever).",
        "{file} holds no public key (PEM, JWK or the issuer profile's JSON).",
    ),
    "cli.bad_answer": (
        "{url} gaf geen bruikbaar antwoord ({detail}): is dit het adres van een mglearn-uitgever?",
        "{url} gave no usable answer ({detail}): is this the address of an mglearn issuer?",
    ),
    "cli.already_revoked": (
        "Certificaat {code} was al ingetrokken op {date}: {reason}. Er is niets veranderd.",
        "Certificate {code} was already revoked on {date}: {reason}. Nothing changed.",
    ),
}
