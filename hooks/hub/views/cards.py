"""Cards: a webinar, an expert or a series as the lists show them, and the links to follow the webinars."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..calendar_links import feed_links
from ..languages import url_prefix
from ..localize import Shown, heading
from ..model import WebinarFacts
from ..schema import Expert
from ..urls import expert_path, series_path, webinar_path
from .context import PageContext


@dataclass
class WebinarCard:
    slug: str
    url: str
    number: str | None  # Roman numeral; None when the series does not number its webinars
    title: Shown
    heading: str  # "VIII. Title", or the title alone
    date: str
    date_iso: str
    language: str  # the delivery language's name, or "Language not stated"
    language_known: bool
    # Shown when known, and while the webinar is upcoming even when not (its absence matters to a participant);
    # a past webinar whose language no source states simply leaves it out: empty is not content.
    show_language: bool
    region: Shown | None
    status: str
    series_title: Shown | None
    registration_url: str | None  # only while registration is open (WebinarFacts.registration_open)
    # "Registration is full" / "… closed", shown where the Register button would be: upcoming and scheduled only.
    registration_note: str | None = None
    # The card's design (date badge, status badge, time, filters):
    state: str = "past"  # upcoming, recording (past, with a recording), past, cancelled, postponed
    state_label: str = ""
    badge: dict[str, str] | None = None  # day, month, year of the date badge
    time: str | None = None  # start time and the name of its zone, e.g. "14:30 Central European Summer Time"
    language_code: str = ""  # "" when the data does not say
    year: int = 0
    interpretation: str | None = None  # "English and Spanish": the languages interpreted into, when known
    interpretation_codes: tuple[str, ...] = ()

    @property
    def filter_language(self) -> str:
        """The value the language filter compares: the code, or ``UNSTATED`` (never a printed ``None``)."""
        return self.language_code or UNSTATED

    @property
    def filter_interpretation(self) -> str:
        """The interpretation filter's value: the codes, separated by spaces ("" when none is announced)."""
        return " ".join(self.interpretation_codes)


UNSTATED = "unstated"  # the language filter's value for the webinars whose data gives no language


def card_state(webinar: WebinarFacts) -> str:
    """What a visitor most needs to know of a webinar at a glance, one of five states."""
    data = webinar.data
    if data.status != "scheduled":
        return data.status
    if webinar.upcoming:
        return "upcoming"
    return "recording" if data.recording else "past"


def webinar_card(ctx: PageContext, webinar: WebinarFacts) -> WebinarCard:
    data = webinar.data
    series = ctx.hub.series.get(data.series)
    title = ctx.text(data.title, data.language)
    state = card_state(webinar)
    starts = webinar.starts_at
    numeral = ctx.f.numeral(data.number)
    return WebinarCard(
        slug=webinar.slug,
        url=ctx.link(webinar_path(webinar.slug)),
        number=numeral,
        title=title,
        heading=heading(numeral, title.text),
        date=ctx.f.date(data.date),
        date_iso=data.date.isoformat(),
        language=ctx.f.delivery_language(data.language),
        language_known=data.language is not None,
        show_language=data.language is not None or webinar.upcoming,
        region=ctx.text(data.region, data.language),
        status=webinar.status,
        series_title=ctx.text(series.title) if series else None,
        registration_url=data.registration.url if webinar.registration_open else None,
        registration_note=registration_note(ctx, webinar),
        state=state,
        state_label=ctx.f.t(f"state_{state}"),
        badge=ctx.f.date_badge(data.date),
        time=ctx.f.start_line(starts) if starts else None,
        language_code=data.language or "",
        year=data.date.year,
        interpretation=ctx.f.and_list([ctx.f.language_name(code) for code in data.interpretation]) or None,
        interpretation_codes=tuple(data.interpretation),
    )


def registration_note(ctx: PageContext, webinar: WebinarFacts) -> str | None:
    """"Registration is full" or "… closed" for a scheduled webinar to come whose registration is not open:
    said plainly where the Register button would be (a past webinar's registration needs no word)."""
    state = webinar.registration_state
    if not webinar.upcoming or webinar.data.status != "scheduled" or state in (None, "open"):
        return None
    note = ctx.f.t(f"registration_{state}")
    if webinar.data.join:  # a Join button beside "Registration is full" must not read as a contradiction
        return ctx.f.t("registration_still_live", state=note)
    return note


@dataclass
class ExpertCard:
    id: str
    url: str
    name: str
    affiliation: Shown | None
    country: str | None


def expert_card(ctx: PageContext, expert_id: str) -> ExpertCard:
    expert: Expert = ctx.hub.experts[expert_id]
    return ExpertCard(
        id=expert_id,
        url=ctx.link(expert_path(expert_id)),
        name=expert.name,
        affiliation=ctx.text(expert.affiliation),
        country=ctx.f.country_name(expert.country) if expert.country else None,
    )


def follow_view(ctx: PageContext, site_url: str = "/") -> dict[str, Any]:
    """Links to follow the webinars: the calendar of them all (``webinars.ics``), the ways to subscribe to
    it (``webcal://``, Google Calendar, Outlook; only with an absolute site address) and this language's
    feeds."""
    prefix = url_prefix(ctx.lang)
    return {"calendar": ctx.asset("webinars.ics"), "rss": ctx.asset(prefix + "feed.xml"),
            "atom": ctx.asset(prefix + "atom.xml"),
            "subscribe": feed_links(site_url, ctx.f.t("webinars_title"))}


def series_card(ctx: PageContext, series_id: str) -> dict[str, Any]:
    """A series as the home page lists it: title, link, description, how many webinars and when (from their dates)."""
    series = ctx.hub.series[series_id]
    webinars = ctx.hub.in_series.get(series_id, ())
    f = ctx.f
    held = None
    if webinars:
        first, last = min(w.data.date for w in webinars), max(w.data.date for w in webinars)
        held = {"text": f.date(first) if first == last else f.date(first) + f.t("date_range") + f.date(last),
                "first": f.date(first), "last": f.date(last), "iso": (first.isoformat(), last.isoformat())}
    return {
        "id": series_id,
        "url": ctx.link(series_path(series_id)),
        "title": ctx.text(series.title),
        "description": ctx.markdown(series.description) if series.description else None,
        "total": f.number(len(webinars)) if webinars else None,  # in the language's digits
        "count": f.t("series_webinar_count", count=f.number(len(webinars))),
        "held": held,  # None when no webinar of the series is published
    }
