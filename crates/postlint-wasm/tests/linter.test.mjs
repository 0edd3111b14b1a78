// Tests of the built package (pkg/, made by scripts/build.sh) through its
// public JavaScript API, with Node's built-in runner:
//
//   node --test tests/
//
// Built-in rule packs are being extended all the time, so tests of built-in
// findings look for specific, unambiguous findings by their text; exact
// assertions use the small custom pack below.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { Linter } from "../pkg/node.js";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "..", "pkg");
const repoRoot = join(here, "..", "..", "..");

const TRUST_PACK = `
[pack]
id = "my-trust"
title = "St Elsewhere NHS Trust"

[[source]]
id = "trust-policy"
title = "Social media policy"
publisher = "St Elsewhere NHS Trust"
url = "https://example.invalid/policy"
year = 2024

[[rule]]
id = "ward-codename"
title = "Internal ward codename"
severity = "warning"
message = "'{match}' is an internal name; do not use it in public posts."
explain = "Internal codenames identify the ward to anyone who works here."
sources = ["trust-policy"]
terms = ["bluebell unit"]
fix = "[ward]"
examples.flag = ["Busy night on Bluebell Unit"]
examples.pass = ["Bluebells are out in the park"]
`;

const trustOnly = () => new Linter({ builtin: false, packs: [{ origin: "my-trust.toml", text: TRUST_PACK }] });

/** The 1-based line and code-point column of UTF-16 offset `start` in `text`. */
function lineColumn(text, start) {
  const before = text.slice(0, start);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

/** Applies fixes with UTF-16 offsets, earliest first, skipping overlaps (as the core does). */
function applyInJs(text, findings) {
  const fixes = findings.filter((f) => f.fix !== null).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let copied = 0;
  for (const f of fixes) {
    if (f.start < copied) continue;
    out += text.slice(copied, f.start) + f.fix;
    copied = f.end;
  }
  return out + text.slice(copied);
}

function assertConsistent(text, findings) {
  for (const f of findings) {
    assert.equal(text.slice(f.start, f.end), f.text, `slice of ${f.rule} at ${f.start}..${f.end}`);
    assert.deepEqual({ line: f.line, column: f.column }, lineColumn(text, f.start), `position of ${f.rule}`);
  }
}

/** Calls `f`, expects a PostlintError, and returns it. */
function postlintError(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error, "thrown value is an Error");
    assert.equal(e.name, "PostlintError");
    assert.equal(typeof e.origin, "string");
    assert.equal(typeof e.line, "number");
    assert.equal(typeof e.column, "number");
    assert.equal(typeof e.message, "string");
    assert.ok(Array.isArray(e.errors) && e.errors.length >= 1, "errors lists every mistake");
    for (const d of e.errors) {
      assert.deepEqual(Object.keys(d).sort(), ["column", "line", "message", "origin"]);
    }
    assert.deepEqual(
      { origin: e.origin, line: e.line, column: e.column },
      { origin: e.errors[0].origin, line: e.errors[0].line, column: e.errors[0].column },
      "the top-level position is the first mistake's",
    );
    return e;
  }
  assert.fail("expected a PostlintError");
}

/**
 * The 1-based line and column of the first occurrence of `needle` in `text`;
 * with `[needle, inner]`, of `inner` inside that occurrence.
 */
