export * from "./release_annotator.js";

/** Nothing to do in Node.js: the module is ready on import. Kept for parity with the browser build. */
export default function init(moduleOrPath?: unknown): Promise<void>;

/** Nothing to do in Node.js: the module is ready on import. Kept for parity with the browser build. */
export function initSync(module?: unknown): void;
