/* The language switcher lands on the same page: Zensical's extra.alternate names each language's home;
   this page's URL in each language is in #hub-alternates (hooks/hub_zensical.py). */
(function () {
  var data = document.getElementById("hub-alternates");
  if (!data) return;
  var targets = {};
  JSON.parse(data.textContent).forEach(function (alt) { targets[alt.lang] = alt.href; });
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    var href = targets[link.getAttribute("hreflang")];
    if (href) link.setAttribute("href", href);
  });
})();
