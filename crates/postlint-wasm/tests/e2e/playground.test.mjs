// End-to-end test of the playground in a real browser: serves www/ on
// 127.0.0.1, drives Debian's Chromium with playwright-core, types a draft,
// and checks highlights, findings, explanations, Redact, keyboard use, phone
// width and that no request left localhost. Saves screenshots to
// test-results/. Needs /usr/bin/chromium and `npm ci` (scripts/test.sh does both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serve } from "./server.mjs";
import { Linter } from "../../pkg/node.js";

const crate = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const results = join(crate, "test-results");
const CHROMIUM = process.env.POSTLINT_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// An NHS number (valid check digit, issued range), disguised swearing and a promo code.
const DRAFT =
  "Long night on the ward 😴 Pt's NHS no is 401 023 2137 if day shift needs it.\n" +
  "What a f*ck of a rota. Use code PHYSIO20 for 20% off the bands I use!";
const EXPECTED = [
  { text: "401 023 2137", category: "patient-identifiers" },
  { text: "f*ck", category: "swearing" },
  { text: "PHYSIO20", category: "conflicts-of-interest" },
];

let server;
let browser;
/** Every URL any page asked for, and those that were not on our server. */
const requested = [];
const outside = [];

before(async () => {
  mkdirSync(results, { recursive: true });
  server = await serve(join(crate, "www"));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport) {
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  const errors = [];
  // Record every request; refuse (and remember) anything not on our server.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith(server.url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !outside.includes(url)) outside.push(url);
  });
  const page = await context.newPage();
  page.on("websocket", (ws) => outside.push(ws.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15_000 });
  return { context, page, errors };
}

/** Types the draft with real key presses, starting from keyboard focus on the page. */
async function typeDraft(page) {
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "draft", "Tab from the top reaches the draft first");
  await page.keyboard.type(DRAFT);
  await page.waitForFunction((n) => document.querySelectorAll("#findings .finding").length >= n, EXPECTED.length);
}

/** The findings list and highlights as plain data. */
function readPage(page) {
  return page.evaluate(() => ({
    value: document.getElementById("draft").value,
    findings: [...document.querySelectorAll("#findings .finding")].map((li) => ({
      rule: li.dataset.rule,
      category: li.dataset.category,
      start: Number(li.dataset.start),
      end: Number(li.dataset.end),
      severity: ["error", "warning", "info"].find((s) => li.classList.contains(`sev-${s}`)),
      text: li.textContent,
    })),
    marks: [...document.querySelectorAll("#highlights mark")].map((m) => ({
      start: Number(m.dataset.start),
      end: Number(m.dataset.end),
      text: m.textContent,
      severity: ["error", "warning", "info"].find((s) => m.classList.contains(`sev-${s}`)),
    })),
    highlightText: document.getElementById("highlights").textContent.replace(/\u200b$/, ""),
    count: document.getElementById("count").textContent,
    summary: document.getElementById("summary").textContent,
  }));
}

