// Newsdesk: clicking an [n] marker in an answer brings its source card into view.
(function () {
  if (window.__newsdeskCites) return;
  window.__newsdeskCites = true;
  document.addEventListener("click", function (event) {
    var path = event.composedPath ? event.composedPath() : [event.target];
    var link = null;
    for (var i = 0; i < path.length; i++) {
      var el = path[i];
      if (el && el.classList && el.classList.contains("nd-cite") && el.tagName === "A") {
        link = el;
        break;
      }
    }
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    var id = link.getAttribute("data-card") || (link.getAttribute("href") || "").slice(1);
    var scope = link.closest(".nd-answer") || document;
    var card = scope.querySelector('[id="' + id + '"]') || document.getElementById(id);
    if (!card) return;
    var sources = card.closest(".nd-sources");
    if (sources) sources.classList.add("nd-open");
    document.querySelectorAll(".nd-card.nd-active").forEach(function (c) {
      c.classList.remove("nd-active");
    });
    document.querySelectorAll("a.nd-cite.nd-active").forEach(function (c) {
      c.classList.remove("nd-active");
    });
    card.classList.add("nd-active");
    link.classList.add("nd-active");
    card.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, true);
})();
