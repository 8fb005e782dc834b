"""Structured data for a webinar page's head: schema.org JSON-LD, Open Graph and Twitter cards.

``webinar_meta`` returns front-matter entries; ``overrides/partials/hub-head.html`` prints them:
``hub_jsonld`` as is inside ``<script type="application/ld+json">`` (it is made safe for that here:
``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026``), ``hub_og`` and
``hub_twitter`` as ``<meta>`` tags with every value escaped by the template.
"""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

from .. import safe_markdown
from ..languages import CODES, LANGUAGES
from ..localize import heading
from ..media import recording_video
from ..model import WebinarFacts
from ..urls import expert_path
from .common import absolute, page_urls

SCHEMA = "https://schema.org/"
ATTENDANCE_MODE = {"online": "OnlineEventAttendanceMode", "hybrid": "MixedEventAttendanceMode",
                   "in-person": "OfflineEventAttendanceMode"}
EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}
OG_LOCALES = {language.code: language.regional_locale for language in LANGUAGES} | {"ar": "ar_AR"}  # Facebook's Arabic
DESCRIPTION_LENGTH = 300


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


def _organizers(ctx, organizers) -> list[str]:
    """Names of who opens a webinar (else of anyone in its programme), in the page's language."""
    chosen = [o for o in organizers if o.role == "opening"] or list(organizers)
    return list(dict.fromkeys(shown.text for shown in (ctx.text(o.name) for o in chosen) if shown))


def event(ctx, webinar: WebinarFacts, site_url: str) -> list[dict]:
    data, f = webinar.data, ctx.f
    url = absolute(site_url, ctx.url)
    title = ctx.text(data.title, data.language)
    name = heading(data.number, title.text)
    text = description(ctx, webinar)
    node: dict = {
        "@type": "Event",
        "@id": url + "#event",
        "name": name,
        "description": text,
        "url": url,
        "eventStatus": SCHEMA + EVENT_STATUS[data.status],
        "location": {"@type": "VirtualLocation", "url": url},
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
    else:
        node["startDate"] = data.date.isoformat()
    # The webinar's own organizers, else the organisation that runs the hub (a UI string per language).
    names = _organizers(ctx, data.organizers) or [ctx.f.t("organisation_name")]
    node["organizer"] = [{"@type": "Organization", "name": n, "url": absolute(site_url, "")} for n in names]
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
    if performers:
        node["performer"] = performers
    if data.registration and webinar.upcoming and data.status != "cancelled":
        offer = {"@type": "Offer", "url": data.registration.url, "availability": SCHEMA + "InStock"}
        if data.registration.closes:
            offer["validThrough"] = data.registration.closes.isoformat()
        node["offers"] = offer
    graph = [node]
    if data.recording:
        embed, thumbnail, content = video_ids(data.recording.url)
        video: dict = {
            "@type": "VideoObject",
            "@id": url + "#recording",
            "name": f.t("recording_of", title=name),
            "description": text,
            "url": data.recording.url,
            "uploadDate": (data.recording.published or data.date).isoformat(),
        }
        if data.language:
            video["inLanguage"] = data.language
        if embed:
            video["embedUrl"] = embed
        if thumbnail:
            video["thumbnailUrl"] = thumbnail
        if content:
            video["contentUrl"] = content
        if data.recording.duration:
            video["duration"] = _minutes(data.recording.duration)
        if data.recording.captions:
            video["subtitleLanguage"] = list(data.recording.captions)
        node["recordedIn"] = {"@id": video["@id"]}
        graph.append(video)
    return graph


def webinar_meta(ctx, webinar: WebinarFacts, site_url: str) -> dict:
    """Front-matter entries that ``overrides/partials/hub-head.html`` turns into head tags."""
    url = absolute(site_url, ctx.url)
    graph = event(ctx, webinar, site_url)
    name, text = graph[0]["name"], graph[0]["description"]
    og = [
        {"property": "og:type", "content": "website"},
        {"property": "og:title", "content": name},
        {"property": "og:description", "content": text},
        {"property": "og:url", "content": url},
        {"property": "og:locale", "content": OG_LOCALES[ctx.lang]},
        *({"property": "og:locale:alternate", "content": OG_LOCALES[code]} for code in CODES if code != ctx.lang),
    ]
    twitter = [
        {"name": "twitter:card", "content": "summary"},
        {"name": "twitter:title", "content": name},
        {"name": "twitter:description", "content": text},
    ]
    return {
        "hub_jsonld": script_json({"@context": "https://schema.org", "@graph": graph}),
        "hub_og": og,
        "hub_twitter": twitter,
    }
