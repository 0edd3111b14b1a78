// Entry point for Node (>= 20): reads the .wasm beside this file from disk and
// instantiates it synchronously, then exports the API ready to use.
//
//   import { Linter } from "postlint-wasm"; // resolves here under Node
import { readFileSync } from "node:fs";
import { initSync } from "./postlint_wasm.js";

initSync({ module: readFileSync(new URL("./postlint_wasm_bg.wasm", import.meta.url)) });

export { Linter } from "./postlint_wasm.js";
