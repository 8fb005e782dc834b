"""What search engines and link previews read: schema.org JSON-LD, Open Graph and Twitter cards.

``webinar_meta`` returns a webinar page's front-matter entries; ``overrides/partials/hub-head.html``
prints them: ``hub_jsonld`` as is inside ``<script type="application/ld+json">`` (it is made safe for
that here: ``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026``), ``hub_og`` and
``hub_twitter`` as ``<meta>`` tags with every value escaped by the template. Every other page gets its
tags in the template from ``social_defaults`` (the site's card in the page's language).

JSON-LD follows Google's requirements for Event and VideoObject rich results (``tests/
test_structured_data.py`` holds the table): an object is published only with every required property
known from the data, and a recommended one only when the data gives it.
"""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

from . import previews as cards  # the card each page links to (the drawing is extras/cards.py's)
from . import safe_markdown
from .languages import active
from .localize import Formatter, heading
from .media import recording_video
from .model import WebinarFacts
from .urls import absolute, expert_path, page_urls

SCHEMA = "https://schema.org/"
# schema.org's values for the data's format and status; EventMovedOnline has no counterpart in the data.
ATTENDANCE_MODE = {"online": "OnlineEventAttendanceMode", "hybrid": "MixedEventAttendanceMode",
                   "in-person": "OfflineEventAttendanceMode"}
EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}
OG_ARABIC = {"ar": "ar_AR"}  # Facebook's Arabic
DESCRIPTION_LENGTH = 300


def og_locales() -> dict[str, str]:
    """Open Graph's locale of each language of the build (language_TERRITORY)."""
    return {language.code: language.regional_locale for language in active().all} | OG_ARABIC
# The organisation's website: the organizer of every webinar and the publisher of its recordings.
ORGANISATION_URL = "https://www.wipo.int/"


