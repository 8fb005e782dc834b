"""Embeddable list of upcoming webinars for other sites (e.g. the organisation's Development Agenda page).

``embed/upcoming.<lang>.html``: a self-contained HTML fragment (no stylesheet or script of the hub, every
link absolute, every text escaped by an autoescaping Jinja environment); ``embed/upcoming.json``: the same
list as data, every language at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from ..languages import active, url_prefix
from ..localize import Formatter
from ..model import Hub, WebinarFacts
from ..urls import webinar_path
from .common import absolute, calendar_path, page_urls, title, webinar_url

TEMPLATE = """\
<section class="hub-embed-upcoming" lang="{{ lang }}" dir="{{ dir }}">
{% if items %}
<ul>
{% for item in items %}
  <li><a href="{{ item.url }}"{% if item.title_lang != lang %} lang="{{ item.title_lang }}"{% endif %}>{% if item.number %}{{ item.number }}. {% endif %}{{ item.title }}</a>&nbsp;— <time datetime="{{ item.date_iso }}">{{ item.date }}</time>{% if item.time %}, {{ item.time }}{% endif %}&nbsp;· {{ item.language }}</li>
{% endfor %}
</ul>
{% else %}
<p>{{ no_upcoming }}</p>
{% endif %}
<p><a href="{{ all_url }}">{{ all_webinars }}</a></p>
</section>
"""

_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _item(f: Formatter, webinar: WebinarFacts, site_url: str) -> dict:
    shown = title(webinar, f.code)
    starts = webinar.starts_at
    return {
        "number": f.numeral(webinar.data.number),
        "title": shown.text,
        "title_lang": shown.lang,
        "url": webinar_url(site_url, webinar, f.code),
        "date": f.date(webinar.data.date),
        "date_iso": webinar.data.date.isoformat(),
        "time": f"{f.time(starts)} ({f.timezone(starts)})" if starts else None,
        "language": (f.t("delivered_in", language=f.language_name(webinar.data.language))
                     if webinar.data.language else f.t("language_unknown")),
    }


def fragment(hub: Hub, lang: str, site_url: str) -> str:
    f = Formatter(lang)
    return _env.from_string(TEMPLATE).render(
        lang=lang, dir="rtl" if active().by_code[lang].rtl else "ltr",
        items=[_item(f, webinar, site_url) for webinar in hub.upcoming if webinar.data.status != "cancelled"],
        no_upcoming=f.t("no_upcoming"), all_webinars=f.t("all_webinars"),
        all_url=absolute(site_url, url_prefix(lang) + "webinars/"),
    )


def upcoming_json(hub: Hub, site_url: str) -> dict:
    return {
        "generated": hub.today.isoformat(),
        "webinars": [
            {
                "slug": webinar.slug,
                "number": webinar.data.number,
                "title": dict(webinar.data.title),
                "language": webinar.data.language,
                "date": webinar.data.date.isoformat(),
                "starts_at": webinar.starts_at.isoformat() if webinar.starts_at else None,
                "status": webinar.data.status,
                "pages": page_urls(site_url, webinar_path(webinar.slug)),
                "calendar": absolute(site_url, calendar_path(webinar)),
                "registration": webinar.data.registration.url if webinar.data.registration else None,
            }
            for webinar in hub.upcoming
        ],
    }


def write_embeds(hub: Hub, site_dir: Path, site_url: str) -> None:
    folder = site_dir / "embed"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in active().codes:
        (folder / f"upcoming.{lang}.html").write_text(fragment(hub, lang, site_url), encoding="utf-8")
    (folder / "upcoming.json").write_text(
        json.dumps(upcoming_json(hub, site_url), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
