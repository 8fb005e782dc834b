"""Per-language view models: every text chosen, formatted and linked, ready for a template to lay out.

Logic lives here; the templates in ``overrides/hub/`` only place these values in markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from . import safe_markdown
from .charts import grouped_bars
from .calendar_links import feed_links
from .figures import SeriesFigures, all_series_figures, series_figures
from .languages import active, url_prefix
from .localize import Formatter, Shown, heading, pick, roman
from .media import player_for
from .model import Hub, WebinarFacts, exact
from .schema import Expert, Series
from .urls import calendar_path, expert_path, page_url, relative, series_path, webinar_path


@dataclass
class PageContext:
    """One page being written: its language, its URL, and the formatter for that language."""

    hub: Hub
    f: Formatter
    path: str  # language-independent path, e.g. "webinars/slug/"

    @property
    def lang(self) -> str:
        return self.f.code

    @property
    def url(self) -> str:
        return page_url(self.lang, self.path)

    def link(self, path: str) -> str:
        """Relative link to another page of the same language."""
        return relative(self.url, page_url(self.lang, path))

    def asset(self, site_path: str) -> str:
        """Relative link to a language-independent file, e.g. ``webinars/slug.ics``."""
        return relative(self.url, site_path)

    def text(self, texts, delivery: str | None = None) -> Shown | None:
        return pick(texts, self.lang, delivery)

    def shown(self, text: Shown, tag: str = "span") -> Markup:
        """``<span>`` (or ``tag``) holding a text, with ``lang_attr``: the templates' most frequent call,
        a method rather than a Jinja macro, whose calls cost several times more."""
        tag = escape(tag)  # escape() and an f-string: Markup.format is several times slower
        return Markup(f"<{tag}{lang_attr(text, self.lang)}>{escape(text.text)}</{tag}>")

    def markdown(self, texts, delivery: str | None = None) -> dict[str, Any] | None:
        shown = pick(texts, self.lang, delivery)
        if shown is None:
            return None
        return {"html": safe_markdown.render(shown.text), "lang": shown.lang}


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
    return WebinarCard(
        slug=webinar.slug,
        url=ctx.link(webinar_path(webinar.slug)),
        number=roman(data.number) if data.number is not None else None,
        title=title,
        heading=heading(data.number, title.text),
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


def follow_view(ctx: PageContext, site_url: str = "/") -> dict[str, Any]:
    """Links to follow the webinars: the calendar of them all (``webinars.ics``), the ways to subscribe to
    it (``webcal://``, Google Calendar, Outlook; only with an absolute site address) and this language's
    feeds."""
    prefix = url_prefix(ctx.lang)
    return {"calendar": ctx.asset("webinars.ics"), "rss": ctx.asset(prefix + "feed.xml"),
            "atom": ctx.asset(prefix + "atom.xml"),
            "subscribe": feed_links(site_url, ctx.f.t("webinars_title"))}


def lang_attr(text: Shown | dict | None, page_lang: str) -> Markup:
    """` lang="xx"` (and `dir`) when a text is not in the page's language (a fallback), else nothing."""
    code = text.lang if isinstance(text, Shown) else (text or {}).get("lang")
    if not code or code == page_lang:
        return Markup("")
    return _fallback_attributes(code, page_lang)


@lru_cache(maxsize=None)
def _fallback_attributes(code: str, page_lang: str) -> Markup:
    """The attributes of a text in ``code`` on a ``page_lang`` page: a few pairs, asked for on every page."""
    attributes = Markup(' lang="{}"').format(code)
    if active().by_code[code].rtl != active().by_code[page_lang].rtl:
        attributes += Markup(' dir="{}"').format("rtl" if active().by_code[code].rtl else "ltr")
    return attributes


FIGURE_COLUMNS = ("language", "registrations", "participants", "countries", "attendance_rate",
                  "survey_response_rate")


def figures_view(ctx: PageContext) -> list[dict[str, Any]]:
    """Every series' figures, formatted for the page's language, with its chart's bars."""
    return [series_figures_view(ctx, figures) for figures in all_series_figures(ctx.hub)]


def series_figures_view(ctx: PageContext, figures: SeriesFigures) -> dict[str, Any]:
    """One series' figures (``figures.series_figures``) for the page's language: its table's rows, chart and budget;
    the figures page and the series' own page show the same."""
    f = ctx.f

    def maybe(value, formatter):
        return formatter(value) if value is not None else None

    series = ctx.hub.series.get(figures.series_id)
    rows = []
    for webinar in figures.webinars:
        stats = webinar.data.stats
        card = webinar_card(ctx, webinar)
        rows.append({
            "card": card,
            "label": card.number or card.date,  # the one date style of the language
            "language": card.language if card.language_known else None,
            "registrations": maybe(stats.registrations, f.figure),
            "participants": maybe(stats.participants, f.figure),
            "countries": maybe(stats.countries, f.figure),
            "attendance_rate": maybe(webinar.attendance_rate, lambda v: f.percent(round(v))),
            "survey_response_rate": maybe(stats.survey_response_rate, f.percent),
        })
    # Only exact figures are charted: a bar for "more than 250" would draw 250 as if it were known.
    charted = [w for w in figures.webinars
               if exact(w.data.stats.registrations) is not None and exact(w.data.stats.participants) is not None]
    chart = grouped_bars([roman(w.data.number) if w.data.number is not None else f.date(w.data.date, "short")
                          for w in charted],
                         [(w.data.stats.registrations, w.data.stats.participants) for w in charted],
                         f.number) if charted else None
    budget = figures.budget
    return {
        "id": figures.series_id,
        "title": ctx.text(series.title) if series else None,
        "url": ctx.link(series_path(figures.series_id)) if series else None,
        "rows": rows,
        # Only the columns some webinar of the series has a value for: no column of dashes.
        "columns": [name for name in FIGURE_COLUMNS if any(row[name] for row in rows)],
        "approximate": figures.approximate,
        "has_exact": bool(figures.counted_registrations or figures.counted_participants
                          or figures.counted_surveys),
        "counted": f.t("figures_counted", registrations=f.number(figures.counted_registrations),
                       participants=f.number(figures.counted_participants),
                       surveys=f.number(figures.counted_surveys)),
        "chart": chart,
        "chart_summary": f.t("chart_summary", count=f.number(len(charted)),
                             registrations=f.number(sum(w.data.stats.registrations for w in charted)),
                             participants=f.number(sum(w.data.stats.participants for w in charted))),
        "totals": {
            "registrations": maybe(figures.registrations, f.number),
            "participants": maybe(figures.participants, f.number),
            "attendance_rate": maybe(figures.attendance_rate, lambda v: f.percent(round(v))),
        },
        "means": {
            "registrations": maybe(figures.mean_registrations, lambda v: f.number(round(v, 1))),
            "participants": maybe(figures.mean_participants, lambda v: f.number(round(v, 1))),
            "survey_response_rate": maybe(figures.mean_survey_response_rate, lambda v: f.percent(round(v))),
        },
        "budget": {
            "planned": f.money(budget.planned, budget.currency),
            "spent": f.money(budget.spent, budget.currency) if budget.spent is not None else None,
            "use": maybe(figures.budget_use, lambda v: f.percent(round(v))),
        } if budget else None,
    }


def series_card(ctx: PageContext, series_id: str) -> dict[str, Any]:
    """A series as the home page lists it: title, link, description, how many webinars and when (from their dates)."""
    series = ctx.hub.series[series_id]
    webinars = ctx.hub.in_series.get(series_id, ())
    f = ctx.f
    held = None
    if webinars:
        first, last = min(w.data.date for w in webinars), max(w.data.date for w in webinars)
        held = {"text": f.date(first) if first == last else f"{f.date(first)} – {f.date(last)}",
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


@dataclass
class SeriesPage:
    card: dict[str, Any]  # series_card: title, description, how many webinars, their dates
    period: str | None  # as the data gives it (a year or a short text); never worked out from the dates
    decision: Shown | None
    decision_explained: Shown | None
    programme: list[Shown]
    webinars: list[WebinarCard]  # by number in the series
    figures: dict[str, Any] | None  # series_figures_view, when some webinar has figures or the series a budget
    materials: dict | None


def series_page(ctx: PageContext, series_id: str) -> SeriesPage:
    series = ctx.hub.series[series_id]
    webinars = ctx.hub.in_series.get(series_id, ())
    figures = series_figures(ctx.hub, series_id)
    decision, decision_explained = decision_view(ctx, series)
    return SeriesPage(
        card=series_card(ctx, series_id),
        period=str(series.period) if series.period not in (None, "") else None,
        decision=decision,
        decision_explained=decision_explained,
        programme=[ctx.text(step) for step in series.programme],
        webinars=[webinar_card(ctx, w) for w in webinars],
        figures=None if figures.empty else series_figures_view(ctx, figures),
        materials=ctx.markdown(series.materials),
    )
