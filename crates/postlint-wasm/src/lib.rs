//! postlint for JavaScript: a thin [wasm-bindgen] wrapper around the
//! [`postlint`] core, built into an ES module package by `scripts/build.sh`.
//!
//! This crate holds no linting logic. It only
//!
//! - reads the JavaScript options object into the core's inputs
//!   ([`postlint::linter_from_texts`]),
//! - turns core values ([`postlint::Diagnostic`], [`postlint::Rule`]) into
//!   plain JavaScript objects, with offsets in UTF-16 code units,
//! - turns [`postlint::FileErrors`] into JavaScript `Error`s that carry
//!   `origin`, `line`, `column` and `message`.
//!
//! Every exported function returns a `Result`, so a bad input becomes a
//! thrown `Error`, never a trap. A panic would still abort the instance
//! (`wasm32-unknown-unknown` has no unwinding); the hook installed at start
//! writes its message to `console.error` so such a bug is at least legible.
//!
//! The JavaScript API is described in `README.md` and in the TypeScript
//! declarations below.
//!
//! [wasm-bindgen]: https://rustwasm.github.io/docs/wasm-bindgen/

use js_sys::{Array, Error, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &str = r#"
/** A rule pack or configuration given as text, with the name used in errors. */
export interface NamedText {
  /** Where the text came from (a file name); errors name it. */
  origin: string;
  /** The TOML text. */
  text: string;
}

/** Options for `new Linter(options)`. */
export interface LinterOptions {
  /** Whether the built-in packs run (default true). A config's `builtin = false` also turns them off. */
  builtin?: boolean;
  /** Extra rule packs (TOML). A bare string is named `packs[i]` in errors. */
  packs?: (string | NamedText)[];
  /** The `postlint.toml` text. A bare string is named `postlint.toml` in errors. Its `rules` key is
   * not read here (the package reads no files): pass those packs' text in `packs`. */
  config?: string | NamedText;
}

export type Severity = "error" | "warning" | "info";

/** One finding in a draft. `text.slice(start, end)` is the flagged text. */
export interface Finding {
  /** Full rule id, `pack/rule`. */
  rule: string;
  /** The pack id: `patient-identifiers`, `swearing`, `conflicts-of-interest`, `professionalism`, or a custom pack's. */
  category: string;
  severity: Severity;
  /** What is wrong, with the match filled in. */
  message: string;
  /** Start offset in UTF-16 code units (JavaScript string indices). */
  start: number;
  /** End offset (exclusive) in UTF-16 code units. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, counted in Unicode characters (code points). */
  column: number;
  /** The flagged text, as written. */
  text: string;
  /** The replacement `applyFixes` puts in its place, or null. */
  fix: string | null;
  /** Ids of the guidance sources the rule rests on (see `rules()` / `explain()` for titles). */
  sources: string[];
}

/** A guidance document that rules rest on. */
export interface SourceInfo {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  year: number | null;
}

/** One loaded rule, as listed by `rules()`. */
export interface RuleInfo {
  id: string;
  category: string;
  title: string;
  /** Severity before context and configuration adjust it. */
  severity: Severity;
  /** Message template; `{match}` and `{term}` are filled in findings. */
  message: string;
  fix: string | null;
  sources: SourceInfo[];
  /** Whether the rule runs under the configuration. */
  enabled: boolean;
}

/** Everything about one rule, from `explain(id)`. */
export interface Explanation extends RuleInfo {
  /** Why it matters and what to do instead. */
  explanation: string;
  /** Drafts the rule flags and drafts it lets pass (checked when the pack loads). */
  examples: { flag: string[]; pass: string[] };
}

/** One mistake in a pack, the configuration or the options. */
export interface PostlintErrorDetail {
  /** The pack's or config's origin, or `options`. */
  origin: string;
  /** 1-based line in that text, or 0 when the mistake has no position. */
  line: number;
  /** 1-based column (in characters), or 0. */
  column: number;
  /** What is wrong, without the position. */
  message: string;
}

/**
 * What `new Linter()` throws for a malformed pack, configuration or options object:
 * an `Error` whose `name` is `PostlintError`, with the first mistake's `origin`, `line`
 * and `column`, every mistake in `errors`, and a `message` listing them all as
 * `origin:line:column: what`.
 */
export interface PostlintError extends Error, Omit<PostlintErrorDetail, "message"> {
  name: "PostlintError";
  errors: PostlintErrorDetail[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `LinterOptions | undefined` on the JavaScript side.
    #[wasm_bindgen(typescript_type = "LinterOptions")]
    pub type LinterOptions;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Makes a panic legible: its message goes to `console.error` before the
/// instance traps. Nothing is expected to panic; see the crate docs.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("postlint-wasm: internal error (please report): {info}"));
    }));
}

/// A compiled rule set. Build one, then call `lint` on every keystroke.
#[wasm_bindgen]
pub struct Linter {
    inner: postlint::Linter,
}

