"""Structured data for a webinar page's head: schema.org JSON-LD, Open Graph and Twitter cards."""

from __future__ import annotations

from ..model import WebinarFacts


def webinar_meta(ctx, webinar: WebinarFacts, site_url: str) -> dict:
    """Front-matter entries that ``overrides/partials/hub-head.html`` turns into head tags."""
    return {}
