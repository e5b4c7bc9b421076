// The annotation engine seen from the page: a Web Worker when the browser can run module workers
// (the usual case), otherwise the wasm on the main thread. Either way the latest request wins: while
// one text is being annotated, newer requests replace each other and only the newest is run next;
// superseded requests resolve to null.

export class Engine {
  /** "worker" or "main", once `start()` has resolved. */
  mode = "";
  #worker = null;
  #annotate = null;
  #busy = false;
  #next = null; // { text, resolve } waiting for the current run to finish
  #current = null; // { id, resolve } of the run in progress
  #id = 0;

  async start() {
    try {
      this.#worker = await new Promise((resolve, reject) => {
        const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
        w.onmessage = ({ data }) => (data.ready ? resolve(w) : reject(new Error(data.failed)));
        w.onerror = (e) => {
          e.preventDefault();
          reject(new Error(e.message || "worker failed to start"));
        };
      });
      this.#worker.onmessage = ({ data }) => this.#done(data);
      // A worker that dies mid-run must not leave the page waiting forever.
      this.#worker.onerror = (e) => {
        e.preventDefault();
        if (this.#current) this.#done({ id: this.#current.id, error: e.message || "the annotation worker failed" });
      };
      this.mode = "worker";
    } catch {
      this.#worker?.terminate();
      this.#worker = null;
      const wasm = await import("./pkg/release_annotator.js");
      await wasm.default();
      this.#annotate = wasm.annotate;
      this.mode = "main";
      // Compile the rules when the page is idle, so the first text is as fast as the next ones.
      const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 200));
      idle(() => {
        if (!this.#busy) wasm.warmUp();
      });
    }
  }

  /** Resolves to { entities, ms } for `text`, or to null when a newer request replaced it. */
  annotate(text) {
    return new Promise((resolve) => {
      if (this.#busy) {
        this.#next?.resolve(null);
        this.#next = { text, resolve };
      } else {
        this.#run(text, resolve);
      }
    });
  }

  #run(text, resolve) {
    this.#busy = true;
    const id = ++this.#id;
    this.#current = { id, resolve };
    if (this.#worker) {
      this.#worker.postMessage({ id, text });
    } else {
      // Let the caller's pending rendering happen first, then block for the annotation.
      setTimeout(() => {
        try {
          const t0 = performance.now();
          const entities = this.#annotate(text);
          this.#done({ id, entities, ms: performance.now() - t0 });
        } catch (e) {
          this.#done({ id, error: String(e) });
        }
      });
    }
  }

  #done(data) {
    if (!this.#current || data.id !== this.#current.id) return;
    const { resolve } = this.#current;
    this.#current = null;
    this.#busy = false;
    const next = this.#next;
    this.#next = null;
    if (next) {
      // A newer text is waiting: this result is already out of date.
      resolve(null);
      this.#run(next.text, next.resolve);
    } else {
      resolve(data.error ? { entities: [], ms: 0, error: data.error } : { entities: data.entities, ms: data.ms });
    }
  }
}
