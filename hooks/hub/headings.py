"""Headings as Python-Markdown's ``toc`` extension writes them (``permalink: true``), made to wrap well."""

from __future__ import annotations

import re

# Characters of scripts written without spaces between words (Han, kana, Hangul, full-width forms), where a
# line may break between any two: there the "¶" is bound to the last two characters only, never to a long run.
_CJK = "\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# The heading's last word (at most 60 characters, after a space, a tag or CJK text) or its last two CJK
# characters; then the "¶" permalink closing the heading.
_LAST_WORD_AND_PERMALINK = re.compile(
    rf'((?<![^\s>{_CJK}])[^\s<>{_CJK}]{{1,60}}|[{_CJK}]{{1,2}})'
    r'(<a class="headerlink" [^>]*>[^<]*</a>)(?=</h[1-6]>)')


def keep_permalinks_with_words(html: str) -> str:
    """Bind each heading's "¶" to its last word (``<span class="hub-keep">``, nowrap in hub.css).

    Invisible until hovered, the permalink otherwise wraps alone onto a line of its own whenever the heading
    just fits (Arabic headings on phones): a blank line under the heading.
    """
    return _LAST_WORD_AND_PERMALINK.sub(r'<span class="hub-keep">\1\2</span>', html)
