"""`mentorbot demo` runs the real app offline and prints what each person saw."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.i18n import EN, NL
from bot.runtime.settings import DEFAULT_FUNCTION_AREAS
from storage.db import describe


def run_demo(database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A DATABASE_URL that would fail if it were used: the demo must never read it.
    env = {**os.environ, "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/nothing"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--database-url", database_url],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the demo printed, run once for the tests about how it reads."""
    tmp = tmp_path_factory.mktemp("demo")
    result = run_demo(f"sqlite:///{tmp / 'demo.db'}", tmp)
    assert result.returncode == 0, result.stderr
    return result.stdout


def seen(out: str) -> list[str]:
    """The lines that show what people saw, without the demo's own narration."""
    return [line.split("│ ", 1)[1] for line in out.splitlines() if "│ " in line]


def test_the_demo_shows_an_english_and_a_dutch_person_what_they_saw(database_url: str, tmp_path: Path) -> None:
    result = run_demo(database_url, tmp_path)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Anna types “/mentor help”" in out
    assert "Mentorbot pairs you with a mentor" in out
    assert "Mentorbot koppelt je aan een mentor" in out
    assert NL["help.not_understood"].format(text="koffie").replace("`", "") in out
    assert NL["home.title"].upper() in out
    assert EN["find.title"] in out
    assert EN["match.shared_topics"].format(topics="Python, code review") in out
    synonym = EN["match.asked_offered"].format(
        asked="Python, feedback geven", mentor="@Mei Tanaka", offered="Python, giving feedback"
    )
    assert synonym in out  # Anna's Dutch words met Mei's English ones
    assert NL["status.title"].upper() in out
    assert NL["request.dm"].format(mentee="@Anna de Vries") in out
    assert EN["request.declined.mentee"].format(mentor="@Mei Tanaka") in out
    assert out.count("Fully booked until March") == 1  # Mei typed it; nobody is shown it
    assert "Anna and Daan see, in a message:" in out
    assert EN["intro.title"].upper() in out
    assert NL["intro.title"].upper() in out
    assert EN["request.accepted.mentee"].format(mentor="@Daan Jansen") in out
    assert out.rstrip().endswith("its tables and rows stay in " + describe(make_url(database_url)) + ".")
    assert "Traceback" not in result.stderr


def test_the_cast_is_introduced_with_each_language_and_time_zone(demo: str) -> None:
    cast = demo.split("▶", 1)[0]

    assert "09:00-17:00" in cast
    assert re.search(r"Daan Jansen +Dutch +Europe/Amsterdam", cast)
    assert re.search(r"Sofia Rossi +English +America/New_York", cast)
    assert re.search(r"Mei Tanaka +English +Asia/Tokyo", cast)


def test_a_profile_saved_with_an_empty_field_says_so_instead_of_printing_it_empty(demo: str) -> None:
    assert ": )" not in demo
    assert "Anna saves a profile (role: mentee), leaving goals empty" in demo


def test_a_refused_profile_shows_the_problem_under_the_fields_label(demo: str) -> None:
    where = f"Anna sees, in the dialog, under “{EN['profile.goals.label']}”:"
    assert f"{where}\n  │ ! {EN['profile.error.goals_needed']}" in demo


def test_a_dialog_shows_its_fields_the_choices_offered_and_what_they_hold(demo: str) -> None:
    lines = seen(demo)

    assert "____" not in demo
    role = EN["profile.role.label"]
    assert (
        f"{role}: ( ) {EN['profile.role.mentor']}  ( ) {EN['profile.role.mentee']}  ( ) {EN['profile.role.both']}"
        in lines
    )
    assert (
        f"{EN['profile.area.label']}: [{EN['profile.area.placeholder']} ▾] one of: " + ", ".join(DEFAULT_FUNCTION_AREAS)
        in lines
    )
    assert f"{EN['profile.capacity.label']}: [ 2 ]" in lines
    assert f"{EN['profile.available.label']}: (•) {EN['profile.available.open']}  ( ) Paused" in lines
    assert f"[{EN['request.cancel']}] [{EN['request.send']}]" in lines


def test_slack_formatting_is_rendered_for_a_terminal(demo: str) -> None:
    lines = seen(demo)

    assert [line for line in lines if re.search(r"\*\S[^*]*\S\*|`|<@U|<!date|&lt;|&amp;", line)] == []
    assert "3. " + EN["intro.agenda.goal"].format(goal="code reviews").replace("*", "") in lines


def test_a_request_button_is_printed_beside_the_mentor_it_belongs_to(demo: str) -> None:
    lines = seen(demo)

    for mentor in ("@Daan Jansen · Engineering", "@Mei Tanaka · Engineering", "@Sofia Rossi · Data"):
        assert f"{mentor}  [{EN['find.request']}]" in lines
    assert f"[{EN['find.request']}]" not in lines  # never on a line of its own


def test_everyones_app_home_is_shown(demo: str) -> None:
    for name in ("Anna", "Daan", "Sofia", "Mei", "Lars"):
        assert f"{name} sees, on the App Home tab:" in demo
    assert "Your profile: Mentor, Design. Open to new pairings." in seen(demo)  # Lars's own part stays


