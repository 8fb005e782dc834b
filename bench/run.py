"""Benchmark of the hub build: generated data sets of N webinars, built with ``mkdocs build --strict``.

    .venv/bin/python bench/run.py                      # N = 10, 100, 1000 (about 5 minutes on 2 cores)
    .venv/bin/python bench/run.py --sizes 10,50        # a quick run
    .venv/bin/python bench/run.py --sizes 300 --profile  # also profile the hub build (cProfile)

For each N it writes a fictional data set (N webinars in six languages with summaries, recordings, slides
and figures; about N/3 experts; a few series) into a temporary copy of the project, validates it with
``hub.catalog.load_catalog``, builds it, then builds a *reference*: the very pages the hub staged
(``.cache/staged-docs``) committed as plain Markdown, with the same mkdocs.yml minus the hub hook. The
table compares both; the targets of issue "Build speed that scales" are checked at the end.

ms/page and the hub / reference ratio use the CPU time (user + system) of the build process, which other
work on the machine barely disturbs; wall seconds are printed beside it.
See bench/README.md for the measured numbers.
"""

from __future__ import annotations

import argparse
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from hub.languages import activate  # noqa: E402 (after the path is set)
from hub.settings import load_settings  # noqa: E402

LANGUAGES = load_settings(ROOT).languages  # this script is an entry point: the project's settings, read once
activate(LANGUAGES)
LANGS = LANGUAGES.codes
url_prefix = LANGUAGES.prefix

TODAY = "2026-06-01"
SITE_URL = "https://example.github.io/webinar-hub/"

# Targets of the issue.
MAX_SCALING = 1.3  # ms/page at the largest N within 1.3x of the one before (N=1000 vs N=100)
MAX_OVERHEAD = 1.10  # hub / reference CPU time
FULL_BUILD_N, MAX_FULL_BUILD_S = 500, 35  # the six-language build at N=500, wall seconds
MAX_PEAK_MIB = 300  # at N=1000
MAX_PAGE_KB = 30  # webinar page HTML
MAX_SEARCH_KB = 300  # issue 19.2: bytes fetched (gzip) for one search query, in every language, at N=1000
# One query per language for the search measurement: the pool's most common words (the most index chunks and
# the most results; hub.js shows ten, whose fragments are fetched).
QUERIES = {"en": "intellectual property", "fr": "propriété intellectuelle", "es": "propiedad intelectual",
           "ru": "интеллектуальная собственность", "ar": "الملكية الفكرية", "zh": "知识产权"}

# Word pools: titles and summaries read like real text in each language (and exercise the Chinese word splitting of the search).
WORDS = {
    "en": "intellectual property technical assistance innovation patents trademarks copyright developing countries "
          "small enterprises universities technology transfer licensing strategy policy training capacity "
          "building regional cooperation digital economy creative industries",
    "fr": "propriété intellectuelle assistance technique innovation brevets marques droit d’auteur pays en "
          "développement petites entreprises universités transfert de technologie licences stratégie politique "
          "formation renforcement des capacités coopération régionale économie numérique",
    "es": "propiedad intelectual asistencia técnica innovación patentes marcas derecho de autor países en "
          "desarrollo pequeñas empresas universidades transferencia de tecnología licencias estrategia política "
          "formación fortalecimiento de capacidades cooperación regional economía digital",
    "ru": "интеллектуальная собственность техническая помощь инновации патенты товарные знаки авторское право "
          "развивающиеся страны малые предприятия университеты передача технологий лицензирование стратегия "
          "политика обучение укрепление потенциала региональное сотрудничество цифровая экономика",
    "ar": "الملكية الفكرية المساعدة التقنية الابتكار البراءات العلامات التجارية حق المؤلف البلدان النامية "
          "المؤسسات الصغيرة الجامعات نقل التكنولوجيا الترخيص الاستراتيجية السياسة التدريب بناء القدرات "
          "التعاون الإقليمي الاقتصاد الرقمي",
    "zh": "知识产权 技术援助 创新 专利 商标 版权 发展中国家 中小企业 大学 技术转让 许可 战略 政策 培训 能力建设 "
          "区域合作 数字经济 创意产业",
}
REGIONS = {
    "en": ["Africa", "Arab countries", "Asia and the Pacific", "Latin America and the Caribbean", "Europe"],
    "fr": ["Afrique", "Pays arabes", "Asie et Pacifique", "Amérique latine et Caraïbes", "Europe"],
    "es": ["África", "Países árabes", "Asia y el Pacífico", "América Latina y el Caribe", "Europa"],
    "ru": ["Африка", "Арабские страны", "Азиатско-Тихоокеанский регион", "Латинская Америка", "Европа"],
    "ar": ["أفريقيا", "البلدان العربية", "آسيا والمحيط الهادئ", "أمريكا اللاتينية", "أوروبا"],
    "zh": ["非洲", "阿拉伯国家", "亚洲及太平洋", "拉丁美洲和加勒比", "欧洲"],
}
COUNTRIES = ["KE", "FR", "BR", "CN", "EG", "RU", "MX", "IN", "CH", "SN", "JO", "AR"]
TIMEZONES = ["Europe/Zurich", "Africa/Nairobi", "America/Bogota", "Asia/Shanghai", "Asia/Amman"]