function where(text, at) {
  const [needle, inner] = Array.isArray(at) ? at : [at, at];
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} in text`);
  return lineColumn(text, i + needle.indexOf(inner));
}

describe("built-in packs", () => {
  const linter = new Linter();
  const draft = "Pt's NHS no is 401 023 2137, what a f*ck shift. Use code PHYSIO20 for 20% off";

  test("flags an NHS number, disguised swearing and a promo code, at the right characters", () => {
    const findings = linter.lint(draft);
    assertConsistent(draft, findings);
    const by = (text) => findings.find((f) => f.text === text);
    assert.equal(by("401 023 2137")?.category, "patient-identifiers");
    assert.equal(by("401 023 2137").start, draft.indexOf("401 023 2137"));
    assert.equal(by("f*ck")?.category, "swearing");
    assert.equal(by("f*ck").start, draft.indexOf("f*ck"));
    assert.equal(by("PHYSIO20")?.category, "conflicts-of-interest");
    assert.equal(by("PHYSIO20").end, draft.indexOf("PHYSIO20") + 8);
  });

  test("a finding has every documented field, with JSON-compatible values", () => {
    const f = linter.lint(draft).find((f) => f.text === "401 023 2137");
    assert.deepEqual(Object.keys(f).sort(), [
      "category", "column", "end", "fix", "line", "message", "rule", "severity", "sources", "start", "text",
    ]);
    assert.match(f.rule, /^patient-identifiers\/[a-z0-9-]+$/);
    assert.ok(["error", "warning", "info"].includes(f.severity));
    assert.ok(f.message.includes("401 023 2137"), f.message);
    assert.equal(typeof f.fix, "string");
    assert.ok(f.sources.length > 0 && f.sources.every((s) => typeof s === "string"));
    const promo = linter.lint(draft).find((f) => f.text === "PHYSIO20");
    assert.ok(promo.fix === null || typeof promo.fix === "string", "absent fix is null, not undefined");
  });

  test("a clean post and an empty post have no findings", () => {
    assert.deepEqual(linter.lint("Lovely morning on the ward, great teamwork from everyone."), []);
    assert.deepEqual(linter.lint(""), []);
  });

  test("the built-in categories are the contract's four", () => {
    const categories = new Set(linter.rules().map((r) => r.category));
    for (const c of ["patient-identifiers", "swearing", "conflicts-of-interest", "professionalism"]) {
      assert.ok(categories.has(c), c);
    }
  });

  test("every fixture draft gives findings whose offsets slice out their text", () => {
    const fixtures = join(repoRoot, "fixtures");
    const files = readdirSync(fixtures, { recursive: true }).filter((f) => f.endsWith(".txt"));
    assert.ok(files.length > 50, `found ${files.length} fixtures`);
    let findings = 0;
    for (const file of files) {
      const text = readFileSync(join(fixtures, file), "utf8");
      const found = linter.lint(text);
      findings += found.length;
      assertConsistent(text, found);
      assert.equal(linter.applyFixes(text), applyInJs(text, found), `fixes of ${file}`);
    }
    assert.ok(findings > 50, `${findings} findings in fixtures`);
  });

  test("styled and fullwidth letters are flagged where they were typed", () => {
    for (const word of ["𝐟𝐮𝐜𝐤", "ｆｕｃｋ", "sh1t"]) {
      const text = `👩🏽‍⚕️ what a ${word} day`;
      const found = linter.lint(text).filter((f) => f.category === "swearing");
      assert.equal(found.length, 1, word);
      assert.equal(found[0].text, word);
      assert.equal(text.slice(found[0].start, found[0].end), word);
      assert.equal(found[0].column, lineColumn(text, found[0].start).column);
    }
  });
});

describe("UTF-16 offsets, lines and columns", () => {
  const linter = trustOnly();
  const cases = {
    "after an emoji": "😍 Night on bluebell unit",
    "after a ZWJ emoji sequence with skin tone": "👩🏽‍⚕️👨‍👩‍👧 Night on bluebell unit",
    "after a flag": "🇬🇧 Night on bluebell unit",
    "after combining characters": "Cafe\u0301 and n\u0303 then bluebell unit",
    "after precomposed accents and CJK": "Café 夜勤 then bluebell unit",
    "after a lone surrogate": "\uD83D bluebell unit",
    "on a later line, after CRLF": "Hello 😍\r\nsecond line\r\n   bluebell unit 🙂",
    "inside astral text": "𝐀𝐁 bluebell unit 𝐂𝐃",
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const [f] = linter.lint(text);
      assert.ok(f, "one finding");
      assert.equal(f.start, text.indexOf("bluebell unit"));
      assert.equal(f.end, f.start + "bluebell unit".length);
      assert.equal(text.slice(f.start, f.end), "bluebell unit");
      assertConsistent(text, [f]);
    });
  }

  test("columns count code points, not UTF-16 units", () => {
    const [f] = linter.lint("😍😍 bluebell unit");
    assert.deepEqual([f.start, f.line, f.column], [5, 1, 4]);
  });

  test("lines count from 1, and CRLF is one line break", () => {
    const [f] = linter.lint("a\r\nb\r\nbluebell unit");
    assert.deepEqual([f.line, f.column], [3, 1]);
  });
});

describe("custom packs and configuration", () => {
  test("a custom pack alone gives exactly its findings", () => {
    const text = "Night on Bluebell Unit 😍 and bluebell unit";
    assert.deepEqual(trustOnly().lint(text), [
      {
        rule: "my-trust/ward-codename",
        category: "my-trust",
        severity: "warning",
        message: "'Bluebell Unit' is an internal name; do not use it in public posts.",
        start: 9,
        end: 22,
        line: 1,
        column: 10,
        text: "Bluebell Unit",
        fix: "[ward]",
        sources: ["trust-policy"],
      },
      {
        rule: "my-trust/ward-codename",
        category: "my-trust",
        severity: "warning",
        message: "'bluebell unit' is an internal name; do not use it in public posts.",
        start: 30,
        end: 43,
        line: 1,
        column: 30,
        text: "bluebell unit",
        fix: "[ward]",
        sources: ["trust-policy"],
      },
    ]);
  });

  test("a bare pack string works, and is added to the built-in packs", () => {
    const linter = new Linter({ packs: [TRUST_PACK] });
    const categories = linter.lint("bluebell unit, what a sh1t night").map((f) => f.category);
    assert.deepEqual(categories.sort(), ["my-trust", "swearing"]);
  });

  test("without built-ins and packs nothing is flagged", () => {
    const linter = new Linter({ builtin: false });
    assert.deepEqual(linter.rules(), []);
    assert.deepEqual(linter.lint("NHS no 401 023 2137, sh1t"), []);
  });

  test("config: select", () => {
    const linter = new Linter({ packs: [TRUST_PACK], config: 'select = ["my-trust"]' });
    assert.deepEqual(linter.lint("bluebell unit, sh1t, NHS no 401 023 2137").map((f) => f.rule), [
      "my-trust/ward-codename",
    ]);
  });

  test("config: ignore, and rules() says which rules run", () => {
    const linter = new Linter({ packs: [TRUST_PACK], config: 'ignore = ["swearing"]' });
    assert.ok(!linter.lint("what a sh1t day").some((f) => f.category === "swearing"));
    const rules = linter.rules();
    assert.ok(rules.filter((r) => r.category === "swearing").every((r) => !r.enabled));
    assert.equal(rules.find((r) => r.id === "my-trust/ward-codename").enabled, true);
  });

  test("config: severity override", () => {
    const linter = new Linter({
      builtin: false,
      packs: [TRUST_PACK],
      config: '[severity]\n"my-trust/ward-codename" = "error"\n',
    });
    assert.equal(linter.lint("bluebell unit")[0].severity, "error");
  });

  test("config: allow", () => {
    const linter = new Linter({ builtin: false, packs: [TRUST_PACK], config: 'allow = ["bluebell unit"]' });
    assert.deepEqual(linter.lint("Night on bluebell unit"), []);
  });

  test("config: builtin = false turns the built-in packs off", () => {
    const linter = new Linter({ packs: [TRUST_PACK], config: { origin: "team.toml", text: "builtin = false" } });
    assert.deepEqual(linter.rules().map((r) => r.id), ["my-trust/ward-codename"]);
  });

  test("rules(): every loaded rule with its sources", () => {
    assert.deepEqual(trustOnly().rules(), [
      {
        id: "my-trust/ward-codename",
        category: "my-trust",
        title: "Internal ward codename",
        severity: "warning",
        message: "'{match}' is an internal name; do not use it in public posts.",
        fix: "[ward]",
        sources: [
          {
            id: "trust-policy",
            title: "Social media policy",
            publisher: "St Elsewhere NHS Trust",
            url: "https://example.invalid/policy",
            year: 2024,
          },
        ],
        enabled: true,
      },
    ]);
  });

  test("explain(): explanation, examples and sources", () => {
    const e = trustOnly().explain("my-trust/ward-codename");
    assert.equal(e.explanation, "Internal codenames identify the ward to anyone who works here.");
    assert.deepEqual(e.examples, { flag: ["Busy night on Bluebell Unit"], pass: ["Bluebells are out in the park"] });
    assert.equal(e.sources[0].title, "Social media policy");
    assert.equal(e.id, "my-trust/ward-codename");
    assert.equal(e.enabled, true);
  });

  test("explain(): a built-in rule, and undefined for an unknown id", () => {
    const linter = new Linter();
    const id = linter.lint("NHS no 401 023 2137").find((f) => f.category === "patient-identifiers").rule;
    const e = linter.explain(id);
    assert.ok(e.explanation.length > 50);
    assert.ok(e.examples.flag.length > 0 && e.examples.pass.length > 0);
    assert.ok(e.sources.length > 0 && e.sources.every((s) => s.title));
    assert.equal(linter.explain("no-such/rule"), undefined);
    assert.equal(linter.explain(""), undefined);
  });
});

describe("fixes", () => {
  test("applyFixes replaces every flagged span that has a fix", () => {
    assert.equal(trustOnly().applyFixes("Night on Bluebell Unit 😍 and bluebell unit"), "Night on [ward] 😍 and [ward]");
  });

  test("applyFixes with built-in packs redacts the NHS number and the swearing", () => {
    const linter = new Linter();
    const draft = "Pt's NHS no is 401 023 2137, what a f*ck shift 😍 Use code PHYSIO20 for 20% off";
    const fixed = linter.applyFixes(draft);
    assert.ok(!fixed.includes("401 023 2137"), fixed);
    assert.ok(!fixed.includes("f*ck"), fixed);
    assert.ok(fixed.includes("😍"), fixed);
    assert.equal(fixed, applyInJs(draft, linter.lint(draft)));
  });

  test("applyFixes leaves a clean draft unchanged", () => {
    const clean = "Proud of the team today 💙";
    assert.equal(new Linter().applyFixes(clean), clean);
  });
});

describe("errors", () => {
  const pack = (rule, extra = "") => `[pack]