test("the playground highlights, lists, explains and redacts a draft", async () => {
  const { context, page, errors } = await open({ width: 1280, height: 900 });
  await typeDraft(page);
  const state = await readPage(page);
  const linter = new Linter();
  const expectedFindings = linter.lint(DRAFT);

  assert.equal(state.value, DRAFT);
  assert.equal(state.highlightText, DRAFT, "the highlight layer holds exactly the draft");

  for (const { text, category } of EXPECTED) {
    const start = DRAFT.indexOf(text);
    const end = start + text.length;
    const finding = state.findings.find((f) => f.category === category && f.start === start && f.end === end);
    assert.ok(finding, `a ${category} finding at ${start}..${end} (${text}): ${JSON.stringify(state.findings)}`);
    const expected = expectedFindings.find((f) => f.rule === finding.rule && f.start === start);
    assert.ok(finding.text.includes(expected.message), "the list shows the message");
    assert.ok(finding.text.includes(finding.rule), "the list shows the rule id");
    assert.ok(finding.text.toLowerCase().includes(finding.severity), "the list shows the severity");
    assert.ok(finding.text.includes("Guidance:"), "the list shows the guidance source");
    assert.equal(finding.severity, expected.severity);

    // The highlight marks covering this span: exactly its characters, coloured by severity.
    const marks = state.marks.filter((m) => m.start >= start && m.end <= end);
    assert.ok(marks.length >= 1, `highlight for ${text}`);
    assert.equal(marks.map((m) => m.text).join(""), text);
    assert.equal(marks[0].start, start);
    assert.equal(marks.at(-1).end, end);
    assert.ok(!state.marks.some((m) => m.start < start && m.end > start), "no mark straddles the start");
    assert.ok(marks.every((m) => ["error", "warning", "info"].includes(m.severity)));
    assert.ok(marks.some((m) => m.severity === expected.severity));
  }
  for (const m of state.marks) assert.equal(DRAFT.slice(m.start, m.end), m.text, "every mark is at its characters");

  // The highlight layer lays text out exactly like the textarea.
  const layout = await page.evaluate(() => {
    const a = document.getElementById("draft");
    const b = document.getElementById("highlights");
    const sa = getComputedStyle(a);
    const sb = getComputedStyle(b);
    const props = [
      "font-family", "font-size", "font-weight", "line-height", "letter-spacing", "word-spacing",
      "padding-top", "padding-left", "padding-right", "border-top-width", "border-left-width",
      "border-right-width", "white-space", "overflow-wrap", "word-break", "tab-size",
    ];
    return {
      different: props.filter((p) => sa.getPropertyValue(p) !== sb.getPropertyValue(p)),
      widths: [a.clientWidth, b.clientWidth],
      heights: [a.scrollHeight, b.scrollHeight],
      rects: [a.getBoundingClientRect().toJSON(), b.getBoundingClientRect().toJSON()],
    };
  });
  assert.deepEqual(layout.different, [], "text metrics match");
  assert.equal(layout.widths[0], layout.widths[1], "same content width");
  assert.ok(Math.abs(layout.heights[0] - layout.heights[1]) <= 1, `same content height ${layout.heights}`);
  assert.equal(layout.rects[0].left, layout.rects[1].left);
  assert.equal(layout.rects[0].top, layout.rects[1].top);

  // Character count: user-perceived characters (the emoji is one).
  const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(DRAFT)].length;
  assert.equal(state.count, `${graphemes} characters`);
  assert.match(state.summary, /finding/);

  // Explanation on demand, opened from the keyboard.
  const nhs = page.locator("#findings .finding[data-category='patient-identifiers']").first();
  const rule = await nhs.getAttribute("data-rule");
  await nhs.locator("button.explain").focus();
  await page.keyboard.press("Enter");
  const explanation = await page.locator("#findings .finding[data-category='patient-identifiers'] .explanation").first().textContent();
  const firstWords = linter.explain(rule).explanation.trim().split(/\s+/).slice(0, 6).join(" ");
  assert.ok(explanation.includes(firstWords), `explanation shows "${firstWords}"`);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("explain")), true, "focus stays");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "keyboard focus is visible");

  await page.screenshot({ path: join(results, "playground.png"), fullPage: true });

  // "Show in draft" selects the flagged characters.
  await nhs.locator("button.show").click();
  const selection = await page.evaluate(() => {
    const d = document.getElementById("draft");
    return [document.activeElement.id, d.value.slice(d.selectionStart, d.selectionEnd)];
  });
  assert.deepEqual(selection, ["draft", "401 023 2137"]);

  // Redact, from the keyboard: the fixes applied, exactly as the package applies them.
  await page.locator("#redact").focus();
  await page.keyboard.press("Enter");
  const redacted = await page.locator("#draft").inputValue();
  assert.equal(redacted, linter.applyFixes(DRAFT));
  assert.ok(!redacted.includes("401 023 2137") && !redacted.includes("f*ck"), redacted);
  assert.ok(redacted.includes("[NHS number removed]"), redacted);
  assert.ok(redacted.includes("😴") && redacted.includes("PHYSIO20"), "text without a fix is kept");
  const after = await readPage(page);
  assert.ok(!after.findings.some((f) => f.category === "patient-identifiers" || f.category === "swearing"));
  await page.screenshot({ path: join(results, "playground-redacted.png"), fullPage: true });

  // Undo brings the draft back.
  await page.locator("#undo").click();
  assert.equal(await page.locator("#draft").inputValue(), DRAFT);

  assert.deepEqual(errors, [], "no errors in the page");
  await context.close();
});

test("custom rules: mistakes are shown with positions; a good pack is applied", async () => {
  const { context, page, errors } = await open({ width: 1024, height: 800 });
  await page.locator("#custom summary").click();
  await page.locator("#pack").fill("[pack]\nid = 'x'\ntitel = 'X'\n");
  await page.locator("#apply").click();
  const shown = await page.locator("#custom-errors").textContent();
  assert.match(shown, /my-pack\.toml:3:1.*unknown key `titel`/s);

  await page.locator("#sample-pack").click();
  await page.locator("#apply").click();
  assert.equal(await page.locator("#custom-errors li").count(), 0);
  await page.locator("#draft").fill("Busy night on Bluebell Unit");
  await page.waitForSelector("#findings .finding[data-category='my-trust']");
  assert.equal(await page.locator("#highlights mark").first().textContent(), "Bluebell Unit");
  assert.deepEqual(errors, []);
  await context.close();
});

test("at phone width (375px) the page fits and works", async () => {
  const { context, page, errors } = await open({ width: 375, height: 812 });
  await typeDraft(page);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `no horizontal scrolling: ${widths}`);
  const state = await readPage(page);
  for (const { text } of EXPECTED) {
    assert.ok(state.marks.some((m) => m.text === text || DRAFT.slice(m.start, m.end) === text), text);
  }
  const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById("draft")).fontSize));
  assert.ok(fontSize >= 16, "the draft is readable (and phones do not zoom in on focus)");
  await page.screenshot({ path: join(results, "playground-phone.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard alone reaches every control, in order", async () => {
  const { context, page } = await open({ width: 1280, height: 900 });
  await page.locator("#draft").fill(DRAFT); // so Redact is enabled
  await page.locator("h1").click(); // start keyboard navigation from the top
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    order.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        const visible = getComputedStyle(el).outlineStyle !== "none" || el.id === "draft";
        return `${el.id || el.className || el.tagName}${visible ? "" : " (no focus ring)"}`;
      }),
    );
  }
  // The draft, its actions, then each finding's two buttons (no links in the way).
  assert.deepEqual(order, ["draft", "redact", "example", "clear", "show", "explain", "show", "explain"]);
  assert.ok(!order.some((name) => name.includes("no focus ring")), order.join(", "));
  await context.close();
});

test("no request left localhost", () => {
  assert.ok(requested.some((url) => url.endsWith("/pkg/postlint_wasm_bg.wasm")), "requests were recorded");
  assert.deepEqual(outside, [], `requests to elsewhere: ${outside.join(", ")}`);
  for (const url of requested) assert.ok(url.startsWith(server.url), url);
});
