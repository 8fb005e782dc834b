"""Open data: ``webinars.json`` (everything), its JSON Schema ``webinars.schema.json``, and ``webinars.csv``.

The JSON carries each record of the data contract (``hub.schema``) as staff wrote it, plus computed
properties (attendance rate, page URLs in every language...). The JSON Schema is generated, never
hand-written: the record part from the dataclasses of ``hub.schema`` and their ``Annotated`` rules (the
same objects that validate the YAML), the computed part from the one table ``WEBINAR_COMPUTED`` /
``EXPERT_COMPUTED`` / ``SERIES_COMPUTED`` that also produces the values.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, Callable

from ..languages import active
from ..model import Hub, WebinarFacts, exact
from ..jsonschema_export import Walker, or_null
from ..schema import Expert, Identifier, Series, Webinar
from ..urls import expert_path, webinar_path
from .common import absolute, calendar_path, page_urls

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
URL = {"type": "string", "format": "uri", "pattern": r"^https?://"}
def PAGES() -> dict:  # the languages of the build in progress
    return {"type": "object", "description": "Absolute URL of the page in each language.",
            "properties": {code: URL for code in active().codes}, "required": list(active().codes),
            "additionalProperties": False}
SLUG = Walker().type_schema(Identifier)


@dataclass(frozen=True)
class Computed:
    """A property added to a record in the open data: its schema, description and how to compute it."""

    schema: dict | Callable[[], dict]  # a function: made when the schema is written
    doc: str
    value: Callable[..., Any]


def _rate(webinar: WebinarFacts, hub: Hub, site_url: str) -> float | None:
    rate = webinar.attendance_rate
    return None if rate is None else round(rate, 2)


def _starts(webinar: WebinarFacts, hub: Hub, site_url: str) -> str | None:
    return webinar.starts_at.isoformat() if webinar.starts_at else None


WEBINAR_COMPUTED: dict[str, Computed] = {
    "slug": Computed(SLUG, "Id of the webinar: its file name and URL slug.", lambda w, h, u: w.slug),
    "upcoming": Computed({"type": "boolean"}, "true when the webinar's date is on or after the build date.",
                         lambda w, h, u: w.upcoming),
    "starts_at": Computed(or_null({"type": "string", "format": "date-time"}),
                          "Start with its UTC offset (ISO 8601), when the time is known.", _starts),
    "registration_state": Computed(
        or_null({"type": "string", "enum": ["open", "full", "closed"]}),
        "How registration stands on the build date: registration.state, but closed once its closes date has passed "
        "or the webinar is past; null without a registration.", lambda w, h, u: w.registration_state),
    "attendance_rate": Computed(or_null({"type": "number", "minimum": 0}),
                                "Participants ÷ registrations, in percent (2 decimals).", _rate),
    "pages": Computed(PAGES, "Absolute URL of the webinar's page in each language.",
                      lambda w, h, u: page_urls(u, webinar_path(w.slug))),
    "calendar": Computed(URL, "iCalendar file of the webinar.", lambda w, h, u: absolute(u, calendar_path(w))),
}
EXPERT_COMPUTED: dict[str, Computed] = {
    "id": Computed(SLUG, "Id of the expert, as webinars refer to them.", lambda key, h, u: key),
    "pages": Computed(PAGES, "Absolute URL of the expert's page in each language.",
                      lambda key, h, u: page_urls(u, expert_path(key))),
}
SERIES_COMPUTED: dict[str, Computed] = {
    "id": Computed(SLUG, "Id of the series, as webinars refer to it.", lambda key, h, u: key),
    "webinars": Computed({"type": "array", "items": SLUG}, "Slugs of the series' webinars by number.",
                         lambda key, h, u: [w.slug for w in h.in_series.get(key, ())]),
}


# JSON Schema generated from the dataclasses ------------------------------------------------------


def record_schema(cls: type, defs: dict[str, dict], computed: dict[str, Computed] | None = None) -> str:
    """Add the schema of dataclass ``cls`` (plus computed properties) to ``defs``; return its name.

    The walk of the type hints is the editor schema's (``jsonschema_export.Walker``), in the open data's
    style: a field without a value is left out of the JSON rather than null, records go in ``$defs``.
    """
    extra = {key: {"description": item.doc, **(item.schema() if callable(item.schema) else item.schema)} for key, item in (computed or {}).items()}
    return Walker(empty_is_null=False, defs=defs).define(cls, extra)


def json_schema(site_url: str) -> dict:
    defs: dict[str, dict] = {}
    webinar = record_schema(Webinar, defs, WEBINAR_COMPUTED)
    expert = record_schema(Expert, defs, EXPERT_COMPUTED)
    series = record_schema(Series, defs, SERIES_COMPUTED)
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": absolute(site_url, "webinars.schema.json"),
        "title": "Webinars on technical assistance: open data",
        "description": "Every webinar, expert and series of the hub. Generated from the hub's data contract.",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "generated": {"type": "string", "format": "date", "description": "Build date."},
            "site_url": {"type": "string", "description": "Base URL of the site."},
            "languages": {"type": "array", "items": {"enum": list(active().codes)}},
            "webinars": {"type": "array", "items": {"$ref": f"#/$defs/{webinar}"}},
            "experts": {"type": "array", "items": {"$ref": f"#/$defs/{expert}"}},
            "series": {"type": "array", "items": {"$ref": f"#/$defs/{series}"}},
        },
        "required": ["generated", "site_url", "languages", "webinars", "experts", "series"],
        "additionalProperties": False,
        "$defs": defs,
    }


# The data ----------------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A record of ``hub.schema`` as JSON values; fields without a value are left out."""
    if dataclasses.is_dataclass(value):
        return {spec.name: to_json(getattr(value, spec.name)) for spec in dataclasses.fields(value)
                if getattr(value, spec.name) is not None}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(data: Any, computed: dict[str, Computed], key: Any, hub: Hub, site_url: str) -> dict:
    return {**to_json(data), **{name: extra.value(key, hub, site_url) for name, extra in computed.items()}}


