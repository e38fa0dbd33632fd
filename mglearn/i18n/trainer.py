"""UI strings (trainer), nl and en: merged into :data:`mglearn.i18n.STRINGS`.

A key ending in ``.one`` / ``.other`` is a plural pair: :func:`mglearn.i18n.tn` picks one.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "tw.choose_options": ("Kies een of meer", "Choose one or more"),
    # plurals
    "tw.learners.one": ("{n} leerling", "{n} learner"),
    "tw.learners.other": ("{n} leerlingen", "{n} learners"),
    "tw.stats.one": (
        "{n} poging · gemiddeld {mean} · sd {sd} · Cronbachs alfa {alpha}",
        "{n} attempt · mean {mean} · sd {sd} · Cronbach's alpha {alpha}",
    ),
    "tw.stats.other": (
        "{n} pogingen · gemiddeld {mean} · sd {sd} · Cronbachs alfa {alpha}",
        "{n} attempts · mean {mean} · sd {sd} · Cronbach's alpha {alpha}",
    ),
    # groups page
    "tw.join_link": (
        "Uitnodigingslink: wie deze link opent, wordt lid van de groep.",
        "Invitation link: whoever opens it joins the group.",
    ),
    "tw.join_code": (
        "Groepscode {code}: leerlingen kunnen die ook invullen op de startpagina.",
        "Group code {code}: learners can also enter it on the start page.",
    ),
    "tw.no_members": (
        "Nog geen leerlingen in deze groep. Deel de uitnodigingslink.",
        "No learners in this group yet. Share the invitation link.",
    ),
    "tw.manage": ("Groep beheren", "Manage the group"),
    "tw.rename": ("Nieuwe naam", "New name"),
    "tw.rename_save": ("Naam wijzigen", "Rename"),
    "tw.renamed": ("Groep hernoemd: {name}", "Group renamed: {name}"),
    "tw.delete_group": ("Groep verwijderen", "Delete group"),
    "tw.delete_group_confirm": (
        "Groep **{name}** verwijderen? Het lidmaatschap en de opdrachten van de groep verdwijnen. "
        "Leerlingen houden al hun antwoorden en hun voortgang.",
        "Delete the group **{name}**? Its memberships and assignments go. "
        "Learners keep all their answers and their progress.",
    ),
    "tw.delete_group_yes": ("Ja, verwijder de groep", "Yes, delete the group"),
    "tw.group_deleted": ("Groep verwijderd: {name}", "Group deleted: {name}"),
    "tw.cancel": ("Annuleren", "Cancel"),
    "tw.member": ("Leerling", "Learner"),
    # two members with one name: the end of the resume code tells them apart, never the whole code
    "tw.member_twin": ("{name} ({number})", "{name} ({number})"),
    "tw.remove_member": ("Uit de groep halen", "Remove from the group"),
    "tw.remove_member_confirm": (
        "**{name}** uit de groep halen? Hun antwoorden en voortgang blijven bewaard.",
        "Remove **{name}** from the group? Their answers and progress are kept.",
    ),
    "tw.remove_member_yes": ("Ja, uit de groep halen", "Yes, remove"),
    "tw.member_removed": ("{name} is uit de groep gehaald.", "{name} was removed from the group."),
    "tw.edit": ("Bewerken", "Edit"),
    "tw.delete": ("Verwijderen", "Delete"),
    "tw.save": ("Opslaan", "Save"),
    "tw.edit_assignment": ("Opdracht bewerken", "Edit assignment"),
    "tw.assignment_saved": ("Opdracht bijgewerkt: {title}", "Assignment updated: {title}"),
    "tw.delete_assignment_confirm": (
        "Opdracht **{title}** verwijderen? Wat leerlingen al hebben gelezen en gemaakt, blijft bewaard.",
        "Delete the assignment **{title}**? What learners already read and took is kept.",
    ),
    "tw.delete_assignment_yes": ("Ja, verwijder de opdracht", "Yes, delete the assignment"),
    "tw.assignment_deleted": ("Opdracht verwijderd: {title}", "Assignment deleted: {title}"),
    "tw.own_pass_mark": ("cesuur {mark}", "pass mark {mark}"),
    # password
    "tw.password": ("Wachtwoord wijzigen", "Change password"),
    "tw.password_old": ("Huidig wachtwoord", "Current password"),
    "tw.password_new": ("Nieuw wachtwoord", "New password"),
    "tw.password_repeat": ("Herhaal het nieuwe wachtwoord", "Repeat the new password"),
    "tw.password_save": ("Wachtwoord wijzigen", "Change password"),
    "tw.password_changed": (
        "Je wachtwoord is gewijzigd. Je bent nu overal afgemeld, ook op je andere apparaten. "
        "Meld je opnieuw aan met je nieuwe wachtwoord.",
        "Your password was changed. You are now signed out everywhere, on your other devices "
        "too. Sign in again with your new password.",
    ),
    "tw.sign_in_again": ("Opnieuw aanmelden", "Sign in again"),
    # results page
    "tw.no_members_results": (
        "Deze groep heeft nog geen leerlingen. Deel de uitnodigingslink op de pagina Groepen.",
        "This group has no learners yet. Share the invitation link on the Groups page.",
    ),
    "tw.learner_no_attempts": (
        "{name} heeft nog geen toets gemaakt.",
        "{name} has not taken a quiz yet.",
    ),
    "tw.heatmap_empty": ("Grijs: toets nog niet gemaakt.", "Grey: quiz not taken yet."),
    "tw.xlsx": ("Alles (Excel)", "Everything (Excel)"),
    "tw.exports_help": (
        "De CSV-bestanden en het Excel-bestand openen zo in Excel of LibreOffice.",
        "The CSV files and the Excel file open as they are in Excel or LibreOffice.",
    ),
    "tw.yes": ("ja", "yes"),
    "tw.no": ("nee", "no"),
    "tw.in_progress": ("nog bezig", "in progress"),
    # column names (screen and downloads)
    "tw.col.learner": ("Leerling", "Learner"),
    "tw.col.lessons_read": ("Gelezen lessen", "Lessons read"),
    "tw.col.quizzes_passed": ("Gehaalde toetsen", "Quizzes passed"),
    "tw.col.best_pct": ("Gemiddelde beste score (%)", "Mean best score (%)"),
    "tw.col.quiz": ("Toets", "Quiz"),
    "tw.col.attempt": ("Poging", "Attempt"),
    "tw.col.started": ("Begonnen", "Started"),
    "tw.col.submitted": ("Ingeleverd", "Submitted"),
    "tw.col.attempt_score": ("Score poging (%)", "Attempt score (%)"),
    "tw.col.question_id": ("Vraag-id", "Question id"),
    "tw.col.question": ("Vraag", "Question"),
    "tw.col.answer": ("Gekozen antwoord", "Chosen answer"),
    "tw.col.question_score": ("Score vraag (%)", "Question score (%)"),
    "tw.col.answered": ("Beantwoord op", "Answered at"),
    "tw.col.n": ("Antwoorden", "Answers"),
    "tw.col.facility": ("p-waarde (aandeel goed)", "Facility (share correct)"),
    "tw.col.discrimination": ("Rir (onderscheidend vermogen)", "Discrimination (item-rest r)"),
    "tw.col.sd": ("sd", "SD"),
    "tw.col.flags": ("Signalen", "Flags"),
    "tw.col.option": ("Antwoordoptie", "Option"),
    "tw.col.correct": ("Juist", "Correct"),
    "tw.col.chosen": ("Gekozen (%)", "Chosen (%)"),
    "tw.col.chosen_top": ("Door beste derde (%)", "By top third (%)"),
    "tw.col.chosen_bottom": ("Door zwakste derde (%)", "By bottom third (%)"),
    "tw.col.flag": ("Signaal", "Flag"),
    "tw.flag.top_prefers": ("trekt de beste derde", "draws the top third"),
    "tw.sheet.roster": ("Deelnemers", "Roster"),
    "tw.sheet.answers": ("Antwoorden", "Answers"),
    "tw.sheet.items": ("Vraaganalyse", "Item analysis"),
    "tw.sheet.exams": ("Examens", "Exams"),
    "tw.col.exam_best": ("Beste examen (%)", "Best exam (%)"),
    "tw.col.exam_score": ("Score (%)", "Score (%)"),
    "tw.col.revoked_at": ("Ingetrokken op", "Revoked on"),
}