# Data ------------------------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A double-quoted YAML scalar (PyYAML's YAML 1.1 never reinterprets it)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _phrase(rng: random.Random, lang: str, words: int) -> str:
    pool = WORDS[lang].split()
    joiner = "" if lang == "zh" else " "
    return joiner.join(rng.choice(pool) for _ in range(words))


def _localized(lines: list[str], key: str, values: dict[str, str], indent: str = "") -> None:
    lines.append(f"{indent}{key}:")
    for lang in LANGS:
        lines.append(f"{indent}  {lang}: {_q(values[lang])}")


def write_dataset(data: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write ``data`` (a webinars/ folder) with n webinars, about n/3 experts and a few series."""
    rng = random.Random(seed)
    (data / "series").mkdir(parents=True)
    (data / "experts").mkdir()
    (data / "files").mkdir()
    series = [f"series-{i + 1}" for i in range(max(1, n // 200))]
    for index, slug in enumerate(series):
        lines = ["# Generated by bench/run.py"]
        _localized(lines, "title", {lang: f"{_phrase(rng, lang, 3)} {index + 1}" for lang in LANGS})
        lines += [f"decision: {_q(f'CDIP/{23 + index}/9')}", f"period: {2018 + index}"]
        _localized(lines, "description", {lang: _phrase(rng, lang, 30) for lang in LANGS})
        lines += ["budget:", "  planned: 75000", "  spent: 56000", "  currency: CHF"]
        (data / "series" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    experts = [f"expert-{i + 1}" for i in range(max(1, n // 3))]
    for slug in experts:
        lines = ["# Generated by bench/run.py", f"name: {_q('Expert ' + slug.split('-')[1].rjust(4, '0'))}"]
        _localized(lines, "affiliation", {lang: _phrase(rng, lang, 3) for lang in LANGS})
        lines.append(f"country: {rng.choice(COUNTRIES)}")
        _localized(lines, "bio", {lang: f"**{_phrase(rng, lang, 2)}** {_phrase(rng, lang, 40)}." for lang in LANGS})
        lines += ["links:", "  - label: Profile", f"    url: https://example.org/experts/{slug}"]
        (data / "experts" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = date(2018, 1, 8)
    span = (date(2027, 12, 20) - first).days
    numbers = {slug: 0 for slug in series}
    for i in range(n):
        day = first + timedelta(days=span * i // max(1, n - 1) if n > 1 else 0)
        serie = series[i * len(series) // n]
        numbers[serie] += 1
        slug = f"{day.isoformat()}-webinar-{i + 1}"
        lines = ["# Generated by bench/run.py", f"series: {serie}", f"number: {numbers[serie]}"]
        _localized(lines, "title", {lang: _phrase(rng, lang, rng.randint(6, 12)) for lang in LANGS})
        lines += [f"language: {rng.choice(LANGS)}", f"date: {day.isoformat()}",
                  f"start: \"{rng.choice(['09', '10', '14', '16'])}:00\"", f"timezone: {rng.choice(TIMEZONES)}",
                  "duration: 90"]
        region = rng.randrange(len(REGIONS["en"]))
        _localized(lines, "region", {lang: REGIONS[lang][region] for lang in LANGS})
        _localized(lines, "summary", {
            lang: f"{_phrase(rng, lang, 50)}.\n\n**{_phrase(rng, lang, 3)}**: {_phrase(rng, lang, 40)}. "
                  f"[{_phrase(rng, lang, 2)}](https://example.org/webinars/{i + 1})"
            for lang in LANGS})
        lines.append(f"experts: [{', '.join(rng.sample(experts, min(len(experts), rng.randint(1, 3))))}]")
        lines += ["organizers:", "  - role: opening", "    name:"]
        lines += [f"      {lang}: {_q(_phrase(rng, lang, 4))}" for lang in LANGS]
        if day.isoformat() >= TODAY:
            lines += ["registration:", f"  url: https://example.org/register/{i + 1}",
                      f"  closes: {(day - timedelta(days=2)).isoformat()}", "  phone: true"]
        else:
            lines += ["recording:", f"  url: https://www.youtube.com/watch?v=bench{i + 1:06d}", "  duration: 88",
                      "  captions: [en, fr, es]", f"  published: {(day + timedelta(days=7)).isoformat()}"]
            lines += ["slides:"]
            for lang in rng.sample(LANGS, 2):
                lines += [f"  - url: https://example.org/slides/{i + 1}-{lang}.pdf", f"    language: {lang}",
                          "    format: pdf"]
            registrations, participants = rng.randint(50, 500), rng.randint(20, 200)
            lines += ["stats:", f"  registrations: {registrations}",
                      f"  participants: {min(participants, registrations)}",  # never more than registered
                      f"  survey_response_rate: {rng.randint(10, 90)}"]
        (data / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"webinars": n, "experts": len(experts), "series": len(series)}


def validate(project: Path) -> None:
    from hub.catalog import load_catalog

    catalog = load_catalog(project)  # raises DataError listing every problem
    assert catalog.webinars and catalog.experts


# Projects ----------------------------------------------------------------------------------------------


def make_project(target: Path, n: int) -> dict[str, int]:
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target)
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    counts = write_dataset(target / "webinars", n)
    validate(target)
    return counts


def make_reference(project: Path, target: Path) -> None:
    """The hub's staged pages as plain Markdown, built with the same configuration minus the hub hook."""
    from hub.site import prepare

    # The very call the hub build makes (hooks/hub_mkdocs.py), with the same date and site URL.
    prepare(load_settings(project, {"HUB_TODAY": TODAY}).with_site_url(SITE_URL), cache=False)
    target.mkdir(parents=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, replaced = re.subn(r"(?m)^(\s*-\s*)hooks/hub_mkdocs\.py.*$", r"\1hooks/bench_reference.py", config)
    assert replaced == 1, "mkdocs.yml no longer lists hooks/hub_mkdocs.py"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(project / ".cache" / "staged-docs", target / "docs")
    for folder in ("hooks", "overrides"):
        shutil.copytree(project / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "hooks" / "bench_reference.py").write_text(REFERENCE_HOOK, encoding="utf-8")


# The theme overrides print values the hub hook gives the templates ({{ hub.not_found }} ...): in the
# reference, a stand-in gives every such value as an empty string, at no cost.
REFERENCE_HOOK = '''"""Stand-in for hooks/hub_mkdocs.py in the benchmark's reference build: no data, no pipeline."""


class _Blank(str):
    """An empty text that is also an empty mapping and has empty attributes ({{ hub.footers.items() }})."""

    def items(self):
        return ()

    def __getattr__(self, name):
        if name.startswith("__"):  # __html__ and the like: a plain text's
            raise AttributeError(name)
        return _Blank()


class _Empty(dict):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Blank()

    def __missing__(self, key):
        return ""


def on_env(env, /, *, config, files):
    env.globals["hub"] = _Empty()
    env.filters["hub_absolute"] = lambda link: link  # the hreflang alternates (overrides/main.html)
    return env


_built = {"root": None, "count": 0}


def on_post_build(config):
    """After the last language, the same search index as the hub's (Pagefind over the whole site): both
    builds give a searchable site, so the ratio compares the same work."""
    from pathlib import Path

    from hub.search import index

    _built["root"] = _built["root"] or config.site_dir  # mkdocs-static-i18n builds the default language first
    _built["count"] += 1
    if _built["count"] == len(config.plugins["i18n"].config.languages):
        index(Path(_built["root"]))
'''


# Measurements -------------------------------------------------------------------------------------------


def build(project: Path, log: Path, profile: Path | None = None, jobs: int = 0,
          engine: str = "mkdocs") -> tuple[float, float, float, float]:
    """Build ``project`` into ``site/``; return wall seconds, CPU seconds and peak memory in MiB.

    ``jobs=0``: a plain ``mkdocs build --strict`` (mkdocs-static-i18n's loop builds the six languages in
    one process: the reference's path); ``jobs=1``: ``python -m hub build --jobs 1``, one MkDocs build per
    language in one process; ``jobs>1``: one process per language, J at a time; ``engine="zensical"``:
    ``python -m hub build --engine zensical``, one Zensical build per language. CPU time
    counts every process of the build (``os.wait4`` sums the descendants a process waited for). Memory
    is given twice: the largest sum of the proportional set sizes of the build's processes running at
    the same moment (sampled every 20 ms), and the resident peak of the largest process (``ru_maxrss``).
    """
    python = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else [])]
    if engine == "zensical":  # its own cache cleared: every build starts from nothing, as the others
        shutil.rmtree(project / ".cache" / "zensical", ignore_errors=True)
        command = [*python, "-m", "hub", "build", "--engine", "zensical", "--root", str(project),
                   "--site-dir", str(project / "site")]
    elif jobs:
        command = [*python, "-m", "hub", "build", "--jobs", str(jobs), "--root", str(project),
                   "--site-dir", str(project / "site")]
    else:
        command = [*python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": TODAY, "SITE_URL": SITE_URL,
           "PYTHONPATH": str(project / "hooks"), "SOURCE_DATE_EPOCH": "1780000000"}
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        tree_peak = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"build failed in {project}:\n" + log.read_text(encoding="utf-8", errors="replace")[-4000:])
    warnings = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "WARNING" in line]
    if warnings:
        sys.exit(f"build of {project} logged warnings:\n" + "\n".join(warnings[:20]))
    largest = usage.ru_maxrss / 1024  # Linux: KiB
    return wall, usage.ru_utime + usage.ru_stime, tree_peak, largest