def open_data(hub: Hub, site_url: str) -> dict:
    return {
        "$schema": absolute(site_url, "webinars.schema.json"),
        "generated": hub.today.isoformat(),
        "site_url": absolute(site_url, ""),
        "languages": list(active().codes),
        "webinars": [_record(w.data, WEBINAR_COMPUTED, w, hub, site_url) for w in hub.webinars],
        "experts": [_record(e, EXPERT_COMPUTED, key, hub, site_url) for key, e in hub.experts.items()],
        "series": [_record(s, SERIES_COMPUTED, key, hub, site_url) for key, s in hub.series.items()],
    }


CSV_COLUMNS = ("series", "number", "slug", "date", "language", "status", "registrations", "participants",
               "attendance_rate", "survey_response_rate", "format", "countries",
               "registrations_more_than", "participants_more_than", "countries_more_than",
               "moderators", "experts", "report_links", "registration_state", "survey")
LIST_SEPARATOR = " "  # ids and addresses hold no spaces: a cell with several is split on spaces


def figures_csv(hub: Hub) -> str:
    """One row per webinar; empty cells where a figure is unknown; rates in percent.

    A count column holds exact figures only; an approximate one ("more than 250") is in its
    ``<name>_more_than`` column, so that summing a column never adds a guess. ``moderators`` and
    ``experts`` hold expert ids, ``report_links`` the addresses of the reports and news items, each
    list separated by spaces. ``registration_state`` is how registration stands on the build date (empty
    without one), ``survey`` the address of the feedback survey.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for webinar in hub.webinars:
        data, stats = webinar.data, webinar.data.stats
        rate = webinar.attendance_rate

        def cell(value):
            return "" if value is None else value

        def count(name):
            return cell(exact(getattr(stats, name)) if stats else None)

        def more_than(name):
            return cell(getattr(getattr(stats, name, None), "more_than", None))

        writer.writerow([
            data.series, cell(data.number), webinar.slug, data.date.isoformat(), cell(data.language), data.status,
            count("registrations"), count("participants"),
            cell(None if rate is None else round(rate, 2)),
            cell(stats.survey_response_rate if stats else None),
            cell(data.format), count("countries"),
            more_than("registrations"), more_than("participants"), more_than("countries"),
            LIST_SEPARATOR.join(data.moderators), LIST_SEPARATOR.join(data.experts),
            LIST_SEPARATOR.join(link.url for link in data.report_links),
            cell(webinar.registration_state), cell(data.survey),
        ])
    return out.getvalue()


def _dump(value: Any, path: Path) -> None:
    """Indented JSON, streamed to the file: at N=1000 the whole text would be another ≈ 40 MiB in memory."""
    with path.open("w", encoding="utf-8") as file:
        json.dump(value, file, ensure_ascii=False, indent=2)
        file.write("\n")


def write_open_data(hub: Hub, site_dir: Path, site_url: str) -> None:
    _dump(open_data(hub, site_url), site_dir / "webinars.json")
    _dump(json_schema(site_url), site_dir / "webinars.schema.json")
    # UTF-8 with a byte order mark, so that spreadsheet programs read accents and scripts right.
    (site_dir / "webinars.csv").write_text(figures_csv(hub), encoding="utf-8-sig", newline="")