def script_json(value) -> str:
    """JSON that cannot end or open an HTML element inside ``<script>``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain(markdown_text: str) -> str:
    """Markdown as one line of plain text (through the hub's safe renderer, then without tags)."""
    rendered = str(safe_markdown.render(markdown_text))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def description(ctx, webinar: WebinarFacts) -> str:
    """Per webinar: number, date and language, then the start of the summary."""
    data, f = webinar.data, ctx.f
    line = f.webinar_line(data.number, data.date, data.language)
    summary = ctx.text(data.summary, data.language)
    return shorten(f"{line} {plain(summary.text)}" if summary else line)


def video_ids(url: str) -> tuple[str | None, str | None, str | None]:
    """(embed URL, thumbnail URL, content URL) of a recording on YouTube, Vimeo or a video file."""
    video = recording_video(url)  # the one reading of a recording URL, as the page's player has it
    if video is None:
        return None, None, None
    if video.provider == "video":
        return None, None, video.embed_url
    return video.embed_url, video.thumbnail_url, None


def _minutes(value: int) -> str:
    """ISO 8601 duration, e.g. PT1H30M."""
    hours, minutes = divmod(value, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def recording_facts(url: str) -> tuple[str | None, str | None, str | None]:
    """(embed URL, thumbnail URL, content URL) of a recording: the one place this module reads a
    recording's address (``video_ids``, on ``media.recording_video``)."""
    return video_ids(url)


def _performers(ctx, data, site_url: str) -> list[dict]:
    """The webinar's moderators and speakers, by name, each linked to their page on the hub."""
    performers = []
    for expert_id in dict.fromkeys((*data.moderators, *data.experts)):
        expert = ctx.hub.experts.get(expert_id)
        if expert is None:
            continue
        person = {"@type": "Person", "name": expert.name,
                  "url": page_urls(site_url, expert_path(expert_id))[ctx.lang]}
        affiliation = ctx.text(expert.affiliation)
        if affiliation:
            person["affiliation"] = {"@type": "Organization", "name": affiliation.text}
        performers.append(person)
    return performers


def organisation(ctx) -> dict:
    """The organisation that runs the webinars, in the page's language."""
    return {"@type": "Organization", "name": ctx.f.t("organisation_name"), "url": ORGANISATION_URL}


def place(webinar: WebinarFacts) -> str | None:
    """Where an online webinar happens, for Google's ``location.url`` ("where people can join"), while it is
    to come: its join address, else its registration page while registration is open (full or closed, that
    page no longer leads anyone in). A past webinar has neither (none is offered any more); the hub's own page
    and a news item are not the place either: a past webinar has no Event (README, "Search engines")."""
    data = webinar.data
    if not webinar.upcoming:
        return None
    if data.join:
        return data.join
    if data.registration and webinar.registration_state == "open":
        return data.registration.url
    return None


def event(ctx, webinar: WebinarFacts, site_url: str) -> list[dict]:
    """The page's schema.org graph: an Event and the recording's VideoObject, each only when every
    property search engines require is known (an unknown is left out, never guessed).

    An Event needs a place (``place``); without one, or for an in-person event (the data has no address), no
    Event is published. Offers are never published: the sources state no price, and Google's Event gives
    registration's state (sold out …) only through an offer's availability, so that state is left out too.
    A transcript link is left out of the VideoObject: schema.org's ``transcript`` is the text itself.
    """
    data, f = webinar.data, ctx.f
    url = absolute(site_url, ctx.url)
    title = ctx.text(data.title, data.language)
    name = heading(f.numeral(data.number), title.text)
    text = description(ctx, webinar)
    image = absolute(site_url, cards.webinar_card_path(ctx.hub, ctx.f, webinar))
    graph = []
    node: dict | None = None
    location = place(webinar)
    if location and data.format != "in-person":
        node = {
            "@type": "Event",
            "@id": url + "#event",
            "name": name,
            "description": text,
            "url": url,
            "image": [image],
            "eventStatus": SCHEMA + EVENT_STATUS[data.status],
            "location": {"@type": "VirtualLocation", "url": location},
            "organizer": organisation(ctx),
        }
        if data.language:  # unknown: left out, never guessed
            node["inLanguage"] = data.language
        if data.format:  # unknown: left out
            node["eventAttendanceMode"] = SCHEMA + ATTENDANCE_MODE[data.format]
        if webinar.starts_at is not None:
            node["startDate"] = webinar.starts_at.isoformat()
            if data.duration:
                node["endDate"] = (webinar.starts_at + timedelta(minutes=data.duration)).isoformat()
                node["duration"] = _minutes(data.duration)
        else:  # a webinar is held on one day: its date, without a time, is its start and its end
            node["startDate"] = node["endDate"] = data.date.isoformat()
        performers = _performers(ctx, data, site_url)
        if performers:
            node["performer"] = performers
        graph.append(node)
    if data.recording and data.recording.published:
        embed, thumbnail, content = recording_facts(data.recording.url)
        if embed or content:
            video: dict = {
                "@type": "VideoObject",
                "@id": url + "#recording",
                "name": f.t("recording_of", title=name),
                "description": text,
                "url": url,
                "uploadDate": data.recording.published.isoformat(),
                # The host's own still when the address gives it (YouTube), else the webinar's card.
                "thumbnailUrl": [thumbnail or image],
                "publisher": organisation(ctx),
            }
            if data.language:
                video["inLanguage"] = data.language
            if embed:
                video["embedUrl"] = embed
            if content:
                video["contentUrl"] = content
            if data.recording.duration:
                video["duration"] = _minutes(data.recording.duration)
            if data.recording.captions:
                video["subtitleLanguage"] = list(data.recording.captions)
            if node is not None:
                node["recordedIn"] = {"@id": video["@id"]}
            graph.append(video)
    return graph


def social_defaults(lang: str, site_url: str) -> dict:
    """What every page's link preview shares: the site's name and card, the page's locale and the others.

    ``overrides/partials/hub-head.html`` prints them on pages that have no card of their own.
    """
    f = Formatter(lang)
    return {
        "site_name": f.t("site_name"),
        "description": f.t("site_description"),  # for pages whose front matter has none
        "locale": og_locales()[lang],
        "alternates": [og_locales()[code] for code in active().codes if code != lang],
        "image": absolute(site_url, cards.site_card_path(f)),
        "image_alt": cards.site_card_alt(f),
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
    }


def webinar_meta(ctx, webinar: WebinarFacts, site_url: str) -> dict:
    """Front-matter entries that ``overrides/partials/hub-head.html`` turns into head tags."""
    url = absolute(site_url, ctx.url)
    graph = event(ctx, webinar, site_url)
    title = ctx.text(webinar.data.title, webinar.data.language)
    name, text = heading(ctx.f.numeral(webinar.data.number), title.text), description(ctx, webinar)
    card, card_name = cards.card_for(ctx.hub, ctx.f, webinar)
    image, alt = absolute(site_url, card.path(card_name)), card.alt()
    defaults = social_defaults(ctx.lang, site_url)
    og = [
        {"property": "og:type", "content": "website"},
        {"property": "og:site_name", "content": defaults["site_name"]},
        {"property": "og:title", "content": name},
        {"property": "og:description", "content": text},
        {"property": "og:url", "content": url},
        {"property": "og:image", "content": image},
        {"property": "og:image:type", "content": "image/png"},
        {"property": "og:image:width", "content": str(cards.WIDTH)},
        {"property": "og:image:height", "content": str(cards.HEIGHT)},
        {"property": "og:image:alt", "content": alt},
        {"property": "og:locale", "content": defaults["locale"]},
        *({"property": "og:locale:alternate", "content": code} for code in defaults["alternates"]),
    ]
    twitter = [
        {"name": "twitter:card", "content": "summary_large_image"},
        {"name": "twitter:title", "content": name},
        {"name": "twitter:description", "content": text},
        {"name": "twitter:image", "content": image},
        {"name": "twitter:image:alt", "content": alt},
    ]
    meta = {"hub_og": og, "hub_twitter": twitter}
    if graph:
        meta["hub_jsonld"] = script_json({"@context": "https://schema.org", "@graph": graph})
    return meta
