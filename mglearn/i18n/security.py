"""UI strings (staff account security, issue 33), nl and en: merged into :data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # the second step of a trainer's sign-in
    "factor.code_title": ("Code uit je authenticator-app", "Code from your authenticator app"),
    "factor.code": ("Code", "Code"),
    "factor.code_help": (
        "Typ de zes cijfers die je app nu toont. Telefoon kwijt? Typ een van je herstelcodes.",
        "Type the six digits your app shows now. Lost your phone? Type one of your recovery codes.",
    ),
    "factor.do_code": ("Controleren", "Check"),
    "factor.enrol_title": ("Stel je tweede factor in", "Set up your second factor"),
    "factor.enrol_help": (
        "Een traineraccount is beveiligd met een code uit een authenticator-app (zoals FreeOTP, "
        "Aegis of Google Authenticator). Scan deze QR-code met de app, of typ de sleutel eronder "
        "over, en vul daarna de code in die de app toont.",
        "A trainer account is protected by a code from an authenticator app (such as FreeOTP, "
        "Aegis or Google Authenticator). Scan this QR code with the app, or type in the key "
        "below it, then fill in the code the app shows.",
    ),
    "factor.qr_alt": ("QR-code voor je authenticator-app", "QR code for your authenticator app"),
    "factor.key": ("Sleutel", "Key"),
    "factor.do_enrol": ("Instellen en aanmelden", "Set up and sign in"),
    "factor.recovery_title": ("Je herstelcodes", "Your recovery codes"),
    "factor.recovery_help": (
        "Bewaar deze tien codes op een veilige plek, los van je telefoon. Elke code werkt één keer, "
        "in plaats van de code uit je app. Ze worden niet nog eens getoond.",
        "Keep these ten codes somewhere safe, apart from your phone. Each works once, instead of the "
        "code from your app. They are not shown again.",
    ),
    "factor.continue": ("Verder naar de resultaten", "On to the results"),
    "factor.print": ("Afdrukken", "Print"),
    "error.code_wrong": ("Deze code klopt niet.", "This code is not right."),
    "error.code_used": (
        "Deze code is al gebruikt: wacht op de volgende code (elke 30 seconden een nieuwe).",
        "This code has been used already: wait for the next code (a new one every 30 seconds).",
    ),
    "error.code_locked": (
        "Te veel verkeerde codes: dit account is {minutes} minuten geblokkeerd. Meld je daarna opnieuw aan.",
        "Too many wrong codes: this account is locked for {minutes} minutes. Then sign in again.",
    ),
    "error.step_expired": (
        "Je aanmelding is verlopen. Meld je opnieuw aan met je naam en wachtwoord.",
        "Your sign-in has expired. Sign in again with your name and password.",
    ),
    # the trainer's own account (groups page)
    "account.code": (
        "Code uit je authenticator-app (of een herstelcode)",
        "Code from your authenticator app (or a recovery code)",
    ),
    "account.new_factor": ("Nieuwe authenticator-app", "New authenticator app"),
    "account.new_factor_help": (
        "Nieuwe telefoon? Na je wachtwoord en een code verdwijnt je huidige tweede factor en word je "
        "overal afgemeld; bij de volgende aanmelding stel je de nieuwe app in.",
        "New phone? After your password and a code your current second factor is removed and you are "
        "signed out everywhere; at your next sign-in you set up the new app.",
    ),
    "account.new_factor_do": ("Tweede factor opnieuw instellen", "Set up the second factor again"),
    "account.new_factor_done": (
        "Je tweede factor is verwijderd en je bent overal afgemeld. Meld je opnieuw aan om de nieuwe app in te stellen.",
        "Your second factor is removed and you are signed out everywhere. Sign in again to set up the new app.",
    ),
    "account.sessions": ("Waar je bent aangemeld", "Where you are signed in"),
    "account.session_line": (
        "Aangemeld {opened}, laatst gebruikt {seen}, vanaf {where}, {agent}",
        "Signed in {opened}, last used {seen}, from {where}, {agent}",
    ),
    "account.this_session": ("deze sessie", "this session"),
    "account.end_session": ("Deze sessie beëindigen", "End this session"),
    "account.session_ended": ("De sessie is beëindigd.", "The session has ended."),
    "account.end_session_confirm": (
        "Bevestig met je wachtwoord (en een code uit je app) dat je deze sessie wilt beëindigen.",
        "Confirm with your password (and a code from your app) that you want to end this session.",
    ),
    "error.password_long": (
        "Het wachtwoord mag hoogstens {max} tekens hebben.",
        "The password may have at most {max} characters.",
    ),
    "error.password_common": (
        "Dit wachtwoord staat in een lijst van veelgebruikte wachtwoorden. Kies een ander, bijvoorbeeld "
        "een zin van een paar woorden.",
        "This password is on a list of common passwords. Choose another, for example a phrase of a few words.",
    ),
    "error.password_context": (
        "Het wachtwoord lijkt te veel op je naam of op de naam van deze site. Kies een ander.",
        "The password is too much like your name or the name of this site. Choose another.",
    ),
}
