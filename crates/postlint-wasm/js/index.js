// Entry point for browsers and bundlers: fetches and instantiates the .wasm
// beside this file (top-level await), then exports the API ready to use.
//
//   import { Linter } from "./pkg/index.js";
//   const linter = new Linter();
//
// To control loading yourself (a custom URL, a Response, a precompiled
// WebAssembly.Module), import `init`/`initSync` from "./postlint_wasm.js".
import init from "./postlint_wasm.js";

await init({ module_or_path: new URL("./postlint_wasm_bg.wasm", import.meta.url) });

export { Linter } from "./postlint_wasm.js";
