"""UI strings (the administrator's page and the audit log, issue 33), nl and en: merged into
:data:`mglearn.i18n.STRINGS`."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "nav.admin": ("Beheer", "Administration"),
    "admin.title": ("Beheer", "Administration"),
    "admin.need": (
        "Deze pagina is alleen voor beheerders.",
        "This page is for administrators only.",
    ),
    "admin.not_admin": (
        "Alleen een actieve beheerder mag dit doen.",
        "Only an active administrator may do this.",
    ),
    "admin.not_yourself": (
        "Je kunt je eigen account niet uitschakelen.",
        "You cannot deactivate your own account.",
    ),
    "admin.last_admin": (
        "Dit is de laatste actieve beheerder: maak eerst een ander account beheerder.",
        "This is the last active administrator: make another account an administrator first.",
    ),
    "admin.bad_role": ("Kies trainer of beheerder.", "Choose trainer or administrator."),
    "admin.reauth_help": (
        "Wat een ander account verandert, vraagt eerst jouw wachtwoord en een nieuwe code uit je app "
        "(elke code werkt één keer: wacht voor een tweede handeling op de volgende code).",
        "Whatever changes another account first asks for your password and a new code from your app "
        "(each code works once: for a second action, wait for the next code).",
    ),
    "admin.your_password": ("Jouw wachtwoord", "Your password"),
    "admin.your_code": ("Jouw code uit de app", "Your code from the app"),
    # the list of accounts
    "admin.accounts": ("Accounts", "Accounts"),
    "admin.col_name": ("Naam", "Name"),
    "admin.col_role": ("Rol", "Role"),
    "admin.col_active": ("Actief", "Active"),
    "admin.col_factor": ("Tweede factor", "Second factor"),
    "admin.col_sessions": ("Open sessies", "Open sessions"),
    "admin.col_last": ("Laatst aangemeld", "Last signed in"),
    "admin.col_created": ("Aangemaakt", "Created"),
    "admin.role_trainer": ("trainer", "trainer"),
    "admin.role_admin": ("beheerder", "administrator"),
    "admin.yes": ("ja", "yes"),
    "admin.no": ("nee", "no"),
    # creating an account
    "admin.create": ("Account aanmaken", "Create an account"),
    "admin.create_help": (
        "Het nieuwe account stelt bij de eerste aanmelding zijn tweede factor in.",
        "The new account sets up its second factor at its first sign-in.",
    ),
    "admin.new_name": ("Naam van het nieuwe account", "Name of the new account"),
    "admin.new_password": ("Wachtwoord van het nieuwe account", "Password of the new account"),
    "admin.new_repeat": ("Herhaal dat wachtwoord", "Repeat that password"),
    "admin.new_role": ("Rol", "Role"),
    "admin.do_create": ("Account aanmaken", "Create the account"),
    "admin.created": ("Account {name} aangemaakt.", "Account {name} created."),
    # acting on an account
    "admin.act": ("Een account beheren", "Manage an account"),
    "admin.which": ("Account", "Account"),
    "admin.action": ("Wat moet er gebeuren?", "What should happen?"),
    "admin.deactivate": (
        "Uitschakelen (kan niet meer aanmelden; alle sessies eindigen meteen)",
        "Deactivate (can no longer sign in; every session ends at once)",
    ),
    "admin.reactivate": ("Weer inschakelen", "Reactivate"),
    "admin.reset_factor": (
        "Tweede factor wissen (telefoon kwijt: stelt bij de volgende aanmelding een nieuwe in)",
        "Reset the second factor (lost phone: sets up a new one at the next sign-in)",
    ),
    "admin.make_admin": ("Beheerder maken", "Make an administrator"),
    "admin.make_trainer": ("Geen beheerder meer (gewone trainer)", "No longer an administrator (a trainer)"),
    "admin.done_make_admin": ("{name} is nu beheerder.", "{name} is now an administrator."),
    "admin.done_make_trainer": ("{name} is nu trainer.", "{name} is now a trainer."),
    "admin.end_sessions": ("Alle sessies van dit account beëindigen", "End every session of this account"),
    "admin.do_act": ("Uitvoeren", "Carry out"),
    "admin.done_deactivate": (
        "{name} is uitgeschakeld; alle sessies zijn beëindigd.",
        "{name} is deactivated; every session has ended.",
    ),
    "admin.done_reactivate": ("{name} is weer ingeschakeld.", "{name} is active again."),
    "admin.done_reset_factor": (
        "De tweede factor van {name} is gewist; alle sessies zijn beëindigd.",
        "The second factor of {name} is reset; every session has ended.",
    ),
    "admin.done_end_sessions": ("{n} sessie(s) van {name} beëindigd.", "Ended {n} session(s) of {name}."),
    # everyone's sessions
    "admin.everyone": ("Iedereen afmelden", "Sign everyone out"),
    "admin.everyone_help": (
        "Beëindigt alle sessies van alle accounts, ook de jouwe: daarna meld je je opnieuw aan.",
        "Ends every session of every account, yours too: then you sign in again.",
    ),
    "admin.do_everyone": ("Alle sessies beëindigen", "End every session"),
    "admin.done_everyone": ("{n} sessie(s) beëindigd.", "Ended {n} session(s)."),
    # certificates
    "admin.revoke": ("Een certificaat intrekken", "Revoke a certificate"),
    "admin.revoke_help": (
        "Elk certificaat, met zijn code (MC-...), ook van kandidaten buiten je groepen.",
        "Any certificate, by its code (MC-...), also of candidates outside your groups.",
    ),
    "admin.certificate_code": ("Certificaatcode", "Certificate code"),
    "admin.already_revoked": (
        "Certificaat {code} was al ingetrokken op {date}.",
        "Certificate {code} was already revoked on {date}.",
    ),
    # the audit log
    "admin.audit": ("Auditlog", "Audit log"),
    "admin.audit_help": (
        "Beveiligingsgebeurtenissen, nieuwste eerst: wie, wat, wanneer en vanaf welk adres.",
        "Security events, newest first: who, what, when and from which address.",
    ),
    "admin.kind": ("Soort", "Kind"),
    "admin.kind_all": ("Alle soorten", "All kinds"),
    "admin.col_when": ("Wanneer", "When"),
    "admin.col_who": ("Wie", "Who"),
    "admin.col_what": ("Wat", "What"),
    "admin.col_target": ("Waarop", "On what"),
    "admin.col_from": ("Vanaf", "From"),
    "admin.col_detail": ("Details", "Details"),
    "admin.no_events": ("Nog geen gebeurtenissen.", "No events yet."),
    "audit.signin_ok": ("aangemeld", "signed in"),
    "audit.signin_failed": ("aanmelding mislukt", "sign-in failed"),
    "audit.lockout": ("geblokkeerd", "locked out"),
    "audit.factor_enrolled": ("tweede factor ingesteld", "second factor set up"),
    "audit.factor_reset": ("tweede factor gewist", "second factor reset"),
    "audit.recovery_code_used": ("herstelcode gebruikt", "recovery code used"),
    "audit.password_changed": ("wachtwoord gewijzigd", "password changed"),
    "audit.session_ended": ("sessie beëindigd", "session ended"),
    "audit.account_created": ("account aangemaakt", "account created"),
    "audit.account_deactivated": ("account uitgeschakeld", "account deactivated"),
    "audit.account_reactivated": ("account ingeschakeld", "account reactivated"),
    "audit.role_changed": ("rol gewijzigd", "role changed"),
    "audit.certificate_revoked": ("certificaat ingetrokken", "certificate revoked"),
    "audit.database_restored": ("database teruggezet", "database restored"),
}
