// Lighthouse (npm) on a list of pages, in one Debian chromium: run by tests/test_lighthouse.py.
// Usage: node tests/lighthouse.mjs RUNS.json  (a list of {url, formFactor: "desktop" | "mobile", categories})
// Prints one JSON line per run: {url, formFactor, scores: {category: 0-100}, failing: ["audit: title", ...], ms}.
// What no category scores is not gathered: the screenshots (weight 0) and the back/forward cache check (weight 0,
// and the one gatherer that navigates away and back); every scored audit runs with Lighthouse's own defaults.
// A run without the performance category does not wait for the page to stay quiet after its load (Lighthouse's
// four 1 s pauses, ≈ 2.5 s a run): best practices and SEO read the markup, the headers and the console of the
// load, and the console of the whole visit is checked on every page view (test_page_views.py).
import { readFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const UNSCORED = ["bf-cache", "screenshot-thumbnails", "final-screenshot"];
const NO_PAUSES = { pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0 };

function configFor(run, categories) {
  const base = run.formFactor === "desktop" ? desktopConfig : { extends: "lighthouse:default" };
  if (categories.includes("performance")) return run.formFactor === "desktop" ? desktopConfig : undefined;
  return { ...base, settings: { ...(base.settings || {}), ...NO_PAUSES } };
}
const runs = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.HUB_CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const run of runs) {
    const categories = run.categories || ["performance", "accessibility", "best-practices", "seo"];
    const config = configFor(run, categories);
    const started = Date.now();
    const flags = { port: chrome.port, logLevel: "error", onlyCategories: categories, skipAudits: UNSCORED,
                    disableFullPageScreenshot: true };
    const result = await lighthouse(run.url, flags, config);
    const lhr = result.lhr;
    const scores = {}, failing = [];
    for (const id of categories) {
      const category = lhr.categories[id];
      scores[id] = category && category.score !== null ? Math.round(category.score * 100) : null;
      for (const ref of (category ? category.auditRefs : [])) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push(`${id}/${ref.id} (${audit.score}): ${audit.title}` +
                       (audit.displayValue ? ` [${audit.displayValue}]` : ""));
        }
      }
    }
    const error = lhr.runtimeError ? lhr.runtimeError.message : null;
    process.stdout.write(JSON.stringify({ url: run.url, formFactor: run.formFactor, scores, failing, error,
                                               ms: Date.now() - started }) + "\n");
  }
} finally {
  await chrome.kill();
}
