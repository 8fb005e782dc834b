"""Headings as Python-Markdown's ``toc`` extension writes them (``permalink: true``), made to wrap well."""

from __future__ import annotations

import re

# Characters of scripts written without spaces between words (Han, kana, Hangul, full-width forms), where a
# line may break between any two: there the "¶" is bound to the last two characters only, never to a long run.
_CJK = "\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# The "¶" permalink closing a heading; then, in the text just before it (the search ends where the link starts),
# the heading's last word (at most 60 characters, after a space, a tag or CJK text) or its last two CJK characters.
# Found from the permalink backwards: a pattern trying every position of the page for a word followed by a
# permalink cost 1 s of a 300-webinar build.
_PERMALINK = re.compile(r'<a class="headerlink" [^>]*>[^<]*</a>(?=</h[1-6]>)')
_LAST_WORD = re.compile(rf'(?:(?<![^\s>{_CJK}])[^\s<>{_CJK}]{{1,60}}|[{_CJK}]{{1,2}})\Z')


def keep_permalinks_with_words(html: str) -> str:
    """Bind each heading's "¶" to its last word (``<span class="hub-keep">``, nowrap in hub.css).

    Invisible until hovered, the permalink otherwise wraps alone onto a line of its own whenever the heading
    just fits (Arabic headings on phones): a blank line under the heading.
    """
    parts, done = [], 0
    for link in _PERMALINK.finditer(html):
        # The window reaches one character further back than the longest word: its lookbehind sees that one.
        word = _LAST_WORD.search(html, max(done, link.start() - 61), link.start())
        if word:
            parts += [html[done:word.start()], '<span class="hub-keep">', word.group(0), link.group(0), "</span>"]
            done = link.end()
    parts.append(html[done:])
    return "".join(parts)