class TreeMemory:
    """Samples the memory of a process and its descendants (Linux /proc), in a thread: the largest sum of
    their proportional set sizes seen at one moment."""

    def __init__(self, pid: int, interval: float = 0.02):
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak / 2**20

    def _run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, self._resident())

    def _resident(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as stat:
                        parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, frontier = {self.pid}, [self.pid]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
            tree.update(children)
            frontier.extend(children)
        return sum(self._proportional(pid) for pid in tree)

    @staticmethod
    def _proportional(pid: int) -> int:
        """Proportional set size: resident memory, with pages shared by N processes counted 1/N each
        (summed RSS would count the interpreter and libraries once per process)."""
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                for line in rollup:
                    if line.startswith(b"Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
        return 0


def measure(project: Path, label: str, n: int, profile: Path | None = None, jobs: int = 0,
            engine: str = "mkdocs") -> dict:
    shutil.rmtree(project / "site", ignore_errors=True)
    wall, cpu, peak, largest = build(project, project / "build.log", profile, jobs, engine)
    site = project / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    webinar_pages = [path.stat().st_size for lang in LANGS
                     for path in (site / url_prefix(lang) / "webinars").glob("*/index.html")]
    # The search: measured once per data set, on the hub's MkDocs build (the reference has no hub and no index;
    # the parallel build writes the same site; Zensical's pages keep Zensical's own search).
    search = search_bytes(site) if label == "hub" else {}
    indexed = re.search(r"search index: .* in ([\d.]+) s", (project / "build.log").read_text(encoding="utf-8", errors="replace"))
    return {"label": label, "n": n, "pages": pages, "wall": wall, "cpu": cpu, "peak": peak, "largest": largest,
            "ms_page": cpu * 1000 / pages, "wall_ms_page": wall * 1000 / pages,
            "search": search, "index_s": float(indexed.group(1)) if indexed else 0.0, "median_page": statistics.median(webinar_pages) if webinar_pages else 0}


def search_bytes(site: Path) -> dict[str, int]:
    """Bytes fetched (gzip) by one search in each language, in Chromium, through the site's own search (the
    header's button, Pagefind's JavaScript), the site served under its sub-path: every response after the
    search starts, from the site's pagefind/ folder (tests/browser_support.py, SearchVisit, as the tests).
    Needs Playwright and Debian's chromium (.venv-test); {} without them."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from browser_support import CHROMIUM, CHROMIUM_ARGS, SearchVisit, serve
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (search bytes not measured: run the benchmark with .venv-test/bin/python for Playwright)")
        return {}
    if not Path(CHROMIUM).exists():
        print(f"  (search bytes not measured: no {CHROMIUM})")
        return {}
    found = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang in LANGS:
                visit = SearchVisit(browser, base + url_prefix(lang) + "webinars/", QUERIES[lang], lang=lang)
                try:
                    assert visit.shown, f"{lang}: {QUERIES[lang]!r} found nothing"
                    assert not [url for url in visit.before if "/pagefind/" in url], visit.before
                    found[lang] = visit.search_bytes
                finally:
                    visit.close()
        finally:
            browser.close()
    return found


# Report --------------------------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    head = (f"{'build':<9} {'N':>5} {'pages':>6} {'wall s':>7} {'cpu s':>7} {'peak MiB':>8} {'max proc':>8} "
            f"{'ms/page':>7} {'idx s':>6}  " + " ".join(f"{'q ' + lang + ' KiB':>8}" for lang in LANGS)
            + f"  {'webinar page KB':>15}")
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(f"{row['label']:<9} {row['n']:>5} {row['pages']:>6} {row['wall']:>7.1f} {row['cpu']:>7.1f} "
                     f"{row['peak']:>8.0f} {row['largest']:>8.0f} {row['ms_page']:>7.2f} {row['index_s']:>6.1f}  "
                     + " ".join(f"{row['search'][lang] / 1024:>8.0f}" if lang in row["search"] else f"{'-':>8}"
                                for lang in LANGS)
                     + f"  {row['median_page'] / 1000:>15.1f}")
    return "\n".join(lines)


def verdicts(hub: list[dict], parallel: list[dict], ref: list[dict]) -> list[str]:
    def ok(good: bool) -> str:
        return "ok" if good else "MISSED"

    out = []
    for h, r in zip(hub, ref):
        ratio = h["cpu"] / r["cpu"]
        out.append(f"N={h['n']}: hub / reference CPU = {h['cpu']:.1f} / {r['cpu']:.1f} s = {ratio:.2f} "
                   f"(target <= {MAX_OVERHEAD}) {ok(ratio <= MAX_OVERHEAD)}; "
                   f"wall {h['wall']:.1f} / {r['wall']:.1f} s = {h['wall'] / r['wall']:.2f}")
    for p, r in zip(parallel, ref):
        out.append(f"N={p['n']}: parallel hub wall / reference wall = {p['wall']:.1f} / {r['wall']:.1f} s "
                   f"= {p['wall'] / r['wall']:.2f}")
    by_n = {row["n"]: row for row in hub}
    small, large = (by_n[100], by_n[1000]) if {100, 1000} <= set(by_n) else (hub[-2:] if len(hub) > 1 else (None, None))
    if small and large:
        scaling = large["ms_page"] / small["ms_page"]
        out.append(f"CPU ms/page N={large['n']} / N={small['n']} = {large['ms_page']:.2f} / {small['ms_page']:.2f} = "
                   f"{scaling:.2f} (target <= {MAX_SCALING}) {ok(scaling <= MAX_SCALING)}")
    for row in parallel:
        if row["n"] == FULL_BUILD_N:
            out.append(f"six languages at N={FULL_BUILD_N}, parallel build: {row['wall']:.1f} s wall "
                       f"(target <= {MAX_FULL_BUILD_S} s) {ok(row['wall'] <= MAX_FULL_BUILD_S)}")
    for h in hub:
        if h["n"] == FULL_BUILD_N:
            out.append(f"six languages at N={FULL_BUILD_N}, one process: {h['wall']:.1f} s wall, {h['cpu']:.1f} s CPU")
    for row in [*hub[-1:], *parallel[-1:]]:
        out.append(f"peak memory N={row['n']} ({row['label']}): {row['peak']:.0f} MiB in all, largest process "
                   f"{row['largest']:.0f} MiB (target < {MAX_PEAK_MIB} at N=1000) {ok(row['peak'] < MAX_PEAK_MIB)}")
    for h in hub:
        if h["search"]:
            worst = max(h["search"], key=h["search"].get)
            line = (f"search N={h['n']}: bytes fetched (gzip) for one query, most in {worst}: "
                    f"{h['search'][worst] / 1024:.0f} KiB")
            out.append(line + (f" (target < {MAX_SEARCH_KB} KB in every language at N=1000) "
                               f"{ok(h['search'][worst] < MAX_SEARCH_KB * 1024)}" if h["n"] == 1000 else ""))
    largest = max(h["median_page"] for h in hub + parallel)
    out.append(f"median webinar page: {largest / 1000:.1f} KB (target < {MAX_PAGE_KB} KB) "
               f"{ok(largest < MAX_PAGE_KB * 1000)}")
    return out


def engine_comparison(hub: list[dict], parallel: list[dict], zensical: list[dict]) -> list[str]:
    """MkDocs and Zensical side by side on the same data: time per page and peak memory."""
    out = []
    for z in zensical:
        h = next((row for row in hub if row["n"] == z["n"]), None)
        p = next((row for row in parallel if row["n"] == z["n"]), None)
        line = (f"N={z['n']}: zensical {z['pages']} pages, {z['wall']:.1f} s wall, {z['cpu']:.1f} s CPU, "
                f"{z['ms_page']:.2f} CPU ms/page, {z['wall_ms_page']:.2f} wall ms/page, peak {z['peak']:.0f} MiB")
        if h:
            line += (f" | mkdocs (one process) {h['pages']} pages, {h['wall']:.1f} s wall, {h['ms_page']:.2f} CPU ms/page, "
                     f"{h['wall_ms_page']:.2f} wall ms/page, peak {h['peak']:.0f} MiB")
        if p:
            line += f" | mkdocs {p['label']} {p['wall']:.1f} s wall, peak {p['peak']:.0f} MiB"
        out.append(line)
    return out


def profile_report(path: Path, top: int = 25) -> str:
    """Where time goes: own time by package, then the costliest functions."""
    stats = pstats.Stats(str(path))
    by_package: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        total += tottime
        by_package[_package(filename)] = by_package.get(_package(filename), 0.0) + tottime
    lines = [f"own time by package (total {total:.1f} s):"]
    for name, seconds in sorted(by_package.items(), key=lambda item: -item[1])[:15]:
        lines.append(f"  {seconds:7.2f} s {100 * seconds / total:5.1f} %  {name}")
    lines.append(f"\ntop {top} functions by own time:")
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]
    for (filename, line, name), (_, calls, tottime, cumtime, _) in rows:
        lines.append(f"  {tottime:7.2f} s own {cumtime:7.2f} s cum {calls:>9} calls  {_package(filename)}:{name}:{line}")
    lines.append(f"\ntop {top} functions by cumulative time (hub, hooks, plugins):")
    rows = [item for item in stats.stats.items()
            if any(key in item[0][0] for key in ("/hooks/", "plugins", "mkdocs_static_i18n"))]
    for (filename, line, name), (_, calls, tottime, cumtime, _) in sorted(rows, key=lambda item: -item[1][3])[:top]:
        lines.append(f"  {cumtime:7.2f} s cum {tottime:7.2f} s own {calls:>9} calls  {_package(filename)}:{name}:{line}")
    return "\n".join(lines)


def _package(filename: str) -> str:
    if "/hooks/" in filename:
        return "hooks/" + filename.split("/hooks/", 1)[1]
    if "site-packages/" in filename:
        parts = filename.split("site-packages/", 1)[1].split("/")
        return parts[0] + ("/" + parts[1] if parts[0] == "material" and len(parts) > 2 else "")
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return "stdlib/" + Path(filename).name


def main(argv: list[str] | None = None) -> int:
    from hub.build import default_jobs

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,500,1000",
                        help="comma-separated numbers of webinars (default 10,100,500,1000)")
    parser.add_argument("--jobs", type=int, default=default_jobs(LANGUAGES),
                        help="processes of the parallel build (default: as ./hub build; 0: skip it)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each project this many times, interleaved, and keep the best (default 1)")
    parser.add_argument("--profile", action="store_true",
                        help="also build the largest size once more under cProfile and print where time goes")
    parser.add_argument("--no-reference", action="store_true", help="skip the plain-Markdown reference builds")
    parser.add_argument("--engines", default="mkdocs,zensical",
                        help="engines to build each data set with, side by side (default mkdocs,zensical)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (their path is printed)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    work = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, work in {work}", flush=True)
    hub_rows, parallel_rows, ref_rows, zensical_rows = [], [], [], []
    engines = {engine.strip() for engine in args.engines.split(",")}
    try:
        for n in sizes:
            project = work / f"hub-{n}"
            counts = make_project(project, n)
            print(f"N={n}: {counts['webinars']} webinars, {counts['experts']} experts, {counts['series']} series "
                  "(validated); building ...", flush=True)
            builds = [("hub", project, 1, "mkdocs")]
            if not args.no_reference:
                reference = work / f"reference-{n}"
                make_reference(project, reference)
                builds.append(("reference", reference, 0, "mkdocs"))
            if args.jobs > 1:
                builds.append((f"hub x{args.jobs}", project, args.jobs, "mkdocs"))
            if "zensical" in engines:
                builds.append(("zensical", project, 1, "zensical"))
            runs: dict[str, list[dict]] = {label: [] for label, _, _, _ in builds}
            for _ in range(args.repeat):  # interleaved, so that a slow spell of the machine hits every build
                for label, folder, jobs, engine in builds:
                    runs[label].append(measure(folder, label, n, jobs=jobs, engine=engine))
            # The best of the repeats: the one least slowed down by the rest of the machine.
            done = [min(runs[label], key=lambda row: row["wall"] if jobs > 1 else row["cpu"])
                    for label, _, jobs, _ in builds]
            for row in done:
                {"hub": hub_rows, "reference": ref_rows, "zensical": zensical_rows}.get(row["label"],
                                                                                     parallel_rows).append(row)
            print("\n".join(table(done).splitlines()[2:]), flush=True)
        print()
        rows = [row for row in (*hub_rows, *ref_rows, *parallel_rows, *zensical_rows)]
        rows.sort(key=lambda row: (row["n"], {"hub": 0, "reference": 1, "zensical": 3}.get(row["label"], 2)))
        print(table(rows))
        print()
        print("\n".join(verdicts(hub_rows, parallel_rows, ref_rows)))
        print("\n".join(engine_comparison(hub_rows, parallel_rows, zensical_rows)))
        if args.profile:
            project = work / f"hub-{sizes[-1]}"
            profile = work / "hub.prof"
            shutil.rmtree(project / "site")
            build(project, project / "profile.log", profile)
            print(f"\ncProfile of the hub build, N={sizes[-1]} ({profile}):")
            print(profile_report(profile))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
