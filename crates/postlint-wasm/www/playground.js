// The postlint playground: lints the draft on every keystroke with the wasm
// package (./pkg, copied here by scripts/build.sh) and shows the findings
// inline and in a list. The draft never leaves the page: there is no network
// code here, and the page's Content-Security-Policy forbids sending anything.
import { Linter } from "./pkg/index.js";

const $ = (id) => document.getElementById(id);
const draft = $("draft");
const highlights = $("highlights");
const list = $("findings");
const empty = $("empty");
const summary = $("summary");
const count = $("count");
const redact = $("redact");
const undo = $("undo");

const EXAMPLE =
  "Long night on Ward 7. Pt's NHS no is 401 023 2137 if day shift needs it 🙏\n" +
  "What a f*cking rota this month. Off to the gym: use code PHYSIO20 for 20% off the bands I use with clients!";

const SAMPLE_PACK = `[pack]
id = "my-trust"
title = "St Elsewhere NHS Trust"

[[source]]
id = "trust-policy"
title = "Social media policy"
publisher = "St Elsewhere NHS Trust"

[[rule]]
id = "ward-codename"
title = "Internal ward codename"
severity = "warning"
message = "'{match}' is an internal name; do not use it in public posts."
explain = "Internal codenames identify the ward to anyone who works here."
sources = ["trust-policy"]
terms = ["bluebell unit"]
fix = "[our ward]"
examples.flag = ["Busy night on Bluebell Unit"]
examples.pass = ["Bluebells are out in the park"]
`;

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Info" };

let linter = null;
/** Rule id → rule info (title, sources with titles), for the findings list. */
let rulesById = new Map();
let findings = [];
/** Rules whose explanation the user opened; kept open while they type. */
const openExplanations = new Set();
let beforeRedact = null;
let lastSummary = "";

const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

