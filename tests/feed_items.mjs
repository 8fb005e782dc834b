// Read RSS and Atom feeds with rss-parser (a feed reader library for Node, independent of feedparser)
// and print, as JSON, what a reader shows: the feed's title and language, and each item's title, link,
// date and summary (as text).
//   node tests/feed_items.mjs FILE.xml ...   →   {"FILE.xml": {"title", "language", "items": [...]}, ...}
import { readFileSync } from "node:fs";
import Parser from "rss-parser";

const parser = new Parser({ customFields: { feed: ["language", ["xml:lang", "lang"]] } });
const result = {};
for (const file of process.argv.slice(2)) {
  const feed = await parser.parseString(readFileSync(file, "utf-8"));
  result[file] = {
    title: feed.title ?? null,
    language: feed.language ?? null,
    link: feed.link ?? null,
    items: feed.items.map((item) => ({
      id: item.guid ?? item.id ?? null,
      title: item.title ?? null,
      link: item.link ?? null,
      date: item.isoDate ?? null,
      summary: item.contentSnippet ?? item.summary ?? null,
      html: item.content ?? null,
    })),
  };
}
process.stdout.write(JSON.stringify(result));
