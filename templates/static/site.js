/* site-gen: small enhancements for reading a live blog.  The page reads fully without
   this script; it adds the order switch (remembered in localStorage), a "copy link"
   button per entry, the targeted entry marked in the timeline, and folds the
   timeline on small screens.  No network access, no other files.  The words it writes come
   from the page (a JSON block, #site-gen-text, in the page's language), English otherwise. */
(function () {
  "use strict";
  var ORDER_KEY = "site-gen:entry-order";
  var entries = document.querySelector(".entries[data-order]");
  var TEXT = { copy: "Copy link", copy_label: "Copy link to the {time} entry", copied: "Link copied",
               refused: "Copying is not allowed here: the link is in the address bar" };
  try {
    var given = JSON.parse(document.getElementById("site-gen-text").textContent);
    Object.keys(given).forEach(function (key) { TEXT[key] = given[key]; });
  } catch (e) { /* no words given: English */ }

  function text(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function reverseChildren(parent, selector) {
    if (!parent) return;
    var items = Array.prototype.filter.call(parent.children, function (child) {
      return child.matches(selector);
    });
    items.reverse().forEach(function (item) { parent.appendChild(item); });
  }

  function storedOrder() {
    try { return window.localStorage.getItem(ORDER_KEY); } catch (e) { return null; }
  }

  function setOrder(order, remember) {
    if (order !== "newest" && order !== "oldest") return;
    if (entries.getAttribute("data-order") !== order) {
      reverseChildren(entries, ".day");
      entries.querySelectorAll(".day").forEach(function (day) { reverseChildren(day, "article"); });
      var days = document.querySelector(".timeline-days");
      reverseChildren(days, ".timeline-day");
      if (days) days.querySelectorAll(".timeline-day > ol").forEach(function (ol) { reverseChildren(ol, "li"); });
      entries.setAttribute("data-order", order);
    }
    document.querySelectorAll(".order-control button[data-order]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-order") === order));
    });
    if (remember) {
      try { window.localStorage.setItem(ORDER_KEY, order); } catch (e) { /* private mode: not remembered */ }
    }
  }

  function targetId() {
    try { return decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return ""; }
  }

  function markTarget() {
    var id = targetId();
    document.querySelectorAll(".timeline a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    if (!id) return;
    document.querySelectorAll(".timeline a[href]").forEach(function (a) {
      if (a.getAttribute("href") === "#" + id) a.setAttribute("aria-current", "location");
    });
  }

  function entryUrl(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : window.location.href.split("#")[0];
    return base + "#" + id;
  }

  function addCopyButton(article) {
    var time = article.querySelector(".dt-published");
    var tools = document.createElement("p");
    tools.className = "entry-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = text("copy");
    button.setAttribute("aria-label", text("copy_label", { time: time ? time.textContent : "" }));
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var url = entryUrl(article.id);
      function done(message) {
        status.textContent = message;
        window.setTimeout(function () { status.textContent = ""; }, 5000);
      }
      function fallback() {
        window.history.replaceState(null, "", "#" + article.id);
        markTarget();
        done(text("refused"));
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { done(text("copied")); }, fallback);
      } else {
        fallback();
      }
    });
    tools.appendChild(button);
    tools.appendChild(status);
    article.appendChild(tools);
  }

  if (entries) {
    var control = document.querySelector(".order-control");
    if (control) {
      control.hidden = false;
      control.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-order]");
        if (button) setOrder(button.getAttribute("data-order"), true);
      });
    }
    var wanted = storedOrder();
    if (wanted && wanted !== entries.getAttribute("data-order")) {
      setOrder(wanted, false);
      var target = document.getElementById(targetId());
      if (target) target.scrollIntoView();
    }
    entries.querySelectorAll("article.entry[id]").forEach(addCopyButton);
  }

  var timeline = document.querySelector(".timeline-details");
  if (timeline && window.matchMedia && window.matchMedia("(max-width: 63.99rem)").matches) {
    timeline.open = false;
  }
  markTarget();
  window.addEventListener("hashchange", markTarget);
})();
