"""Recordings: the one reading of a recording URL, for the page's player and the structured data.

``recording_video`` says which video a URL is: a YouTube or Vimeo video (by its id), or a video file
served over https. The page's player is chosen for privacy: YouTube plays from its no-cookie domain,
Vimeo with do-not-track, a file in a plain ``<video>``; nothing is embedded on page load (the page shows
a facade until the visitor clicks). Any other URL gets a plain link and never an iframe.

Rules (tests/test_media.py holds a table of URLs):

* hosts are compared in lower case, without ``www.`` or ``m.``; the scheme may be http or https for
  YouTube and Vimeo (the player's address is the hub's own, always https), https only for a file;
* YouTube: ``youtube.com/watch?v=ID``, ``/embed/ID``, ``/live/ID``, ``/shorts/ID``, ``/v/ID``,
  ``youtu.be/ID`` and ``youtube-nocookie.com/embed/ID``; an id is exactly 11 of ``A-Z a-z 0-9 _ -``;
* Vimeo: ``vimeo.com/ID`` (``/ID/HASH`` for an unlisted video), ``vimeo.com/channels/NAME/ID``,
  ``vimeo.com/groups/NAME/videos/ID``, ``vimeo.com/showcase/NAME/video/ID``, ``player.vimeo.com/video/ID``;
  an id is a number of 4 to 12 digits;
* a file: a path ending in ``.mp4``, ``.m4v``, ``.webm`` or ``.ogv`` (any case; query and fragment kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[1-9][0-9]{3,11}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
FILE_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
YOUTUBE_HOSTS = ("youtube.com", "youtube-nocookie.com")
YOUTUBE_PATHS = ("embed", "live", "shorts", "v")  # youtube.com/<this>/ID
VIMEO_COLLECTIONS = (("groups", "videos"), ("showcase", "video"))  # vimeo.com/<this>/NAME/<that>/ID


@dataclass(frozen=True)
class Video:
    """What a recording URL is, once read."""

    provider: str  # "youtube", "vimeo" or "video" (a video file)
    video_id: str | None  # YouTube's or Vimeo's id of the video; None for a file
    embed_url: str  # the player's address (YouTube's no-cookie domain, Vimeo's player), or the file itself
    thumbnail_url: str | None = None  # known for YouTube only
    file_type: str | None = None  # the media type of a file ("video/mp4"); None for YouTube and Vimeo

    @property
    def embed_src(self) -> str:
        """What the page's facade loads on click: the player, privacy-friendly, playing at once."""
        if self.provider == "youtube":
            return f"{self.embed_url}?autoplay=1"
        if self.provider == "vimeo":
            return f"{self.embed_url}{'&' if '?' in self.embed_url else '?'}dnt=1&autoplay=1"
        return self.embed_url


def _host(hostname: str | None) -> str:
    host = (hostname or "").lower().rstrip(".")
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def _segments(path: str) -> list[str]:
    """The path's segments, without a trailing slash: "/embed/ID/" → ["embed", "ID"]."""
    segments = path.split("/")[1:]
    return segments[:-1] if segments[-1:] == [""] else segments


def _youtube(host: str, path: str, query: str) -> str | None:
    """The id a YouTube URL names, "" when it is YouTube's but names none, None when not YouTube's."""
    segments = _segments(path)
    if host == "youtu.be":
        return segments[0] if len(segments) == 1 else ""
    if host not in YOUTUBE_HOSTS:
        return None
    if host == "youtube.com" and segments == ["watch"]:
        values = parse_qs(query).get("v", [])
        return values[0] if len(values) == 1 else ""
    if len(segments) == 2 and (segments[0] == "embed" or host == "youtube.com" and segments[0] in YOUTUBE_PATHS):
        return segments[1]
    return ""


def _vimeo(host: str, path: str, query: str) -> tuple[str, str] | None:
    """(id, query for the player) of a Vimeo video, or None."""
    segments = _segments(path)
    if host == "player.vimeo.com":
        if len(segments) == 2 and segments[0] == "video" and VIMEO_ID.fullmatch(segments[1]):
            hashes = parse_qs(query).get("h", [])
            return segments[1], (f"h={hashes[0]}" if len(hashes) == 1 and VIMEO_HASH.fullmatch(hashes[0]) else "")
        return None
    if host != "vimeo.com":
        return None
    if len(segments) == 2 and VIMEO_ID.fullmatch(segments[0]) and VIMEO_HASH.fullmatch(segments[1]):
        return segments[0], f"h={segments[1]}"  # an unlisted video: vimeo.com/ID/HASH
    number = None
    if len(segments) == 1:  # vimeo.com/ID
        number = segments[0]
    elif len(segments) == 3 and segments[0] == "channels" and segments[1]:
        number = segments[2]
    elif len(segments) == 4 and (segments[0], segments[2]) in VIMEO_COLLECTIONS and segments[1]:
        number = segments[3]
    return (number, "") if number and VIMEO_ID.fullmatch(number) else None


def recording_video(url: str) -> Video | None:
    """The video a recording URL is, or None when the hub only links to it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), _host(parts.hostname)
    if scheme not in ("http", "https"):
        return None
    youtube = _youtube(host, parts.path, parts.query)
    if youtube is not None:
        if not YOUTUBE_ID.fullmatch(youtube):
            return None
        return Video("youtube", youtube, f"https://www.youtube-nocookie.com/embed/{youtube}",
                     thumbnail_url=f"https://i.ytimg.com/vi/{youtube}/hqdefault.jpg")
    vimeo = _vimeo(host, parts.path, parts.query)
    if vimeo is not None:
        number, query = vimeo  # query: the h=HASH an unlisted video's player needs, else ""
        return Video("vimeo", number, f"https://player.vimeo.com/video/{number}" + (f"?{query}" if query else ""))
    if host in ("vimeo.com", "player.vimeo.com", "youtu.be"):
        return None
    suffix = re.search(r"\.[A-Za-z0-9]+$", parts.path)
    file_type = FILE_TYPES.get(suffix.group(0).lower()) if suffix else None
    if scheme == "https" and host and file_type:
        return Video("video", None, url, file_type=file_type)
    return None


def player_for(url: str) -> Video | None:
    """The privacy-friendly player for a recording URL (``.provider``, ``.embed_src``), or None when only
    a link is safe."""
    return recording_video(url)
