"""The digest's chart: the weekly check-in completion rate over 12 weeks, and pairings by state, as a PNG.

Drawn on a `matplotlib.figure.Figure` of its own (no pyplot, no global state), rendered by the Agg canvas.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from bot.digest.figures import Digest, PairingState
from bot.i18n import Translator

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TEXT_PT = 11  # readable in Slack's preview: nothing under 10 pt
STATES = {
    PairingState.ACTIVE: ("digest.state.active", "#2e7d32"),
    PairingState.PAUSED: ("digest.state.paused", "#f9a825"),
    PairingState.STALLED: ("digest.state.stalled", "#c62828"),
    PairingState.ENDED: ("digest.state.ended", "#757575"),
}


def chart_title(digest: Digest, t: Translator) -> str:
    return t("digest.chart.title", week=digest.week)


def chart_png(digest: Digest, t: Translator) -> bytes:
    """The chart as PNG bytes, its metadata Title the chart's title."""
    # matplotlib is imported here, not at the top: it costs every process 0.6 s, and only the digest draws.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    figure.suptitle(chart_title(digest, t), fontsize=TEXT_PT + 3)
    rates, states = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    _rates(rates, digest, t)
    _states(states, digest, t)
    # Fixed margins room for the rotated week labels: tight_layout would draw the whole figure once more.
    figure.subplots_adjust(left=0.07, right=0.97, bottom=0.2, top=0.84, wspace=0.35)
    out = BytesIO()
    figure.savefig(out, format="png", metadata={"Title": chart_title(digest, t)})
    return out.getvalue()


def _rates(axes: Axes, digest: Digest, t: Translator) -> None:
    weeks = digest.now.weekly
    labels = [week.ends.strftime("%d-%m") for week in weeks]
    values = [100 * v if (v := week.rate.value) is not None else float("nan") for week in weeks]
    positions = range(len(weeks))  # every week on the axis, one without pairings due as a gap in the line
    axes.plot(positions, values, marker="o", color="#1565c0")
    axes.set_xticks(positions, labels)
    axes.set_xlim(-0.5, len(weeks) - 0.5)
    axes.set_ylim(0, 100)
    axes.set_title(t("digest.chart.rates"), fontsize=TEXT_PT + 1)
    axes.set_xlabel(t("digest.chart.weeks"), fontsize=TEXT_PT)
    axes.set_ylabel(t("digest.chart.percent"), fontsize=TEXT_PT)
    axes.tick_params(labelsize=TEXT_PT - 1)
    axes.tick_params(axis="x", labelrotation=45)
    if all(week.rate.value is None for week in weeks):
        axes.text(0.5, 0.5, t("digest.chart.no_rates"), transform=axes.transAxes, ha="center", fontsize=TEXT_PT)


def _states(axes: Axes, digest: Digest, t: Translator) -> None:
    """Horizontal bars: the states' names side by side would collide in Dutch."""
    counts = digest.now.by_state
    states = list(reversed(counts))  # the first state on top
    bars = axes.barh(
        [t(STATES[s][0]) for s in states], [counts[s] for s in states], color=[STATES[s][1] for s in states]
    )
    axes.bar_label(bars, fontsize=TEXT_PT, padding=3)
    axes.set_title(t("digest.chart.states"), fontsize=TEXT_PT + 1)
    axes.set_xlabel(t("digest.chart.pairings"), fontsize=TEXT_PT)
    axes.tick_params(labelsize=TEXT_PT - 1)
    from matplotlib.ticker import MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole pairings
    axes.margins(x=0.15)
    if not any(counts.values()):
        axes.set_xlim(0, 1)
        axes.set_xticks([])
        axes.text(0.5, 0.5, t("digest.chart.no_pairings"), transform=axes.transAxes, ha="center", fontsize=TEXT_PT)


def chart_alt_text(digest: Digest, t: Translator) -> str:
    """What the chart shows, in words and numbers, for anyone who can't see it."""
    rated = [(week.ends, week.rate.value) for week in digest.now.weekly if week.rate.value is not None]
    rates = (
        ", ".join(f"{ends.isoformat()} {round(value * 100)}%" for ends, value in rated)
        if rated
        else t("digest.chart.alt.no_rates")
    )
    counts = digest.now.by_state
    return t(
        "digest.chart.alt",
        week=digest.week,
        rates=rates,
        active=counts[PairingState.ACTIVE],
        paused=counts[PairingState.PAUSED],
        stalled=counts[PairingState.STALLED],
        ended=counts[PairingState.ENDED],
    )