id = "t"
title = "T"
${extra}
[[source]]
id = "s"
title = "S"

[[rule]]
id = "r"
title = "R"
severity = "warning"
message = "m"
explain = "e"
sources = ["s"]
examples.flag = ["bluebell unit"]
examples.pass = ["daffodils"]
${rule}
`;
  const good = pack('terms = ["bluebell unit"]');

  test("the good pack used below is valid", () => {
    assert.equal(new Linter({ builtin: false, packs: [good] }).lint("bluebell unit").length, 1);
  });

  const cases = [
    ["invalid TOML (at the missing `]`)", "[pack\nid = 1", ["[pack\n", "\n"], /invalid TOML/],
    ["unknown key, with a suggestion", good.replace('title = "R"', 'titel = "R"'), "titel", /unknown key `titel`.*did you mean `title`/],
    ["wrong type", good.replace('severity = "warning"', "severity = 3"), ["severity = 3", "3"], /severity/],
    ["invalid severity", good.replace('severity = "warning"', 'severity = "fatal"'), '"fatal"', /severity/],
    ["invalid pattern", pack('pattern = "(unclosed"'), '"(unclosed"', /invalid pattern/],
    ["unknown validator", pack('pattern = "\\\\d+"\nvalidate = "nhs-nmuber"'), '"nhs-nmuber"', /unknown validator/],
    ["unknown source", good.replace('sources = ["s"]', 'sources = ["hcpc"]'), '"hcpc"', /unknown source `hcpc`/],
    ["no trigger", pack(""), null, /no trigger/],
    ["terms file in a text pack", pack('terms-file = "words.txt"'), '"words.txt"', /terms file `words.txt`/],
    ["example not flagged", good.replace('examples.flag = ["bluebell unit"]', 'examples.flag = ["tulips"]'), '"tulips"', /not flagged/],
    ["example flagged", good.replace('examples.pass = ["daffodils"]', 'examples.pass = ["bluebell unit ward"]'), '"bluebell unit ward"', /should pass/],
    ["missing key", good.replace('explain = "e"\n', ""), null, /missing the required key `explain`/],
  ];
  for (const [name, text, at, message] of cases) {
    test(`pack: ${name}`, () => {
      const e = postlintError(() => new Linter({ builtin: false, packs: [{ origin: "trust.toml", text }] }));
      assert.equal(e.origin, "trust.toml");
      assert.ok(e.errors.some((d) => message.test(d.message)), `${JSON.stringify(e.errors)} matches ${message}`);
      const d = e.errors.find((d) => message.test(d.message));
      assert.ok(d.line >= 1 && d.column >= 1, "the mistake has a position");
      if (at) assert.deepEqual({ line: d.line, column: d.column }, where(text, at), `position of ${at}`);
      assert.ok(e.message.includes(`trust.toml:${d.line}:${d.column}: ${d.message}`), e.message);
    });
  }

  test("pack: a bare string is named packs[i]", () => {
    const e = postlintError(() => new Linter({ builtin: false, packs: [good, "[pack"] }));
    assert.equal(e.origin, "packs[1]");
    assert.deepEqual([e.line, e.column], [1, 6]);
  });

  test("pack: every mistake is reported at once", () => {
    const text = good.replace('title = "R"', 'titel = "R"').replace('sources = ["s"]', 'sources = ["x"]');
    const e = postlintError(() => new Linter({ builtin: false, packs: [{ origin: "p.toml", text }] }));
    assert.ok(e.errors.length >= 2, JSON.stringify(e.errors));
    assert.equal(e.message.split("\n").length, e.errors.length);
  });

  test("pack: a rule id already loaded is a duplicate", () => {
    const e = postlintError(() => new Linter({ builtin: false, packs: [good, { origin: "again.toml", text: good }] }));
    assert.equal(e.origin, "again.toml");
    assert.match(e.errors[0].message, /duplicate rule id `t\/r`/);
    assert.ok(e.line >= 1);
  });

  test("pack: pathologically deep nesting is an error, not a crash", () => {
    const deep = "a = " + "[".repeat(100_000) + "]".repeat(100_000);
    const e = postlintError(() => new Linter({ packs: [deep] }));
    assert.match(e.message, /invalid TOML/);
    const tables = "a = " + "{b=".repeat(20_000) + "1" + "}".repeat(20_000);
    postlintError(() => new Linter({ packs: [tables] }));
  });

  test("config: unknown key and invalid value, both reported with positions", () => {
    const text = 'selct = ["swearing"]\nfail-on = "sometimes"\n';
    const e = postlintError(() => new Linter({ config: text }));
    assert.equal(e.origin, "postlint.toml");
    assert.deepEqual(
      e.errors.map((d) => [d.line, d.column]),
      [
        [1, 1],
        [2, 11],
      ],
    );
    assert.match(e.errors[0].message, /unknown key `selct`.*did you mean `select`/);
    assert.match(e.errors[1].message, /fail-on/);
  });

  test("config: a rule that is not loaded, with a suggestion", () => {
    const text = 'ignore = ["swaering"]';
    const e = postlintError(() => new Linter({ config: { origin: "team/postlint.toml", text } }));
    assert.equal(e.origin, "team/postlint.toml");
    assert.deepEqual([e.line, e.column], [1, 11]);
    assert.match(e.errors[0].message, /no loaded rule matches `swaering`.*did you mean `swearing`/);
  });

  test("config: invalid severity override", () => {
    const e = postlintError(() => new Linter({ config: '[severity]\nswearing = "loud"' }));
    assert.deepEqual([e.line, e.column], [2, 12]);
  });

  test("config: invalid TOML", () => {
    const e = postlintError(() => new Linter({ config: "select = [" }));
    assert.equal(e.line, 1);
    assert.match(e.message, /invalid TOML/);
  });

  const optionCases = [
    ["not an object", "hello", /options must be an object/],
    ["an array", [], /options must be an object/],
    ["an unknown option", { pack: [] }, /unknown option `pack`/],
    ["builtin not a boolean", { builtin: "no" }, /`builtin` must be true or false, not a string/],
    ["packs not an array", { packs: "x" }, /`packs` must be an array/],
    ["a pack of the wrong type", { packs: [42] }, /`packs\[0\]` must be a TOML string/],
    ["a named pack without text", { packs: [{ origin: "a.toml" }] }, /`packs\[0\]` must have the string properties `origin` and `text`/],
    ["config of the wrong type", { config: 1 }, /`config` must be a TOML string/],
  ];
  for (const [name, options, message] of optionCases) {
    test(`options: ${name}`, () => {
      const e = postlintError(() => new Linter(options));
      assert.deepEqual([e.origin, e.line, e.column], ["options", 0, 0]);
      assert.match(e.errors[0].message, message);
    });
  }

  test("options: undefined and null mean the defaults", () => {
    for (const options of [undefined, null, {}, { builtin: undefined, packs: null, config: undefined }]) {
      assert.ok(new Linter(options).rules().length > 0);
    }
  });

  test("lint and applyFixes throw a TypeError for a non-string", () => {
    const linter = trustOnly();
    for (const bad of [42, undefined, null, {}, ["bluebell unit"]]) {
      assert.throws(() => linter.lint(bad), TypeError);
      assert.throws(() => linter.applyFixes(bad), TypeError);
    }
  });

  test("after every error above, the module still works", () => {
    assert.equal(trustOnly().lint("bluebell unit").length, 1);
    assert.ok(new Linter().lint("sh1t").length >= 1);
  });

  test("a long, odd draft does not crash", () => {
    const linter = new Linter();
    const odd = "\u0000\uFFFF\uD800 𝐟𝐮𝐜𝐤 ".repeat(2_000) + "a".repeat(200_000) + " 401 023 2137";
    const found = linter.lint(odd);
    assertConsistent(odd, found);
    assert.ok(found.some((f) => f.text === "401 023 2137"));
  });
});

describe("package", () => {
  test("package.json points Node and browsers at their entry points", () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    assert.equal(pkg.type, "module");
    assert.equal(pkg.exports["."].node, "./node.js");
    assert.equal(pkg.exports["."].default, "./index.js");
    for (const file of pkg.files) assert.ok(existsSync(join(pkgDir, file)), file);
  });

  test("TypeScript declarations describe the API", () => {
    const dts = readFileSync(join(pkgDir, "postlint_wasm.d.ts"), "utf8");
    for (const line of [
      "constructor(options?: LinterOptions | null);",
      "lint(text: string): Finding[];",
      "applyFixes(text: string): string;",
      "rules(): RuleInfo[];",
      "explain(id: string): Explanation | undefined;",
      "export interface Finding {",
      "export interface PostlintError extends Error",
    ]) {
      assert.ok(dts.includes(line), line);
    }
  });

  test("import 'postlint-wasm' resolves to the Node entry point", () => {
    const dir = mkdtempSync(join(tmpdir(), "postlint-wasm-"));
    try {
      mkdirSync(join(dir, "node_modules"));
      symlinkSync(pkgDir, join(dir, "node_modules", "postlint-wasm"), "dir");
      const script = `import { Linter } from "postlint-wasm"; console.log(new Linter().lint("sh1t")[0].category);`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
      assert.equal(out.trim(), "swearing");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
