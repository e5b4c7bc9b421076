// Annotates off the main thread, so typing and scrolling stay smooth whatever the text's size.
// Messages in: { id, text }. Messages out: { ready: true } once, then { id, entities, ms } or
// { id, error }.
import init, { annotate, warmUp } from "./pkg/release_annotator.js";

init().then(
  () => {
    self.postMessage({ ready: true });
    // Compile the rules now, while the reader is still pasting, so the first text is as fast as
    // the next ones. A text posted meanwhile waits for this to finish, as it would have waited
    // for the same work inside its own annotate call.
    try {
      warmUp();
    } catch {
      // Not needed for correctness: annotate compiles what it needs on first use.
    }
  },
  (e) => self.postMessage({ failed: String(e) }),
);

self.onmessage = ({ data }) => {
  const { id, text } = data;
  try {
    const t0 = performance.now();
    const entities = annotate(text);
    self.postMessage({ id, entities, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ id, error: String(e) });
  }
};
