// Types of the ready-to-use entry points (index.js for browsers, node.js for Node).
export { Linter } from "./postlint_wasm.js";
export type {
  Explanation,
  Finding,
  LinterOptions,
  NamedText,
  PostlintError,
  PostlintErrorDetail,
  RuleInfo,
  Severity,
  SourceInfo,
} from "./postlint_wasm.js";
