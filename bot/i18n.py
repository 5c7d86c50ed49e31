"""The message catalog: every word the bot says, in English and Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from string import Formatter


class Language(StrEnum):
    EN = "en"
    NL = "nl"


def language_for_locale(locale: str | None) -> Language:
    """Slack locales look like `nl-NL`; any Dutch one means Dutch, anything else English."""
    return Language.NL if (locale or "").lower().startswith("nl") else Language.EN


EN: dict[str, str] = {
    "help.title": "*Mentorbot* pairs you with a mentor and keeps the pairing going.",
    "help.usage": "Type `/mentor` followed by one of these:",
    "help.cmd.help": "show this help",
    "help.cmd.profile": "create or edit your mentoring profile",
    "help.cmd.find": "see the three mentors who fit you best, and why",
    "help.cmd.status": "see your profile and your pairings",
    "find.title": "Mentors who could fit you, best first:",
    "find.skills": "Can share: {skills}",
    "find.footer": "Only you can see this. Suggestions change as people join and pairings end.",
    "find.none": "I found no mentor who fits you right now.",
    "find.none.hints": (
        "What could help: choose a nearby function area, or write your goals in fewer or broader words "
        '("Python" finds more mentors than "Python asyncio internals"). Then type `/mentor find` again; '
        "new mentors join all the time."
    ),
    "find.no_profile": "First tell me what you want to learn: type `/mentor profile`, then `/mentor find`.",
    "find.not_a_mentee": (
        "Your profile says you mentor others, so there is no mentor to find for you. "
        'To look for one yourself too, choose "Both" in `/mentor profile`.'
    ),
    "status.title": "Your mentoring at a glance",
    "status.no_profile": "You have no profile yet. Type `/mentor profile` to create one.",
    "status.profile": "*Your profile:* {role}, {area}. {availability}.",
    "status.role.mentor": "Mentor",
    "status.role.mentee": "Mentee",
    "status.role.both": "Mentor and mentee",
    "status.room": "Room for {free} of your {capacity} mentees.",
    "status.skills": "You share: {skills}",
    "status.goals": "You want to learn: {goals}",
    "status.pairings": "*Your pairings*",
    "status.no_pairings": "No pairings yet.",
    "status.mentoring": "You mentor {who}, since {since}",
    "status.mentored": "{who} mentors you, since {since}",
    "status.paused": "(paused)",
    "status.ended": "(ended)",
    "status.requests": "*Waiting for an answer*",
    "status.request_sent": "You asked {who} to mentor you ({since})",
    "status.request_received": "{who} asked you to be their mentor ({since})",
    "profile.title": "Your mentoring profile",
    "profile.submit": "Save",
    "profile.close": "Close",
    "profile.first_time": (
        "We store your role, function area, what you share and want to learn, and your capacity. "
        "Other participants and HR admins can see it."
    ),
    "profile.role.label": "I want to",
    "profile.role.mentor": "Mentor others",
    "profile.role.mentee": "Find a mentor",
    "profile.role.both": "Both",
    "profile.area.label": "Function area",
    "profile.area.placeholder": "Choose your area",
    "profile.skills.label": "Skills and experience you can share",
    "profile.skills.hint": "Needed if you mentor. For example: Python, public speaking, leading a team",
    "profile.goals.label": "What you want to learn, and your goals",
    "profile.goals.hint": "Needed if you look for a mentor. For example: SQL, giving feedback",
    "profile.capacity.label": "How many mentees you can take on",
    "profile.capacity.hint": "A number from 1 to 5",
    "profile.available.label": "Availability",
    "profile.available.open": "Open to new pairings",
    "profile.available.paused": "Paused",
    "profile.error.role": "Please choose whether you mentor, look for a mentor, or both.",
    "profile.error.area": "Please choose a function area from the list.",
    "profile.error.skills_needed": "As a mentor, tell people what you can share.",
    "profile.error.goals_needed": "Tell your mentor what you want to learn.",
    "profile.error.capacity": "Please enter a whole number from 1 to 5.",
    "profile.error.too_long": "Please keep this under 500 characters.",
    "profile.saved": "Your profile is saved.",
    "help.not_understood": "I didn't understand `{text}`. Here is what I can do:",
    "help.footer": "Only you can see this message.",
    "home.title": "Welcome to Mentorbot",
    "home.intro": (
        "A mentor shares knowledge and experience, and gives you a safe place to ask questions "
        "and to get things wrong. Type `/mentor help` in any channel to see what you can do."
    ),
    "match.same_area": "same function area: {area}",
    "match.shared_topics": "shares {topics}, which you want to learn",
    "match.same_language": "uses Slack in your language",
    "match.hours_overlap": "{percent}% of your working day in common",
    "match.room_one": "has room for 1 more mentee",
    "match.room_many": "has room for {count} more mentees",
    "error.generic": "Something went wrong on my side, sorry. Nothing was lost; please try again in a minute.",
    "error.slack_unsure": (
        "I couldn't confirm that my message reached Slack, so I didn't send it again. "
        "If you don't see it, please try once more."
    ),
}

NL: dict[str, str] = {
    "help.title": "*Mentorbot* koppelt je aan een mentor en houdt de koppeling levend.",
    "help.usage": "Typ `/mentor` gevolgd door een van deze:",
    "help.cmd.help": "toon deze hulp",
    "help.cmd.profile": "maak of wijzig je mentorprofiel",
    "help.cmd.find": "zie de drie mentoren die het best bij je passen, en waarom",
    "help.cmd.status": "zie je profiel en je koppelingen",
    "find.title": "Mentoren die bij je kunnen passen, de beste eerst:",
    "find.skills": "Kan delen: {skills}",
    "find.footer": "Alleen jij ziet dit. Suggesties veranderen als mensen erbij komen en koppelingen aflopen.",
    "find.none": "Ik vond nu geen mentor die bij je past.",
    "find.none.hints": (
        "Wat kan helpen: kies een verwant vakgebied, of beschrijf je doelen in minder of bredere woorden "
        '("Python" vindt meer mentoren dan "Python asyncio internals"). Typ daarna opnieuw '
        "`/mentor find`; er komen steeds nieuwe mentoren bij."
    ),
    "find.no_profile": "Vertel eerst wat je wilt leren: typ `/mentor profile`, daarna `/mentor find`.",
    "find.not_a_mentee": (
        "Volgens je profiel begeleid je anderen, dus er is geen mentor voor je te zoeken. "
        'Zoek je er zelf ook een, kies dan "Allebei" in `/mentor profile`.'
    ),
    "status.title": "Je mentorschap in het kort",
    "status.no_profile": "Je hebt nog geen profiel. Typ `/mentor profile` om er een te maken.",
    "status.profile": "*Je profiel:* {role}, {area}. {availability}.",
    "status.role.mentor": "Mentor",
    "status.role.mentee": "Mentee",
    "status.role.both": "Mentor en mentee",
    "status.room": "Plek voor {free} van je {capacity} mentees.",
    "status.skills": "Je deelt: {skills}",
    "status.goals": "Je wilt leren: {goals}",
    "status.pairings": "*Je koppelingen*",
    "status.no_pairings": "Nog geen koppelingen.",
    "status.mentoring": "Je begeleidt {who}, sinds {since}",
    "status.mentored": "{who} is je mentor, sinds {since}",
    "status.paused": "(gepauzeerd)",
    "status.ended": "(beëindigd)",
    "status.requests": "*Wacht op antwoord*",
    "status.request_sent": "Je vroeg {who} om je mentor te zijn ({since})",
    "status.request_received": "{who} vroeg jou om mentor te zijn ({since})",
    "profile.title": "Je mentorprofiel",
    "profile.submit": "Opslaan",
    "profile.close": "Sluiten",
    "profile.first_time": (
        "We bewaren je rol, vakgebied, wat je deelt en wilt leren, en je capaciteit. "
        "Andere deelnemers en HR-beheerders kunnen het zien."
    ),
    "profile.role.label": "Ik wil",
    "profile.role.mentor": "Anderen begeleiden",
    "profile.role.mentee": "Een mentor vinden",
    "profile.role.both": "Allebei",
    "profile.area.label": "Vakgebied",
    "profile.area.placeholder": "Kies je vakgebied",
    "profile.skills.label": "Kennis en ervaring die je kunt delen",
    "profile.skills.hint": "Nodig als je mentor bent. Bijvoorbeeld: Python, presenteren, een team leiden",
    "profile.goals.label": "Wat je wilt leren, en je doelen",
    "profile.goals.hint": "Nodig als je een mentor zoekt. Bijvoorbeeld: SQL, feedback geven",
    "profile.capacity.label": "Hoeveel mentees je kunt begeleiden",
    "profile.capacity.hint": "Een getal van 1 tot 5",
    "profile.available.label": "Beschikbaarheid",
    "profile.available.open": "Open voor nieuwe koppelingen",
    "profile.available.paused": "Gepauzeerd",
    "profile.error.role": "Kies of je mentor bent, een mentor zoekt, of allebei.",
    "profile.error.area": "Kies een vakgebied uit de lijst.",
    "profile.error.skills_needed": "Vertel als mentor wat je kunt delen.",
    "profile.error.goals_needed": "Vertel je mentor wat je wilt leren.",
    "profile.error.capacity": "Vul een heel getal van 1 tot 5 in.",
    "profile.error.too_long": "Houd dit onder de 500 tekens.",
    "profile.saved": "Je profiel is opgeslagen.",
    "help.not_understood": "Ik begreep `{text}` niet. Dit kan ik voor je doen:",
    "help.footer": "Alleen jij ziet dit bericht.",
    "home.title": "Welkom bij Mentorbot",
    "home.intro": (
        "Een mentor deelt kennis en ervaring, en geeft je een veilige plek om vragen te stellen "
        "en fouten te maken. Typ `/mentor help` in een kanaal om te zien wat je kunt doen."
    ),
    "match.same_area": "zelfde vakgebied: {area}",
    "match.shared_topics": "deelt {topics}, wat jij wilt leren",
    "match.same_language": "gebruikt Slack in jouw taal",
    "match.hours_overlap": "{percent}% van je werkdag gemeenschappelijk",
    "match.room_one": "heeft nog plek voor 1 mentee",
    "match.room_many": "heeft nog plek voor {count} mentees",
    "error.generic": (
        "Er ging aan mijn kant iets mis, sorry. Er is niets verloren; probeer het over een minuut opnieuw."
    ),
    "error.slack_unsure": (
        "Ik kon niet bevestigen dat mijn bericht bij Slack aankwam, dus ik heb het niet nog eens verstuurd. "
        "Zie je het niet, probeer het dan nog één keer."
    ),
}

CATALOG: dict[Language, dict[str, str]] = {Language.EN: EN, Language.NL: NL}

# Keys whose Dutch is rightly the same as the English (names, words both languages share).
SAME_IN_BOTH: frozenset[str] = frozenset({"status.role.mentor", "status.role.mentee"})


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@dataclass(frozen=True)
class Translator:
    language: Language

    def __call__(self, key: str, **values: object) -> str:
        return CATALOG[self.language][key].format(**values)
