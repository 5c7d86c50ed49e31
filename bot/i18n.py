"""The message catalog: every word the bot says, in English and Dutch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    "find.has_mentor": (
        "You already have a mentor (see `/mentor status`). Once that pairing ends, you can look for another here."
    ),
    "find.no_profile": "First tell me what you want to learn: type `/mentor profile`, then `/mentor find`.",
    "find.not_a_mentee": (
        "Your profile says you mentor others, so there is no mentor to find for you. "
        'To look for one yourself too, choose "Both" in `/mentor profile`.'
    ),
    "find.request": "Request",
    "request.title": "Ask for a mentor",
    "request.send": "Send request",
    "request.cancel": "Cancel",
    "request.intro": "You are asking {mentor} to be your mentor. They will see your goals and this note.",
    "request.note.label": "A short note (optional)",
    "request.note.hint": "Why them, or what you hope to get from it. Up to 300 characters.",
    "request.error.too_long": "Please keep the note under 300 characters.",
    "request.sent": "I'm sending your request to {mentor}. I'll tell you when they answer.",
    "request.already_pending": "You already asked {mentor}; they haven't answered yet. I'll tell you when they do.",
    "request.not_available": ("{mentor} can't take on a new mentee right now. Type `/mentor find` to see who can."),
    "request.undelivered": "I couldn't reach {mentor} just now, so nothing was sent. Please try again in a minute.",
    "request.unsure": (
        "I sent your request to {mentor}, but Slack didn't confirm it arrived. "
        "If you hear nothing in a few days, ask {mentor} directly or try another mentor."
    ),
    "request.withdrawn.mentor": (
        "{mentee} found a mentor in the meantime, so this request was withdrawn. Nothing to do."
    ),
    "request.dm": "{mentee} would like you to be their mentor.",
    "request.dm.area": "Function area: {area}",
    "request.dm.goals": "*What {mentee} wants to learn:*\n{goals}",
    "request.dm.note": "*Their note:*\n{note}",
    "request.others_withdrawn": "Your other requests were withdrawn, and those mentors have been told.",
    "request.withdraw": "Withdraw",
    "request.withdrawn_by_mentee": "{mentee} withdrew this request. Nothing to do.",
    "withdraw.confirm.title": "Withdraw this request?",
    "withdraw.confirm.text": "The mentor won't be able to accept it any more.",
    "withdraw.confirm.yes": "Withdraw",
    "withdraw.confirm.no": "Keep it",
    "request.accept": "Accept",
    "request.decline": "Decline",
    "request.accepted.mentor": "You accepted {mentee}'s request. I've started a group chat for the two of you.",
    "request.accepted.mentee": (
        "{mentor} accepted your request! I've started a group chat for the two of you: say hello there."
    ),
    "request.accepted.no_chat": (
        "{mentor} and {mentee} are now paired, but I couldn't start your group chat. "
        "Please message each other directly."
    ),
    "request.declined.mentor": "You declined {mentee}'s request. They were told kindly, without your reason.",
    "request.declined.mentee": ("{mentor} can't take you on right now. That happens, and it says nothing about you."),
    "request.no_room.mentor": (
        "Your last free place was just taken, so I couldn't pair you with {mentee}. "
        "They were told and shown other mentors."
    ),
    "request.no_room.mentee": "{mentor}'s last free place was taken a moment before they could accept you, sorry.",
    "request.next": "Here is another mentor who could fit you:",
    "request.others": "Here are other mentors who could fit you:",
    "request.closed.accepted": "This request was already accepted; nothing changed.",
    "request.closed.declined": "This request was already declined; nothing changed.",
    "request.closed.withdrawn": "This request was withdrawn; nothing changed.",
    "request.closed.expired": "This request expired; nothing changed.",
    "request.closed.no_room": "This request was closed because your places were full; nothing changed.",
    "request.closed.pending": "This request is still waiting for an answer.",
    "request.not_yours": "This request is for someone else, so you can't answer it.",
    "request.not_found": "I can't find that request any more.",
    "decline.title": "Decline request",
    "decline.submit": "Decline",
    "decline.intro": "{mentee} will be told kindly that you can't take them on, without your reason.",
    "decline.reason.label": "Your reason (optional, private)",
    "decline.reason.hint": "Kept for the programme; never shown to the person who asked.",
    "decline.error.too_long": "Please keep the reason under 500 characters.",
    "decline.done": "Declined. I'll let {mentee} know, kindly.",
    "intro.title": "Meet your mentoring partner",
    "intro.who": "{mentor}, meet {mentee}: {mentor} will be {mentee}'s mentor.",
    "intro.goals": "*What {mentee} wants to learn:*\n{goals}",
    "intro.agenda": "*A first meeting could go like this:*",
    "intro.agenda.know": "Get to know each other: your roles, your paths so far, what you each hope for.",
    "intro.agenda.goal": "Talk about *{goal}*: what good looks like, and one small first step.",
    "intro.agenda.rhythm": "Agree on a rhythm (every {cadence} is a good start) and how you keep in touch.",
    "intro.tips": "*For {mentor}, a few tips:*",
    "cadence.weekly": "week",
    "cadence.biweekly": "two weeks",
    "cadence.monthly": "month",
    "tips.listen": "Listen first: ask about their needs and goals before giving advice.",
    "tips.tailor": "Tailor your guidance to them, not to how you did it.",
    "tips.safe": "Make it safe to ask anything and to get things wrong.",
    "tips.encourage": "Encourage and inspire: notice progress out loud.",
    "tips.rhythm": "Agree on a rhythm and keep it, even when a meeting is short.",
    "home.no_profile": "You have no profile yet. Create one to find a mentor or to mentor others.",
    "home.edit": "Edit profile",
    "home.create": "Create profile",
    "home.find": "Find a mentor",
    "home.tips": "*Mentoring tips*",
    "status.title": "Your mentoring at a glance",
    "status.no_profile": "You have no profile yet. Type `/mentor profile` to create one.",
    "status.profile": "*Your profile:* {role}, {area}. {availability}.",
    "status.more": "…and {count} more",
    "status.role.mentor": "Mentor",
    "status.role.mentee": "Mentee",
    "status.role.both": "Mentor and mentee",
    "status.room": "{free} of your {capacity} places free.",
    "status.skills": "You can help with: {skills}",
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
    "error.busy": "I'm very busy right now and couldn't save this. Nothing was saved; please try again in a moment.",
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
    "find.has_mentor": (
        "Je hebt al een mentor (zie `/mentor status`). Als die koppeling afloopt, kun je hier een nieuwe zoeken."
    ),
    "find.no_profile": "Vertel eerst wat je wilt leren: typ `/mentor profile`, daarna `/mentor find`.",
    "find.not_a_mentee": (
        "Volgens je profiel begeleid je anderen, dus er is geen mentor voor je te zoeken. "
        'Zoek je er zelf ook een, kies dan "Allebei" in `/mentor profile`.'
    ),
    "find.request": "Aanvragen",
    "request.title": "Een mentor vragen",
    "request.send": "Verstuur verzoek",
    "request.cancel": "Annuleren",
    "request.intro": "Je vraagt {mentor} om je mentor te zijn. Die ziet je doelen en dit bericht.",
    "request.note.label": "Een kort bericht (optioneel)",
    "request.note.hint": "Waarom deze mentor, of wat je ervan hoopt. Hooguit 300 tekens.",
    "request.error.too_long": "Houd het bericht onder de 300 tekens.",
    "request.sent": "Ik stuur je verzoek naar {mentor}. Ik laat het je weten als die antwoordt.",
    "request.already_pending": "Je vroeg {mentor} al; die heeft nog niet geantwoord. Ik laat het je weten.",
    "request.not_available": ("{mentor} kan nu geen nieuwe mentee begeleiden. Typ `/mentor find` om te zien wie wel."),
    "request.undelivered": (
        "Ik kon {mentor} nu niet bereiken, dus er is niets verstuurd. Probeer het over een minuut opnieuw."
    ),
    "request.unsure": (
        "Ik heb je verzoek aan {mentor} verstuurd, maar Slack bevestigde niet dat het aankwam. "
        "Hoor je over een paar dagen niets, vraag het {mentor} dan zelf of kies een andere mentor."
    ),
    "request.withdrawn.mentor": (
        "{mentee} heeft intussen een mentor gevonden, dus dit verzoek is ingetrokken. Je hoeft niets te doen."
    ),
    "request.dm": "{mentee} vraagt jou als mentor.",
    "request.dm.area": "Vakgebied: {area}",
    "request.dm.goals": "*Wat {mentee} wil leren:*\n{goals}",
    "request.dm.note": "*Het bericht:*\n{note}",
    "request.others_withdrawn": "Je andere verzoeken zijn ingetrokken; die mentoren weten het.",
    "request.withdraw": "Intrekken",
    "request.withdrawn_by_mentee": "{mentee} heeft dit verzoek ingetrokken. Je hoeft niets te doen.",
    "withdraw.confirm.title": "Dit verzoek intrekken?",
    "withdraw.confirm.text": "De mentor kan het daarna niet meer accepteren.",
    "withdraw.confirm.yes": "Intrekken",
    "withdraw.confirm.no": "Laten staan",
    "request.accept": "Accepteren",
    "request.decline": "Afwijzen",
    "request.accepted.mentor": (
        "Je hebt het verzoek van {mentee} geaccepteerd. Ik heb een groepsgesprek voor jullie gestart."
    ),
    "request.accepted.mentee": (
        "{mentor} heeft je verzoek geaccepteerd! Ik heb een groepsgesprek voor jullie gestart: zeg daar hallo."
    ),
    "request.accepted.no_chat": (
        "{mentor} en {mentee} zijn nu gekoppeld, maar ik kon jullie groepsgesprek niet starten. "
        "Stuur elkaar een bericht."
    ),
    "request.declined.mentor": (
        "Je hebt het verzoek van {mentee} afgewezen. Die kreeg het vriendelijk te horen, zonder je reden."
    ),
    "request.declined.mentee": ("{mentor} kan je nu niet begeleiden. Dat gebeurt, en het zegt niets over jou."),
    "request.no_room.mentor": (
        "Je laatste vrije plek was net bezet, dus ik kon je niet aan {mentee} koppelen. "
        "Die kreeg het te horen en zag andere mentoren."
    ),
    "request.no_room.mentee": "De laatste vrije plek van {mentor} werd net bezet voordat die je kon accepteren, sorry.",
    "request.next": "Hier is een andere mentor die bij je kan passen:",
    "request.others": "Hier zijn andere mentoren die bij je kunnen passen:",
    "request.closed.accepted": "Dit verzoek is al geaccepteerd; er is niets veranderd.",
    "request.closed.declined": "Dit verzoek is al afgewezen; er is niets veranderd.",
    "request.closed.withdrawn": "Dit verzoek is ingetrokken; er is niets veranderd.",
    "request.closed.expired": "Dit verzoek is verlopen; er is niets veranderd.",
    "request.closed.no_room": "Dit verzoek is gesloten omdat je plekken vol waren; er is niets veranderd.",
    "request.closed.pending": "Dit verzoek wacht nog op antwoord.",
    "request.not_yours": "Dit verzoek is voor iemand anders, dus je kunt het niet beantwoorden.",
    "request.not_found": "Ik kan dat verzoek niet meer vinden.",
    "decline.title": "Verzoek afwijzen",
    "decline.submit": "Afwijzen",
    "decline.intro": "{mentee} krijgt een vriendelijk bericht, zonder je reden.",
    "decline.reason.label": "Je reden (optioneel, privé)",
    "decline.reason.hint": "Bewaard voor het programma; nooit getoond aan wie het vroeg.",
    "decline.error.too_long": "Houd de reden onder de 500 tekens.",
    "decline.done": "Afgewezen. Ik laat {mentee} het vriendelijk weten.",
    "intro.title": "Maak kennis met je mentorpartner",
    "intro.who": "{mentor}, maak kennis met {mentee}: {mentor} wordt de mentor van {mentee}.",
    "intro.goals": "*Wat {mentee} wil leren:*\n{goals}",
    "intro.agenda": "*Een eerste gesprek kan zo gaan:*",
    "intro.agenda.know": "Leer elkaar kennen: jullie rollen, jullie loopbaan tot nu, wat jullie elk hopen.",
    "intro.agenda.goal": "Praat over *{goal}*: wat je wilt bereiken, en een kleine eerste stap.",
    "intro.agenda.rhythm": "Spreek een ritme af (elke {cadence} is een goed begin) en hoe jullie contact houden.",
    "intro.tips": "*Voor {mentor}, een paar tips:*",
    "cadence.weekly": "week",
    "cadence.biweekly": "twee weken",
    "cadence.monthly": "maand",
    "tips.listen": "Luister eerst: vraag naar behoeften en doelen voordat je advies geeft.",
    "tips.tailor": "Stem je begeleiding af op de ander, niet op hoe jij het deed.",
    "tips.safe": "Maak het veilig om alles te vragen en fouten te maken.",
    "tips.encourage": "Moedig aan en inspireer: benoem vooruitgang hardop.",
    "tips.rhythm": "Spreek een ritme af en houd je eraan, ook als een gesprek kort is.",
    "home.no_profile": "Je hebt nog geen profiel. Maak er een om een mentor te vinden of anderen te begeleiden.",
    "home.edit": "Profiel wijzigen",
    "home.create": "Profiel maken",
    "home.find": "Mentor zoeken",
    "home.tips": "*Tips voor mentoren*",
    "status.title": "Je mentorschap in het kort",
    "status.no_profile": "Je hebt nog geen profiel. Typ `/mentor profile` om er een te maken.",
    "status.profile": "*Je profiel:* {role}, {area}. {availability}.",
    "status.more": "…en nog {count}",
    "status.role.mentor": "Mentor",
    "status.role.mentee": "Mentee",
    "status.role.both": "Mentor en mentee",
    "status.room": "{free} van je {capacity} plekken vrij.",
    "status.skills": "Je kunt helpen met: {skills}",
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
    "error.busy": "Het is nu erg druk en ik kon dit niet opslaan. Er is niets opgeslagen; probeer het zo nog eens.",
    "error.slack_unsure": (
        "Ik kon niet bevestigen dat mijn bericht bij Slack aankwam, dus ik heb het niet nog eens verstuurd. "
        "Zie je het niet, probeer het dan nog één keer."
    ),
}

# A button or dialog whose ids are not what the bot wrote (handlers check them with bot.slack_ids).
EN |= {
    "payload.bad_button": (
        "This button doesn't carry what I expected, so I did nothing. "
        "Please use the buttons in my own messages, or type `/mentor`."
    ),
    "payload.bad_dialog": (
        "This dialog doesn't carry what I expected, so nothing was sent. "
        "Please close it and start again from `/mentor`."
    ),
}
NL |= {
    "payload.bad_button": (
        "Deze knop bevat niet wat ik verwachtte, dus ik heb niets gedaan. "
        "Gebruik de knoppen in mijn eigen berichten, of typ `/mentor`."
    ),
    "payload.bad_dialog": (
        "Dit venster bevat niet wat ik verwachtte, dus er is niets verstuurd. "
        "Sluit het en begin opnieuw vanaf `/mentor`."
    ),
}

# The check-in rhythm: nudges, 'did you meet?', and what people answer (bot/checkins, handlers/checkins.py).
EN |= {
    "help.cmd.pause": "pause your mentorship until a date (no check-in prompts meanwhile)",
    "help.cmd.end": "end your mentorship",
    "checkin.nudge": "Time to catch up, {mentor} and {mentee}! Find a moment to meet in the next {cadence}.",
    "checkin.nudge.topic": "Something to talk about this time: *{topic}*",
    "checkin.ask": "Did you and {other} meet in the last {cadence}?",
    "checkin.ask.yes": "Yes, we met",
    "checkin.ask.later": "Not yet, remind me",
    "checkin.ask.pause": "Pause until…",
    "checkin.ask.end": "End the mentorship",
    "checkin.ask.cadence": "Check-ins every:",
    "checkin.end.confirm.title": "End the mentorship?",
    "checkin.end.confirm.text": "Your mentoring partner will be told, kindly, and the check-ins stop.",
    "checkin.end.confirm.yes": "End it",
    "checkin.end.confirm.no": "Keep going",
    "checkin.met.title": "We met",
    "checkin.met.submit": "Save",
    "checkin.met.cancel": "Cancel",
    "checkin.met.date": "When did you meet?",
    "checkin.met.topics": "What you talked about (optional)",
    "checkin.met.topics.hint": "Private to the two of you: never shown to HR, nor in any export but your own.",
    "checkin.met.progress": "Progress toward the goals, 1 to 5",
    "checkin.met.done": "Thanks, logged for both of you. {other} won't be asked about this one.",
    "checkin.met.partner": "{other} logged your check-in, so I won't ask you about this one. Keep it up!",
    "checkin.met.error.date": "Please choose a date on or before today.",
    "checkin.date.error.no_such_day": "That date doesn't exist; please choose one from the calendar.",
    "checkin.met.error.progress": "Please choose a number from 1 to 5.",
    "checkin.met.error.too_long": "Please keep this under 1000 characters.",
    "checkin.remind.done": "All right: I'll ask again on {date}.",
    "checkin.pause.title": "Pause the mentorship",
    "checkin.pause.submit": "Pause",
    "checkin.pause.intro": "No check-in prompts until the day you choose; you'll both be told when it resumes.",
    "checkin.pause.date": "Resume on",
    "checkin.pause.error.past": "Please choose a day after today.",
    "checkin.pause.error.too_far": "Please choose a day at most three months ahead.",
    "checkin.paused.done": "Paused until {until}. {other} has been told.",
    "checkin.paused.partner": "{other} paused your mentorship until {until}. No check-in prompts until then.",
    "checkin.resumed": "Your mentorship with {other} resumes today. Welcome back!",
    "checkin.ended.you": "Your mentorship with {other} has ended. Thank you for the time you gave it.",
    "checkin.ended.partner": (
        "{other} has ended your mentorship. Thank you for the time you both gave it; it made a difference."
    ),
    "checkin.ended.done": "Done: your mentorship with {other} has ended, and they have been told kindly.",
    "checkin.cadence.done.weekly": "Your check-ins with {other} are now every week. They have been told.",
    "checkin.cadence.done.biweekly": "Your check-ins with {other} are now every two weeks. They have been told.",
    "checkin.cadence.done.monthly": "Your check-ins with {other} are now every month. They have been told.",
    "checkin.cadence.partner.weekly": "{other} changed your check-ins to every week.",
    "checkin.cadence.partner.biweekly": "{other} changed your check-ins to every two weeks.",
    "checkin.cadence.partner.monthly": "{other} changed your check-ins to every month.",
    "checkin.already.weekly": "Your check-ins are already every week; nothing changed.",
    "checkin.already.biweekly": "Your check-ins are already every two weeks; nothing changed.",
    "checkin.already.monthly": "Your check-ins are already every month; nothing changed.",
    "checkin.closed": "This check-in was logged already; nothing changed.",
    "checkin.not_current": "This question isn't about the current check-in period, so nothing changed.",
    "checkin.not_active": "This mentorship is paused, so there is nothing to answer now; nothing changed.",
    "checkin.ended": "This mentorship has ended; nothing changed.",
    "checkin.not_yours": "This check-in is about someone else's mentorship, so nothing changed.",
    "checkin.not_found": "I can't find that mentorship any more; nothing changed.",
    "checkin.none": "You have no mentorship under way.",
    "checkin.choose.pause": "Which mentorship do you want to pause?",
    "checkin.choose.end": "Which mentorship do you want to end?",
    "checkin.choose.with": "With {other}",
    "checkin.home.line": "Check-ins every {cadence}. Last check-in: {last}. Next prompt: {next}.",
    "checkin.home.never": "none yet",
    "checkin.home.nothing": "none planned",
    "checkin.home.paused": "Paused until {until}.",
}
NL |= {
    "help.cmd.pause": "pauzeer je mentorschap tot een datum (intussen geen check-ins)",
    "help.cmd.end": "beëindig je mentorschap",
    "checkin.nudge": (
        "Tijd om bij te praten, {mentor} en {mentee}! Zoek de komende {cadence} een moment om af te spreken."
    ),
    "checkin.nudge.topic": "Iets om deze keer over te praten: *{topic}*",
    "checkin.ask": "Hebben jij en {other} elkaar de afgelopen {cadence} gesproken?",
    "checkin.ask.yes": "Ja, we hebben gepraat",
    "checkin.ask.later": "Nog niet, herinner me",
    "checkin.ask.pause": "Pauzeren tot…",
    "checkin.ask.end": "Mentorschap beëindigen",
    "checkin.ask.cadence": "Check-ins elke:",
    "checkin.end.confirm.title": "Mentorschap beëindigen?",
    "checkin.end.confirm.text": "Je mentorpartner krijgt een vriendelijk bericht, en de check-ins stoppen.",
    "checkin.end.confirm.yes": "Beëindigen",
    "checkin.end.confirm.no": "Doorgaan",
    "checkin.met.title": "We hebben gepraat",
    "checkin.met.submit": "Opslaan",
    "checkin.met.cancel": "Annuleren",
    "checkin.met.date": "Wanneer hebben jullie gepraat?",
    "checkin.met.topics": "Waar jullie het over hadden (optioneel)",
    "checkin.met.topics.hint": "Alleen voor jullie twee: nooit getoond aan HR, en in geen export behalve je eigen.",
    "checkin.met.progress": "Voortgang richting de doelen, 1 tot 5",
    "checkin.met.done": "Bedankt, vastgelegd voor jullie allebei. {other} krijgt hier geen vraag meer over.",
    "checkin.met.partner": "{other} heeft jullie check-in vastgelegd, dus ik vraag je er niet meer naar. Ga zo door!",
    "checkin.met.error.date": "Kies een datum van vandaag of eerder.",
    "checkin.date.error.no_such_day": "Die datum bestaat niet; kies een datum in de kalender.",
    "checkin.met.error.progress": "Kies een getal van 1 tot 5.",
    "checkin.met.error.too_long": "Houd dit onder de 1000 tekens.",
    "checkin.remind.done": "Goed: ik vraag het opnieuw op {date}.",
    "checkin.pause.title": "Mentorschap pauzeren",
    "checkin.pause.submit": "Pauzeren",
    "checkin.pause.intro": "Geen check-ins tot de dag die je kiest; jullie horen het allebei als het weer begint.",
    "checkin.pause.date": "Weer verder op",
    "checkin.pause.error.past": "Kies een dag na vandaag.",
    "checkin.pause.error.too_far": "Kies een dag hooguit drie maanden vooruit.",
    "checkin.paused.done": "Gepauzeerd tot {until}. {other} weet het.",
    "checkin.paused.partner": "{other} heeft jullie mentorschap gepauzeerd tot {until}. Tot dan geen check-ins.",
    "checkin.resumed": "Je mentorschap met {other} gaat vandaag weer verder. Welkom terug!",
    "checkin.ended.you": "Je mentorschap met {other} is beëindigd. Dank voor de tijd die je erin hebt gestoken.",
    "checkin.ended.partner": (
        "{other} heeft jullie mentorschap beëindigd. Dank voor de tijd die jullie erin hebben gestoken; "
        "het heeft verschil gemaakt."
    ),
    "checkin.ended.done": "Klaar: je mentorschap met {other} is beëindigd, en die kreeg een vriendelijk bericht.",
    "checkin.cadence.done.weekly": "Je check-ins met {other} zijn nu elke week. Die weet het.",
    "checkin.cadence.done.biweekly": "Je check-ins met {other} zijn nu elke twee weken. Die weet het.",
    "checkin.cadence.done.monthly": "Je check-ins met {other} zijn nu elke maand. Die weet het.",
    "checkin.cadence.partner.weekly": "{other} heeft jullie check-ins op elke week gezet.",
    "checkin.cadence.partner.biweekly": "{other} heeft jullie check-ins op elke twee weken gezet.",
    "checkin.cadence.partner.monthly": "{other} heeft jullie check-ins op elke maand gezet.",
    "checkin.already.weekly": "Je check-ins zijn al elke week; er is niets veranderd.",
    "checkin.already.biweekly": "Je check-ins zijn al elke twee weken; er is niets veranderd.",
    "checkin.already.monthly": "Je check-ins zijn al elke maand; er is niets veranderd.",
    "checkin.closed": "Deze check-in was al vastgelegd; er is niets veranderd.",
    "checkin.not_current": "Deze vraag hoort niet bij de huidige check-inperiode, dus er is niets veranderd.",
    "checkin.not_active": "Dit mentorschap is gepauzeerd, dus er valt nu niets te beantwoorden; er is niets veranderd.",
    "checkin.ended": "Dit mentorschap is beëindigd; er is niets veranderd.",
    "checkin.not_yours": "Deze check-in gaat over het mentorschap van iemand anders, dus er is niets veranderd.",
    "checkin.not_found": "Ik kan dat mentorschap niet meer vinden; er is niets veranderd.",
    "checkin.none": "Je hebt geen lopend mentorschap.",
    "checkin.choose.pause": "Welk mentorschap wil je pauzeren?",
    "checkin.choose.end": "Welk mentorschap wil je beëindigen?",
    "checkin.choose.with": "Met {other}",
    "checkin.home.line": "Check-ins elke {cadence}. Laatste check-in: {last}. Volgende vraag: {next}.",
    "checkin.home.never": "nog geen",
    "checkin.home.nothing": "niets gepland",
    "checkin.home.paused": "Gepauzeerd tot {until}.",
}

# When pairings go quiet, requests wait and people leave (bot/checkins/quiet.py, bot/departures.py, bot/expiry.py).
EN |= {
    "left.pairing.mentee": (
        "{mentor} has left the workspace, so your mentorship with them has ended. "
        "Thank you for the time you gave it; whenever you like, another mentor can take it from here."
    ),
    "left.pairing.mentor": (
        "{mentee} has left the workspace, so your mentorship with them has ended and your place is free again. "
        "Thank you for the time you gave it."
    ),
    "left.request.mentee": ("{mentor} has left the workspace, so your request to them was withdrawn. Nothing you did."),
    "left.request.mentor": "{mentee} has left the workspace, so this request was withdrawn. Nothing to do.",
    "checkin.quiet": (
        "You and {other} haven't logged a check-in for two periods in a row. No pressure: if now isn't a good "
        "time, you can pause for a while, meet less often, or end the mentorship kindly."
    ),
    "checkin.stalled.mentee": (
        "You and {mentor} haven't checked in for three periods, so I've marked your mentorship as quiet. "
        "Nothing has ended, and you can pick it up again any time. If you'd rather try someone else, "
        "you can ask another mentor; if they accept, your mentorship with {mentor} ends kindly."
    ),
    "checkin.stalled.ended.mentee": (
        "Now that you have a new mentor, your quiet mentorship with {mentor} has ended. They have been told kindly."
    ),
    "checkin.stalled.ended.mentor": (
        "{mentee} has found another mentor after your mentorship went quiet, so it has ended and your place is "
        "free again. Thank you for the time you gave it."
    ),
    "checkin.home.stalled.mentee": "Quiet for three periods. Nothing has ended; you may ask another mentor.",
    "checkin.home.stalled.mentor": "Quiet for three periods. Nothing has ended; a check-in picks it up again.",
    "evaluation.ask.midpoint": "You're half-way through your mentorship with {other}. How is it going?",
    "evaluation.ask.end": (
        "Your mentorship with {other} has reached the end of its programme period. How did it go, "
        "and would you like to continue for another period?"
    ),
    "evaluation.private": (
        "It takes a minute. Your answers are kept only for overall figures: your partner never sees them."
    ),
    "evaluation.open": "Give your evaluation",
    "evaluation.title": "Evaluation",
    "evaluation.submit": "Send",
    "evaluation.progress": "Progress toward the goals (1 = none, 5 = a lot)",
    "evaluation.usefulness": "How useful it has been (1 to 5)",
    "evaluation.recommend": "Would you recommend it to a colleague? (1 to 5)",
    "evaluation.choice": "Continue for another programme period?",
    "evaluation.continue": "Yes, let's continue",
    "evaluation.close": "No, let's close it here",
    "evaluation.comment": "Anything else? (optional)",
    "evaluation.error.score": "Please choose a number from 1 to 5.",
    "evaluation.done": "Thank you: your evaluation is kept. {other} never sees it.",
    "evaluation.done.continues": "Thank you. You both chose to continue, so your mentorship with {other} goes on.",
    "evaluation.done.closed": "Thank you. Your mentorship with {other} closes here; you have both been told.",
    "evaluation.already": "You gave this evaluation already; nothing changed.",
    "evaluation.not_yet": "This evaluation isn't open now; nothing changed.",
    "evaluation.continues": (
        "You and {other} both chose to continue: your mentorship goes on for another programme period."
    ),
    "evaluation.closed": (
        "Your mentorship with {other} closes here, at the end of its programme period. Thank you both for the "
        "time you gave it; it stays in your history."
    ),
    "evaluation.home.waiting": "Your evaluation of your mentorship with {other} is waiting for you.",
    "evaluation.home.ending": "Your mentorship with {other} reaches the end of its programme period on {date}.",
    "request.expired.mentee": (
        "{mentor} couldn't answer your request within three working days, so it has expired. "
        "That happens when people are busy, and it says nothing about you."
    ),
    "request.expired.mentor": (
        "This request from {mentee} expired after three working days without an answer. "
        "They were told kindly. Nothing to do."
    ),
}
NL |= {
    "left.pairing.mentee": (
        "{mentor} is uit de werkruimte vertrokken, dus je mentorschap is beëindigd. "
        "Dank voor de tijd die je erin hebt gestoken; wanneer je wilt, kan een andere mentor het overnemen."
    ),
    "left.pairing.mentor": (
        "{mentee} is uit de werkruimte vertrokken, dus je mentorschap is beëindigd en je plek is weer vrij. "
        "Dank voor de tijd die je erin hebt gestoken."
    ),
    "left.request.mentee": (
        "{mentor} is uit de werkruimte vertrokken, dus je verzoek is ingetrokken. Dat ligt niet aan jou."
    ),
    "left.request.mentor": (
        "{mentee} is uit de werkruimte vertrokken, dus dit verzoek is ingetrokken. Je hoeft niets te doen."
    ),
    "checkin.quiet": (
        "Jij en {other} hebben twee periodes op rij geen check-in gedaan. Geen druk: komt het nu niet uit, "
        "dan kun je even pauzeren, minder vaak afspreken of het mentorschap vriendelijk afronden."
    ),
    "checkin.stalled.mentee": (
        "Jij en {mentor} hebben drie periodes geen check-in gedaan, dus ik heb je mentorschap als stil gemarkeerd. "
        "Er is niets beëindigd en je kunt het altijd weer oppakken. Wil je liever iemand anders proberen, "
        "vraag dan een andere mentor; als die accepteert, wordt je mentorschap met {mentor} vriendelijk afgerond."
    ),
    "checkin.stalled.ended.mentee": (
        "Nu je een nieuwe mentor hebt, is je stille mentorschap met {mentor} beëindigd. "
        "Die kreeg een vriendelijk bericht."
    ),
    "checkin.stalled.ended.mentor": (
        "{mentee} heeft een andere mentor gevonden nadat jullie mentorschap stil was gevallen, dus het is beëindigd "
        "en je plek is weer vrij. Dank voor de tijd die je erin hebt gestoken."
    ),
    "checkin.home.stalled.mentee": "Drie periodes stil. Er is niets beëindigd; je mag een andere mentor vragen.",
    "checkin.home.stalled.mentor": "Drie periodes stil. Er is niets beëindigd; een check-in pakt het weer op.",
    "evaluation.ask.midpoint": "Je bent halverwege je mentorschap met {other}. Hoe gaat het?",
    "evaluation.ask.end": (
        "Je mentorschap met {other} is aan het eind van de programmaperiode. Hoe ging het, "
        "en wil je nog een periode doorgaan?"
    ),
    "evaluation.private": (
        "Het kost een minuut. Je antwoorden worden alleen voor totaalcijfers bewaard: je partner ziet ze nooit."
    ),
    "evaluation.open": "Geef je evaluatie",
    "evaluation.title": "Evaluatie",
    "evaluation.submit": "Versturen",
    "evaluation.progress": "Voortgang naar de doelen (1 = geen, 5 = veel)",
    "evaluation.usefulness": "Hoe nuttig het was (1 tot 5)",
    "evaluation.recommend": "Zou je het een collega aanraden? (1 tot 5)",
    "evaluation.choice": "Nog een programmaperiode doorgaan?",
    "evaluation.continue": "Ja, we gaan door",
    "evaluation.close": "Nee, we ronden het hier af",
    "evaluation.comment": "Verder nog iets? (optioneel)",
    "evaluation.error.score": "Kies een getal van 1 tot 5.",
    "evaluation.done": "Dank je: je evaluatie is bewaard. {other} ziet die nooit.",
    "evaluation.done.continues": (
        "Dank je. Jullie kozen allebei om door te gaan, dus je mentorschap met {other} loopt door."
    ),
    "evaluation.done.closed": (
        "Dank je. Je mentorschap met {other} wordt hier afgerond; jullie kregen allebei bericht."
    ),
    "evaluation.already": "Je gaf deze evaluatie al; er is niets veranderd.",
    "evaluation.not_yet": "Deze evaluatie staat nu niet open; er is niets veranderd.",
    "evaluation.continues": (
        "Jij en {other} kozen allebei om door te gaan: je mentorschap loopt nog een programmaperiode door."
    ),
    "evaluation.closed": (
        "Je mentorschap met {other} wordt hier afgerond, aan het eind van de programmaperiode. Dank jullie "
        "allebei voor de tijd die je erin hebt gestoken; het blijft in je geschiedenis staan."
    ),
    "evaluation.home.waiting": "Je evaluatie van je mentorschap met {other} staat voor je klaar.",
    "evaluation.home.ending": "Je mentorschap met {other} bereikt op {date} het eind van de programmaperiode.",
    "request.expired.mentee": (
        "{mentor} kon je verzoek niet binnen drie werkdagen beantwoorden, dus het is verlopen. "
        "Dat gebeurt als mensen het druk hebben, en het zegt niets over jou."
    ),
    "request.expired.mentor": (
        "Dit verzoek van {mentee} is verlopen na drie werkdagen zonder antwoord. "
        "Die kreeg een vriendelijk bericht. Je hoeft niets te doen."
    ),
}

CATALOG: dict[Language, dict[str, str]] = {Language.EN: EN, Language.NL: NL}

# Keys whose Dutch is rightly the same as the English (names, words both languages share).
SAME_IN_BOTH: frozenset[str] = frozenset({"status.role.mentor", "status.role.mentee", "cadence.weekly"})


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@dataclass(frozen=True)
class Who:
    """A person named in a phrase: shown as a mention of their id, never as anything typed."""

    user_id: str


@dataclass(frozen=True)
class Phrase:
    """A catalog key and its values, said in each reader's language where it is shown.

    The domain speaks in phrases (a match's reasons, the handshake's news); handlers render them.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Translator:
    language: Language

    def __call__(self, key: str, **values: object) -> str:
        return CATALOG[self.language][key].format(**values)
