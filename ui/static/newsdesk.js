// Newsdesk page script: [n] markers bring their quote into view, Copy buttons copy
// the answer as text, the question box counts characters, and chat messages get
// plain-text labels for screen readers.
(function () {
  if (window.__newsdeskPage) return;
  window.__newsdeskPage = true;

  function closestIn(event, test) {
    var path = event.composedPath ? event.composedPath() : [event.target];
    for (var i = 0; i < path.length; i++) {
      var el = path[i];
      if (el && el.classList && test(el)) return el;
    }
    return null;
  }

  function showSource(link) {
    var id = link.getAttribute("data-card") || (link.getAttribute("href") || "").slice(1);
    var scope = link.closest(".nd-answer") || document;
    var quote = scope.querySelector('[id="' + id + '"]') || document.getElementById(id);
    if (!quote) return;
    var card = quote.closest(".nd-card") || quote;
    var sources = card.closest(".nd-sources");
    if (sources) sources.classList.add("nd-open");
    document.querySelectorAll(".nd-active").forEach(function (el) {
      el.classList.remove("nd-active");
    });
    card.classList.add("nd-active");
    quote.classList.add("nd-active");
    link.classList.add("nd-active");
    quote.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }

  document.addEventListener("click", function (event) {
    var link = closestIn(event, function (el) {
      return el.classList.contains("nd-cite") && el.tagName === "A";
    });
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      showSource(link);
      return;
    }
    var copy = closestIn(event, function (el) { return el.classList.contains("nd-copy"); });
    if (copy) {
      event.preventDefault();
      event.stopPropagation();
      var source = copy.parentElement && copy.parentElement.querySelector(".nd-copy-text");
      copyText(source ? source.textContent : "", function () {
        copy.textContent = "Copied";
        copy.classList.add("nd-copied");
        setTimeout(function () {
          copy.textContent = "Copy";
          copy.classList.remove("nd-copied");
        }, 1500);
      });
    }
  }, true);

  // The question box: a live count against the limit (the server refuses longer ones).
  // Typing updates it at once; the poll catches the app emptying the box after a send.
  function count(box) {
    var counter = document.querySelector("#nd-counter .nd-counter");
    if (!counter || counter.getAttribute("data-n") === String(box.value.length)) return;
    counter.setAttribute("data-n", String(box.value.length));
    var max = parseInt(counter.getAttribute("data-max") || "0", 10);
    var n = box.value.length;
    counter.textContent = n.toLocaleString("en") + " / " + max.toLocaleString("en");
    counter.classList.toggle("nd-over", max > 0 && n > max);
    if (max > 0 && n > max) {
      counter.textContent += " — too long: shorten it by " + (n - max).toLocaleString("en");
    }
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.closest && box.closest("#nd-question")) count(box);
  }, true);
  setInterval(function () {
    var box = document.querySelector("#nd-question textarea");
    if (box) count(box);
  }, 500);

  // Gradio labels each chat message with its content, which here is HTML: screen
  // readers would read the tags. Replace such labels with the message's text.
  function fixLabels(root) {
    root.querySelectorAll("#nd-chat [aria-label]").forEach(function (el) {
      var label = el.getAttribute("aria-label") || "";
      if (label.indexOf("<") < 0) return;
      var role = /^user/i.test(label) ? "Your question: " : "Answer: ";
      var text = (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
      el.setAttribute("aria-label", role + text.slice(0, 400));
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fixLabels(document); });
  }).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"],
  });
})();
