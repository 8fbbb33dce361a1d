/* site-gen search page: Pagefind's JavaScript API, one result per entry.
   Pagefind indexes each blog page (only its entries: data-pagefind-body); every
   entry is an <article id="ANCHOR"> whose heading has id "h-ANCHOR".  A hit is
   credited to the entry it falls in, so each result links to that entry's anchor.
   Everything is loaded from this site's own files.  The words it writes come from the page
   (#site-gen-text, in the site's language), the plural form chosen by Intl.PluralRules. */
const form = document.querySelector(".search-form");
const input = form.querySelector("input[name=q]");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const bundleUrl = new URL(form.getAttribute("data-bundle"), document.baseURI);
const MAX_RESULTS = 50;
const EXCERPT_WORDS = 30;
let pagefindPromise = null;
let latest = 0;

const TEXT = {
  searching: "Searching…",
  unavailable: "The search index could not be loaded. Search works when the site is served over http(s).",
  none: "No entries found for “{query}”.",
  found: { one: "{count} entry found for “{query}”.", other: "{count} entries found for “{query}”." },
  found_some: { one: "{count} entry found for “{query}”, showing the first {shown}.",
               other: "{count} entries found for “{query}”, showing the first {shown}." },
};
try {
  Object.assign(TEXT, JSON.parse(document.getElementById("site-gen-text").textContent));
} catch (error) { /* no words given: English */ }
const plurals = new Intl.PluralRules(document.documentElement.lang || "en");

/* The words for `key`, {name} filled from `values`; a count picks its plural form. */
function text(key, values = {}) {
  let words = TEXT[key];
  if (typeof words === "object") words = words[plurals.select(values.count)] || words.other;
  return words.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import(bundleUrl.href).then(async (pagefind) => {
      // Result URLs are root-relative; the site may live in a sub-folder of its host.
      await pagefind.options({ baseUrl: new URL("../", bundleUrl).pathname });
      await pagefind.init();
      return pagefind;
    });
  }
  return pagefindPromise;
}

/* The entries of one page that contain hits, each with its hit locations. */
function entryHits(data) {
  const articles = data.anchors.filter((a) => a.element === "article").sort((a, b) => a.location - b.location);
  const headings = new Map(data.anchors.filter((a) => /^h\d$/.test(a.element)).map((a) => [a.id, a.text || ""]));
  const times = new Map(data.anchors.filter((a) => a.element === "time").map((a) => [a.id, a.text || ""]));
  const found = new Map();
  for (const location of data.locations) {
    let article = null;
    for (const candidate of articles) {
      if (candidate.location <= location) article = candidate; else break;
    }
    if (!article) continue;
    if (!found.has(article.id)) {
      const next = articles[articles.indexOf(article) + 1];
      found.set(article.id, {
        id: article.id,
        start: article.location,
        end: next ? next.location : Infinity,
        heading: (headings.get("h-" + article.id) || "").trim(),
        time: (times.get("t-" + article.id) || "").trim(),
        locations: [],
      });
    }
    found.get(article.id).locations.push(location);
  }
  return [...found.values()];
}

/* Where the entry's text starts: just after the words of its heading. */
function bodyStart(words, hit) {
  const wanted = hit.heading.replace(/\s+/g, "").length;
  let seen = 0;
  let i = hit.start;
  while (i < hit.end && i < words.length && seen < wanted) seen += words[i++].replace(/[.]$/, "").length;
  return i;
}

function excerptNode(words, hit) {
  const from = bodyStart(words, hit);
  const first = hit.locations.find((l) => l >= from) ?? from;
  const start = Math.max(from, first - Math.floor(EXCERPT_WORDS / 3));
  const end = Math.min(hit.end, words.length, start + EXCERPT_WORDS);
  const marked = new Set(hit.locations);
  const p = document.createElement("p");
  p.className = "result-excerpt";
  if (start > from) p.append("… ");
  for (let i = start; i < end; i++) {
    if (marked.has(i)) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      p.append(mark);
    } else {
      p.append(words[i]);
    }
    if (i + 1 < end) p.append(" ");
  }
  if (end < hit.end && end < words.length) p.append(" …");
  return p;
}

function resultItem(page, hit, words) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url.split("#")[0] + "#" + encodeURIComponent(hit.id);
  // The heading reads "8:56 pm Headline" (or "20:56 Headline"): the time as shown, which the
  // page also gives on its own (the <time id="t-ANCHOR">), then the headline.
  const shown = hit.time && hit.heading.startsWith(hit.time) ? hit.time : "";
  const headline = (shown ? hit.heading.slice(shown.length) : hit.heading).trim() || hit.id;
  const time = document.createElement("span");
  time.className = "result-time";
  time.textContent = shown;
  const title = document.createElement("span");
  title.className = "result-title";
  title.textContent = headline;
  link.append(time, shown ? " " : "", title);
  li.append(link);
  const blog = document.createElement("p");
  blog.className = "result-blog";
  blog.textContent = page.meta.title || "";
  li.append(blog, excerptNode(words, hit));
  return li;
}

async function run(term) {
  const query = term.trim();
  const ticket = ++latest;
  list.replaceChildren();
  if (!query) {
    status.textContent = "";
    return;
  }
  status.textContent = text("searching");
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch (error) {
    status.textContent = text("unavailable");
    return;
  }
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.map((r) => r.data()));
  if (ticket !== latest) return; // a newer search has started
  const items = [];
  for (const page of pages) {
    const words = page.content.split(/\s+/);
    for (const hit of entryHits(page)) items.push({ page, hit, words });
  }
  items.sort((a, b) => b.hit.locations.length - a.hit.locations.length);
  const shown = items.slice(0, MAX_RESULTS);
  for (const item of shown) list.append(resultItem(item.page, item.hit, item.words));
  const count = items.length;
  status.textContent = count === 0
    ? text("none", { query })
    : text(count > shown.length ? "found_some" : "found", { count, query, shown: shown.length });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
