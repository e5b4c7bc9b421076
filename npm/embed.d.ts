// Types of embed.js: highlights in the existing content of a page.
import type { Entity, Label } from "./web/release_annotator.js";

export { annotate } from "./web/release_annotator.js";
export type { Attrs, Entity, Label } from "./web/release_annotator.js";

/** Every label, in the order of the annotation guide. */
export const LABELS: readonly Label[];

/** The default styles (in the `release-annotator` cascade layer); injected unless `styles: false`. */
export const STYLES: string;

/** `ra-drug` for DRUG: the highlight name (`::highlight(ra-drug)`) and fallback mark class. */
export function highlightName(label: Label): string;

/** Loads the WebAssembly once (optionally from another URL); annotations wait for it. */
export function load(wasmUrl?: string | URL): Promise<void>;

export interface AnnotateOptions {
  /** Labels to show: an array, or a string such as "DRUG DOSE" (case-insensitive). Absent or blank: all. */
  labels?: Iterable<Label | Lowercase<Label>> | string;
  /** "auto" (default): the CSS Custom Highlight API where available, else <mark> elements. */
  mode?: "auto" | "highlight" | "mark";
  /** Inject the default styles (default true). */
  styles?: boolean;
  /** A CSS selector of further elements to leave alone (script, style, form fields, editable content, [data-ra-skip] always are). */
  skip?: string;
}

/** An entity found in the page, with the DOM Range that holds its text. */
export interface PageEntity extends Entity {
  /** Offsets `start`/`end` index `Annotation.text`; `attrs.drug` indexes `Annotation.entities`. */
  range: Range;
}

export interface Annotation {
  /** The text that was annotated: the region's text nodes, with "\n\uFFFC\n" between blocks. */
  text: string;
  entities: PageEntity[];
  /** How the entities are painted. */
  mode: "highlight" | "mark";
  /** Removes the highlights or marks; the DOM is as it was before. */
  clear(): void;
}

/** Annotates the text inside `root` (annotating a root again replaces its annotation). */
export function annotateElement(root: Element, options?: AnnotateOptions): Promise<Annotation>;

/**
 * `<release-annotator labels="DRUG DOSE" mode="auto">…</release-annotator>`: annotates its own
 * content, again when its content or attributes change; fires "annotated" (detail: Annotation).
 * Undefined outside browsers.
 */
export declare class ReleaseAnnotatorElement extends HTMLElement {
  static readonly observedAttributes: string[];
  readonly annotation: Annotation | null;
  readonly entities: PageEntity[];
}

declare global {
  interface HTMLElementTagNameMap {
    "release-annotator": ReleaseAnnotatorElement;
  }
}