def test_the_demo_ends_with_the_outbox_an_operator_would_see(demo: str) -> None:
    status = demo.split("mentorbot outbox status", 1)[1]

    # Months on, the handshake's rows are forgotten (sent rows are kept 30 days); the last weeks' are there.
    for kind in ("checkin.quiet", "evaluation.ask", "checkin.nudge"):
        assert kind in status
    # Everything the story caused was sent, but the questions of the period under way, due next week.
    assert [line.split()[1] for line in status.splitlines() if "pending" in line] == ["checkin.ask"]


def after(demo: str, heading: str) -> str:
    """What the demo printed after a heading, up to the next one."""
    return demo.split(f"▶ {heading}", 1)[1].split("▶", 1)[0]


def test_a_waiting_mentee_is_told_when_a_mentor_who_fits_her_appears(demo: str) -> None:
    told = after(demo, "Later that day, 10:00 in New York: Sofia, still waiting, hears of a mentor who fits")
    assert "Sofia sees, in a message:" in told
    assert EN["waiting.intro"] in told
    assert EN["match.shared_topics"].format(topics="public speaking") in told
    assert f"[{EN['waiting.stop']}]" in told


def test_the_story_begins_on_a_date_a_simulated_clock_moves_on(demo: str) -> None:
    assert "The story begins on Monday 1 March 2027, 10:00 in Amsterdam" in demo.split("▶", 1)[0]
    headings = [line for line in demo.splitlines() if line.startswith("▶ ")]
    moments = [h for h in headings if "in Amsterdam" in h]
    assert [h.split(",")[0] for h in moments] == [
        "▶ Ten days later",
        "▶ Two weeks after they were paired",
        "▶ The next day",
        "▶ Thursday 25 March",
        "▶ Monday 29 March",
        "▶ Friday 2 April",
        "▶ Monday 24 May",
    ]


def test_each_of_the_pair_is_asked_did_you_meet_in_their_own_language(demo: str) -> None:
    shown = after(demo, "Ten days later, Thursday 11 March, 10:00 in Amsterdam")

    assert EN["checkin.ask"].format(other="@Daan Jansen", cadence=EN["cadence.biweekly"]) in shown
    assert NL["checkin.ask"].format(other="@Anna de Vries", cadence=NL["cadence.biweekly"]) in shown
    assert f"[{EN['checkin.ask.yes']}] [{EN['checkin.ask.later']}]" in shown


def test_one_click_and_a_dialog_log_the_check_in_and_the_partner_is_told_not_asked(demo: str) -> None:
    dialog = after(demo, f"Anna clicks {EN['checkin.ask.yes']}")
    sent = after(demo, f"Anna sends the dialog: {EN['checkin.met.topics']}")

    assert f"{EN['checkin.met.date']}: [ 2027-03-11 📅 ]" in dialog
    assert EN["checkin.met.done"].format(other="@Daan Jansen") in sent
    assert "Daan sees, in a message:" in sent
    assert NL["checkin.met.partner"].format(other="@Anna de Vries") in sent
    assert demo.count("Two of my pull requests") == 1  # what Anna typed: in the narration, shown to nobody


def test_two_weeks_on_the_pair_is_nudged_in_their_group_dm_at_a_working_hour(demo: str) -> None:
    shown = after(demo, "Two weeks after they were paired, Monday 15 March, 09:00 in Amsterdam")

    assert "Anna and Daan see, in a message:" in shown
    nudge = EN["checkin.nudge"].format(mentor="@Daan Jansen", mentee="@Anna de Vries", cadence="two weeks")
    assert nudge in shown
    assert EN["checkin.nudge.topic"].format(topic="code reviews").replace("*", "") in shown


def test_a_pause_stops_the_questions_and_both_are_told_when_it_resumes(demo: str) -> None:
    paused = after(demo, f"Daan sends the dialog: {NL['checkin.pause.date']}")
    quiet = after(demo, "Thursday 25 March")
    resumed = after(demo, "Monday 29 March")

    assert NL["checkin.paused.done"].format(until="2027-03-29", other="@Anna de Vries") in paused
    assert EN["checkin.paused.partner"].format(other="@Daan Jansen", until="2027-03-29") in paused
    assert "in a message" not in quiet
    assert "Nobody is asked anything: the pairing is paused." in quiet
    assert EN["checkin.resumed"].format(other="@Daan Jansen") in resumed
    assert NL["checkin.resumed"].format(other="@Anna de Vries") in resumed


def test_half_way_each_is_asked_for_an_evaluation_and_anna_gives_hers(demo: str) -> None:
    shown = after(demo, "Friday 2 April, 11:00 in Amsterdam: half-way through their two-month programme")
    answered = after(demo, "Anna sends the dialog: " + EN["evaluation.progress"])

    assert EN["evaluation.ask.midpoint"].format(other="@Daan Jansen") in shown
    assert NL["evaluation.ask.midpoint"].format(other="@Anna de Vries") in shown
    assert EN["evaluation.done"].format(other="@Daan Jansen") in answered