#[wasm_bindgen]
impl Linter {
    /// Compiles the built-in packs, `options.packs` and `options.config`.
    ///
    /// Throws a `PostlintError` listing every mistake when a pack, the
    /// configuration or the options object is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<LinterOptions>) -> Result<Linter, JsValue> {
        let options = Options::from_js(options.map(JsValue::from))?;
        let packs: Vec<(String, String)> = options
            .packs
            .into_iter()
            .enumerate()
            .map(|(i, pack)| pack.into_pair(|| format!("packs[{i}]")))
            .collect();
        let packs: Vec<(&str, &str)> = packs.iter().map(|(o, t)| (o.as_str(), t.as_str())).collect();
        let config = options
            .config
            .map(|config| config.into_pair(|| "postlint.toml".to_owned()));
        let config = config.as_ref().map(|(o, t)| (o.as_str(), t.as_str()));
        let inner = postlint::linter_from_texts(config, &packs, options.builtin).map_err(file_errors_to_js)?;
        Ok(Linter { inner })
    }

    /// The findings in `text`, sorted by position.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn lint(&self, #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
        let text = expect_string("lint", text)?;
        let diagnostics = self.inner.lint(&text);
        let findings: Vec<Finding<'_>> = diagnostics.iter().map(Finding::from).collect();
        to_js(&findings)
    }

    /// `text` with every offered fix applied (identifiers redacted, words replaced).
    #[wasm_bindgen(js_name = applyFixes)]
    pub fn apply_fixes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, JsValue> {
        let text = expect_string("applyFixes", text)?;
        Ok(self.inner.fix(&text).text)
    }

    /// Every loaded rule, in load order, with whether it runs under the configuration.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        let rules: Vec<RuleInfo<'_>> = self
            .inner
            .rule_set()
            .rules()
            .iter()
            .map(|rule| RuleInfo::new(rule, self.enabled(rule)))
            .collect();
        to_js(&rules)
    }

    /// Everything about the rule with this full id (`swearing/strong-swearing`),
    /// or `undefined` when no loaded rule has it.
    #[wasm_bindgen(unchecked_return_type = "Explanation | undefined")]
    pub fn explain(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.inner.rule_set().rule(id) {
            Some(rule) => to_js(&Explanation {
                info: RuleInfo::new(rule, self.enabled(rule)),
                explanation: &rule.explain,
                examples: ExampleTexts {
                    flag: rule.examples.flag.iter().map(|e| e.text.as_str()).collect(),
                    pass: rule.examples.pass.iter().map(|e| e.text.as_str()).collect(),
                },
            }),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

impl Linter {
    fn enabled(&self, rule: &postlint::Rule) -> bool {
        self.inner.enabled_rules().any(|r| r.id == rule.id)
    }
}

/// The options object, read by hand so that every mistake in it gets a
/// precise message (serde-wasm-bindgen ignores unknown keys and reports
/// wrong types in Rust terms).
struct Options {
    builtin: bool,
    packs: Vec<NamedText>,
    config: Option<NamedText>,
}

/// A pack or configuration: bare TOML text, or `{ origin, text }`.
enum NamedText {
    Bare(String),
    Named { origin: String, text: String },
}

impl NamedText {
    fn from_js(value: &JsValue, what: &str) -> Result<NamedText, JsValue> {
        if let Some(text) = value.as_string() {
            return Ok(NamedText::Bare(text));
        }
        if value.is_object() && !Array::is_array(value) {
            let origin = get(value, "origin").as_string();
            let text = get(value, "text").as_string();
            return match (origin, text) {
                (Some(origin), Some(text)) => Ok(NamedText::Named { origin, text }),
                _ => Err(options_error(format!(
                    "`{what}` must have the string properties `origin` and `text`"
                ))),
            };
        }
        Err(options_error(format!(
            "`{what}` must be a TOML string or an object {{ origin: string, text: string }}, not {}",
            describe(value)
        )))
    }

    fn into_pair(self, default_origin: impl FnOnce() -> String) -> (String, String) {
        match self {
            NamedText::Bare(text) => (default_origin(), text),
            NamedText::Named { origin, text } => (origin, text),
        }
    }
}

const OPTION_KEYS: &[&str] = &["builtin", "packs", "config"];

impl Options {
    fn from_js(value: Option<JsValue>) -> Result<Options, JsValue> {
        let mut options = Options {
            builtin: true,
            packs: Vec::new(),
            config: None,
        };
        let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
            return Ok(options);
        };
        if !value.is_object() || Array::is_array(&value) {
            return Err(options_error(format!(
                "options must be an object such as {{ builtin: true, packs: [], config: \"\" }}, not {}",
                describe(&value)
            )));
        }
        for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !OPTION_KEYS.contains(&key.as_str()) {
                return Err(options_error(format!(
                    "unknown option `{key}`; expected one of: {}",
                    OPTION_KEYS.join(", ")
                )));
            }
        }
        let builtin = get(&value, "builtin");
        if present(&builtin) {
            options.builtin = builtin
                .as_bool()
                .ok_or_else(|| options_error(format!("`builtin` must be true or false, not {}", describe(&builtin))))?;
        }
        let packs = get(&value, "packs");
        if present(&packs) {
            if !Array::is_array(&packs) {
                return Err(options_error(format!(
                    "`packs` must be an array of TOML strings or {{ origin, text }} objects, not {}",
                    describe(&packs)
                )));
            }
            for (i, pack) in Array::from(&packs).iter().enumerate() {
                options.packs.push(NamedText::from_js(&pack, &format!("packs[{i}]"))?);
            }
        }
        let config = get(&value, "config");
        if present(&config) {
            options.config = Some(NamedText::from_js(&config, "config")?);
        }
        Ok(options)
    }
}

