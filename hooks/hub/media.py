"""Recordings: which player a recording URL gets, chosen for privacy.

YouTube plays from its no-cookie domain, Vimeo with do-not-track, video files in a plain ``<video>``.
Nothing is embedded on page load (the page shows a facade until the visitor clicks); any other host
gets a plain link and never an iframe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

VIDEO_FILE = re.compile(r"\.(mp4|webm|ogv|m4v)$", re.IGNORECASE)
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{4,12}")


@dataclass(frozen=True)
class Player:
    provider: str  # "youtube", "vimeo" or "video"
    embed_src: str


def player_for(url: str) -> Player | None:
    """The privacy-friendly player for a recording URL, or None when only a link is safe."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtube.com" and parts.path == "/watch":
        video_id = parse_qs(parts.query).get("v", [None])[0]
    elif host == "youtube.com" and parts.path.startswith(("/embed/", "/live/", "/shorts/")):
        video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    if video_id is not None:
        if YOUTUBE_ID.fullmatch(video_id or ""):
            return Player("youtube", f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1")
        return None
    if host in ("vimeo.com", "player.vimeo.com"):
        number = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if VIMEO_ID.fullmatch(number):
            return Player("vimeo", f"https://player.vimeo.com/video/{number}?dnt=1&autoplay=1")
        return None
    if parts.scheme == "https" and VIDEO_FILE.search(parts.path):
        return Player("video", url)
    return None
