"""One reading of a recording URL (hub/media.py), for the page's player and the structured data alike."""

from __future__ import annotations

import pytest

from hub.structured import video_ids
from hub.media import player_for, recording_video

ID = "dQw4w9WgXcQ"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{ID}"
THUMB = f"https://i.ytimg.com/vi/{ID}/hqdefault.jpg"
VIMEO = "https://player.vimeo.com/video/76979871"

# url, provider, video id, embed URL (None: the URL itself, for a file), file type
TABLE = [
    # YouTube
    (f"https://www.youtube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://youtube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"http://www.youtube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/watch?v={ID}&t=42s&list=PL123", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/watch?feature=share&v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/watch?v={ID}#t=1m", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/watch/?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://WWW.YOUTUBE.COM/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://YouTube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://m.youtube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://M.YouTube.com/watch?v={ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://youtu.be/{ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://YOUTU.BE/{ID}?t=30", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/embed/{ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/embed/{ID}/", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/embed/{ID}?start=10", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/shorts/{ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/live/{ID}?feature=share", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube.com/v/{ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://www.youtube-nocookie.com/embed/{ID}", "youtube", ID, NOCOOKIE, None),
    (f"https://youtube-nocookie.com/embed/{ID}?rel=0", "youtube", ID, NOCOOKIE, None),
    # YouTube, but no video (or an id of the wrong length or characters): a link only
    ("https://www.youtube.com/watch?v=bad", None, None, None, None),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQQ", None, None, None, None),  # 12 characters
    ("https://www.youtube.com/watch?v=dQw4w9WgXc", None, None, None, None),  # 10
    ("https://www.youtube.com/watch?v=dQw4w9WgX%3C", None, None, None, None),
    ("https://www.youtube.com/watch?v=dQw4w9WgXc!", None, None, None, None),
    (f"https://www.youtube.com/watch?v={ID}&v=aaaaaaaaaaa", None, None, None, None),  # which one?
    ("https://www.youtube.com/watch", None, None, None, None),
    ("https://youtu.be/dQw4w9WgXcQQ", None, None, None, None),
    ("https://youtu.be/", None, None, None, None),
    (f"https://youtu.be/{ID}/extra", None, None, None, None),
    (f"https://www.youtube.com/embed/{ID}/extra", None, None, None, None),
    ("https://www.youtube.com/embed/", None, None, None, None),
    ("https://www.youtube.com/@SomeChannel", None, None, None, None),
    ("https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv", None, None, None, None),
    ("https://www.youtube.com/playlist?list=PL1234567890", None, None, None, None),
    (f"https://www.youtube.com/results?v={ID}", None, None, None, None),
    (f"https://www.youtube-nocookie.com/shorts/{ID}", None, None, None, None),
    (f"https://notyoutube.com/watch?v={ID}", None, None, None, None),
    (f"https://youtube.com.evil.example/watch?v={ID}", None, None, None, None),
    (f"https://evil.example/watch?v={ID}", None, None, None, None),
    (f"ftp://www.youtube.com/watch?v={ID}", None, None, None, None),
    # Vimeo
    ("https://vimeo.com/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://vimeo.com/76979871/", "vimeo", "76979871", VIMEO, None),
    ("https://www.vimeo.com/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://VIMEO.COM/76979871", "vimeo", "76979871", VIMEO, None),
    ("http://vimeo.com/76979871?share=copy#t=5", "vimeo", "76979871", VIMEO, None),
    ("https://player.vimeo.com/video/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://player.vimeo.com/video/76979871?autoplay=1", "vimeo", "76979871", VIMEO, None),
    ("https://Player.Vimeo.com/video/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://vimeo.com/groups/shortfilms/videos/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://vimeo.com/showcase/1234567/video/76979871", "vimeo", "76979871", VIMEO, None),
    ("https://vimeo.com/76979871/abcdef1234", "vimeo", "76979871", VIMEO + "?h=abcdef1234", None),
    ("https://player.vimeo.com/video/76979871?h=abcdef1234", "vimeo", "76979871", VIMEO + "?h=abcdef1234", None),
    # Vimeo, but no video
    ("https://vimeo.com/123", None, None, None, None),  # too short for an id
    ("https://vimeo.com/1234567890123", None, None, None, None),  # too long
    ("https://vimeo.com/0123456", None, None, None, None),
    ("https://vimeo.com/channels/staffpicks", None, None, None, None),
    ("https://vimeo.com/channels/76979871", None, None, None, None),
    ("https://vimeo.com/user12345", None, None, None, None),
    ("https://vimeo.com/about/76979871", None, None, None, None),
    ("https://vimeo.com/76979871/not-a-hash!", None, None, None, None),
    ("https://player.vimeo.com/76979871", None, None, None, None),
    ("https://vimeo.com/", None, None, None, None),
    ("https://vimeo.example.org/76979871", None, None, None, None),
    # Video files (https only)
    ("https://media.example.org/webinar.mp4", "video", None, None, "video/mp4"),
    ("https://media.example.org/webinar.MP4", "video", None, None, "video/mp4"),
    ("https://media.example.org/webinar.m4v", "video", None, None, "video/mp4"),
    ("https://media.example.org/webinar.webm", "video", None, None, "video/webm"),
    ("https://media.example.org/webinar.WebM", "video", None, None, "video/webm"),
    ("https://media.example.org/webinar.ogv", "video", None, None, "video/ogg"),
    ("https://MEDIA.example.org/a/b/webinar.mp4?token=abc&x=1", "video", None, None, "video/mp4"),
    ("https://media.example.org/webinar.mp4#t=30", "video", None, None, "video/mp4"),
    ("http://media.example.org/webinar.mp4", None, None, None, None),  # mixed content: a link only
    ("https://media.example.org/webinar.mp4.html", None, None, None, None),
    ("https://media.example.org/webinar.mov", None, None, None, None),
    ("https://media.example.org/watch?file=webinar.mp4", None, None, None, None),
    ("https://media.example.org/mp4", None, None, None, None),
    ("https://media.example.org/.mp4/", None, None, None, None),
    # Anything else
    ("https://videos.example.org/watch/123", None, None, None, None),
    ("https://example.org/", None, None, None, None),
    ("https://www.dailymotion.com/video/x7tgad0", None, None, None, None),
    ("javascript:alert(1)//.mp4", None, None, None, None),
    ("data:video/mp4;base64,AAAA.mp4", None, None, None, None),
    ("not a url", None, None, None, None),
    ("", None, None, None, None),
    ("https://[::1/x.mp4", None, None, None, None),  # cannot be read as a URL
]


@pytest.mark.parametrize("url, provider, video_id, embed, file_type", TABLE)
def test_one_reading_of_a_recording_url(url, provider, video_id, embed, file_type):
    video = recording_video(url)
    if provider is None:
        assert video is None and player_for(url) is None
        assert video_ids(url) == (None, None, None)
        return
    assert (video.provider, video.video_id, video.file_type) == (provider, video_id, file_type)
    assert video.embed_url == (embed or url)
    assert player_for(url) == video
    # The structured data reads the same video (JSON-LD: embedUrl and thumbnailUrl, or contentUrl for a file)
    if provider == "video":
        assert video_ids(url) == (None, None, url)
    else:
        assert video_ids(url) == (video.embed_url, video.thumbnail_url, None)
    assert video.thumbnail_url == (THUMB if provider == "youtube" else None)


def test_the_page_player_is_privacy_friendly_and_plays_on_click():
    assert recording_video(f"https://youtu.be/{ID}").embed_src == f"{NOCOOKIE}?autoplay=1"
    assert recording_video("https://vimeo.com/76979871").embed_src == f"{VIMEO}?dnt=1&autoplay=1"
    assert recording_video("https://vimeo.com/76979871/abcdef1234").embed_src == \
        f"{VIMEO}?h=abcdef1234&dnt=1&autoplay=1"
    url = "https://media.example.org/webinar.mp4?token=abc"
    assert recording_video(url).embed_src == url


def test_the_table_covers_each_kind():
    kinds = {provider for _, provider, *_ in TABLE}
    assert kinds == {"youtube", "vimeo", "video", None} and len(TABLE) > 80