/// `object[key]`; `undefined` when it is missing or the lookup throws (a getter).
fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn present(value: &JsValue) -> bool {
    !value.is_undefined() && !value.is_null()
}

/// A value's kind in words, for error messages: `number`, `array`, `null`...
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if Array::is_array(value) {
        "an array".to_owned()
    } else {
        match value.js_typeof().as_string().unwrap_or_default().as_str() {
            kind @ ("object" | "undefined") => format!("an {kind}"),
            kind => format!("a {kind}"),
        }
    }
}

fn options_error(message: String) -> JsValue {
    error_object(&[Detail {
        origin: "options",
        line: 0,
        column: 0,
        message,
    }])
}

/// A finding as JavaScript sees it: UTF-16 offsets flattened to `start`/`end`.
#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'static str,
    message: &'a str,
    start: usize,
    end: usize,
    line: u32,
    column: u32,
    text: &'a str,
    fix: Option<&'a str>,
    sources: Vec<&'a str>,
}

impl<'a> From<&'a postlint::Diagnostic> for Finding<'a> {
    fn from(d: &'a postlint::Diagnostic) -> Self {
        Finding {
            rule: d.rule.as_str(),
            category: d.category.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            start: d.utf16.start,
            end: d.utf16.end,
            line: d.line,
            column: d.column,
            text: &d.text,
            fix: d.fix.as_ref().map(|f| f.replacement.as_str()),
            sources: d.sources.iter().map(|s| s.as_str()).collect(),
        }
    }
}

#[derive(Serialize)]
struct RuleInfo<'a> {
    id: &'a str,
    category: &'a str,
    title: &'a str,
    severity: &'static str,
    message: &'a str,
    fix: Option<&'a str>,
    sources: &'a [postlint::Source],
    enabled: bool,
}

impl<'a> RuleInfo<'a> {
    fn new(rule: &'a postlint::Rule, enabled: bool) -> Self {
        RuleInfo {
            id: rule.id.as_str(),
            category: rule.pack.as_str(),
            title: &rule.title,
            severity: rule.severity.as_str(),
            message: &rule.message,
            fix: rule.fix.as_deref(),
            sources: &rule.sources,
            enabled,
        }
    }
}

#[derive(Serialize)]
struct Explanation<'a> {
    #[serde(flatten)]
    info: RuleInfo<'a>,
    explanation: &'a str,
    examples: ExampleTexts<'a>,
}

#[derive(Serialize)]
struct ExampleTexts<'a> {
    flag: Vec<&'a str>,
    pass: Vec<&'a str>,
}

/// Plain objects and arrays, `null` for absent values (not `undefined`, not `Map`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(&format!("postlint-wasm: could not convert a result: {e}")).into())
}

fn expect_string(method: &str, value: JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        js_sys::TypeError::new(&format!(
            "{method}(text): text must be a string, not {}",
            describe(&value)
        ))
        .into()
    })
}

/// One mistake, ready to become a JavaScript object.
struct Detail<'a> {
    origin: &'a str,
    line: u32,
    column: u32,
    message: String,
}

fn file_errors_to_js(errors: postlint::FileErrors) -> JsValue {
    let details: Vec<Detail<'_>> = errors
        .iter()
        .map(|e| Detail {
            origin: &e.origin,
            line: e.line,
            column: e.column,
            message: e.kind.to_string(),
        })
        .collect();
    error_object(&details)
}

/// A `PostlintError`: an `Error` with the first mistake's position and all of them in `errors`.
fn error_object(details: &[Detail<'_>]) -> JsValue {
    let message = details
        .iter()
        .map(|d| {
            if d.line == 0 {
                format!("{}: {}", d.origin, d.message)
            } else {
                format!("{}:{}:{}: {}", d.origin, d.line, d.column, d.message)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let error = Error::new(&message);
    error.set_name("PostlintError");
    let all = Array::new();
    for detail in details {
        let object = js_sys::Object::new();
        set_position(&object, detail);
        set(&object, "message", &JsValue::from_str(&detail.message));
        all.push(&object);
    }
    if let Some(first) = details.first() {
        set_position(&error, first);
    }
    set(&error, "errors", &all);
    error.into()
}

fn set_position(target: &js_sys::Object, detail: &Detail<'_>) {
    set(target, "origin", &JsValue::from_str(detail.origin));
    set(target, "line", &JsValue::from(detail.line));
    set(target, "column", &JsValue::from(detail.column));
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh, unfrozen object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