def test_weeks_without_a_check_in_bring_a_gentle_note_and_then_the_pairing_is_marked_stalled(demo: str) -> None:
    shown = after(demo, "Six weeks on, Tuesday 11 May: Anna and Daan haven't checked in since March")
    home = demo.rsplit("▶ Anna opens Mentorbot's App Home", 1)[1].split("▶", 1)[0].splitlines()  # the last time

    assert "haven't logged a check-in for two periods in a row" in shown
    assert "marked your mentorship as quiet" in shown
    assert "Here is another mentor who could fit you" in shown
    assert any("Quiet for three periods" in line for line in home)


def test_weeks_passing_date_each_thing_as_it_happens(demo: str) -> None:
    shown = after(demo, "Six weeks on, Tuesday 11 May: Anna and Daan haven't checked in since March")
    dated = shown.split("  ── ")[1:]
    days = [part.split(",", 1)[0] for part in dated]

    assert len(days) >= 3
    assert days[0] == "Thursday 8 April"  # the first question after Anna's check-in's period
    note = next(n for n, part in enumerate(dated) if "two periods in a row" in part)
    stall = next(n for n, part in enumerate(dated) if "marked your mentorship as quiet" in part)
    assert note < stall  # the gentle note comes a period before the pairing is marked quiet


def test_someone_gives_feedback_and_is_thanked_in_the_dialog_and_a_second_one_that_week_is_refused(demo: str) -> None:
    shown = seen(demo)

    assert "Sofia types “/mentor feedback”" in demo
    assert EN["feedback.thanks"] in shown
    assert f"! {EN['feedback.error.already']}" in shown


def test_the_demo_ends_with_the_weekly_digest_in_the_hr_channel_and_its_chart_in_a_file_it_names(demo: str) -> None:
    ending = demo.split("Monday 24 May, 09:00 in Amsterdam: the weekly HR digest", 1)[1]
    assert "Everyone in #hr-mentoring sees, in a message:" in ending
    assert "Everyone in #hr-mentoring sees, as a file shared with them:" in ending
    written = re.search(r"is written to (\S+\.png)\)", ending)
    assert written is not None
    assert Path(written.group(1)).read_bytes().startswith(b"\x89PNG")


def test_hr_is_told_how_to_set_up_the_digest_then_previews_it(demo: str) -> None:
    assert EN["admin.digest.no_channel"].replace("`", "") in demo
    assert EN["admin.digest.post_now"] in demo


def test_the_demo_shows_a_privacy_export(demo: str) -> None:
    assert "Anna's mentorbot-export.json" in demo
    assert '"user_id": "UANNA"' in demo


def test_a_new_joiner_is_welcomed_on_their_first_morning_and_one_click_finds_a_buddy(demo: str) -> None:
    joined = after(demo, "Kenji Sato joins the workspace")
    welcomed = after(demo, "Tuesday 2 March, 10:00 in Tokyo: Kenji's first working morning")
    saved = after(demo, "Kenji sends the dialog")

    assert "sees" not in joined  # evening in Tokyo: nothing is sent yet
    assert "Kenji sees, in a message:" in welcomed
    assert EN["welcome.title"].upper() in welcomed
    assert f"[{EN['welcome.buddy.button']}]" in welcomed
    assert f"[ {EN['welcome.buddy.goal']} ]" in after(demo, "Kenji clicks Find me a buddy")
    assert EN["welcome.saved"] in saved
    assert EN["match.newcomer"] in saved  # Mei likes helping newcomers settle in


def test_the_demo_shows_a_knowledge_session_filled_and_a_waiting_person_promoted(demo: str) -> None:
    story = demo.split("Mei has invited Mentorbot to #learning", 1)[1]

    assert EN["knowledge.not_mentor"].replace("`", "") in demo
    assert EN["knowledge.error.no_seats"] in story
    assert "Everyone in #learning sees, in a message:" in story
    assert EN["knowledge.announce.seats"].format(left=2, seats=2).replace("*", "") in story
    assert EN["knowledge.waiting"].format(title="Giving feedback that lands", place=1).replace("*", "") in story
    promoted = story.split("Lars clicks Leave", 1)[1]
    assert "Sofia sees, in a message:" in promoted
    assert "knowledge-session-1.ics" in promoted


def test_hr_runs_a_small_matching_round_and_both_accept(demo: str) -> None:
    preview = after(demo, "Sofia types “/mentor admin match”")
    assert "Matching round preview" in preview
    assert "@Sofia Rossi with @Lars Berg" in preview
    assert "the mentee asked for public speaking; @Lars Berg offers presenteren" in preview  # synonyms, two languages
    assert "HR is pairing mentees and mentors" in after(demo, "Sofia clicks Send the proposals")
    started = after(demo, "Sofia clicks Accept")
    assert EN["intro.title"].upper() in started  # their group DM, with the introduction
    assert EN["round.started.mentee"].format(mentor="@Lars Berg") in started
