"""UI strings (LTI launches from an LMS, issue 31), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "lti.refused.title": (
        "Starten vanuit je leeromgeving lukt niet",
        "Launching from your learning platform failed",
    ),
    "lti.refused.advice": (
        "Ga terug naar je leeromgeving en open de activiteit opnieuw. Blijft dit gebeuren, meld het dan aan je trainer of beheerder.",
        "Go back to your learning platform and open the activity again. If this keeps happening, tell your trainer or administrator.",
    ),
    "lti.refused.missing": (
        "Het startbericht van je leeromgeving ontbreekt of is onvolledig.",
        "The launch message from your learning platform is missing or incomplete.",
    ),
    "lti.refused.platform": (
        "Deze leeromgeving is hier niet aangemeld (onbekende uitgever of client-id).",
        "This learning platform is not registered here (unknown issuer or client id).",
    ),
    "lti.refused.issuer": (
        "Het startbericht komt van een leeromgeving die hier niet is aangemeld (onbekende uitgever).",
        "The launch comes from a learning platform that is not registered here (unknown issuer).",
    ),
    "lti.refused.audience": (
        "Het startbericht is niet voor deze module bestemd (verkeerde client-id).",
        "The launch is not meant for this module (wrong client id).",
    ),
    "lti.refused.signature": (
        "De handtekening van het startbericht klopt niet met de sleutels van de leeromgeving.",
        "The launch's signature does not match the learning platform's keys.",
    ),
    "lti.refused.expired": (
        "Het startbericht is verlopen. Open de activiteit opnieuw vanuit je leeromgeving.",
        "The launch message has expired. Open the activity again from your learning platform.",
    ),
    "lti.refused.nonce": (
        "Dit startbericht is al gebruikt of hoort niet bij deze aanmelding.",
        "This launch message was used already or does not belong to this sign-in.",
    ),
    "lti.refused.deployment": (
        "Deze koppeling (deployment) van de leeromgeving is hier niet aangemeld.",
        "This deployment of the learning platform is not registered here.",
    ),
    "lti.refused.message_type": (
        "Dit soort startbericht kan deze module niet openen.",
        "This module cannot open this kind of launch message.",
    ),
    "lti.refused.version": (
        "Dit startbericht gebruikt een LTI-versie die deze module niet kent (1.3.0 nodig).",
        "This launch uses an LTI version this module does not know (1.3.0 needed).",
    ),
    "lti.refused.subject": (
        "Het startbericht zegt niet wie je bent; anoniem starten kan niet.",
        "The launch does not say who you are; anonymous launches are not possible.",
    ),
    "lti.refused.unavailable": (
        "De leeromgeving of de database is even niet bereikbaar. Probeer het zo opnieuw.",
        "The learning platform or the database cannot be reached right now. Try again shortly.",
    ),
    "lti.refused.browser": (
        "Deze aanmelding is in een andere browser begonnen (of de browser liet het cookie van de"
        " aanmelding niet toe). Start de activiteit opnieuw vanuit de leeromgeving.",
        "This sign-in was started in another browser (or the browser did not keep the sign-in"
        " cookie). Start the activity again from the learning platform.",
    ),
    "lti.refused.deactivated": (
        "Je account in deze module is uitgeschakeld door een beheerder. Vraag de beheerder om het"
        " weer in te schakelen.",
        "Your account in this module has been deactivated by an administrator. Ask the"
        " administrator to reactivate it.",
    ),
    "lti.refused.data": (
        "Het startbericht bevat gegevens die deze module niet kan gebruiken.",
        "The launch carries data this module cannot use.",
    ),
    "lti.continue.title": ("Je bent aangemeld", "You are signed in"),
    "lti.continue.link": ("Verder naar de module", "Continue to the module"),
    "lti.platform_exists": (
        "Deze leeromgeving is al aangemeld (uitgever {issuer}, client-id {client_id}).",
        "This platform is registered already (issuer {issuer}, client id {client_id}).",
    ),
    "lti.bad_platform": (
        "Uitgever en client-id zijn allebei nodig.",
        "Both issuer and client id are needed.",
    ),
    "lti.bad_url": (
        "De {what}-URL moet met http:// of https:// beginnen: {value}",
        "The {what} URL must start with http:// or https://: {value}",
    ),
    "lti.bad_deployment": ("Een deployment-id mag niet leeg zijn.", "A deployment id cannot be empty."),
    "lti.unknown_platform": ("Geen leeromgeving met uitgever {issuer}.", "No platform with issuer {issuer}."),
    "lti.deep.title": ("Kies wat deze link opent", "Choose what this link opens"),
    "lti.deep.lesson": ("Les: {title}", "Lesson: {title}"),
    "lti.deep.quiz": ("Toets: {title} (met cijfer)", "Quiz: {title} (graded)"),
    "lti.deep.exam": ("Examen met certificaat (met cijfer)", "Exam with certificate (graded)"),
    "lti.deep.practice": ("Oefenen (herhalen op het juiste moment)", "Practice (spaced repetition)"),
    "lti.deep.place": ("Plaatsen in de cursus", "Place in the course"),
    "lti.deep.sending": ("Terug naar je leeromgeving…", "Back to your learning platform…"),
    "lti.deep.bad": (
        "Deze keuze is verlopen of ongeldig. Begin opnieuw vanuit je leeromgeving.",
        "This choice has expired or is not valid. Start again from your learning platform.",
    ),
    "lti.deep.trainers_only": (
        "Alleen een docent van de cursus kan hier kiezen wat een link opent.",
        "Only an instructor of the course can choose what a link opens.",
    ),
}
