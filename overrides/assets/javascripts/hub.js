/* The hub's progressive enhancements. The pages work without them. */
(function () {
  "use strict";

  /* Recording facade: nothing is requested from the video host until the visitor presses play. */
  function play(button) {
    var box = button.closest(".hub-player");
    var src = button.getAttribute("data-embed-src");
    var player;
    if (box.getAttribute("data-provider") === "video") {
      player = document.createElement("video");
      player.controls = true;
      player.autoplay = true;
      player.src = src;
    } else {
      player = document.createElement("iframe");
      player.src = src;
      player.allow = "autoplay; fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
    }
    player.title = button.getAttribute("data-title");
    player.className = "hub-player__frame";
    box.replaceChildren(player);
    player.focus();
  }

  /* No line starts with a separator: the space before a "·", "–" or "—" between words becomes a no-break one
     (a thin space, as Intl's time ranges write, a narrow one), by hub/markup.py's bind_separators rule, for
     the text this script writes: the visitor's time range, Pagefind's excerpts (which give it back as a plain
     space). */
  function bind(text) {
    return text.replace(/[ \t\r\n\u2000-\u200a]+(?=[\u00b7\u2013\u2014](?:[\s\u00a0\u202f]|&nbsp;|$))/g,
      function (space) { return space.indexOf("\u2009") >= 0 ? "\u202f" : "\u00a0"; });
  }

  /* The start time in the visitor's own time zone, on the line reserved for it below the event's, when the
     visitor's offset from UTC at that instant differs from the event's ("The same time in your time zone" when
     it does not). The date is written only when it is another day there than at the event. */
  function localTime(element) {
    var start = new Date(element.getAttribute("data-start"));
    var end = element.getAttribute("data-end") ? new Date(element.getAttribute("data-end")) : null;
    var eventOffset = parseInt(element.getAttribute("data-offset"), 10);
    var target = element.querySelector(".hub-time-visitor");
    if (!target || isNaN(start) || isNaN(eventOffset)) return;
    var visitorOffset = -start.getTimezoneOffset();
    if (visitorOffset === eventOffset) {  /* said, rather than a blank line where the visitor's time would be */
      target.textContent = target.getAttribute("data-same") || "";
      return;
    }
    var locale = element.getAttribute("data-locale") || document.documentElement.lang || "en";
    var options = { hour: "numeric", minute: "2-digit" };
    var eventDay = new Date(start.getTime() + eventOffset * 60000).getUTCDate();
    if (eventDay !== start.getDate()) {
      options.weekday = "short";  /* short forms: the line stays within the two lines kept for it */
      options.day = "numeric";
      options.month = "short";
    }
    var format, zone;
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch (error) {
      locale = document.documentElement.lang || "en";
      format = new Intl.DateTimeFormat(locale, options);
    }
    /* The zone's long name on its own: formatRange would write "GMT+9" where format writes its name. */
    zone = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZoneName: "long" }).formatToParts(start)
      .filter(function (part) { return part.type === "timeZoneName"; }).map(function (part) { return part.value; })[0];
    var text = end && !isNaN(end) && format.formatRange ? format.formatRange(start, end) : format.format(start);
    text = bind(text);
    if (zone) text += " " + zone;
    target.textContent = (target.getAttribute("data-template") || "{time}").replace("{time}", text);
  }

  /* The webinars page: filters by year, delivery language, interpretation and region, combined; a live count.
     A select marked data-list compares one value of the card's list (its interpretation languages). */
  function filters() {
    var form = document.querySelector("form.hub-filters");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var cards = Array.prototype.slice.call(document.querySelectorAll(".hub-index .hub-webinar-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".hub-filters__count");
    var none = document.querySelector(".hub-filters__none");
    var numbers = (form.getAttribute("data-numbers") || "").split("|");
    var template = form.getAttribute("data-count-template") || "{count} / {total}";

    function number(n) { return numbers[n] !== undefined ? numbers[n] : String(n); }

    function apply() {
      var wanted = {};
      selects.forEach(function (select) { wanted[select.getAttribute("data-filter")] = select.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var match = selects.every(function (select) {
          var key = select.getAttribute("data-filter"), value = card.getAttribute("data-" + key) || "";
          if (!wanted[key]) return true;
          return select.hasAttribute("data-list") ? value.split(" ").indexOf(wanted[key]) >= 0 : value === wanted[key];
        });
        card.hidden = !match;
        if (match) shown++;
      });
      /* Series and years with nothing left to show are hidden with their headings. */
      document.querySelectorAll(".hub-index .hub-series, .hub-index .hub-year").forEach(function (group) {
        group.hidden = !group.querySelector(".hub-webinar-card:not([hidden])");
      });
      count.textContent = template.replace("{count}", number(shown)).replace("{total}", number(cards.length));
      if (none) none.hidden = shown > 0;
    }

    /* The filters live in the address (?year=&language=&interpretation=&region=): a filtered list can be shared, and it
       survives a reload. A value no option has (an old link) is ignored. */
    function fromAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name);
        var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
        select.value = value && known ? value : "";
      });
    }

    function toAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function changed() {
      apply();
      toAddress();
    }

    selects.forEach(function (select) { select.addEventListener("change", changed); });
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fromAddress();
    apply();  /* the count is written before the form shows: not announced on load, only on a change */
    form.hidden = false;
  }

  /* On paper, every link of the content is followed by its absolute address (hub.css, @media print). */
  function printAddresses() {
    document.querySelectorAll(".md-content a[href]:not(.headerlink)").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#") return;
      link.setAttribute("data-print-href", link.href);
    });
  }

  /* The one 404 page (GitHub Pages serves it at every path) speaks the language of the address: its
     section shown, the others' hidden (their homes stay links), and the page's chrome (lang, dir, title,
     site name, menu, footer) put in that language from the page's data-chrome. */
  function notFound() {
    var box = document.querySelector(".hub-not-found[data-chrome]");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var chrome = JSON.parse(box.getAttribute("data-chrome"));
    var logo = document.querySelector("a.md-logo");
    var base = new URL(logo ? logo.getAttribute("href") : "/", location.href).pathname;
    var rest = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
    var code = rest.split("/")[0];
    var c = chrome[code];
    if (!c || code === document.documentElement.lang) return;
    box.querySelectorAll("[data-lang]").forEach(function (item) {
      item.hidden = item.getAttribute("data-lang") !== code;
      if (item.tagName === "LI") item.hidden = !item.hidden;
    });
    var from = chrome[document.documentElement.lang] || {};
    document.documentElement.lang = code;
    document.documentElement.dir = c.dir;
    document.body.dir = c.dir;
    document.title = c.title + " - " + c.site_name;
    document.querySelectorAll("a.md-logo").forEach(function (link) {
      link.title = c.site_name;
      link.setAttribute("aria-label", c.site_name);
    });
    var topic = document.querySelector(".md-header__topic .md-ellipsis");
    if (topic) topic.textContent = c.site_name;
    var drawer = document.querySelector(".md-nav--primary > .md-nav__title");
    if (drawer && drawer.lastChild && drawer.lastChild.nodeType === 3) drawer.lastChild.textContent = " " + c.site_name + " ";
    /* The menu: each link to a page of the site goes to that page in the language, with its label. */
    document.querySelectorAll("a.md-logo, a.md-tabs__link, .md-nav--primary a.md-nav__link").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.indexOf(base) !== 0) return;
      var path = href.slice(base.length).replace(/^\.$/, "");
      link.setAttribute("href", base + code + "/" + path);
      var label = c.menu[path];
      var text = link.querySelector(".md-ellipsis") || (link.classList.contains("md-logo") ? null : link);
      if (label && text) text.textContent = label;
    });
    /* The footer, and the Development Agenda link of the menu (its address in the language, from the footer). */
    Object.keys(c.footer).forEach(function (name) {
      document.querySelectorAll("." + name).forEach(function (element) {
        element.textContent = c.footer[name];
        var localized = element.getAttribute("data-href-" + code);
        if (localized) element.setAttribute("href", localized);
      });
    });
    var agenda = document.querySelector(".hub-development-agenda");
    if (agenda && from.footer) {
      document.querySelectorAll("a.md-tabs__link, .md-nav--primary a.md-nav__link").forEach(function (link) {
        if (link.textContent.trim() !== from.footer["hub-development-agenda"]) return;
        link.setAttribute("href", agenda.getAttribute("href"));
        (link.querySelector(".md-ellipsis") || link).textContent = c.footer["hub-development-agenda"];
      });
    }
  }

  function enhance() {
    notFound();
    document.querySelectorAll(".hub-time[data-start]").forEach(localTime);
    filters();
    printAddresses();
  }

  /* Search (Pagefind): the header's button opens the dialog (partials/hub-search.html); nothing of the search is
     fetched before that. The first opening loads pagefind.js from the site's pagefind/ folder, which picks the
     index of the page's <html lang>; each query then fetches only the index chunks and result fragments it
     needs. Results: title, then the webinar's date and language (its page's data-pagefind-meta), then an
     excerpt; the count is said in the status line (role=status), in the page's language. */
  var search = { engine: null, shown: 0 };

  function searchDialog() { return document.getElementById("hub-search"); }

  function loadSearch(dialog) {
    if (!search.engine) {
      var bundle = new URL(dialog.getAttribute("data-bundle"), location.href);
      search.engine = import(bundle.href + "pagefind.js").then(function (pagefind) {
        /* Result URLs are written from the site root ("/fr/webinars/…"): under a sub-path they need the base. */
        return pagefind.options({ baseUrl: bundle.pathname.replace(/pagefind\/$/, ""), excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { dialog.setAttribute("data-ready", ""); return pagefind; });  /* loaded: a ready signal */
      });
      search.engine.catch(function () { search.engine = null; });
    }
    return search.engine;
  }

  function openSearch() {
    var dialog = searchDialog();
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector("input").focus();
    loadSearch(dialog).catch(function () { say(dialog, dialog.getAttribute("data-failed")); });
  }

  function say(dialog, text) {
    dialog.querySelector(".hub-search__status").textContent = text;
  }

  function counted(dialog, count) {
    if (count === 0) return dialog.getAttribute("data-none");
    if (count === 1) return dialog.getAttribute("data-one");
    return dialog.getAttribute("data-other").replace("#", String(count));
  }

  /* The Chinese index is read from pages split into words with zero-width spaces (hooks/hub/search.py): not shown. */
  function unsplit(text) { return String(text || "").replace(/\u200b/g, ""); }

  function chinese() { return /^zh\b/.test(document.documentElement.lang); }

  /* Pagefind joins a page's blocks (heading, paragraph, list item) into sentences with a Latin ". ": after Chinese
     text (or, on a Chinese page, a number ending a block: a year heading) that is "。", and nothing (not even its
     space) after a Chinese punctuation mark; a <mark> may close between. An excerpt that starts at such a join
     starts after it. */
  function sentences(excerpt) {
    var text = excerpt.replace(/([\u3400-\u9fff\uf900-\ufaff])((?:<\/mark>)?)\. ?/g, "$1$2\u3002")
      .replace(/([\u3000-\u303f\uff00-\uffef])((?:<\/mark>)?)(?:\. ?| )/g, "$1$2");
    if (chinese()) text = text.replace(/(\d)((?:<\/mark>)?)\. /g, "$1$2\u3002");
    return text.replace(/^(?:[.\u3002]\s*)+/, "");
  }

  /* Pagefind marks each word found with what follows it up to the next space ("Building.", "技术援助："): the
     punctuation is moved out of the mark, and words found one after the other share one mark. */
  var PUNCTUATION = "[.,:;!?\u060c\u061b\u061f\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u00bb\u201d)\\]]";
  function marks(excerpt) {
    return excerpt.replace(new RegExp("(" + PUNCTUATION + "+)</mark>", "g"), "</mark>$1")
      .replace(/<\/mark>(\s+)<mark>/g, "$1");
  }

  /* An excerpt is a window of the page's text: "…" where it starts or ends inside that text, as a reader expects of
     a text cut short (Pagefind's excerpt carries no sign of it). Compared as runs of words, the excerpt's first
     and last two against the page's text; full stops and spaces aside (sentences() changed some) and CJK
     punctuation as a word's end. */
  function cut(excerpt, content) {
    var words = function (text) {
      return text.replace(/[\u3000-\u303f\uff00-\uffef]/g, "$& ").replace(/[.\u3002]/g, " ").split(/\s+/).filter(Boolean);
    };
    var shown = words(excerpt.textContent), all = words(content), n = Math.min(2, shown.length);
    var space = chinese() ? "" : " ";  /* Chinese sets no space around it */
    if (!n) return;
    if (shown.slice(0, n).join(" ") !== all.slice(0, n).join(" "))
      excerpt.insertBefore(document.createTextNode("\u2026" + space), excerpt.firstChild);
    if (shown.slice(-n).join(" ") !== all.slice(-n).join(" ")) excerpt.appendChild(document.createTextNode(space + "\u2026"));
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "hub-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "hub-search__title";
    link.textContent = unsplit(data.meta.title) || data.url;
    item.appendChild(link);
    var facts = [unsplit(data.meta.date), unsplit(data.meta.language)].filter(Boolean);
    if (facts.length) {
      var line = document.createElement("p");
      line.className = "hub-search__meta";
      line.textContent = facts.join("\u00a0· ");
      item.appendChild(line);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "hub-search__excerpt";
    excerpt.innerHTML = bind(marks(sentences(unsplit(data.excerpt))));  /* Pagefind's excerpt: the page's text, escaped, with <mark> */
    cut(excerpt, unsplit(data.content));
    item.appendChild(excerpt);
    return item;
  }

  function runSearch(dialog) {
    var query = dialog.querySelector("input").value.trim();
    var list = dialog.querySelector(".hub-search__results");
    var asked = ++search.shown;
    if (!query) {
      list.replaceChildren();
      say(dialog, "");
      dialog.removeAttribute("data-state");
      return;
    }
    dialog.setAttribute("data-state", "searching");
    loadSearch(dialog).then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, 200);
    }).then(function (found) {
      if (found === null || asked !== search.shown) return null;  /* a later keystroke took over */
      return Promise.all(found.results.slice(0, 10).map(function (result) { return result.data(); }))
        .then(function (pages) {
          if (asked !== search.shown) return;
          list.replaceChildren.apply(list, pages.map(resultItem));
          say(dialog, counted(dialog, found.results.length));
          dialog.setAttribute("data-query", query);  /* what the results shown answer (and the tests' ready signal) */
          dialog.setAttribute("data-state", "done");
        });
    }).catch(function () {
      say(dialog, dialog.getAttribute("data-failed"));
      dialog.setAttribute("data-state", "failed");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    if (target.closest(".hub-search-open")) { openSearch(); return; }
    var dialog = searchDialog();
    if (!dialog || !dialog.open) return;
    if (target.closest(".hub-search__close") || target === dialog) dialog.close();  /* the backdrop is the dialog */
  });

  document.addEventListener("input", function (event) {
    if (event.target.id === "hub-search-input") runSearch(searchDialog());
  });

  document.addEventListener("keydown", function (event) {
    /* "/" opens the search, as it did with Material's (not while typing in a field) */
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    event.preventDefault();
    openSearch();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hub-player__play");
    if (button) play(button);
  });

  /* Material's instant loading replaces pages without a reload: it exposes document$. */
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