function characterCount(text) {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : /(s|x|ch|sh)$/.test(word) ? "es" : "s"}`;
}

function categoryLabel(category) {
  const words = category.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-") || key.startsWith("aria-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function setLinter(next) {
  if (linter) linter.free();
  linter = next;
  rulesById = new Map(linter.rules().map((rule) => [rule.id, rule]));
  const enabled = [...rulesById.values()].filter((r) => r.enabled);
  const packs = new Set(enabled.map((r) => r.category));
  $("about").textContent = `postlint: ${plural(enabled.length, "rule")} in ${plural(packs.size, "pack")}, running on this device.`;
}

// --- rendering ---------------------------------------------------------------

/** Splits the draft at every finding boundary and wraps flagged pieces in <mark>. */
function renderHighlights(text) {
  const fragment = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  for (const f of findings) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = findings.filter((f) => f.start <= a && b <= f.end);
    if (covering.length === 0) {
      fragment.append(piece);
      continue;
    }
    const worst = covering.reduce((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w.severity] ? f : w));
    fragment.append(
      el(
        "mark",
        {
          class: `sev-${worst.severity}`,
          "data-start": String(a),
          "data-end": String(b),
          "data-findings": covering.map((f) => findings.indexOf(f)).join(" "),
        },
        piece,
      ),
    );
  }
  // A trailing newline needs something after it to take up its line.
  if (text.endsWith("\n") || text === "") fragment.append("\u200b");
  highlights.replaceChildren(fragment);
}

/** The guidance a rule rests on, as plain text (links are in the explanation, to keep tab stops few). */
function guidance(rule) {
  if (!rule || rule.sources.length === 0) return null;
  const names = rule.sources.map((s) => (s.publisher ? `${s.title} (${s.publisher}${s.year ? `, ${s.year}` : ""})` : s.title));
  return el("p", { class: "guidance" }, "Guidance: ", names.join("; "));
}

function sourceLinks(sources) {
  if (sources.length === 0) return [];
  return [
    el("h3", {}, "Read the guidance"),
    el(
      "ul",
      {},
      ...sources.map((s) =>
        el(
          "li",
          {},
          s.url ? el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.title) : s.title,
          s.publisher ? `, ${s.publisher}` : "",
          s.year ? ` (${s.year})` : "",
        ),
      ),
    ),
  ];
}

function explanationPanel(ruleId) {
  const e = linter.explain(ruleId);
  if (!e) return el("div", { class: "explanation" }, "No explanation is available for this rule.");
  const examples = (title, texts) =>
    texts.length ? [el("h3", {}, title), el("ul", {}, ...texts.map((t) => el("li", {}, t)))] : [];
  return el(
    "div",
    { class: "explanation", id: `explain-${cssId(ruleId)}` },
    // Blank lines separate paragraphs; single line breaks are the rule file's wrapping.
    ...e.explanation
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((p) => el("p", {}, p.replace(/\s*\n\s*/g, " ").trim())),
    ...examples("Flagged, for example", e.examples.flag),
    ...examples("Fine, for example", e.examples.pass),
    ...sourceLinks(e.sources),
  );
}

function cssId(ruleId) {
  return ruleId.replace(/[^a-z0-9]+/gi, "-");
}

function renderFindings(text) {
  list.replaceChildren(
    ...findings.map((f, index) => {
      const rule = rulesById.get(f.rule);
      const open = openExplanations.has(f.rule);
      const explainButton = el(
        "button",
        { type: "button", class: "explain", "aria-expanded": String(open) },
        open ? "Hide explanation" : "Why this matters",
      );
      const item = el(
        "li",
        {
          class: `finding sev-${f.severity}`,
          "data-rule": f.rule,
          "data-category": f.category,
          "data-start": String(f.start),
          "data-end": String(f.end),
          "data-index": String(index),
        },
        el(
          "div",
          { class: "finding-head" },
          el("span", { class: "badge" }, SEVERITY_LABEL[f.severity] ?? f.severity),
          el("span", { class: "category" }, categoryLabel(f.category)),
          el("span", { class: "where" }, `line ${f.line}, column ${f.column}`),
        ),
        el("p", { class: "message" }, f.message),
        el(
          "p",
          { class: "meta" },
          "Rule ",
          el("code", {}, f.rule),
          rule?.title ? ` (${rule.title})` : "",
          f.fix !== null ? el("span", {}, " · Redact gives ", el("q", {}, f.fix)) : "",
        ),
        guidance(rule),
        el(
          "div",
          { class: "finding-actions" },
          el("button", { type: "button", class: "show", "aria-label": `Select “${f.text}” in the draft` }, "Show in draft"),
          explainButton,
        ),
        open ? explanationPanel(f.rule) : null,
      );
      if (open) explainButton.setAttribute("aria-controls", `explain-${cssId(f.rule)}`);
      return item;
    }),
  );
  empty.hidden = findings.length > 0;
  empty.textContent = text.trim() === "" ? "Nothing to report yet." : "No problems found.";
}

function renderSummary(text) {
  const fixes = findings.filter((f) => f.fix !== null).length;
  redact.disabled = fixes === 0;
  redact.textContent = fixes === 0 ? "Redact" : `Redact (${plural(fixes, "fix")})`;
  const counts = ["error", "warning", "info"]
    .map((s) => [s, findings.filter((f) => f.severity === s).length])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => (s === "info" ? `${n} info` : plural(n, s)));
  const message =
    text.trim() === ""
      ? "Type or paste a draft to check it."
      : findings.length === 0
        ? "No problems found."
        : `${plural(findings.length, "finding")}: ${counts.join(", ")}.`;
  // Only touch the live region when the message changes, so a screen reader
  // is not interrupted on every keystroke.
  if (message !== lastSummary) {
    summary.textContent = message;
    lastSummary = message;
  }
  const chars = characterCount(text);
  count.textContent = `${plural(chars, "character")}`;
}

function autosize() {
  draft.style.height = "auto";
  draft.style.height = `${draft.scrollHeight + 4}px`; // + the 2px borders
}

function update() {
  const text = draft.value;
  findings = linter.lint(text);
  autosize();
  renderHighlights(text);
  renderFindings(text);
  renderSummary(text);
  markActive();
}

/** Outlines the finding (in the list and the draft) under the caret. */
function markActive() {
  const caret = draft.selectionStart;
  const inDraft = document.activeElement === draft;
  const active = new Set(
    inDraft ? findings.map((f, i) => (f.start <= caret && caret <= f.end ? i : -1)).filter((i) => i >= 0) : [],
  );
  for (const item of list.children) item.classList.toggle("active", active.has(Number(item.dataset.index)));
  for (const mark of highlights.querySelectorAll("mark")) {
    const ids = mark.dataset.findings.split(" ").map(Number);
    mark.classList.toggle("active", ids.some((i) => active.has(i)));
  }
}

let scheduled = false;
function scheduleUpdate() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    update();
  });
}

// --- events --------------------------------------------------------------------

function setDraft(text) {
  draft.value = text;
  update();
}

draft.addEventListener("input", () => {
  if (beforeRedact !== null) {
    beforeRedact = null;
    undo.hidden = true;
  }
  update(); // synchronous, so highlights never lag the text
});
draft.addEventListener("scroll", () => {
  highlights.parentElement.scrollTop = draft.scrollTop;
});
for (const type of ["keyup", "click", "focus", "blur", "select"]) draft.addEventListener(type, markActive);
window.addEventListener("resize", scheduleUpdate);

redact.addEventListener("click", () => {
  const text = draft.value;
  const fixed = linter.applyFixes(text);
  if (fixed === text) return;
  const applied = findings.filter((f) => f.fix !== null).length;
  beforeRedact = text;
  setDraft(fixed);
  undo.hidden = false;
  summary.textContent = lastSummary = `Redacted ${plural(applied, "finding")}. ${summaryCounts()}`;
  draft.focus();
});

function summaryCounts() {
  return findings.length === 0 ? "No problems left." : `${plural(findings.length, "finding")} left to review.`;
}

undo.addEventListener("click", () => {
  if (beforeRedact === null) return;
  const text = beforeRedact;
  beforeRedact = null;
  undo.hidden = true;
  setDraft(text);
  draft.focus();
});

$("example").addEventListener("click", () => {
  setDraft(EXAMPLE);
  draft.focus();
});

$("clear").addEventListener("click", () => {
  setDraft("");
  draft.focus();
});

list.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  const item = event.target.closest(".finding");
  if (!button || !item) return;
  const f = findings[Number(item.dataset.index)];
  if (!f) return;
  if (button.classList.contains("show")) {
    draft.focus();
    draft.setSelectionRange(f.start, f.end);
    markActive();
  } else if (button.classList.contains("explain")) {
    if (openExplanations.has(f.rule)) openExplanations.delete(f.rule);
    else openExplanations.add(f.rule);
    renderFindings(draft.value);
    markActive();
    // Keep keyboard focus on the same button after the list is rebuilt.
    list.querySelector(`.finding[data-index="${item.dataset.index}"] button.explain`)?.focus();
  }
});

// --- custom rules --------------------------------------------------------------

const customErrors = $("custom-errors");
const customStatus = $("custom-status");

function applyCustomRules() {
  const pack = $("pack").value;
  const config = $("config").value;
  const options = {
    builtin: $("builtin").checked,
    packs: pack.trim() ? [{ origin: "my-pack.toml", text: pack }] : [],
    config: config.trim() ? { origin: "postlint.toml", text: config } : undefined,
  };
  try {
    setLinter(new Linter(options));
  } catch (error) {
    const details = Array.isArray(error.errors) ? error.errors : [{ origin: "", line: 0, column: 0, message: String(error.message ?? error) }];
    customErrors.replaceChildren(
      ...details.map((d) =>
        el("li", {}, el("code", {}, d.line ? `${d.origin}:${d.line}:${d.column}` : d.origin), " ", d.message),
      ),
    );
    customStatus.textContent = `Not applied: ${plural(details.length, "mistake")} to fix. The previous rules are still in use.`;
    return;
  }
  customErrors.replaceChildren();
  const enabled = [...rulesById.values()].filter((r) => r.enabled).length;
  customStatus.textContent = `Applied: ${plural(enabled, "rule")} running.`;
  update();
}

$("apply").addEventListener("click", applyCustomRules);
$("sample-pack").addEventListener("click", () => {
  $("pack").value = SAMPLE_PACK;
  $("pack").focus();
});

// --- start -----------------------------------------------------------------------

try {
  setLinter(new Linter());
  for (const control of [draft, $("example"), $("clear")]) control.disabled = false;
  update();
  document.documentElement.dataset.ready = "true";
} catch (error) {
  summary.textContent = `The checker could not start: ${error.message}`;
  throw error;
}
