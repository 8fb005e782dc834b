"""Small fixes to a page's HTML as the theme and Python-Markdown write it, made on the output (no copy of a theme
file): an address shown as a link's text read left to right, a path in a sentence broken at its slashes, Chinese
lines of one paragraph joined without a space, a date kept on one line, no line started by a dash or a "·", and
the language switcher's current language said."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from .headings import keep_permalinks_with_words
from .languages import active

# A link whose text is its own address (Markdown's <https://…> autolink): an <a> with no dir of its own.
_ADDRESS_LINK = re.compile(r'<a (?![^>]*\bdir=)([^>]*)>(https?://[^<\s]*)</a>')


def isolate_addresses(html: str) -> str:
    """``dir="ltr"`` on each link that shows an address: an inline element with ``dir`` is a bidi isolate, so in
    a right-to-left paragraph "http://127.0.0.1:8000/" keeps its slash at its end, not before "http"."""
    return _ADDRESS_LINK.sub(r'<a dir="ltr" \1>\2</a>', html)


# Code within a sentence (not a block: Python-Markdown writes those as <pre><code …>) holding a path.
_INLINE_CODE = re.compile(r"(?<!<pre>)<code>([^<]*/[^<]*)</code>")


def break_paths_at_slashes(html: str) -> str:
    """``<wbr>`` after each "/" of a path in code within a sentence: on a phone "webinars/files/" then breaks
    after a slash, not in the middle of a word ("…/adm" "in/"). Nothing changes in what is copied."""
    return _INLINE_CODE.sub(lambda match: "<code>" + re.sub(r"/(?=[^/])", "/<wbr>", match[1]) + "</code>", html)


# Han, kana, CJK and full-width punctuation: scripts written without spaces between words.
_CJK = "\u3000-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)


def join_cjk_lines(html: str) -> str:
    """No line break between two Chinese characters of a paragraph: a source line that ends in "。" and goes on
    in the next line is one sentence, but a browser shows the line break as a space ("到它。 使用"). Blocks of
    code (``<pre>``) keep their lines."""
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _CJK_LINE_BREAK.sub("", part) for index, part in enumerate(parts))


_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*|(\s)|(.)")
_SPACE = "[\\s\u00a0\u202f]"
_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = re.compile(r"<(/?)(pre|code|script|style|textarea|title)\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def _date_pattern(babel_locale: str) -> re.Pattern | None:
    """A date as ``Formatter.date`` writes it in this locale (CLDR's long form, e.g. "MMMM d, y", "y年M月d日"),
    as a pattern; None for a form this does not read (then no date is kept whole)."""
    locale = Locale.parse(babel_locale)
    parts = []
    for match in _TOKEN.finditer(locale.date_formats["long"].pattern):
        quoted, letter, space, other = match.groups()
        width = len(match.group(0))
        if quoted is not None:
            parts.append(re.escape(quoted or "'"))
        elif space:
            parts.append(_SPACE)
        elif other:
            parts.append(re.escape(other))
        elif letter == "y":
            parts.append(r"\d{4}")
        elif letter == "d" or (letter == "M" and width <= 2):
            parts.append(r"\d{1,2}")
        elif letter == "M":
            names = locale.months["format"]["wide" if width == 4 else "abbreviated"].values()
            parts.append("(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")")
        else:
            return None
    return re.compile("".join(parts))


def _fix_text(html: str, fix) -> str:
    """``fix`` applied to the page's text only: not to tags, code, scripts or the title."""
    parts, skipping = _TAG.split(html), 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            tag = _SKIPPED.match(part)
            if tag:
                skipping = max(0, skipping + (-1 if tag.group(1) else 1))
        elif not skipping and part:
            parts[index] = fix(part)
    return "".join(parts)


def _date_keeper(babel_locale: str):
    pattern = _date_pattern(babel_locale)
    if pattern is None:
        return lambda text: text
    return lambda text: pattern.sub(lambda date: f'<span class="hub-keep">{date.group(0)}</span>', text)


def keep_dates_whole(html: str, babel_locale: str) -> str:
    """Each date written in the page's language (CLDR's long form) in a ``<span class="hub-keep">``: a line ends
    before or after a date, never inside it ("2026年1月15 / 日", "December 17, / 2019"). Text only: not in tags,
    code, scripts or the title."""
    return _fix_text(html, _date_keeper(babel_locale))


# A space before a dash or a middle dot that stands between words (a space after it too); CLDR's time ranges
# put a thin space (U+2009, which a line may break at) on each side of their dash: "10:00 – 11:30 AM".
_LOOSE_SEPARATOR = re.compile(r"[ \t\r\n\u2000-\u200a]+(?=[\u00b7\u2013\u2014](?:[\s\u00a0\u202f]|&nbsp;|$))")


def bind_separators(text: str) -> str:
    """The space before "·", "–" or "—" between two words made a no-break space: a line never starts with one
    ("12 September 2024 / – 3 April 2025" on a phone, Russian "участники / — 58"), whoever wrote it (a UI
    string, a template, a hand-written page)."""
    return _LOOSE_SEPARATOR.sub(lambda space: "\u202f" if "\u2009" in space.group(0) else "\u00a0", text)


def mark_current_language(html: str, language: str) -> str:
    """``aria-current="true"`` on the language switcher's link to the page's own language (Material's selector
    marks none): a screen reader says which language is current, and hub.css shows it."""
    return html.replace(f'hreflang="{language}" class="md-select__link">',
                        f'hreflang="{language}" class="md-select__link" aria-current="true">', 1)


_CODE_BLOCK = re.compile(r'(<pre><code class="language-(?:yaml|yml|sh|bash|shell|text)">)(.*?)(</code></pre>)', re.DOTALL)
_COMMENT = re.compile(r'(?:^|(?<=[ \t]))#')


def _comment_start(line: str) -> int:
    """Where a line's comment starts ("#" at the line's start or after a space, outside double quotes), or -1."""
    for match in _COMMENT.finditer(line):
        if line.count('"', 0, match.start()) % 2 == 0:
            return match.start()
    return -1


def isolate_code_comments(html: str) -> str:
    """Each comment of a YAML or shell example in its own ``<span dir="auto">``: the code stays left to right,
    and a comment written in Arabic reads right to left from its "#" (the full stop, a bracket or a path at
    its end no longer thrown to the other side of the line)."""
    def lines(match: re.Match) -> str:
        marked = []
        for line in match[2].split("\n"):
            start = _comment_start(line)
            marked.append(line if start < 0 else f'{line[:start]}<span dir="auto">{line[start:]}</span>')
        return match[1] + "\n".join(marked) + match[3]
    return _CODE_BLOCK.sub(lines, html)


def finish_content(html: str, language: str) -> str:
    """The fixes of a page's content (its HTML from Markdown, without the theme's frame), in ``language``."""
    html = join_cjk_lines(break_paths_at_slashes(isolate_addresses(keep_permalinks_with_words(html))))
    html = isolate_code_comments(html)
    keep_dates = _date_keeper(active().by_code[language].babel_locale)
    return _fix_text(html, lambda text: keep_dates(bind_separators(text)))


def finish_page(html: str, language: str) -> str:
    """Every fix of this module and of ``headings`` on a whole page, for an engine that runs no MkDocs hook
    (Zensical): what the MkDocs build makes in ``on_page_content`` and ``on_post_page``."""
    return mark_current_language(finish_content(html, language), language)
