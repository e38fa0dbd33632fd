"""UI strings (exam day: accommodations and the trainer's live view, issue 32), nl and en:
merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "accommodation.title": ("Extra tijd en pogingen", "Extra time and attempts"),
    "accommodation.help": (
        "Geef een kandidaat meer examentijd (een factor en/of extra minuten) of extra pogingen "
        "binnen de wachttijd. Een lopend examen krijgt de nieuwe eindtijd meteen.",
        "Give a candidate more exam time (a factor and/or extra minutes) or extra attempts within "
        "the wait between attempts. A running exam gets its new end time at once.",
    ),
    "accommodation.who": ("Kandidaat", "Candidate"),
    "accommodation.multiplier": ("Tijd maal", "Time times"),
    "accommodation.extra_minutes": ("Extra minuten", "Extra minutes"),
    "accommodation.extra_attempts": ("Extra pogingen", "Extra attempts"),
    "accommodation.save": ("Aanpassing bewaren", "Save accommodation"),
    "accommodation.saved": ("Aanpassing voor {name} bewaard.", "Accommodation for {name} saved."),
    "accommodation.moved": (
        "Het lopende examen van {name} eindigt nu om {time}.",
        "{name}'s running exam now ends at {time}.",
    ),
    "accommodation.none_yet": ("Nog niemand heeft een aanpassing.", "No one has an accommodation yet."),
    "accommodation.current": ("Aanpassing", "Accommodation"),
    "accommodation.times": ("×{factor} tijd", "×{factor} time"),
    "accommodation.minutes": ("+{n} min", "+{n} min"),
    "accommodation.attempts": ("+{n} pogingen", "+{n} attempts"),
    "accommodation.bad_multiplier": (
        "Kies een factor van 1, 1,25, 1,5 of 2.",
        "Choose a factor of 1, 1.25, 1.5 or 2.",
    ),
    "accommodation.bad_minutes": (
        "Extra minuten: een heel getal van 0 tot en met 600.",
        "Extra minutes: a whole number from 0 to 600.",
    ),
    "accommodation.bad_attempts": (
        "Extra pogingen: een heel getal van 0 tot en met 10.",
        "Extra attempts: a whole number from 0 to 10.",
    ),
    "accommodation.not_member": (
        "Deze kandidaat is geen lid van de groep.",
        "This candidate is not a member of the group.",
    ),
    # the live view
    "live.title": ("Examen nu", "Exam now"),
    "live.help": (
        "Wie is begonnen, hoeveel vragen beantwoord, hoeveel tijd over, wie heeft ingeleverd. "
        "Ververst vanzelf.",
        "Who has started, how many questions answered, time left, who has handed in. Refreshes itself.",
    ),
    "live.name": ("Kandidaat", "Candidate"),
    "live.state": ("Stand", "State"),
    "live.answered": ("Beantwoord", "Answered"),
    "live.left": ("Tijd over", "Time left"),
    "live.not_started": ("Niet begonnen", "Not started"),
    "live.working": ("Bezig", "Working"),
    "live.submitted": ("Ingeleverd", "Handed in"),
    "live.summary": (
        "{started} van {members} begonnen, {working} bezig, {submitted} ingeleverd.",
        "{started} of {members} started, {working} working, {submitted} handed in.",
    ),
    "live.quiet": (
        "Er loopt nu geen examen in deze groep.",
        "No exam is running in this group now.",
    ),
    # the deploy check
    "exam.public_url_local": (
        "Je certificaat staat vast (je code hierboven), maar kan hier niet worden uitgegeven: de "
        "server is ingesteld op {url}, zodat de link en het digitale bewijs nergens zouden werken. "
        "Meld het je trainer; de beheerder stelt MGLEARN_PUBLIC_URL in.",
        "Your certificate is recorded (your code above), but cannot be issued here: the server is "
        "set to {url}, so its link and digital credential would work nowhere. Tell your trainer; "
        "the operator sets MGLEARN_PUBLIC_URL.",
    ),
}
