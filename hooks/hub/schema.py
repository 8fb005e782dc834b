"""The data contract staff edit: the single source of truth for validation and the editor JSON Schema.

Each dataclass is one YAML mapping; each field's type says what it accepts (``Annotated`` rules from
``rules.py``) and its ``doc`` metadata is shown to editors as the field's description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Annotated

from .published_files import DECK_FILE_SUFFIXES, PHOTO_SUFFIXES
from .rules import (
    FIRST_DATE,
    LAST_DATE,
    Country,
    Currency,
    HttpUrl,
    LanguageCodes,
    Localized,
    Markdown,
    OneOf,
    Pattern,
    Range,
    RepoFile,
    Text,
    TimeZone,
)

Identifier = Annotated[str, Pattern(r"[a-z0-9]+(?:-[a-z0-9]+)*", "lower-case letters, digits and hyphens, e.g. pilot-2019")]
LanguageCode = Annotated[str, LanguageCodes()]
PlainText = Annotated[str, Text()]
LocalizedText = Annotated[dict[LanguageCode, PlainText], Localized()]
LocalizedMarkdown = Annotated[dict[LanguageCode, Annotated[str, Markdown()]], Localized()]
Url = Annotated[str, HttpUrl()]
Minutes = Annotated[int, Range(1, 24 * 60)]
Count = Annotated[int, Range(0, 1_000_000)]  # a million people: beyond any webinar, a typo
Percent = Annotated[float, Range(0, 100)]
Amount = Annotated[float, Range(0)]
DocumentSymbol = Annotated[str, Pattern(r"[A-Z][A-Z0-9]*(?:/[A-Z0-9][A-Z0-9.-]*)+",
                                        "a document symbol in capitals, e.g. CDIP/25/3")]
# Numbers a page can list in its own language's way ("6، 7 و14", "第6、7和14段"), not free text.
Paragraphs = Annotated[str, Pattern(r"[0-9]+(?:-[0-9]+)?(?:, [0-9]+(?:-[0-9]+)?)*",
                                    "paragraph numbers or ranges separated by a comma and a space, e.g. 6, 7, 14-16"),
                     Text(60)]


def doc(text: str, **kwargs):
    """A dataclass field with its editor-facing description."""
    return field(metadata={"doc": text}, **kwargs)


@dataclass(frozen=True)
class Link:
    label: LocalizedText = doc("What the link leads to, per language, e.g. 'Profile' or 'Publications'.")
    url: Url = doc("Absolute http(s) address.")


@dataclass(frozen=True)
class ReportLink:
    label: LocalizedText = doc("What the link leads to, per language, e.g. 'News item on the webinar'.")
    url: Url = doc("Absolute http(s) address of the report or news item.")
    language: LanguageCode | None = doc("Language of the linked page, when it is in one language only.", default=None)
    published: date | None = doc("Date the report or news item was published (YYYY-MM-DD).", default=None)


@dataclass(frozen=True)
class Source:
    """Where the facts of a file come from: shown on its page, so provenance survives any edit (a YAML comment
    does not: the browser editor drops comments)."""

    document: DocumentSymbol | None = doc(
        "Symbol of the organisation's document the facts come from, e.g. CDIP/25/3 (give document or url).",
        default=None)
    paragraphs: Paragraphs | None = doc("Where in the document: paragraph numbers or ranges, e.g. 6, 7, 14-16.",
                                        default=None)
    url: Url | None = doc("Address of the page the facts come from, e.g. a news item (give document or url).",
                          default=None)
    title: LocalizedText | None = doc("What the page is, per language, e.g. 'WIPO news item'.", default=None)
    language: LanguageCode | None = doc("Language of the page, when it is in one language only.", default=None)
    published: date | None = doc("Date the source was published (YYYY-MM-DD).", default=None)


@dataclass(frozen=True)
class Approximate:
    """A figure known only approximately, as the source states it: never summed, averaged or charted."""

    more_than: Count = doc("The figure as the source gives it: 'more than 250' is more_than: 250.")


# A count as the source gives it: a whole number when exact, {more_than: N} when approximate.
Figure = Count | Approximate


@dataclass(frozen=True)
class Expert:
    """``webinars/experts/<id>.yml``: one expert; the file name is the id used by webinars."""

    name: PlainText = doc("Full name as the expert writes it.")
    affiliation: LocalizedText | None = doc("Organisation or role, per language.", default=None)
    country: Annotated[str, Country()] | None = doc("ISO 3166 two-letter country code, e.g. KE.", default=None)
    bio: LocalizedMarkdown | None = doc("Short biography per language (Markdown).", default=None)
    photo: Annotated[str, RepoFile(suffixes=PHOTO_SUFFIXES)] | None = doc(
        "Portrait under webinars/files/ (" + ", ".join(PHOTO_SUFFIXES) + ").", default=None)
    photo_alt: LocalizedText | None = doc("Text alternative of the photo, per language.", default=None)
    links: list[Link] = doc("Web pages about the expert.", default=())
    sources: list[Source] = doc("Where the facts of this file come from (a document or a web page).", default=())


@dataclass(frozen=True)
class Budget:
    planned: Amount = doc("Budget initially planned.")
    currency: Annotated[str, Currency()] = doc("ISO 4217 code, e.g. CHF.")
    spent: Amount | None = doc("Actual expenditure, once known.", default=None)


@dataclass(frozen=True)
class Series:
    """``webinars/series/<id>.yml``: a series of webinars, e.g. the 2019 pilot phase."""

    title: LocalizedText = doc("Name of the series, per language.")
    decision: LocalizedText | PlainText | None = doc(
        "The decision the series stems from, per language (e.g. en: 'CDIP/23/9, option B'), or one text for all.",
        default=None)
    decision_explained: LocalizedText | None = doc(
        "What the decision asks for, in words a visitor understands without the document (e.g. what "
        "'option B' is), per language, from the sources only; shown beside the decision.", default=None)
    period: Annotated[str, Text(40)] | Annotated[int, Range(FIRST_DATE.year, LAST_DATE.year)] | None = doc(
        "A year (2019) or a short text.", default=None)
    description: LocalizedMarkdown | None = doc("What the series is, per language (Markdown).", default=None)
    programme: list[LocalizedText] = doc(
        "How the series' webinars run, as its report describes it, one step per item (per language). "
        "Leave out when the sources do not say.", default=())
    materials: LocalizedMarkdown | None = doc(
        "Where the series' recordings and slides were published, as the sources say, per language (Markdown); "
        "shown on past webinars that list neither.", default=None)
    budget: Budget | None = doc("Planned and spent budget.", default=None)


@dataclass(frozen=True)
class Organizer:
    role: Annotated[str, OneOf(("opening", "remarks", "moderation"))] = doc(
        "opening: opens the webinar; remarks: gives opening remarks; moderation: moderates the questions."
    )
    name: LocalizedText = doc("Who, e.g. the Development Agenda Coordination Division, per language.")


@dataclass(frozen=True)
class Transcript:
    """A written transcript of a recording, in one language: a link, since the hub holds no transcript text."""

    language: LanguageCode = doc("Language of the transcript.")
    url: Url = doc("Address of the transcript: a web page or a file (PDF, text), absolute http(s).")


@dataclass(frozen=True)
class Recording:
    url: Url = doc("Where the recording is: a YouTube or Vimeo page, or a video file (.mp4, .webm).")
    duration: Minutes | None = doc("Length in minutes.", default=None)
    captions: list[LanguageCode] = doc("Languages of the captions.", default=())
    transcripts: list[Transcript] = doc("Written transcripts of the recording, one per language, each with its "
                                        "address.", default=())
    published: date | None = doc("Date the recording was published (YYYY-MM-DD).", default=None)


@dataclass(frozen=True)
class SlideDeck:
    language: LanguageCode = doc("Language of the deck.")
    format: Annotated[str, OneOf(("pdf", "pptx", "ppt", "odp", "html"))] = doc("File format.")
    url: Url | None = doc("Address of the deck on the web (give url or file).", default=None)
    file: Annotated[str, RepoFile(suffixes=DECK_FILE_SUFFIXES)] | None = doc(
        "Path of the deck under webinars/files/ (give url or file; a file is " + ", ".join(DECK_FILE_SUFFIXES)
        + ", an HTML deck a url).", default=None)
    title: LocalizedText | None = doc("Title of the deck, if not the webinar's.", default=None)


@dataclass(frozen=True)
class Registration:
    url: Url = doc("Registration page.")
    state: Annotated[str, OneOf(("open", "full", "closed"))] = doc(
        "open, full (no places left) or closed; the Register button shows only while it is open. Registration "
        "counts as closed once the closes date has passed.", default="open")
    closes: date | None = doc("Last day to register (YYYY-MM-DD).", default=None)
    phone: bool = doc("true when participants can also join by phone.", default=False)


@dataclass(frozen=True)
class Stats:
    registrations: Figure | None = doc("Number of people registered (a whole number, or more_than: N).", default=None)
    participants: Figure | None = doc("Number of people who took part (a whole number, or more_than: N).", default=None)
    countries: Figure | None = doc("Number of countries participants came from (a whole number, or more_than: N).",
                                   default=None)
    survey_response_rate: Percent | None = doc("Share of participants who answered the survey, in percent.", default=None)


@dataclass(frozen=True, kw_only=True)  # keyword-only: optional fields may come before required ones
class Webinar:
    """``webinars/<slug>.yml``: one webinar; the file name is its id and its URL slug."""

    series: Identifier = doc("Id of the series (a file in webinars/series/).")
    number: Annotated[int, Range(1, 3999)] | None = doc(
        "Number in the series, shown as a Roman numeral (in digits on Arabic pages); leave out when the series does not number them.",
        default=None)
    title: LocalizedText = doc("Title per language; at least one.")
    language: LanguageCode | None = doc("Language the webinar is delivered in; leave out when not known.", default=None)
    date: date = doc("Date of the webinar (YYYY-MM-DD).")
    start: time | None = doc("Start time in the webinar's time zone (HH:MM, quoted).", default=None)
    timezone: Annotated[str, TimeZone()] | None = doc("IANA time zone of the start time, e.g. Europe/Zurich.", default=None)
    duration: Minutes | None = doc("Planned length in minutes.", default=None)
    format: Annotated[str, OneOf(("online", "hybrid", "in-person"))] | None = doc(
        "online, hybrid (online and in a room) or in-person; leave out when not known.", default=None)
    status: Annotated[str, OneOf(("scheduled", "cancelled", "postponed"))] = doc(
        "scheduled unless the webinar was cancelled or postponed.", default="scheduled"
    )
    region: LocalizedText | None = doc("Target region or audience, per language.", default=None)
    summary: LocalizedMarkdown | None = doc(
        "Before the event: what the webinar is about, per language (Markdown), written so that it reads true "
        "before and after it (no 'spoke on …'). Shown on the page from the start.", default=None)
    report: LocalizedMarkdown | None = doc(
        "After the event: what happened (who spoke on what, the completion report), per language (Markdown). "
        "Shown only once the webinar is past.", default=None)
    report_links: list[ReportLink] = doc(
        "Published reports or news items about the webinar (after the event: shown only once it is past).",
        default=())
    moderators: list[Identifier] = doc("Ids of the moderators (files in webinars/experts/).", default=())
    experts: list[Identifier] = doc("Ids of the speakers (files in webinars/experts/).", default=())
    organizers: list[Organizer] = doc("Who opens the webinar, gives remarks, moderates.", default=())
    recording: Recording | None = doc("The recording, once published.", default=None)
    slides: list[SlideDeck] = doc("Slide decks.", default=())
    registration: Registration | None = doc("How to register, for an upcoming webinar.", default=None)
    join: Url | None = doc("Public address to join the webinar live, when the organisers publish one "
                           "(shown while it is upcoming).", default=None)
    survey: Url | None = doc("Address of the participants' feedback survey; shown on the page from the webinar's "
                             "day on.", default=None)
    interpretation: list[LanguageCode] = doc(
        "Languages the webinar is interpreted into, as the organisers announce them; leave out when not known.",
        default=())
    stats: Stats | None = doc("Registrations, participants, countries and survey response rate.", default=None)
    sources: list[Source] = doc("Where the facts of this file come from (a document or a web page): shown at the "
                                "foot of the page.", default=())


# The three kinds of staff file, by folder under webinars/.
DOCUMENT_KINDS: dict[str, type] = {"webinar": Webinar, "expert": Expert, "series": Series}
