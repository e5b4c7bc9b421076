//! The JavaScript boundary: converts the core's entities to JS objects with UTF-16 offsets.
//! No annotation logic lives here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Entity labels, as defined by the annotation guide. */
export type Label = "DRUG" | "DOSE" | "SCHEDULE" | "OUTCOME" | "CONDITION" | "PHASE" | "TRIAL" | "COHORT";

/** Parsed values; which fields are present depends on the label. */
export interface Attrs {
  /** DRUG: code | generic | brand | component | regimen; SCHEDULE: frequency | route | duration; OUTCOME: efficacy | safety. */
  kind?: string;
  /** DRUG: FDA preferred name, lower case. */
  canonical?: string;
  /** DRUG: id shared by aliases of the same drug in this text. */
  group?: number;
  /** DOSE / OUTCOME: the number. */
  value?: number;
  /** DOSE: low end of a range. */
  low?: number;
  /** DOSE: high end of a range. */
  high?: number;
  /** DOSE: mg, ug, g, IU, U, mL, cells, ...; OUTCOME: %, months, ... */
  unit?: string;
  /** DOSE: "kg" or "m2". */
  per?: string;
  /** DOSE: ">=", "<=", ">" or "<". */
  comparator?: string;
  /** SCHEDULE: QD, BID, Q3W, ..., or a route: IV, SC, PO, ... */
  code?: string;
  /** DOSE / SCHEDULE: index of the DRUG it belongs to in the returned array. */
  drug?: number;
  /** OUTCOME: ORR, CR, PR, PFS, OS, HR, AE, ... */
  measure?: string;
  /** OUTCOME: confidence interval [low, high]. */
  ci?: [number, number];
  /** OUTCOME: p-value with its comparator. */
  p?: { comparator: string; value: number };
  /** OUTCOME: true for "no ...", "did not ...", "failed to ...". */
  negated?: boolean;
  /** PHASE: Arabic numerals, e.g. "1/2a". */
  phase?: string;
  /** TRIAL: ClinicalTrials.gov id. */
  nct?: string;
  /** COHORT: number of patients. */
  count?: number;
}

/** One entity. `start`/`end` are UTF-16 offsets: `text.slice(start, end) === entity.text`. */
export interface Entity {
  label: Label;
  start: number;
  end: number;
  text: string;
  /** The id of the rule that produced the entity. */
  rule: string;
  attrs: Attrs;
}
"#;

/// Annotates `text`: entities sorted by start, never overlapping, with UTF-16 offsets.
#[wasm_bindgen(js_name = annotate, unchecked_return_type = "Entity[]")]
pub fn annotate_js(text: &str) -> Result<JsValue, JsError> {
    let entities = crate::annotate(text);
    let js = crate::offsets::to_utf16(text, &entities);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&js, &serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// Compiles every rule's patterns ahead of the first text (see `warm_up` in the crate docs), so
/// the first `annotate` is as fast as the next ones. Call it when idle, after `init()`.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up_js() {
    crate::warm_up();
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
