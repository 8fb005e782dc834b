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

  /* Start time in the visitor's own time zone, beside the event's zone and UTC. */
  function localTime(element) {
    var start = new Date(element.getAttribute("data-start"));
    var target = element.querySelector(".hub-time-visitor");
    if (!target || isNaN(start)) return;
    var lang = document.documentElement.lang || "en";
    var text = new Intl.DateTimeFormat(lang, {
      year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short"
    }).format(start);
    target.textContent = (target.getAttribute("data-template") || "{time}").replace("{time}", text);
    target.hidden = false;
  }

  /* The one 404 page holds every language: put the one of the requested address first. */
  function notFound() {
    var box = document.querySelector(".hub-not-found");
    if (!box) return;
    var segments = location.pathname.split("/");
    for (var i = 0; i < segments.length; i++) {
      var section = box.querySelector('section[data-lang="' + segments[i] + '"]');
      if (section && section !== box.firstElementChild) {
        box.insertBefore(section, box.firstElementChild);
        return;
      }
    }
  }

  function enhance() {
    notFound();
    document.querySelectorAll(".hub-time[data-start]").forEach(localTime);
  }

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
