// ES module entry for Node.js. The WebAssembly is compiled synchronously when the package loads,
// so annotate() works at once; init() and initSync() exist so that code shared with the browser
// build (`await init()` first) runs unchanged.
export { annotate, version } from "./release_annotator.js";

/** Nothing to do in Node.js: the module is ready on import. */
export default async function init() {}

/** Nothing to do in Node.js: the module is ready on import. */
export function initSync() {}
