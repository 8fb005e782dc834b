"""A webinar's page: its facts, time, people, figures, materials and sources, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone
from urllib.parse import urlsplit

from ..localize import Shown
from ..media import player_for
from ..model import WebinarFacts
from ..schema import Series
from ..urls import calendar_path, series_path
from .cards import ExpertCard, WebinarCard, expert_card, webinar_card
from .context import PageContext


@dataclass
class StatsView:
    registrations: str | None = None  # exact ("1 234") or approximate ("more than 250"), as the source gives it
    participants: str | None = None
    countries: str | None = None
    attendance_rate: str | None = None  # only from exact figures
    survey_response_rate: str | None = None

    @property
    def empty(self) -> bool:
        return not any((self.registrations, self.participants, self.countries, self.survey_response_rate))


def stats_view(ctx: PageContext, webinar: WebinarFacts) -> StatsView:
    stats = webinar.data.stats
    if stats is None:
        return StatsView()
    f = ctx.f
    rate = webinar.attendance_rate
    return StatsView(
        registrations=f.figure(stats.registrations) if stats.registrations is not None else None,
        participants=f.figure(stats.participants) if stats.participants is not None else None,
        countries=f.figure(stats.countries) if stats.countries is not None else None,
        attendance_rate=f.percent(round(rate)) if rate is not None else None,
        survey_response_rate=(f.percent(stats.survey_response_rate)
                              if stats.survey_response_rate is not None else None),
    )


@dataclass
class WebinarPage:
    card: WebinarCard
    series_title: Shown | None
    series_url: str | None  # the series' own page
    decision: Shown | None
    decision_explained: Shown | None  # the decision in words ("option B" is …), when the series says it
    time: dict[str, str] | None
    duration: str | None
    format: str | None  # online, hybrid or in person, localized; None when not known
    summary: dict | None
    report: dict | None
    report_links: list[dict]
    moderators: list[ExpertCard]
    experts: list[ExpertCard]
    programme: list[Shown]  # the series' running order, only when the series' sources describe it
    organizers: list[dict]
    stats: StatsView
    registration: dict | None
    recording: dict | None
    slides: list[dict]
    materials: dict | None  # where the series' recordings and slides are, when this page lists neither
    previous: WebinarCard | None
    next: WebinarCard | None
    status_note: str | None
    calendar: str  # link to the webinar's iCalendar file
    interpretation: list[str]  # the languages interpreted into, localized; empty when not known
    join_url: str | None  # while upcoming only
    survey_url: str | None  # the feedback survey, from the webinar's day on (survey_shown)
    not_yet_known: str | None  # upcoming: one plain line naming the essentials the data does not give yet
    lead: str  # the page's first sentence (number, date, language): what a search result shows under the title
    sources: list[dict]  # where the page's facts come from (sources_view)


def sources_view(ctx: PageContext, sources) -> list[dict]:
    """Where a page's facts come from, in the page's language: a document (its symbol, linked to the
    organisation's page when that is configured) or a web page, with where in it and when it was published."""
    f = ctx.f
    return [
        {
            "document": source.document,
            "paragraphs": f.t("source_paragraphs", paragraphs=f.numbers_list(source.paragraphs)) if source.paragraphs else None,
            "url": source.url,
            "host": urlsplit(source.url).hostname if source.url else None,  # the link's text when nothing else names it
            "title": ctx.text(source.title) if source.title else None,
            "lang": source.language,
            "language": f.language_name(source.language) if source.language else None,
            "published": f.t("published_on", date=f.date(source.published)) if source.published else None,
        }
        for source in sources
    ]


def time_view(ctx: PageContext, webinar: WebinarFacts) -> dict[str, str] | None:
    starts = webinar.starts_at
    if starts is None:
        return None
    utc = starts.astimezone(timezone.utc)
    duration = webinar.data.duration
    ends = starts + timedelta(minutes=duration) if duration else None
    return {
        # One line in the event's zone: "14:30–16:00 Central European Summer Time".
        "range": ctx.f.time_range(starts, ends) if ends else ctx.f.time(starts),
        "offset": str(int(starts.utcoffset().total_seconds() // 60)),  # minutes east of UTC, for hub.js
        "intl": ctx.f.intl_locale,  # the locale hub.js formats the visitor's time in, with Babel's digits
        "end_iso": ends.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if ends else "",
        "zone": ctx.f.timezone(starts),
        "iso": starts.isoformat(),
        "utc_iso": utc.isoformat().replace("+00:00", "Z"),
    }


# The essentials a participant needs before an upcoming webinar, in the order the line names them.
ESSENTIALS = ("start", "duration", "language", "registration")


def not_yet_known(ctx: PageContext, webinar: WebinarFacts) -> str | None:
    """For a scheduled upcoming webinar, one sentence naming what the data does not give yet (start time,
    duration, delivery language, how to register or join) and where it will appear; None when all is known
    or the webinar is past."""
    data = webinar.data
    if not webinar.upcoming or data.status != "scheduled":
        return None
    given = {"start": webinar.starts_at is not None, "duration": bool(data.duration),
             "language": data.language is not None, "registration": bool(data.registration or data.join)}
    missing = [ctx.f.t(f"unknown_{name}") for name in ESSENTIALS if not given[name]]
    return ctx.f.t("not_yet_known", items=ctx.f.and_list(missing)) if missing else None


def decision_view(ctx: PageContext, series: Series | None) -> tuple[Shown | None, Shown | None]:
    """A series' decision (one text for all languages, or per language) and, beside it only, what it asks for."""
    if series is None or not series.decision:
        return None, None
    decision = (Shown(series.decision, ctx.lang) if isinstance(series.decision, str)
                else ctx.text(series.decision))
    return decision, ctx.text(series.decision_explained)


def survey_shown(webinar: WebinarFacts) -> bool:
    """The feedback survey is offered from the webinar's day on (the site is rebuilt each night: on the day,
    those leaving the webinar find it on its page), never before it, nor for a webinar cancelled or postponed."""
    data = webinar.data
    return bool(data.survey) and data.status == "scheduled" and (
        not webinar.upcoming or (webinar.today is not None and data.date <= webinar.today))


def webinar_page(ctx: PageContext, webinar: WebinarFacts) -> WebinarPage:
    data = webinar.data
    f = ctx.f
    series = ctx.hub.series.get(data.series)
    previous, following = ctx.hub.neighbours(webinar.slug)
    registration = None
    if data.registration and webinar.upcoming and data.status == "scheduled":  # none for a cancelled webinar
        registration = {
            "url": data.registration.url,
            # The last day, while one may still register (full or closed: the note says so instead).
            "closes": (f.date(data.registration.closes) if data.registration.closes and webinar.registration_open
                       else None),
            "phone": data.registration.phone,
        }
    recording = None
    if data.recording:
        recording = {
            "url": data.recording.url,
            "player": player_for(data.recording.url),
            "duration": f.minutes(data.recording.duration) if data.recording.duration else None,
            "captions": [f.language_name(code) for code in data.recording.captions],
            "transcripts": [{"url": transcript.url, "lang": transcript.language,
                             "language": f.language_name(transcript.language)}
                            for transcript in data.recording.transcripts],
        }
    slides = [
        {
            "href": deck.url or ctx.asset(deck.file.removeprefix("webinars/")),
            "language": f.language_name(deck.language),
            "lang": deck.language,
            "format": deck.format.upper(),
            "size": f.file_size((ctx.hub.root / deck.file).stat().st_size) if deck.file else None,
            "title": ctx.text(deck.title) if deck.title else None,
        }
        for deck in data.slides
    ]
    status_note = None
    if data.status != "scheduled":
        status_note = f.t(f"status_{data.status}")
    report_links = [
        {
            "url": link.url,
            "label": ctx.text(link.label),
            "lang": link.language,
            "language": f.language_name(link.language) if link.language else None,
            "published": f.date(link.published) if link.published else None,
            "published_iso": link.published.isoformat() if link.published else None,
        }
        for link in data.report_links
    ]
    if webinar.upcoming:  # what is written after the event is shown once it is past
        report_links = []
    reported = {link["url"] for link in report_links}  # a source linked there is not listed again under Sources
    materials = None
    if series and not webinar.upcoming and not recording and not slides:
        materials = ctx.markdown(series.materials)
    decision, decision_explained = decision_view(ctx, series)
    return WebinarPage(
        card=webinar_card(ctx, webinar),
        series_title=ctx.text(series.title) if series else None,
        series_url=ctx.link(series_path(data.series)) if series else None,
        decision=decision,
        decision_explained=decision_explained,
        time=time_view(ctx, webinar),
        duration=f.minutes(data.duration) if data.duration else None,
        format=f.t("format_" + data.format.replace("-", "_")) if data.format else None,
        summary=ctx.markdown(data.summary, data.language),
        report=None if webinar.upcoming else ctx.markdown(data.report, data.language),
        report_links=report_links,
        moderators=[expert_card(ctx, expert) for expert in data.moderators],
        experts=[expert_card(ctx, expert) for expert in data.experts],
        programme=[ctx.text(step) for step in series.programme] if series else [],
        organizers=[{"role": f.t(f"role_{o.role}"), "name": ctx.text(o.name)} for o in data.organizers],
        stats=stats_view(ctx, webinar),
        registration=registration,
        recording=recording,
        slides=slides,
        materials=materials,
        previous=webinar_card(ctx, previous) if previous else None,
        next=webinar_card(ctx, following) if following else None,
        status_note=status_note,
        calendar=ctx.asset(calendar_path(webinar.slug)),
        interpretation=[f.language_name(code) for code in data.interpretation],
        join_url=data.join if webinar.upcoming and data.status == "scheduled" else None,
        survey_url=data.survey if survey_shown(webinar) else None,
        not_yet_known=not_yet_known(ctx, webinar),
        lead=f.webinar_line(data.number, data.date, data.language),
        sources=sources_view(ctx, [s for s in data.sources if s.url not in reported]),
    )
